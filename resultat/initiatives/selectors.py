"""Reads for the initiative pages, the annual compilation and the Agenda 2030 matrix."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import OuterRef, Q, Subquery, Sum

from resultat.core.formats import SYNTHETIC_LABEL
from resultat.core.funding.compilation import per_capita, sum_by
from resultat.core.funding.conflicts import Impact, goal_conflicts
from resultat.initiatives.models import (
    FundingDecision,
    FundingProgramme,
    Initiative,
    InitiativeSubPriority,
    InriktningAssessment,
    SdgImpact,
)
from resultat.reference.models import Area, SdgGoal
from resultat.security.params import YEARS, int_param

UNSPECIFIED = "Ej angivet"


def next_candidate():
    """The first initiative still waiting for an analyst's confirmation (report order)."""
    return Initiative.objects.filter(review_status=Initiative.Review.NEEDS_REVIEW).order_by("pk").first()


def filter_initiatives(params) -> tuple:
    qs = Initiative.objects.all()
    f = {k: (params.get(k) or "").strip() for k in ("q", "year", "programme", "subpriority", "area", "municipality", "status", "sdg", "inriktning", "judgement", "review")}
    # uncertain finds of a report import are not part of the register until confirmed
    qs = qs.filter(review_status=f["review"] if f["review"] in Initiative.Review.values else Initiative.Review.CONFIRMED)
    f["q"] = f["q"][:200]  # a search word, not a document (a 200 000-character LIKE pattern fails on SQLite)
    if f["q"]:
        qs = qs.filter(Q(name__icontains=f["q"]) | Q(acronym__icontains=f["q"]) | Q(external_id__iexact=f["q"]) | Q(diarienummer__iexact=f["q"]))
    # numbers are bounded (a 400 otherwise): a huge year overflowed the date lookups, a huge id PostgreSQL's integers
    y = int_param(f, "year", lo=YEARS[0], hi=YEARS[1])
    subpriority, sdg, perspective = (int_param(f, k) for k in ("subpriority", "sdg", "inriktning"))
    if y is not None:
        qs = qs.filter(Q(funding__decision_date__year=y) | (Q(start_date__year__lte=y) & (Q(end_date__isnull=True) | Q(end_date__year__gte=y))))
    if f["programme"]:
        qs = qs.filter(funding__programme__code=f["programme"])
    if subpriority is not None:
        qs = qs.filter(subpriority_links__subpriority_id=subpriority)
    if f["area"]:
        qs = qs.filter(areas__code=f["area"])
    if f["municipality"]:
        qs = qs.filter(Q(municipalities__code=f["municipality"]) | Q(funding__municipality__code=f["municipality"]))
    if f["status"]:
        qs = qs.filter(status=f["status"])
    if sdg is not None:
        qs = qs.filter(sdg_impacts__goal__number=sdg)
    if perspective is not None and f["judgement"]:
        qs = qs.filter(assessments__perspective_id=perspective, assessments__judgement=f["judgement"])
    elif f["judgement"]:
        qs = qs.filter(assessments__judgement=f["judgement"])
    # The filters above join many-valued relations (impacts, decisions, links), so a Sum over
    # them would count a decision once per joined row. Sum in a subquery per initiative instead.
    granted = (
        FundingDecision.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(total=Sum("granted_amount"))
        .values("total")
    )
    qs = Initiative.objects.filter(pk__in=qs.values("pk")).annotate(granted=Subquery(granted)).order_by("name")
    return qs, f


def decision_rows(year: int, *, include_synthetic: bool = True) -> list[dict]:
    """One plain dict per decision of ``year`` with everything the compilation groups by.
    Municipality: the decision's own, else the initiative's (split evenly), else unspecified.
    Sub-priority: the decision's own, else the initiative's primary one. Without
    ``include_synthetic`` only real decisions (as in a published report edition)."""
    qs = FundingDecision.objects.filter(decision_date__year=year)
    if not include_synthetic:
        qs = qs.filter(synthetic=False)
    decisions = list(
        qs
        .select_related("programme", "municipality", "subpriority", "initiative")
        .order_by("pk")
    )
    init_ids = {d.initiative_id for d in decisions if d.initiative_id}
    munis = defaultdict(list)
    for init_id, name in Initiative.municipalities.through.objects.filter(initiative_id__in=init_ids).values_list("initiative_id", "area__name"):
        munis[init_id].append(name)
    primary = dict(InitiativeSubPriority.objects.filter(initiative_id__in=init_ids, primary=True).values_list("initiative_id", "subpriority__number"))
    sub_titles = {}
    judgements = defaultdict(dict)
    for init_id, perspective, judgement in InriktningAssessment.objects.filter(initiative_id__in=init_ids).values_list("initiative_id", "perspective__title", "judgement"):
        judgements[init_id][perspective] = judgement
    labels = dict(InriktningAssessment.Judgement.choices)
    support = dict(FundingProgramme.SupportType.choices)
    rows = []
    for d in decisions:
        if d.subpriority:
            sub = d.subpriority.number
            sub_titles[sub] = d.subpriority.title
        else:
            sub = primary.get(d.initiative_id) or UNSPECIFIED
        rows.append({
            "id": d.external_id,
            "amount": d.granted_amount,
            "support": str(support[d.programme.support_type]),
            "programme": d.programme.name,
            "subpriority": sub,
            "municipality": d.municipality.name if d.municipality else (sorted(munis.get(d.initiative_id, [])) or UNSPECIFIED),
            "judgements": {p: str(labels[j]) for p, j in judgements.get(d.initiative_id, {}).items()},
            "synthetic": d.synthetic,
        })
    return rows


