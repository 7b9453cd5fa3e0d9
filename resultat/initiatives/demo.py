"""Demo data for ``make run``: synthetic funding decisions (seeded, flagged synthetic
in the database and labelled "Syntetiska demovärden" wherever shown), a few synthetic
Agenda 2030 impacts and results on initiatives named in the 2025 report.

The 2025 report states no per-decision amounts (only totals such as an extra 20 million
kronor of decision room for project funding, line 11401), so every decision here is
synthetic."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from resultat.core.formats import SYNTHETIC_LABEL
from resultat.core.funding.synthetic import generate_decisions
from resultat.core.tabular.writer import write_csv, write_xlsx
from resultat.initiatives import importing
from resultat.initiatives.models import (
    FundingDecision,
    FundingProgramme,
    Initiative,
    Result,
    ResultPeriod,
    SdgImpact,
)
from resultat.reference.models import Area, SdgGoal


def reference_lists():
    version = importing._version()
    subs = []
    if version:
        from resultat.strategy.models import SubPriority

        subs = [s.number for s in SubPriority.objects.filter(version=version).order_by("priority__order", "order")]
    programmes = list(FundingProgramme.objects.order_by("order"))
    return {
        "programmes": [p.name for p in programmes],
        "business_programmes": {p.name for p in programmes if p.support_type in ("business", "commercial_service")},
        "subpriorities": subs or [""],
        "municipalities": list(Area.objects.filter(kind=Area.Kind.MUNICIPALITY, parent__code="24").values_list("code", flat=True)) or ["2480"],
        "perspective_headers": list(importing.PERSPECTIVE_COLUMNS),
    }


def synthetic_file(n: int, *, seed: int = 2025, year: int = 2025, fmt: str = "xlsx", prefix: str = "SYN") -> bytes:
    headers, rows = generate_decisions(n, seed=seed, year=year, prefix=prefix, **reference_lists())
    if fmt == "csv":
        return write_csv(headers, rows)
    return write_xlsx([(importing.SHEET, headers, rows)])


@transaction.atomic
def load(n: int = 400, year: int = 2025) -> dict:
    """Idempotent: the decisions are matched on their ids."""
    data = synthetic_file(n, year=year)
    result = importing.import_file(data, f"syntetiska-demobeslut-{year}.xlsx")
    if not result.preview.ok:  # pragma: no cover - the generator writes valid rows
        raise RuntimeError("; ".join(map(str, result.preview.errors[:5])))
    Initiative.objects.filter(external_id__startswith="SYN-").update(synthetic=True)
    _impacts_and_results()
    return result.written or {}


def _impacts_and_results() -> None:
    rng = random.Random(2030)
    goals = {g.number: g for g in SdgGoal.objects.all()}
    if not goals:
        return
    inits = list(Initiative.objects.filter(synthetic=True).order_by("code")[:60]) + list(Initiative.objects.filter(synthetic=False, review_status=Initiative.Review.CONFIRMED).order_by("code")[:20])
    for init in inits:
        if init.sdg_impacts.exists():
            continue
        for number in rng.sample(sorted(goals), 3):
            direction = "negative" if rng.random() < 0.12 else "positive"
            SdgImpact.objects.create(
                initiative=init, goal=goals[number], direction=direction,
                justification=f"{SYNTHETIC_LABEL}: {'kan öka' if direction == 'negative' else 'bidrar till'} mål {number} (exempeltext).",
            )
        if init.synthetic and not init.results.exists():
            r = Result.objects.create(initiative=init, indicator="Antal deltagande företag (syntetiskt)", unit="st", baseline_value=Decimal(rng.randrange(0, 20)), baseline_year=2024,
                                      target_value=Decimal(rng.randrange(20, 80)), target_year=2027)
            ResultPeriod.objects.create(result=r, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31), actual=Decimal(rng.randrange(5, 40)))
            ResultPeriod.objects.create(result=r, period_start=date(2026, 1, 1), period_end=date(2026, 12, 31), actual=None, comment="Uppgift saknas ännu")


def has_synthetic(decisions) -> bool:
    return decisions.filter(synthetic=True).exists()


__all__ = ["load", "synthetic_file", "has_synthetic", "FundingDecision", "SYNTHETIC_LABEL"]
