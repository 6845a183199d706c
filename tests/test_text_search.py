"""The stored search terms: what one range scan, and the seeks for near matches, must be
able to find."""

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from graph_service.text_search import (
    NEAR_KEYS,
    _normalise_unicode,
    indexed_terms,
    near_keys,
    near_probes,
    normalise,
    query_forms,
)


def test_every_word_suffix_is_a_compact_term_and_the_name_keeps_its_spaced_form() -> None:
    terms = indexed_terms("Pemerintah Kota Cimahi", ["Pemkot Cimahi", "Kota Cimahi"])
    assert [(t["term"], t["whole"], t["text"], t.get("name_form")) for t in terms] == [
        ("pemerintahkotacimahi", True, "Pemerintah Kota Cimahi", "pemerintah kota cimahi"),
        ("kotacimahi", True, "Kota Cimahi", None),  # a suffix of the name, but a whole alias
        ("cimahi", False, "Pemerintah Kota Cimahi", None),
        ("pemkotcimahi", True, "Pemkot Cimahi", None),
    ]
    assert {k: terms[2][k] for k in NEAR_KEYS} == {
        "near_12": "6:ci|a",
        "near_13": "6:ci|i",
        "near_23": "6:a|i",
    }


def test_accents_case_and_punctuation_fold_and_the_compact_query_meets_the_terms() -> None:
    terms = {t["term"] for t in indexed_terms("Kementerian PAN-RB", ["Kemenpan RB"])}
    assert terms == {"kementerianpanrb", "panrb", "rb", "kemenpanrb"}
    assert query_forms("KemenPAN  RB")[-1] == "kemenpanrb"
    first = indexed_terms("Élan Ñandú", [])[0]
    assert (first["term"], first["name_form"]) == ("elannandu", "elan nandu")


def test_short_terms_have_no_near_keys() -> None:
    assert near_keys("abc") is None and near_probes("abc") is None
    rb = next(t for t in indexed_terms("Kementerian PAN-RB", []) if t["term"] == "rb")
    assert not set(NEAR_KEYS) & set(rb)


def _one_edit_away(word: str) -> set[str]:
    letters = "abz"
    near = {word[:i] + word[i + 1 :] for i in range(len(word))}
    near |= {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in letters}
    near |= {word[:i] + c + word[i + 1 :] for i in range(len(word)) for c in letters}
    near |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    return near - {word}


def test_every_term_one_edit_from_a_query_shares_a_probed_key() -> None:
    """Substitutions, insertions, deletions and swapped neighbours, at every position."""
    for term in ["cimahi", "kemenpanrb", "abcd", "abcde", "abcdef", "abcdefg", "pemkotcimahi"]:
        keys = near_keys(term)
        assert keys is not None
        for query in _one_edit_away(term):
            assert OSA.distance(query, term) == 1
            probes = near_probes(query)
            if probes is None:  # a query of three letters looks for nothing near
                assert len(query) < 4
                continue
            assert any(keys[k] in probes[k] for k in NEAR_KEYS), (term, query)


def test_probes_are_few() -> None:
    """Nine keys, three per length the term may have."""
    probes = near_probes("kemenpanrv")
    assert probes is not None
    assert probes["near_13"] == ["9:kem|rv", "10:kem|nrv", "11:kem|nrv"]
    assert [len(values) for values in probes.values()] == [3, 3, 3]


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_ascii_shortcut_folds_as_the_unicode_path_does(text: str) -> None:
    assert normalise(text) == _normalise_unicode(text)
