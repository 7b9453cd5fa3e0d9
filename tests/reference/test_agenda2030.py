"""The Agenda 2030 reference file: every target in English and Swedish, the Swedish
text a translation of the English (same numbers), and loadable."""

import re
from pathlib import Path

import yaml

FILE = Path(__file__).resolve().parents[2] / "data" / "reference" / "agenda2030.yaml"


def _numbers(text: str, *, swedish: bool) -> list[str]:
    """The numbers of a text: 1.25 (English) and 1,25 (Swedish) are the same number, so are
    100,000 and 100 000; "10-Year" is written "tioåriga" in Swedish."""
    if swedish:
        text = re.sub(r"(?<=\d) (?=\d{3}\b)", "", text).replace(",", ".")
    else:
        text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
        text = re.sub(r"10[-\u2010]year", "", text, flags=re.IGNORECASE)
    return sorted(re.findall(r"\d+(?:\.\d+)?", text))


def test_every_goal_and_target_has_swedish_and_english_text():
    data = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    goals = data["goals"]
    targets = [t for g in goals for t in g["targets"]]
    assert len(goals) == 17 and len(targets) == 169
    assert all(g.get("title_sv") and g.get("title_en") for g in goals)
    assert all(t.get("text_sv") and t.get("text_en") and t["text_sv"] != t["text_en"] for t in targets)
    assert "unofficial translation" in data["source"]["sv"]


def test_swedish_targets_keep_the_numbers_of_the_english_text():
    data = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    wrong = []
    for goal in data["goals"]:
        for t in goal["targets"]:
            english = [n for n in _numbers(t["text_en"], swedish=False) if n not in ("1", "2", "3")]  # "one", "two" may be words
            swedish = _numbers(t["text_sv"], swedish=True)
            missing = [n for n in english if n not in swedish]
            if missing:
                wrong.append((t["code"], missing))
    assert wrong == []
