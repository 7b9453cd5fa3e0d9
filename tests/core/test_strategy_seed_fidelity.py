"""The shipped RUS strategy file says what the seed says (plain Python, no database).

data/strategies/vasterbotten/rus-2020-2030-aktualisering-2025-26.yaml was written from the
seed text shared/seeds/rus-vasterbotten-2020-2030-aktualisering-2025-26.txt. These tests
check its structure (20 sub-priorities, 109 challenges, 109 needs, need → challenge links)
and that every sub-priority goal, challenge and need appears verbatim in the seed.

"Verbatim" is compared after normalisation: all whitespace and all hyphen characters are
removed from both sides, so PDF line breaks and hyphens at line ends do not matter. Before
that, a few seed lines that interrupt the body text are deleted and a few footnote markers
glued to words are removed; both lists are explicit below and checked against the seed, so
they cannot silently go stale.

The seed lives outside the repository: <repo>/../shared/seeds/…, or
$RESULTAT_SHARED_DIR/seeds/…. Without it the verbatim test fails (it does not skip).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
STRATEGY_FILE = (
    REPO / "data" / "strategies" / "vasterbotten" / "rus-2020-2030-aktualisering-2025-26.yaml"
)
SEED_NAME = "rus-vasterbotten-2020-2030-aktualisering-2025-26.txt"

# Seed lines (1-based) that are not body text but sit inside it; deleted before comparing.
# line -> the line's text (stripped), checked so that a changed seed is noticed.
PAGE_ARTEFACT_LINES = {
    # footnote 6, inside challenge 4 of 1.2
    1357: "6 Se även delprioritering 6.2",
    # running header and page number, between needs 5 and 6 of 4.1
    2802: "Regional utvecklingsstrategi 2020–2030",
    2804: "38",
    # footnote 8, inside challenge 3 of 4.2 …
    2931: "8 Kulturliv och kulturarv är en självklar del av de lokala livsmiljöernas",
    # … its end and footnote 9, inside the key actors of 4.2
    3002: "attraktivitet och tas upp i delprioritering 5.3.",
    3003: "9 Även robust digital infrastruktur, se delprioritering 3.4",
}

# Footnote markers glued to a word, removed from the seed line before comparing (the YAML
# file leaves them out and says so in a comment): line -> (as printed, without the marker).
FOOTNOTE_MARKERS = {
    1896: ("S37 Missions", "S3 Missions"),  # 2.2 need 2; footnote 7 has no text in the seed
    2972: ("funktionalitet9", "funktionalitet"),  # 4.2 challenge 6
    3165: ("Kulturmiljöer11", "Kulturmiljöer"),  # 4.3 challenge 4
}

HYPHENS = "-\u00ad\u2010\u2011"  # hyphen-minus, soft hyphen, hyphen, non-breaking hyphen
_STRIP = re.compile(r"[\s" + re.escape(HYPHENS) + "]+")


def normalise(text: str) -> str:
    return _STRIP.sub("", text)


def seed_path() -> Path:
    shared = os.environ.get("RESULTAT_SHARED_DIR")
    base = Path(shared) if shared else Path(__file__).resolve().parents[3] / "shared"
    return base / "seeds" / SEED_NAME


@lru_cache(maxsize=1)
def _seed_lines() -> tuple[str, ...] | None:
    path = seed_path()
    return tuple(path.read_text(encoding="utf-8").split("\n")) if path.is_file() else None


def normalised_seed() -> str:
    """The seed without artefact lines and footnote markers, normalised. Fails without it."""
    lines = _seed_lines()
    if lines is None:
        pytest.fail(
            f"The strategy seed is missing: {seed_path()}. This test needs it; set "
            "RESULTAT_SHARED_DIR to the directory that holds seeds/ (default: the 'shared' "
            "directory next to the repository).",
            pytrace=False,
        )
    lines = list(lines)
    for number, expected in PAGE_ARTEFACT_LINES.items():
        found = lines[number - 1]
        assert found.strip() == expected, f"seed line {number} is not {expected!r}: {found!r}"
        lines[number - 1] = ""
    for number, (printed, clean) in FOOTNOTE_MARKERS.items():
        found = lines[number - 1]
        assert printed in found, f"seed line {number} lacks the marker {printed!r}: {found!r}"
        lines[number - 1] = found.replace(printed, clean)
    return normalise("\n".join(lines))


@pytest.fixture(scope="module")
def strategy() -> dict:
    return yaml.safe_load(STRATEGY_FILE.read_text(encoding="utf-8"))


def subpriorities(strategy: dict) -> list[dict]:
    priorities = strategy["priorities"]
    return [sub for priority in priorities for sub in priority.get("subpriorities") or []]


def test_twenty_subpriorities(strategy):
    subs = subpriorities(strategy)
    numbers = [sub["number"] for sub in subs]
    assert len(subs) == 20, f"expected 20 sub-priorities, found {len(subs)}: {numbers}"
    assert len(set(numbers)) == 20, f"duplicate sub-priority numbers: {numbers}"
    assert [p["code"] for p in strategy["priorities"]] == [f"p-{n}" for n in range(1, 7)]


def test_109_challenges_and_109_needs(strategy):
    subs = subpriorities(strategy)
    challenges = sum(len(sub["challenges"]) for sub in subs)
    needs = sum(len(sub["needs"]) for sub in subs)
    assert (challenges, needs) == (109, 109), f"found {challenges} challenges and {needs} needs"


def test_each_need_answers_a_challenge_of_its_own_subpriority(strategy):
    problems = []
    for sub in subpriorities(strategy):
        code = sub["code"]
        challenge_codes = [c["code"] for c in sub["challenges"]]
        if len(sub["needs"]) != len(challenge_codes):
            problems.append(f"{code}: {len(challenge_codes)} challenges, {len(sub['needs'])} needs")
        for need in sub["needs"]:
            if need["challenge"] not in challenge_codes:
                problems.append(f"{need['code']}: challenge {need['challenge']!r} is not in {code}")
        answered = {need["challenge"] for need in sub["needs"]}
        problems += [f"{c}: no need answers it" for c in challenge_codes if c not in answered]
        # need N answers challenge N; codes use the ordinal position, not the printed label
        for n, (challenge, need) in enumerate(zip(sub["challenges"], sub["needs"]), 1):
            expected = (f"{code}-u{n}", f"{code}-b{n}", f"{code}-u{n}")
            if (challenge["code"], need["code"], need["challenge"]) != expected:
                problems.append(
                    f"{code}: position {n} holds challenge {challenge['code']} and "
                    f"need {need['code']} → {need['challenge']}"
                )
    assert not problems, "\n".join(problems)


def test_the_repeated_need_number_in_5_3_is_kept(strategy):
    [sub] = [s for s in subpriorities(strategy) if s["code"] == "dp-5.3"]
    assert [n["label"] for n in sub["needs"]] == ["1", "2", "3", "4", "4"]
    fifth = sub["needs"][4]
    assert (fifth["code"], fifth["challenge"]) == ("dp-5.3-b5", "dp-5.3-u5")


def test_goals_challenges_and_needs_are_verbatim_in_the_seed(strategy):
    seed = normalised_seed()
    missing = []

    def check(code: str, field: str, text: str | None):
        if not text or not text.strip():
            missing.append(f"{code}.{field}: empty")
        elif normalise(text) not in seed:
            missing.append(f"{code}.{field}: not in the seed: {text[:90]!r}")

    for sub in subpriorities(strategy):
        check(sub["code"], "goal", sub["goal"])
        for challenge in sub["challenges"]:
            check(challenge["code"], "text", challenge["text"])
        for need in sub["needs"]:
            check(need["code"], "title", need["title"])
            check(need["code"], "text", need.get("text"))
            # headline and examples are printed together: "N. Headline. Det kan handla om …"
            check(need["code"], "title+text", f"{need['title']} {need.get('text') or ''}")
    assert not missing, (
        f"{len(missing)} text(s) not found verbatim in {SEED_NAME}:\n" + "\n".join(missing)
    )
