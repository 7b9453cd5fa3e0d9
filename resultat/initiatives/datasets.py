"""The initiatives' open dataset (the initiatives that published contributions
mention). Registered by ``initiatives/integrations.py``."""

from __future__ import annotations

from typing import Any

from resultat.core.opendata.spec import Dataset
from resultat.followup import visibility
from resultat.followup.datasets import REPORT_SOURCE, last_published
from resultat.opendata.registry import AREA, SUBPRIORITY, YEAR, Entry, column, register

# --- initiatives (minimal; funding and assessments come with the register) -----------------------------

INITIATIVES = Dataset(
    name="initiatives",
    title_sv="Insatser",
    title_en="Initiatives",
    description_sv="Insatser (projekt, program, nätverk) som publicerade bidrag nämner, med de strategiska områdena.",
    description_en="Initiatives (projects, programmes, networks) mentioned in published contributions, with their strategic areas.",
    fields=(
        column("id", required=True, description="Insatsens kod"),
        column("name"),
        column("description"),
        column("areas", "array", "Strategiska områden"),
    ),
    sources=REPORT_SOURCE,
)


def _initiatives(filters):
    qs = visibility.public_initiatives().prefetch_related("areas")
    if "area" in filters:
        qs = qs.filter(areas__code=filters["area"]).distinct()
    if "subpriority" in filters:
        qs = qs.filter(areas__subpriorities__code=filters["subpriority"]).distinct()
    if "year" in filters:  # inside the published mentions (a bare mentions__ join would also match drafts)
        qs = qs.filter(mentions__in=visibility.published_items().filter(contribution__cycle__year=filters["year"])).distinct()
    return qs.order_by("code")


def _initiative_row(i) -> dict[str, Any]:
    return {"id": i.code, "name": i.name, "description": i.description, "areas": sorted(a.code for a in i.areas.all())}


register(
    Entry(
        order=30,
        dataset=INITIATIVES,
        queryset=_initiatives,
        serialize=_initiative_row,
        lookup=lambda i: _initiatives({}).filter(code=i).first(),
        filters=(YEAR, AREA, SUBPRIORITY),
        modified=last_published,
    )
)

