"""The reports' system notes in a report text's revisions, shown in the reader's language
(registered by integrations.py with resultat/infrastructure/system_notes.py). A restored
revision ("Återställd från version n", editing.py) is the follow-up's note, registered there."""

from __future__ import annotations

from django.utils.translation import gettext

from resultat.infrastructure.system_notes import note

NOTES = (
    # migrations/0003_foreword_as_section.py
    note("reports.moved_from_foreword", r"Flyttad från rapportens förord", lambda p: gettext("Flyttad från rapportens förord")),
)
