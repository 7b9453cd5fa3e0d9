"""Values for the example: the dated snapshot of real Kolada values shipped in
``data/indicators/vasterbotten/verkliga/`` (read through the manual import, with the
file kept as the source response and its citation), the real figures the seeds give,
and deterministic synthetic observations (flagged ``synthetic``) only for indicators
that still have no values."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from resultat.indicators.manual_import import import_manual
from resultat.indicators.models import Indicator, Observation, Source, SourceResponse
from resultat.indicators.store import bulk_insert_observations, refresh_synthetic_flags
from resultat.indicators.sync import default_areas

DEMO_FIRST_YEAR, DEMO_LAST_YEAR = 2010, 2024
# Plausible levels for the synthetic demo values of `make run` (labelled "Syntetiska
# demovärden" wherever shown), by unit: the county's level in 2024 lies in the first range,
# municipalities within ±25 % of it, and the yearly trend in the second range. Without
# them a life expectancy of 4.9 years or a GRP of 14 kr per inhabitant looked like data.
DEMO_LEVELS: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {
    "procent": ((35.0, 85.0), (-0.01, 0.015)),
    "procent av BRP": ((1.5, 4.0), (-0.02, 0.03)),
    "ton/inv": ((3.0, 8.0), (-0.04, 0.0)),
    "per 1 000 inv": ((2.0, 8.0), (-0.02, 0.02)),
    "kr/inv": ((420_000.0, 560_000.0), (0.0, 0.04)),
    "per 100 000 inv": ((15.0, 40.0), (-0.04, 0.01)),
    "per inv": ((1.0, 4.0), (-0.02, 0.03)),
    "år": ((80.5, 83.5), (0.0, 0.002)),
    "dagar": ((20.0, 35.0), (-0.03, 0.01)),
    "index": ((40.0, 80.0), (-0.01, 0.02)),
}
DEMO_DEFAULT_LEVEL = ((10.0, 100.0), (-0.02, 0.03))
SEED_FILE = "shared/seeds/rus-vasterbotten-2020-2030-aktualisering-2025-26.txt"
_RUS = "Regional utvecklingsstrategi för Västerbottens län 2020–2030, aktualisering 2025–26"
# What the reader is told the seed figures come from (the strategy quotes them).
SEED_CITATIONS = {
    "N01951": f"folkmängd 31 december 2024 per kommun, återgiven i {_RUS} (fotnot 1)",
    "BRP-LIVSKVALITET": f"BRP+ 2025, indexvärde för livskvalitet, återgivet i {_RUS} (avsnittet om länets utgångsläge)",
}


def snapshot_dir() -> Path:
    """The dated snapshot of real values for the example (README.md there: origin, licence)."""
    return Path(settings.DATA_DIR) / "indicators" / "vasterbotten" / "verkliga"


def load_real_snapshot(directory: Path | None = None) -> int:
    """Read the snapshot's files listed in ``manifest.yaml`` into their indicators through
    ``import_manual`` (source ``kolada``; the file is kept as the source response, the
    manifest's citation is shown at the values). Files whose indicator is not loaded are
    skipped; a file already read (same name and SHA-256) is not read again. Returns the
    number of values written."""
    directory = directory or snapshot_dir()
    manifest = directory / "manifest.yaml"
    if not manifest.exists():
        return 0
    written = 0
    for entry in yaml.safe_load(manifest.read_text(encoding="utf-8"))["files"]:
        path = directory / entry["file"]
        if not Indicator.objects.filter(source=entry["source"], external_id=entry["indicator"]).exists():
            continue
        if SourceResponse.objects.filter(url=path.name, sha256=hashlib.sha256(path.read_bytes()).hexdigest()).exists():
            continue
        counts = import_manual(path, source_label=entry["citation"], source=entry["source"]).counts
        written += counts.new + counts.changed
    return written


def _rng(*parts: Any) -> random.Random:
    return random.Random(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest())


def _demo_sources() -> tuple[SourceResponse, SourceResponse, SourceResponse]:
    """The three responses the demo values cite: synthetic, population seed, BRP+ seed."""
    fetched = timezone.now()
    synthetic_source = SourceResponse.objects.create(
        source=Source.MANUAL, method="DEMO", url="resultat demo setup (syntetiska demovärden)", fetched_at=fetched,
        sha256=hashlib.sha256(b"resultat-demo-synthetic-v1").hexdigest(), body="Syntetiska demovärden, deterministiskt genererade (seed per indikator).",
        synthetic=True,
    )
    real_source = SourceResponse.objects.create(
        source=Source.MANUAL, method="FILE", url=SEED_FILE, fetched_at=fetched,
        sha256=hashlib.sha256(b"seed-figures-v1").hexdigest(),
        body="Folkmängd 31/12 2024 per kommun (fotnot 1, rad 433–435, 488–489); BRP+ 2025 livskvalitet Västerbotten 73, riket 46 (rad 421–428).",
        citation=SEED_CITATIONS["N01951"],
    )
    brp_source = SourceResponse.objects.create(
        source=Source.MANUAL, method="FILE", url=SEED_FILE, fetched_at=fetched,
        sha256=hashlib.sha256(b"seed-figures-brp-v1").hexdigest(),
        body="BRP+ 2025 livskvalitet Västerbotten 73, riket 46 (rad 421–428).",
        citation=SEED_CITATIONS["BRP-LIVSKVALITET"],
    )
    return synthetic_source, real_source, brp_source


def _demo_totals(ind: Indicator, county: str, munis: list[str], population: dict[str, int], real: bool) -> dict[tuple[str, int], float]:
    """The whole-population (T) value per (area, year): municipalities, the county and the country."""
    r = _rng(ind.source, ind.external_id)
    (low, high), (trend_low, trend_high) = DEMO_LEVELS.get(ind.unit, DEMO_DEFAULT_LEVEL)
    trend = r.uniform(trend_low, trend_high)
    counts = ind.unit == "antal"
    whole_population = real or any(word in ind.title.lower() for word in ("folkmängd", "invånare totalt"))
    scale = 1.0 if whole_population else r.uniform(0.02, 0.2)
    level = r.uniform(low, high)
    years = range(DEMO_FIRST_YEAR, DEMO_LAST_YEAR + 1)
    totals_t: dict[tuple[str, int], float] = {}
    for code in munis:
        ra = _rng(ind.external_id, code)
        anchor = (population.get(code) or 5000) * scale if counts else level * ra.uniform(0.75, 1.25)
        area_trend = trend + ra.uniform(-0.01, 0.01)
        for year in years:
            totals_t[(code, year)] = anchor * (1 + area_trend) ** (year - DEMO_LAST_YEAR) * (1 + ra.gauss(0, 0.01))
    rc = _rng(ind.external_id, county)
    for year in years:
        if counts:
            totals_t[(county, year)] = sum(totals_t[(c, year)] for c in munis)
            totals_t[("00", year)] = totals_t[(county, year)] * 37.5 * (1 + rc.gauss(0, 0.005))
        else:
            totals_t[(county, year)] = level * (1 + trend) ** (year - DEMO_LAST_YEAR) * (1 + rc.gauss(0, 0.01))
            totals_t[("00", year)] = level * 0.97 * (1 + trend * 0.8) ** (year - DEMO_LAST_YEAR) * (1 + rc.gauss(0, 0.005))
    if ind.unit == "procent":
        totals_t = {key: min(value, 99.0) for key, value in totals_t.items()}
    return totals_t


def _demo_split(ind: Indicator, code: str, t_value: float) -> tuple[float, float]:
    """Women's and men's values beside a total."""
    rg = _rng(ind.external_id, code, "kön")
    if ind.unit == "antal":
        women = round(t_value * rg.uniform(0.485, 0.505), 0)
        return women, t_value - women
    gap = rg.uniform(-0.08, 0.08)
    women, men = round(t_value * (1 + gap), ind.decimals), round(t_value * (1 - gap), ind.decimals)
    if ind.unit == "procent":
        women, men = min(women, 99.5), min(men, 99.5)
    return women, men


def _demo_rows(ind: Indicator, totals_t: dict, population: dict[str, int], real: bool, synthetic_pk: int, real_pk: int) -> list[tuple]:
    rows = []
    for (code, year), value in totals_t.items():
        if real and code in population and year == 2024:
            rows.append((ind.pk, code, year, "T", float(population[code]), "", False, real_pk))
            continue
        t_value = round(value, ind.decimals)
        rows.append((ind.pk, code, year, "T", t_value, "", True, synthetic_pk))
        if ind.has_gender_split:
            women, men = _demo_split(ind, code, t_value)
            rows.append((ind.pk, code, year, "K", women, "", True, synthetic_pk))
            rows.append((ind.pk, code, year, "M", men, "", True, synthetic_pk))
    return rows


def demo_snapshot(*, replace: bool = False) -> dict[str, int]:
    """Store the snapshot of real values (``load_real_snapshot``) and the real figures the
    seeds give, then fill indicators still without observations with deterministic
    synthetic values (flagged ``synthetic``). The seed figures:

    * BRP+ life-quality index 2025: Västerbotten 73, the country 46 (strategy seed lines 421–428);
    * population 31/12 2024 per municipality (reference geography, from the strategy seed) for
      N01951, only when the snapshot has no N01951 series (its Kolada series runs to 2022).
    """
    from resultat.reference.models import Area

    areas = default_areas()
    totals = {"syntetiska": 0, "verkliga": load_real_snapshot()}
    if not replace:
        filled_now = set(Observation.objects.values_list("indicator_id", flat=True).distinct())
        if not Indicator.objects.exclude(pk__in=filled_now).exists():
            return totals
    with transaction.atomic():
        synthetic_source, real_source, brp_source = _demo_sources()
        if replace:  # everything the demo wrote: synthetic values and the seed figures
            from django.db.models import Q

            Observation.objects.filter(Q(synthetic=True) | Q(response__url=SEED_FILE)).delete()
        filled = set(Observation.objects.values_list("indicator_id", flat=True).distinct())
        population = dict(Area.objects.filter(kind="municipality", population_year=2024).exclude(population=None).values_list("code", "population"))
        county = next((c for c in areas if len(c) == 2 and c != "00"), "24")
        munis = [c for c in areas if len(c) == 4]
        for ind in Indicator.objects.all():
            if ind.pk in filled:
                continue
            if ind.source == Source.MANUAL and ind.external_id == "BRP-LIVSKVALITET":
                rows = [(ind.pk, county, 2025, "T", 73.0, "", False, brp_source.pk), (ind.pk, "00", 2025, "T", 46.0, "", False, brp_source.pk)]
                totals["verkliga"] += bulk_insert_observations(rows)
                continue
            real = ind.source == Source.KOLADA and ind.external_id == "N01951"
            totals_t = _demo_totals(ind, county, munis, population, real)
            rows = _demo_rows(ind, totals_t, population, real, synthetic_source.pk, real_source.pk)
            n = bulk_insert_observations(rows)
            n_real = sum(1 for row in rows if not row[6])
            totals["verkliga"] += n_real
            totals["syntetiska"] += n - n_real
        refresh_synthetic_flags()
    return totals
