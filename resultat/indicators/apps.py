from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from resultat.infrastructure.hooks import load_integrations


class IndicatorsConfig(AppConfig):
    name = "resultat.indicators"
    verbose_name = _("Indikatorer")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Wire the indicators into the public site, search, the API and open data:
        ``integrations.py`` registers with the hooks those mechanisms serve
        (docs/architecture.md, docs/public-site.md, docs/api.md, docs/open-data.md)."""
        load_integrations(self)
