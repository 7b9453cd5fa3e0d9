"""The notes and comments the system writes into histories, shown in the reader's language.

Imports, opening a cycle, publishing, restoring a version and the like store a note or
comment on the history row they write (``StateChange.comment``, ``CycleEvent.comment``,
``Revision.note``, ``ReportSectionRevision.note``, ``InitiativeEdit.note``). They are
stored as Swedish text, as the open data and the audit trail hold them, and are
translated here, when a page shows them: ``system_note_text(text)`` (the template filter
``system_note``, ``{% load system_notes %}``) matches the stored text against the table
below and returns the msgid's translation with the parameters read from the stored text.

- A text that matches no pattern (a reviewer's comment, a note written by a person, an
  older or composite note) is returned as stored: people's words are content.
- A pattern must match the whole stored text (``re.fullmatch``), so a comment that merely
  begins like a system note ("Importerad från Word av mig") stays as written.
- On a Swedish page the stored text is returned unchanged, character for character.

To add a note: store the Swedish text as before, add a row with the regex of the stored
form and a function that calls gettext/ngettext with the msgid (named placeholders,
the group names), so ``make messages`` extracts it. docs/i18n.md, "System notes".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import get_language, gettext, ngettext

# a file name as the imports store it: no spaces, with an extension
_FILE = r"(?P<name>[^\s]+\.[A-Za-z0-9]+)"

NOTE_PATTERNS: list[tuple[re.Pattern[str], Callable[[dict[str, str]], str]]] = [
    # imports/services.py, imports/frontmatter.py
    (re.compile(rf"Importerad från {_FILE} rad (?P<first>\d+)–(?P<last>\d+)"),
     lambda p: gettext("Importerad från %(name)s rad %(first)s–%(last)s") % p),
    (re.compile(rf"Importerad från {_FILE}"),
     lambda p: gettext("Importerad från %(name)s") % p),
    # followup/services.py: open_cycle
    (re.compile(r"(?P<n>\d+) bidrag skapade"),
     lambda p: ngettext("%(n)s bidrag skapat", "%(n)s bidrag skapade", int(p["n"])) % p),
    (re.compile(r"(?P<n>\d+) bidrag skapade, texter överförda"),
     lambda p: ngettext("%(n)s bidrag skapat, texter överförda", "%(n)s bidrag skapade, texter överförda", int(p["n"])) % p),
    # followup/services.py: publish_cycle (stored in the publisher's language until 2026-12)
    (re.compile(r"(?P<n>\d+) bidrag (?:publicerat|publicerade)\."),
     lambda p: ngettext("%(n)s bidrag publicerat.", "%(n)s bidrag publicerade.", int(p["n"])) % p),
    (re.compile(r"Publicerad med cykeln"), lambda p: gettext("Publicerad med cykeln")),
    # followup/services.py: confirm_carry_over, restore_revision; reports/editing.py
    (re.compile(r"Överförd text bekräftad"), lambda p: gettext("Överförd text bekräftad")),
    (re.compile(r"Återställd från version (?P<n>\d+)"), lambda p: gettext("Återställd från version %(n)s") % p),
    # followup/services.py: send_reminder
    (re.compile(r"Påminnelse skickad till (?P<name>.+) <(?P<email>[^<>\s]+)> \((?P<n>\d+) bidrag\)"),
     lambda p: ngettext("Påminnelse skickad till %(name)s <%(email)s> (%(n)s bidrag)",
                        "Påminnelse skickad till %(name)s <%(email)s> (%(n)s bidrag)", int(p["n"])) % p),
    # followup/views.py (autosave), followup/wordexchange.py, followup/management/commands/word.py
    (re.compile(r"automatiskt sparat"), lambda p: gettext("automatiskt sparat")),
    (re.compile(r"från Word"), lambda p: gettext("från Word")),
    (re.compile(r"från Word \(kommandoraden\)"), lambda p: gettext("från Word (kommandoraden)")),
    # imports/proofreading.py
    (re.compile(r"korrektur: (?P<wrong>.+) -> (?P<right>.+)"), lambda p: gettext("korrektur: %(wrong)s -> %(right)s") % p),
    # initiatives/services.py
    (re.compile(r"skapad"), lambda p: gettext("skapad")),
    (re.compile(r"Bekräftad av analytiker"), lambda p: gettext("Bekräftad av analytiker")),
    (re.compile(r"Avvisad av analytiker"), lambda p: gettext("Avvisad av analytiker")),
    # reports/migrations/0003_foreword_as_section.py
    (re.compile(r"Flyttad från rapportens förord"), lambda p: gettext("Flyttad från rapportens förord")),
]


def system_note_text(text: str | None) -> str:
    """``text`` (a stored history note or comment) in the active language when the system
    wrote it (it matches a pattern of ``NOTE_PATTERNS`` in full); otherwise as stored."""
    if not text:
        return text or ""
    language = get_language() or "sv"
    if language.split("-")[0] == "sv":
        return text
    for pattern, render in NOTE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return render(match.groupdict())
    return text
