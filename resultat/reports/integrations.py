"""What the reports register with the mechanisms (loaded by ReportsConfig.ready): the
system notes they store in a text's revisions (``system_notes.py``), shown in the
reader's language."""

from resultat.infrastructure.system_notes import register
from resultat.reports import system_notes

register(system_notes.NOTES)
