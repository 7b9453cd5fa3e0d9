"""Forgiving search (a missing å/ä/ö) and suggestions: the plain-Python part."""

from resultat.core.search import parse
from resultat.core.search.forgiving import forgiving, forgiving_stems, suggest, vocabulary
from resultat.core.search.highlight import highlight
from resultat.core.search.text import FOLD_MARK, fold, shadow_text


def test_fold_drops_the_marks():
    assert fold("kompetensförsörjning") == "kompetensforsorjning"
    assert fold("Umeå Älvsbyn café") == "Umea Alvsbyn cafe"


def test_shadow_text_keeps_the_stems_and_adds_folded_twins_behind_the_mark():
    words = shadow_text("Kompetensförsörjningen i Umeå och utveckling").split()
    assert words == ["kompetensförsörjning", "umeå", "utveckling", f"{FOLD_MARK}kompetensforsorjning", f"{FOLD_MARK}ume"]
    assert "mal" not in shadow_text("mål").split()  # the exact search still tells mål from mal


def test_forgiving_query_offers_each_word_with_its_twin():
    query = parse('kompetensforsorjning Umea kompet* -"smart specialisering"')
    lenient = forgiving(query)
    assert lenient.to_fts5() == (
        f'(("kompetensforsorjning" OR "{FOLD_MARK}kompetensforsorjning") AND ("ume" OR "{FOLD_MARK}ume") AND '
        f'(("kompet"* OR "komp") OR ("{FOLD_MARK}kompet"* OR "{FOLD_MARK}komp"))) NOT "smart specialisering"'
    )
    assert f"'{FOLD_MARK}ume'" in lenient.to_tsquery()
    assert forgiving(parse('"smart specialisering"')) is None  # phrases are not forgiven


def test_the_twin_of_a_query_word_is_the_twin_the_index_holds():
    query = forgiving(parse("kompetensforsorjningen"))
    twin = query.groups[0][1].stem
    assert twin in shadow_text("Om kompetensförsörjning i länet").split()


def test_forgiving_highlight_marks_the_word_with_its_marks():
    stems, prefixes = forgiving_stems(parse("kompetensforsorjning Umea"))
    html = highlight("Kompetensförsörjningen i Umeå", stems, prefixes, forgiving=True)
    assert html == "<mark>Kompetensförsörjningen</mark> i <mark>Umeå</mark>"
    assert "<mark>" not in highlight("Kompetensförsörjningen i Umeå", stems, prefixes)  # not without the flag


def test_suggest_replaces_unknown_words_with_the_closest_title_words():
    words = vocabulary(["Kompetensförsörjning", "Kommunikation och kollektivtrafik", "Umeå", "Skellefteå"])
    assert words["kompetensforsorjning"] == "kompetensförsörjning"
    assert suggest("kompetensforsorjnig", words)[0] == "kompetensförsörjning"
    assert suggest("kollektivtrafk Umea", words)[0] == "kollektivtrafik Umea"  # Umea: the forgiving search finds Umeå
    assert suggest("-kolektivtrafik", words) == ["-kollektivtrafik"]  # the operator stays
    assert suggest("Umeå", words) == []  # a known word: nothing to propose
    assert suggest("xyzzy", words) == []  # nothing close
