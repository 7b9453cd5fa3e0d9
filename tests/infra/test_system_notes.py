"""The patterns that show the system's stored Swedish history notes in the reader's
language (resultat/infrastructure/system_notes.py)."""

import ast
from pathlib import Path

import pytest
from django.utils import translation

from resultat.infrastructure.system_notes import NOTE_PATTERNS, system_note_text

STORED = {
    "Importerad från resultat-vasterbotten-2025.ocr.txt": "Imported from resultat-vasterbotten-2025.ocr.txt",
    "Importerad från resultat-vasterbotten-2025.ocr.txt rad 120–164":
        "Imported from resultat-vasterbotten-2025.ocr.txt lines 120–164",
    "176 bidrag skapade": "176 contributions created",
    "1 bidrag skapade": "1 contribution created",
    "176 bidrag skapade, texter överförda": "176 contributions created, texts carried over",
    "1 bidrag skapade, texter överförda": "1 contribution created, texts carried over",
    "Publicerad med cykeln": "Published with the cycle",
    "Överförd text bekräftad": "Carried-over text confirmed",
    "Återställd från version 3": "Restored from version 3",
    "2 bidrag publicerade.": "2 contributions published.",
    "automatiskt sparat": "saved automatically",
    "från Word (kommandoraden)": "from Word (command line)",
    "Bekräftad av analytiker": "Confirmed by an analyst",
}

# people's words, or texts that only begin like a system note: shown as written
AS_WRITTEN = [
    "Importerad från Word av mig, se kommentaren",
    "Importerad från",
    "Importerad från fil.txt – men stycke 2 saknas",
    "176 bidrag skapade men tre saknas",
    "Bra, men se över stycke 2",
    "Återställd från version tre",
    "",
]


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("stored", sorted(STORED))
def test_system_notes_in_english(english, stored):
    assert system_note_text(stored) == STORED[stored]


@pytest.mark.parametrize("text", AS_WRITTEN)
def test_other_texts_as_written(english, text):
    assert system_note_text(text) == text


@pytest.mark.parametrize("stored", sorted(STORED) + AS_WRITTEN)
def test_swedish_unchanged(stored):
    with translation.override("sv"):
        assert system_note_text(stored) == stored


def test_none_is_empty():
    assert system_note_text(None) == ""


def test_every_pattern_is_anchored_by_fullmatch(english):
    # a system note inside a longer comment is the person's text
    for stored in STORED:
        assert system_note_text(f"Se: {stored}") == f"Se: {stored}"
    assert len(NOTE_PATTERNS) >= 10


# --- owners register, the mechanism serves (resultat/infrastructure/hooks.py) -------------


def test_the_notes_are_registered_by_the_apps_that_write_them():
    owners = {entry.name: entry.render.__module__ for entry in NOTE_PATTERNS}
    assert len(owners) == len(NOTE_PATTERNS) >= 10
    for name, module in owners.items():
        app = name.split(".")[0]
        assert module == f"resultat.{app}.system_notes", (name, module)
    assert {name.split(".")[0] for name in owners} == {"followup", "imports", "initiatives", "reports"}


def test_the_mechanism_holds_no_note_of_its_own():
    # no msgid and no stored form in the infrastructure module: they live with their owners
    import resultat.infrastructure.system_notes as mechanism

    tree = ast.parse(Path(mechanism.__file__).read_text(encoding="utf-8"))
    called = {getattr(node.func, "id", getattr(node.func, "attr", None)) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    assert not called & {"gettext", "ngettext", "_"}
    strings = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    assert not [s for s in strings for entry in NOTE_PATTERNS if s and entry.pattern.fullmatch(s)]


@pytest.mark.parametrize("stored", sorted(STORED) + ["Flyttad från rapportens förord", "korrektur: a -> b", "skapad"])
def test_a_stored_form_matches_exactly_one_owners_note(stored):
    # first match wins, but no note relies on the order of the apps: the forms are disjoint
    assert [entry.name for entry in NOTE_PATTERNS if entry.pattern.fullmatch(stored)] != []
    assert len([entry for entry in NOTE_PATTERNS if entry.pattern.fullmatch(stored)]) == 1


def test_a_registered_note_is_served_and_an_unregistered_one_is_not(english):
    from resultat.infrastructure.system_notes import note, register

    text = "Testnot 7 från testet"
    assert system_note_text(text) == text
    register([note("tests.note", r"Testnot (?P<n>\d+) från testet", lambda p: "Test note {n}".format(**p))])
    try:
        assert system_note_text(text) == "Test note 7"
        with translation.override("sv"):
            assert system_note_text(text) == text
    finally:
        NOTE_PATTERNS.unregister("tests.note")
    assert system_note_text(text) == text
