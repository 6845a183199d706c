"""The corpus of generated statements covers every shape; `make lint-cypher` lints it."""

from __future__ import annotations

import re
from pathlib import Path

from graph_service.ontology import RELATIONSHIP_TYPES
from tests.api.translate.corpus import write

CORPUS = Path(__file__).parents[3] / ".data" / "cypher-corpus"


def test_the_corpus_covers_every_shape() -> None:
    count = write(CORPUS)
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.cypher"))]
    assert count == len(texts) > 100
    everything = "\n".join(texts)
    for rel in RELATIONSHIP_TYPES:  # each relationship field, in each direction
        assert re.search(rf"\(n\)-\[r\d+:{rel.name}\]->", everything), rel.name
        assert re.search(rf"\(n\)<-\[r\d+:{rel.name}\]-", everything), rel.name
    for shape in (
        r"\.\w+ = \$p\d+",  # equality
        r"\.\w+ IN \$p\d+",
        r"\.\w+ > \$p\d+",
        r"\.\w+ >= \$p\d+",
        r"\.\w+ < \$p\d+",
        r"\.\w+ <= \$p\d+",
        r"CONTAINS f\d+",
        r"STARTS WITH f\d+",
        r"reduce\(s = toLower",  # folded text
        r"head\(n\.search_terms\)",  # names
        r"any\(x\d+ IN coalesce\(n\.\w+, \[\]\)",  # list properties
        r"[(] *EXISTS \{ MATCH",  # some
        r"NOT EXISTS \{ MATCH .* WHERE NOT coalesce",  # all
        r" OR ",
        r"NOT coalesce\(n\.",  # not
        r"RETURN max\(r\d+\.\w+\)",  # best value, descending
        r"RETURN min\(r\d+\.\w+\)",
        r"WHERE r\d+\.year = \$p\d+ RETURN",  # best value of a year
        r"r\d+\.valid_from <= \$p\d+",  # asOf
        r"r\d+\.year = \$p\d+",  # year
        r"n\.id > \$p\d+",  # after
        r"n\.id < \$p\d+",  # before
        r"r\d+\.id > \$p\d+",
        r"IS NULL DESC",  # backwards
        r"\w+ IS NOT NULL",  # before a null key
        r"COLLECT \{\n\s+MATCH \(m\d+\)",  # nesting
        r"COUNT \{\n\s+MATCH \(\w+\)-",  # a nested page's count
        r"\}\} AS row, null AS total ORDER BY n\.name, n\.id LIMIT",  # nested, in index order
        r"WITH n ORDER BY n\.name, n\.id LIMIT \$p\d+\nRETURN \{.*COLLECT \{",  # cut first
        r"WITH n, k\d+ ORDER BY .* LIMIT \$p\d+\nRETURN \{.*COLLECT \{",
        # a page and its count
        r"AS row, null AS total .*\nUNION ALL\nRETURN null AS row, COUNT \{ MATCH \(n:\w+\) \}",
        r"UNWIND coalesce\(r\d+\.sources",  # edge sources
        r"UNWIND \$ids AS id",  # nodes
        r"RETURN null AS row, COUNT \{ MATCH \(n:\w+\) WHERE",  # a filtered count
        r"UNWIND \$p\d+ AS id\n\s+MATCH \(n:Entity \{id: id\}\)",  # entities reached
        r"MATCH \(f\)-\[r:\w+\|\w+\]->\(m:Entity\)",  # neighbourhood, each direction
        r"MATCH \(f\)<-\[r:\w+\|\w+\]-\(m:Entity\)",
        r"MATCH \(f\)-\[r:[\w|]+\]-\(m:Entity\)\n\s+WHERE NOT r IN seenRels AND",
        r"rel: \{id: e\.rel\.id, rank: e\.rel\.rank, unverified: e\.rel\.unverified\}",
        r"CALL \(s, ms1, ms2, ms3\)",  # depth 3
        r"MATCH \(u\)-\[h:\w+\]-\(v:Entity\)\n\s+WHERE v IN vs",  # paths: the joining hop
        r"CALL \(b, a, y1\) \{",  # paths: a second level
        r"RETURN n\n\s+UNION\n\s+MATCH \(n:\w+\)",  # index scores over kinds
    ):
        assert re.search(shape, everything), shape
