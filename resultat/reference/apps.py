from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from resultat.infrastructure.hooks import load_integrations


class ReferenceConfig(AppConfig):
    name = "resultat.reference"
    label = "reference"
    verbose_name = _("Referensdata")

    def ready(self) -> None:
        """Give the core chart renderer its disk cache (core knows no settings):
        ``settings.RESULTAT_CHART_CACHE_DIR``, by default var/cache/charts. The reference
        app is the lowest one every other app builds on, so the cache is configured
        before any chart is drawn (also its template filters, ``{% load formats %}``)."""
        from django.conf import settings

        from resultat.core.charts import render

        render.configure(getattr(settings, "RESULTAT_CHART_CACHE_DIR", None))
        load_integrations(self)  # datasets and search kinds: integrations.py
