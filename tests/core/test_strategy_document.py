"""The strategy file format: parsing, checking, writing (plain Python)."""

from pathlib import Path

import pytest
import yaml

from resultat.core.strategy import KnownReferences, StrategyFileError, dump_document, parse_document
from resultat.core.strategy.compare import compare_versions, word_diff

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "strategies" / "exempel.yaml"
KNOWN = KnownReferences(
    sdg_goals=frozenset(range(1, 18)),
    sdg_targets=frozenset({"4.3", "11.1"}),
    framework_items=frozenset({"nat-1", "nat-2", "po4"}),
)


def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def mutate(edit) -> str:
    data = yaml.safe_load(example_text())
    edit(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def problems_of(text: str) -> list:
    with pytest.raises(StrategyFileError) as info:
        parse_document(text, file="bad.yaml", known=KNOWN)
    return info.value.problems


def test_example_parses_with_its_own_level_names():
    doc = parse_document(example_text(), file="exempel.yaml", known=KNOWN)
    assert doc.data["levels"]["priority"]["singular"] == "Insatsområde"
    assert doc.counts() == {"goals": 1, "perspectives": 1, "priorities": 2, "subpriorities": 1, "challenges": 2, "needs": 2}
    assert doc.data["version"]["adopted_on"] == "2022-06-15"
    assert len(doc.content_hash) == 64


def test_same_text_same_hash_and_changed_text_new_hash():
    a = parse_document(example_text(), known=KNOWN)
    b = parse_document(example_text(), known=KNOWN)
    c = parse_document(mutate(lambda d: d["vision"].update(title="Annan vision")), known=KNOWN)
    assert a.content_hash == b.content_hash != c.content_hash


def test_missing_field_names_path_and_line():
    text = mutate(lambda d: d["priorities"][0]["subpriorities"][0].pop("goal"))
    [problem] = problems_of(text)
    assert problem.path == "priorities[io-1].subpriorities[m-1.1]"
    assert "goal" in problem.message
    assert problem.file == "bad.yaml"
    line = text.splitlines()[problem.line - 1]
    assert "code: m-1.1" in line or "m-1.1" in line


def test_duplicate_code_is_reported_with_both_places():
    def dup(d):
        d["priorities"][1]["code"] = "io-1"

    [problem] = problems_of(mutate(dup))
    assert "io-1" in problem.message and "används redan" in problem.message


def test_need_without_known_challenge():
    def bad(d):
        d["priorities"][0]["subpriorities"][0]["needs"][1]["challenge"] = "m-1.1-p9"

    problems = problems_of(mutate(bad))
    messages = " ".join(p.message for p in problems)
    assert "m-1.1-p9" in messages
    # and the challenge left without a need is reported too
    assert "m-1.1-p2" in messages


def test_need_missing_challenge_field():
    def bad(d):
        d["priorities"][0]["subpriorities"][0]["needs"][0].pop("challenge")

    [problem] = problems_of(mutate(bad))
    assert problem.path.endswith("needs[m-1.1-a1]") and "challenge" in problem.message


def test_unknown_sdg_goal_and_target():
    def bad(d):
        d["goals"][0]["sdg_goals"] = [11, 18]
        d["priorities"][0]["subpriorities"][0]["sdg_targets"] = ["4.99"]

    problems = problems_of(mutate(bad))
    assert any("18" in p.message and p.path == "goals[lm-1].sdg_goals[2]" for p in problems)
    assert any("4.99" in p.message for p in problems)


def test_unknown_framework_item_and_perspective():
    def bad(d):
        d["priorities"][0]["national_areas"] = ["nat-9"]
        d["priorities"][0]["subpriorities"][0]["perspectives"][0]["perspective"] = "per-okand"

    messages = [p.message for p in problems_of(mutate(bad))]
    assert any("nat-9" in m for m in messages) and any("per-okand" in m for m in messages)


def test_yaml_syntax_error_has_a_line():
    [problem] = problems_of("format: resultat-strategy/1\nregion: [oops\n")
    assert problem.line is not None and "YAML" in problem.message


def test_duplicate_yaml_key_is_an_error():
    [problem] = problems_of(example_text().replace("format: resultat-strategy/1", "format: resultat-strategy/1\nformat: x", 1))
    assert "två gånger" in problem.message


def test_wrong_format_and_unknown_field():
    problems = problems_of(mutate(lambda d: d.update(format="x", extra=1)))
    assert {p.path for p in problems} >= {"format", ""}
    assert any("extra" in p.message for p in problems)


def test_not_a_mapping():
    [problem] = problems_of("- a\n- b\n")
    assert "mappning" in problem.message


def test_dump_round_trips():
    doc = parse_document(example_text(), known=KNOWN)
    again = parse_document(dump_document(doc.data), known=KNOWN)
    assert again.data == doc.data
    assert again.content_hash == doc.content_hash


def test_compare_pairs_on_code_and_mapping():
    old = yaml.safe_load(example_text())
    new = yaml.safe_load(example_text())
    new["priorities"][0]["code"] = "io-kompetens"
    new["priorities"][0]["title"] = "Kompetens och lärande"
    new["priorities"][1]["subpriorities"] = []
    new["goals"].append({"code": "lm-2", "title": "Nytt mål"})
    new["mapping_from_previous"] = [{"from": "io-1", "to": "io-kompetens", "note": "Namnbyte"}]
    new["perspectives"] = []
    result = compare_versions(old, new)
    prio = {r.old_code: r for r in result["priorities"]}
    assert prio["io-1"].new_code == "io-kompetens" and prio["io-1"].status == "changed" and prio["io-1"].note == "Namnbyte"
    assert ("+", "och lärande") in prio["io-1"].title_diff
    assert prio["io-2"].status == "unchanged"
    assert [r.status for r in result["goals"]] == ["unchanged", "new"]
    assert [r.status for r in result["perspectives"]] == ["removed"]


def test_word_diff():
    assert word_diff("En levande plats", "En livskraftig plats") == [("=", "En"), ("-", "levande"), ("+", "livskraftig"), ("=", "plats")]
