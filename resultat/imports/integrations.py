"""What the imports register with the mechanisms (loaded by ImportsConfig.ready): the
system notes they store in histories (``system_notes.py``: "Importerad från …",
"korrektur: … -> …"), shown in the reader's language."""

from resultat.imports import system_notes
from resultat.infrastructure.system_notes import register

register(system_notes.NOTES)
