from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from resultat.infrastructure.hooks import load_integrations


class StrategyConfig(AppConfig):
    name = "resultat.strategy"
    label = "strategy"
    verbose_name = _("Strategi")

    def ready(self) -> None:
        load_integrations(self)  # open datasets and search kinds: integrations.py
