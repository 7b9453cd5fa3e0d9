"""Adapters to the indicators and initiatives/funding apps.

Each function's contract is the report model type it returns (see
``resultat.core.report.model``). Indicators come from ``resultat.indicators.selectors``;
the annex from the initiatives register.
"""

from __future__ import annotations

from django.utils.text import slugify

from resultat.core.report.model import Chart, IndicatorSection, Table


def indicator_sections(cycle, chapter) -> list[IndicatorSection]:
    """Indicators of the chapter: for a priority chapter its own links and those of its
    sub-priorities (dp-N.x under p-N); for the overarching chapter the overall goals' and
    the inriktningar's links. One section per indicator, in link order."""
    from resultat.indicators.selectors import subpriority_indicators
    from resultat.strategy.models import OverallGoal, Perspective

    strategy_code = cycle.version.strategy.code
    if chapter.priority_id:
        codes = [chapter.priority.code]
    else:
        codes = [g.code for g in OverallGoal.objects.filter(version=cycle.version).order_by("order", "pk")]
        codes += [p.code for p in Perspective.objects.filter(version=cycle.version).order_by("order", "pk")]
    sections: list[IndicatorSection] = []
    seen: set[str] = set()
    for code in codes:
        for data in subpriority_indicators(strategy_code, code):
            key = f"{data['source']}-{data['id']}"
            if key in seen:
                continue
            seen.add(key)
            chart = data["chart"]
            table = Table(
                id=f"{chapter.code}-ind-{slugify(key)}-tabell",
                caption=chart["table"]["caption"] or data["title"],
                columns=[str(c) for c in data["table"]["header"]],
                rows=[[_cell(v) for v in row] for row in data["table"]["rows"]],
            )
            assessment = data["assessment"]
            text = assessment.get("label") or ""
            if assessment.get("comparison"):
                text = f"{text}. {assessment['comparison']}" if text else assessment["comparison"]
            fetched = (data.get("fetched_at") or "")[:10]
            sections.append(IndicatorSection(
                id=f"{chapter.code}-ind-{slugify(key)}",
                title=data["title"],
                chart=Chart(spec=chart["spec"], alt=chart["description"], table=table),
                source=data["source_text"],
                date=fetched,
                assessment=text,
                subpriority=code,
                synthetic=bool(data["synthetic"]),
            ))
    return sections


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",")
    return str(value)


def funding_tables(cycle) -> list[Table]:
    """The year's funding compilation (initiatives register). Not wired yet."""
    return []


def impact_matrix(cycle) -> Table | None:
    """Agenda 2030 impact matrix (initiatives register). Not wired yet."""
    return None


def goal_conflicts(cycle) -> list[str]:
    """Målkonflikter noted in the register. Not wired yet."""
    return []