def annual_compilation(year: int, *, include_synthetic: bool = True) -> dict:
    """The compilation as plain data (for the page, the downloads and the report)."""
    from resultat.strategy.models import Perspective

    rows = decision_rows(year, include_synthetic=include_synthetic)
    total = sum((r["amount"] for r in rows), Decimal(0))
    by_support = sum_by(rows, "support")
    by_support_sub = sum_by(rows, "support", "subpriority")
    by_municipality = sum_by(rows, "municipality")
    by_programme = sum_by(rows, "programme")
    populations = dict(Area.objects.filter(kind=Area.Kind.MUNICIPALITY).values_list("name", "population"))
    per_cap = per_capita({k[0]: v for k, v in by_municipality.items()}, populations)
    perspectives = []
    from resultat.initiatives.importing import _version

    version = _version()
    if version:
        perspectives = list(Perspective.objects.filter(version=version).order_by("order").values_list("title", flat=True))
    judgement_labels = [str(label) for _, label in InriktningAssessment.Judgement.choices]
    by_judgement = []
    for p in perspectives:
        rows_p = [{**r, "j": r["judgements"].get(p, judgement_labels[-1])} for r in rows]
        sums = sum_by(rows_p, "j")
        by_judgement.append({"perspective": p, "values": [(j, sums.get((j,), Decimal(0))) for j in judgement_labels]})
    return {
        "year": year,
        "count": len(rows),
        "total": total,
        "synthetic": any(r["synthetic"] for r in rows),
        "synthetic_count": sum(1 for r in rows if r["synthetic"]),
        "by_support": sorted(((k[0], v) for k, v in by_support.items()), key=lambda kv: -kv[1]),
        "by_support_subpriority": sorted(((k[0], k[1], v) for k, v in by_support_sub.items()), key=lambda t: (_sortkey(t[1]), t[0])),
        "by_municipality": sorted(((k[0], v, populations.get(k[0]), per_cap.get(k[0])) for k, v in by_municipality.items()), key=lambda t: (t[0] == UNSPECIFIED, t[0])),
        "by_programme": sorted(((k[0], v) for k, v in by_programme.items()), key=lambda kv: -kv[1]),
        "judgement_labels": judgement_labels,
        "by_judgement": by_judgement,
    }


def _sortkey(number: str):
    try:
        return tuple(int(p) for p in number.split("."))
    except ValueError:
        return (999,)


def compilation_years() -> list[int]:
    return sorted({d.year for d in FundingDecision.objects.dates("decision_date", "year")}, reverse=True)


SYNTHETIC_IMPACT_PREFIX = SYNTHETIC_LABEL


def impact_matrix(*, include_synthetic: bool = True) -> dict:
    """Initiatives × the 17 goals, totals per goal and goal conflicts. Without
    ``include_synthetic`` (a published report edition) impacts of synthetic initiatives,
    impacts written by the demo (justification starting "Syntetiska demovärden") and
    synthetic funding decisions are left out."""
    goals = list(SdgGoal.objects.order_by("number"))
    # only confirmed initiatives: candidates from the report import wait for an analyst and have no public page
    qs = SdgImpact.objects.select_related("initiative", "goal", "target").filter(initiative__review_status=Initiative.Review.CONFIRMED)
    granted = Sum("funding__granted_amount")
    if not include_synthetic:
        qs = qs.exclude(initiative__synthetic=True).exclude(justification__startswith=SYNTHETIC_IMPACT_PREFIX)
        granted = Sum("funding__granted_amount", filter=Q(funding__synthetic=False))
    impacts = list(qs)
    per_init = defaultdict(lambda: defaultdict(set))
    for i in impacts:
        per_init[i.initiative_id][i.goal.number].add(i.direction)
    initiatives = Initiative.objects.filter(pk__in=per_init).annotate(granted=granted).order_by("name")
    synthetic_funding = include_synthetic and FundingDecision.objects.filter(initiative_id__in=per_init, synthetic=True).exists()
    rows = []
    counts = {g.number: {"positive": 0, "negative": 0} for g in goals}
    volume = {g.number: Decimal(0) for g in goals}
    for init in initiatives:
        cells = []
        for g in goals:
            dirs = per_init[init.pk].get(g.number, set())
            state = "both" if len(dirs) == 2 else (next(iter(dirs)) if dirs else "")
            cells.append(state)
            for d in dirs:
                counts[g.number][d] += 1
            if dirs:
                volume[g.number] += init.granted or Decimal(0)
        rows.append({"initiative": init, "cells": cells})
    conflicts = goal_conflicts([Impact(i.initiative_id, i.goal.number, i.direction, i.target.code if i.target else "", i.justification) for i in impacts])
    names = {init.pk: init for init in initiatives}
    goal_by_number = {g.number: g for g in goals}
    conflict_rows = [{
        "goal": goal_by_number[c.goal], "scope": c.scope,
        "initiatives": [names[k] for k in c.initiatives if k in names],
        "positive": [(names.get(i.initiative), i) for i in c.positive],
        "negative": [(names.get(i.initiative), i) for i in c.negative],
    } for c in conflicts]
    return {
        "goals": goals, "rows": rows,
        "totals": [(g, counts[g.number], volume[g.number]) for g in goals],
        "conflicts": conflict_rows, "synthetic": synthetic_funding or any("Syntetisk" in i.justification for i in impacts),
    }
