"""What the indicators register with the mechanisms (loaded by IndicatorsConfig.ready):
the ``indicators`` and ``indicator-observations`` datasets and the Open SDG files of
the static export (``opendata.py``), the start page's headline indicators and the
municipality and sub-priority page sections and the indicator counts on a year's
overview (``public.py``), and the search kind
(``search_kinds.py``), kept current when an indicator or its links change."""

from django.db.models.signals import post_delete, post_save

from resultat.indicators import opendata, public, search_kinds
from resultat.indicators.models import Indicator, IndicatorLink
from resultat.infrastructure.hooks import hook
from resultat.opendata.registry import EXTRA_FILES
from resultat.search import signals
from resultat.search.registry import register

register(search_kinds.KIND)
signals.reindex_on_save(Indicator, "indicator")
EXTRA_FILES.register(opendata.opensdg_files, key="opensdg")
hook("public.headline_indicators").register(public.headline_indicators, key="indicators")
hook("public.municipality_sections").register(public.municipality_section, key="indicators")
hook("public.subpriority_sections").register(public.subpriority_section, key="indicators")
hook("followup.chapter_indicators").register(public.chapter_indicators, key="indicators")


def _link_saved(sender, instance, **kwargs):
    signals.schedule_source("indicator", [instance.indicator_id])


post_save.connect(_link_saved, sender=IndicatorLink, dispatch_uid="search-indicator-link")
post_delete.connect(_link_saved, sender=IndicatorLink, dispatch_uid="search-indicator-link-del")
