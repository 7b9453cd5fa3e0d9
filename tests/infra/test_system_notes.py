"""The patterns that show the system's stored Swedish history notes in the reader's
language (resultat/infrastructure/system_notes.py)."""

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
