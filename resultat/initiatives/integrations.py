"""What the initiative register registers with the mechanisms (loaded by
InitiativesConfig.ready): its open dataset (``datasets.py``) and its search kind
(``search_kinds.py``), kept current when an initiative or its areas change; the
learning pages' "insatser" counter (``learning_counters.py``); and the system notes of its
edit history (``system_notes.py``), shown in the reader's language."""

from django.db.models.signals import m2m_changed

from resultat.infrastructure.hooks import hook
from resultat.infrastructure.system_notes import register as register_notes
from resultat.initiatives import datasets, learning_counters, search_kinds, system_notes  # noqa: F401 - datasets register on import
from resultat.initiatives.models import Initiative
from resultat.search import signals
from resultat.search.registry import register

register(search_kinds.KIND)
hook("learning.counters").register(learning_counters.initiatives_per_subpriority, key="insatser")
register_notes(system_notes.NOTES)
signals.reindex_on_save(Initiative, "initiative")
m2m_changed.connect(signals.related_changed("initiative", "initiative"), sender=Initiative.areas.through, dispatch_uid="search-initiative-areas", weak=False)
