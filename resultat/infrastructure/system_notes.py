"""The notes and comments the system writes into histories, shown in the reader's language.

Imports, opening a cycle, publishing, restoring a version and the like store a note or
comment on the history row they write (``StateChange.comment``, ``CycleEvent.comment``,
``Revision.note``, ``ReportSectionRevision.note``, ``InitiativeEdit.note``). They are
stored as Swedish text, as the open data and the audit trail hold them, and are
translated here, when a page shows them: ``system_note_text(text)`` (the template filter
``system_note``, ``{% load system_notes %}``) matches the stored text against the
registered notes and returns the msgid's translation with the parameters read from the
stored text.

This module is the mechanism only and knows no note: the app that writes a note owns its
pattern and registers it with the hook ``system_notes`` (``NOTE_PATTERNS``) from its
``integrations.py``, a ``SystemNote`` built with ``note()`` in the app's own
``system_notes.py`` (resultat/followup/system_notes.py and the like).

- A text that matches no pattern (a reviewer's comment, a note written by a person, an
  older or composite note) is returned as stored: people's words are content.
- A pattern must match the whole stored text (``re.fullmatch``), so a comment that merely
  begins like a system note ("Importerad från Word av mig") stays as written.
- The notes are tried in registration order (the apps' order in INSTALLED_APPS, then each
  app's own order); the first full match wins. Owners keep their patterns disjoint from
  other apps' (tests/infra/test_system_notes.py checks that every stored form it lists
  matches exactly one note).
- On a Swedish page the stored text is returned unchanged, character for character.

To add a note: store the Swedish text as before, add a ``note(...)`` with the regex of the
stored form and a function that calls gettext/ngettext with the msgid (named placeholders,
the group names) to the writing app's ``system_notes.py``, so ``make messages`` extracts
it. docs/i18n.md, "System notes".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import get_language

from resultat.infrastructure import hooks

NOTE_PATTERNS = hooks.serve(
    "system_notes",
    "A history note the system stores in Swedish: a SystemNote (its key, the regex of the "
    "stored form, a function of the named groups that returns the msgid's translation), "
    "registered by the app that writes the note from its integrations.py.",
)


@dataclass(frozen=True)
class SystemNote:
    """A stored note's form and its translation. ``name`` is the hook key, "<app>.<what>"."""

    name: str
    pattern: re.Pattern[str]
    render: Callable[[dict[str, str]], str]


def note(name: str, regex: str, render: Callable[[dict[str, str]], str]) -> SystemNote:
    """A ``SystemNote``: ``regex`` matches the whole stored Swedish text, its named groups
    are passed to ``render`` (which calls gettext/ngettext with the msgid)."""
    return SystemNote(name, re.compile(regex), render)


def register(notes: tuple[SystemNote, ...] | list[SystemNote]) -> None:
    """The owner's side (from its integrations.py): register ``notes`` in their order."""
    for entry in notes:
        NOTE_PATTERNS.register(entry)


def system_note_text(text: str | None) -> str:
    """``text`` (a stored history note or comment) in the active language when the system
    wrote it (it matches a registered note in full); otherwise as stored."""
    if not text:
        return text or ""
    language = get_language() or "sv"
    if language.split("-")[0] == "sv":
        return text
    for entry in NOTE_PATTERNS:
        match = entry.pattern.fullmatch(text)
        if match:
            return entry.render(match.groupdict())
    return text
