"""Suspect words and corrections on small texts (the real lexicon, no database)."""

import pytest

from resultat.core.ocr import get_lexicon, get_repairer
from resultat.core.reportparse.proofread import (
    apply_correction,
    find_suspects,
    replaced_occurrence,
    words,
)


@pytest.fixture(scope="module")
def tools():
    lexicon, repairer = get_lexicon(), get_repairer()
    return lexicon, repairer.analyser(0.9)


def test_capital_o_inside_a_sentence_and_ocr_garbage(tools):
    lexicon, analyser = tools
    found = find_suspects(
        "<p>Företagen har fått en betydlig Ökad kunskap. Ökad kunskap ger mer.</p><p>Den demografiska strukturen ildnet och Region Östergötland.</p>",
        lexicon=lexicon, analyser=analyser)
    got = {(s.word, s.kind) for s in found}
    assert ("Ökad", "case") in got and ("ildnet", "unknown") in got
    case = [s for s in found if s.kind == "case"]
    assert len(case) == 1 and case[0].occurrence == 0 and case[0].suggestions == ("ökad",)  # not the one opening a sentence
    assert "Östergötland" not in {s.word for s in found}  # a name after "Region"


def test_words_inside_tags_and_entities_are_not_words():
    text = '<p class="x">a &amp; b</p>'
    assert [w for _, _, w in words(text)] == ["a", "b"]


def test_apply_correction_changes_exactly_the_chosen_occurrence():
    text = "<p>var är vi</p><p>var är ni</p>"
    assert apply_correction(text, "var", "vår", 1) == "<p>var är vi</p><p>vår är ni</p>"
    with pytest.raises(ValueError, match="finns inte"):
        apply_correction(text, "var", "vår", 2)
    after = apply_correction(text, "är", "år", 1)
    assert replaced_occurrence(text, after, "är", "år", 1) == 0


def test_a_confusion_word_is_suspect_only_when_context_finds_the_other_close(tools):
    lexicon, analyser = tools
    found = find_suspects("Det är viktigt. Under ett antal är har arbetet pågått.", lexicon=lexicon, analyser=analyser)
    confusions = [(s.word, s.occurrence, s.suggestions) for s in found if s.kind == "confusion"]
    assert ("är", 1, ("år",)) in confusions
    assert ("är", 0, ("år",)) not in confusions
