from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The search mechanism: the owners register their kinds and connect their
    signals from their own integrations.py (resultat/search/registry.py)."""

    name = "resultat.search"
    label = "search"
    verbose_name = _("Sök")
