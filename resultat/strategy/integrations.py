"""What the strategy app registers with the mechanisms (loaded by StrategyConfig.ready):
its open datasets (``datasets.py``) and its search kind (``search_kinds.py``), kept
current when a version is saved."""

from resultat.search.registry import FILTER_CHOICES, register
from resultat.search.signals import reindex_on_save
from resultat.strategy import datasets, search_kinds  # noqa: F401 - datasets register on import
from resultat.strategy.models import StrategyVersion

register(search_kinds.KIND)
FILTER_CHOICES.register(search_kinds.filter_choices)
reindex_on_save(StrategyVersion, "strategy")
