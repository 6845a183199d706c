"""The stored search terms: what one range scan must be able to find."""

from hypothesis import given
from hypothesis import strategies as st

from graph_service.text_search import _normalise_unicode, indexed_terms, normalise, query_forms


def test_every_word_suffix_is_a_compact_term_and_the_name_keeps_its_spaced_form() -> None:
    terms = indexed_terms("Pemerintah Kota Cimahi", ["Pemkot Cimahi", "Kota Cimahi"])
    assert terms == [
        {"term": "pemerintahkotacimahi", "whole": True, "name_form": "pemerintah kota cimahi"},
        {"term": "kotacimahi", "whole": True},  # a suffix of the name, but a whole alias
        {"term": "cimahi", "whole": False},
        {"term": "pemkotcimahi", "whole": True},
    ]


def test_accents_case_and_punctuation_fold_and_the_compact_query_meets_the_terms() -> None:
    terms = {t["term"] for t in indexed_terms("Kementerian PAN-RB", ["Kemenpan RB"])}
    assert terms == {"kementerianpanrb", "panrb", "rb", "kemenpanrb"}
    assert query_forms("KemenPAN  RB")[-1] == "kemenpanrb"
    assert indexed_terms("Élan Ñandú", [])[0] == {
        "term": "elannandu",
        "whole": True,
        "name_form": "elan nandu",
    }


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_ascii_shortcut_folds_as_the_unicode_path_does(text: str) -> None:
    assert normalise(text) == _normalise_unicode(text)
