"""What the reference data registers with the mechanisms (loaded by ReferenceConfig.ready):
the Agenda 2030 and geography datasets (``datasets.py``), the municipalities as a
search kind and the tagger that notes the municipalities a text names
(``search_kinds.py``)."""

from resultat.reference import datasets, search_kinds  # noqa: F401 - datasets register on import
from resultat.reference.models import Area
from resultat.search import signals
from resultat.search.registry import FILTER_CHOICES, PREPARE, TAGGERS, register

register(search_kinds.KIND)
PREPARE.register(search_kinds.refresh_municipalities, key="municipalities")
TAGGERS.register(search_kinds.municipalities_in, key="municipalities")
FILTER_CHOICES.register(search_kinds.filter_choices)
signals.reindex_on_save(Area, "municipality")
