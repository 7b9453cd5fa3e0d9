"""The 2025 follow-up structure file says what the 2025 report says (plain Python, no database).

data/followup/vasterbotten/structure-2025.yaml holds the organisational structure of the
report "Resultat Västerbotten 2025": its 7 chapters, the units that write it, the contact list
and the 22 strategic areas. These tests check the counts and all internal references, that the
e-mail addresses are valid, that the sub-priority codes exist in the new strategy version, and
that the names really come from the report: every chapter title, area name, unit name, contact
name and title is found in the OCR seed of the report.

Matching the seed: the seed is OCR text that lost most å/ä/ö. Both sides are folded: diacritics
stripped (NFKD, combining marks dropped, so "é" → "e"), case-folded, runs of whitespace made
one space. Since the OCR also misread å/ä/ö as other characters, a position where the name
has å, ä or ö also accepts the misreadings listed in OCR_READINGS (documented in
shared/reference/resultat-2025-structure.md §6.1); every other character must match exactly,
and the match must not start or end inside a word.

The seed lives outside the repository: <repo>/../shared/seeds/…, or $RESULTAT_SHARED_DIR/seeds/….
Without it the seed tests fail (they do not skip).
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
STRUCTURE_FILE = REPO / "data" / "followup" / "vasterbotten" / "structure-2025.yaml"
STRATEGY_DIR = REPO / "data" / "strategies" / "vasterbotten"
USED_VERSION_FILE = STRATEGY_DIR / "rus-2020-2030-uppfoljning-2025.yaml"
NEW_VERSION_FILE = STRATEGY_DIR / "rus-2020-2030-aktualisering-2025-26.yaml"
SEED_NAME = "resultat-vasterbotten-2025.ocr.txt"

CHAPTER_CODES = ["p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "ru"]
AREA_COUNT = 22

EMAIL = re.compile(
    r"^[a-z0-9]+(?:[._-][a-z0-9]+)*"  # local part: no leading/trailing/double dots
    r"@[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*\.[a-z]{2,}$"
)
PHONE = re.compile(r"^0\d{1,3}-\d{2,3}(?: \d{2}){2}$")  # "070-608 48 88", "090-785 71 93"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# How the OCR printed å/ä/ö (after its own diacritics are stripped: "é" is "e").
OCR_READINGS = {
    "å": ["a", "d", "3", "&", "@", "e"],
    "ä": ["a", "d", "i", "ia", "ii", "e", "3", "4", "&", "@"],
    "ö": ["o", "e", "6", "0"],
}


# --------------------------------------------------------------------------- helpers


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", strip_diacritics(text).casefold()).strip()


def name_pattern(name: str) -> re.Pattern[str]:
    """A regex for the folded seed: exact, except that å/ä/ö accept their OCR readings."""
    parts = []
    for ch in re.sub(r"\s+", " ", unicodedata.normalize("NFC", name).casefold()).strip():
        if ch in OCR_READINGS:
            parts.append("(?:" + "|".join(re.escape(r) for r in OCR_READINGS[ch]) + ")")
        elif ch == " ":
            parts.append(" ")
        else:
            parts.append(re.escape(fold(ch)))
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)")  # whole words only


def seed_path() -> Path:
    shared = os.environ.get("RESULTAT_SHARED_DIR")
    base = Path(shared) if shared else Path(__file__).resolve().parents[3] / "shared"
    return base / "seeds" / SEED_NAME


@lru_cache(maxsize=1)
def _seed_text() -> str | None:
    path = seed_path()
    return path.read_text(encoding="utf-8") if path.is_file() else None


def seed_text() -> str:
    """The OCR seed of the report. Fails (does not skip) when it is missing."""
    text = _seed_text()
    if text is None:
        pytest.fail(
            f"The report seed is missing: {seed_path()}. These tests need it; set "
            "RESULTAT_SHARED_DIR to the directory that holds seeds/ (default: the 'shared' "
            "directory next to the repository).",
            pytrace=False,
        )
    return text


@lru_cache(maxsize=1)
def folded_seed() -> str:
    return fold(seed_text())


def in_seed(name: str) -> bool:
    return name_pattern(name).search(folded_seed()) is not None


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data() -> dict:
    return _load(STRUCTURE_FILE)


@pytest.fixture(scope="module")
def new_subpriority_codes() -> set[str]:
    strategy = _load(NEW_VERSION_FILE)
    return {sub["code"] for p in strategy["priorities"] for sub in p.get("subpriorities") or []}


def by_code(items: list[dict]) -> dict[str, dict]:
    return {item["code"]: item for item in items}


# --------------------------------------------------------------------------- structure


def test_header(data):
    assert data["format"] == "resultat-followup-structure/1"
    assert data["region"] == "vasterbotten"
    assert data["year"] == 2025
    used = _load(USED_VERSION_FILE)
    assert data["strategy_version"] == used["version"]["code"] == "uppfoljning-2025"


def test_seven_chapters_in_report_order(data):
    codes = [c["code"] for c in data["chapters"]]
    assert codes == CHAPTER_CODES, f"expected 7 chapters {CHAPTER_CODES}, found {codes}"
    priorities = {p["code"] for p in _load(USED_VERSION_FILE)["priorities"]}
    for code in codes[:-1]:
        assert code in priorities, f"chapter {code} is not a priority of {data['strategy_version']}"
    previous_end = 0
    for chapter in data["chapters"]:
        first, last = chapter["source_lines"]
        assert previous_end < first <= last, f"chapter {chapter['code']}: bad source_lines"
        previous_end = last


def test_22_areas_with_existing_chapters(data):
    areas = data["areas"]
    codes = [a["code"] for a in areas]
    assert len(areas) == AREA_COUNT, f"expected {AREA_COUNT} areas, found {len(areas)}"
    assert len(set(codes)) == len(codes), f"duplicate area codes: {codes}"
    assert [a["order"] for a in areas] == list(range(1, AREA_COUNT + 1))
    chapter_index = {c: i for i, c in enumerate(CHAPTER_CODES)}
    for area in areas:
        code, chapter = area["code"], area["chapter"]
        assert chapter in chapter_index, f"{code}: unknown chapter {chapter}"
        assert SLUG.match(code), code
    indices = [chapter_index[a["chapter"]] for a in areas]
    assert indices == sorted(indices), "areas are not in report (chapter) order"
    assert set(indices) == set(chapter_index.values()), "a chapter has no area"


def test_area_source_lines_lie_in_their_chapter(data):
    chapters = by_code(data["chapters"])
    previous_first = 0
    for area in data["areas"]:
        first, last = area["source_lines"]
        c_first, c_last = chapters[area["chapter"]]["source_lines"]
        assert c_first < first <= last <= c_last, f"{area['code']}: {area['source_lines']}"
        assert first > previous_first, f"{area['code']}: areas are not in line order"
        previous_first = first


def test_units_are_unique_and_used(data):
    codes = [u["code"] for u in data["units"]]
    assert len(set(codes)) == len(codes), f"duplicate unit codes: {codes}"
    for code in codes:
        assert SLUG.match(code), code
    used = {u for a in data["areas"] for u in a["units"]} | {c["unit"] for c in data["contacts"]}
    unused, unknown = set(codes) - used, used - set(codes)
    assert not unused and not unknown, f"units never used: {unused}; unknown: {unknown}"


def test_contacts_reference_existing_units_chapters_and_areas(data):
    units = by_code(data["units"])
    areas = by_code(data["areas"])
    assert data["contacts"], "no contacts"
    for contact in data["contacts"]:
        who = f"{contact['name']} ({contact['chapter']})"
        assert contact["unit"] in units, f"{who}: unknown unit {contact['unit']}"
        assert contact["chapter"] in CHAPTER_CODES, f"{who}: unknown chapter {contact['chapter']}"
        assert contact["areas"], f"{who}: no areas"
        for code in contact["areas"]:
            assert code in areas, f"{who}: unknown area {code}"
            assert areas[code]["chapter"] == contact["chapter"], f"{who}: {code} in another chapter"


def test_area_units_are_the_units_of_its_contacts(data):
    from_contacts: dict[str, set[str]] = {}
    for contact in data["contacts"]:
        for code in contact["areas"]:
            from_contacts.setdefault(code, set()).add(contact["unit"])
    for area in data["areas"]:
        assert len(set(area["units"])) == len(area["units"]), f"{area['code']}: duplicate units"
        assert set(area["units"]) == from_contacts.get(area["code"], set()), area["code"]


def test_joint_areas_are_symmetric_and_in_the_same_chapter(data):
    areas = by_code(data["areas"])
    for area in data["areas"]:
        for other in area["joint_with"]:
            code = area["code"]
            assert other in areas and other != code, f"{code}: bad joint_with {other}"
            assert code in areas[other]["joint_with"], f"{code} ↔ {other}: not symmetric"
            assert areas[other]["chapter"] == area["chapter"], f"{code} ↔ {other}: chapters differ"


def test_subpriorities_exist_in_the_new_version(data, new_subpriority_codes):
    assert len(new_subpriority_codes) == 20
    for area in data["areas"]:
        subs = area["subpriorities"]
        assert len(set(subs)) == len(subs), f"{area['code']}: duplicate sub-priorities"
        unknown = set(subs) - new_subpriority_codes
        assert not unknown, (
            f"{area['code']}: sub-priorities not in {NEW_VERSION_FILE.name}: {unknown}"
        )


def test_emails_are_valid(data):
    for contact in data["contacts"]:
        email = contact["email"]
        assert EMAIL.match(email), f"{contact['name']}: invalid e-mail {email!r}"


def test_phones_are_normalised(data):
    for contact in data["contacts"]:
        assert PHONE.match(contact["phone"]), f"{contact['name']}: phone {contact['phone']!r}"


# --------------------------------------------------------------------------- against the seed


def test_area_names_are_in_the_report(data):
    missing = [a["name"] for a in data["areas"] if not in_seed(a["name"])]
    assert not missing, f"area names not found in the seed {seed_path()}: {missing}"


def test_chapter_titles_units_and_contacts_are_in_the_report(data):
    names = [c["title"] for c in data["chapters"]]
    names += [u["name"] for u in data["units"]]
    names += [c["name"] for c in data["contacts"]] + [c["title"] for c in data["contacts"]]
    missing = sorted({n for n in names if not in_seed(n)})
    assert not missing, f"not found in the seed {seed_path()}: {missing}"


def test_emails_and_phones_are_as_printed(data):
    """E-mails are the printed ones with the OCR's spaces removed; phones are printed as given."""
    seed = seed_text()
    no_space = re.sub(r"\s+", "", seed).casefold()
    one_space = re.sub(r"[ \t]+", " ", seed)
    for contact in data["contacts"]:
        assert contact["email"] in no_space, f"{contact['name']}: e-mail not in the seed"
        assert contact["phone"] in one_space, f"{contact['name']}: phone not in the seed"


