from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "resultat.search"
    label = "search"
    verbose_name = _("Sök")

    def ready(self) -> None:
        from resultat.search import signals

        signals.connect()
