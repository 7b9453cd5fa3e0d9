"""The imports' system notes in histories, shown in the reader's language
(registered by integrations.py with resultat/infrastructure/system_notes.py)."""

from __future__ import annotations

from django.utils.translation import gettext

from resultat.infrastructure.system_notes import note

# a file name as the imports store it: no spaces, with an extension
_FILE = r"(?P<name>[^\s]+\.[A-Za-z0-9]+)"

NOTES = (
    # services.py, frontmatter.py
    note("imports.imported_lines", rf"Importerad från {_FILE} rad (?P<first>\d+)–(?P<last>\d+)",
         lambda p: gettext("Importerad från %(name)s rad %(first)s–%(last)s") % p),
    note("imports.imported", rf"Importerad från {_FILE}", lambda p: gettext("Importerad från %(name)s") % p),
    # proofreading.py
    note("imports.proofread", r"korrektur: (?P<wrong>.+) -> (?P<right>.+)", lambda p: gettext("korrektur: %(wrong)s -> %(right)s") % p),
)