def test_contacts_are_listed_under_their_chapter(data):
    """The contact list (after "Kontakt för mer information") has one heading per chapter; the
    file's contacts of a chapter are the entries under that heading, in order."""
    lines = seed_text().split("\n")
    starts = [i for i, line in enumerate(lines) if fold(line) == "kontakt for mer information"]
    assert starts, "the seed has no contact list ('Kontakt för mer information')"
    listing = lines[starts[-1] + 1 :]
    headings = [
        i
        for i, line in enumerate(listing)
        if " — " in line or fold(line).startswith("regionala utvecklingsuppdraget")
    ]
    assert len(headings) == len(CHAPTER_CODES), f"expected 7 chapter headings: {len(headings)}"
    bounds = headings + [len(listing)]
    for index, chapter in enumerate(CHAPTER_CODES):
        block = "\n".join(listing[bounds[index] + 1 : bounds[index + 1]])
        printed = fold(block)
        contacts = [c for c in data["contacts"] if c["chapter"] == chapter]
        printed_count = block.count("@")
        assert len(contacts) == printed_count, (
            f"{chapter}: {len(contacts)} contacts in the file, {printed_count} printed"
        )
        position = 0
        for contact in contacts:
            found = name_pattern(contact["name"]).search(printed, position)
            assert found, f"{contact['name']} is not listed (in order) under chapter {chapter}"
            position = found.end()
