"""The indicators in search: one document per indicator (title, description, unit,
source and the strategy elements and Agenda 2030 goals it follows up), linked to its
public page. Indicators are public. Registered by ``indicators/integrations.py``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from resultat.indicators.models import Indicator, IndicatorLink
from resultat.search.registry import Doc, Kind, ids_filter

ORDER = 6_000_000


def indicator_documents(ids: Iterable[int] | None) -> Iterator[Doc]:
    qs = ids_filter(Indicator.objects.all(), ids).prefetch_related("links__sdg_goal")
    for ind in qs.order_by("pk"):
        links = list(ind.links.all())
        codes = {kind: sorted({lk.element_code for lk in links if lk.kind == kind and lk.element_code}) for kind in IndicatorLink.Kind.values}
        goals = sorted({lk.sdg_goal.number for lk in links if lk.sdg_goal_id})
        text = "\n".join(x for x in (ind.description, ind.unit and f"Enhet: {ind.unit}", f"{ind.get_source_display()} {ind.external_id}") if x)
        yield Doc(key=f"indicator:{ind.pk}", source_id=ind.pk, kind="indicator", title=ind.title, text=text,
                  url=reverse("indicators:detail", args=[ind.source, ind.external_id]), context=str(_("Indikator")),
                  priorities=codes[IndicatorLink.Kind.PRIORITY], subpriorities=codes[IndicatorLink.Kind.SUBPRIORITY],
                  sdg_goals=goals, order=ORDER + ind.pk)


KIND = Kind("indicator", _("Indikator"), indicator_documents, count=lambda: Indicator.objects.count(), position=60)
