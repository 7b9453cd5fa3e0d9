"""Adapters to the indicators and initiatives/funding apps.

Each function's contract is the report model type it returns (see
``resultat.core.report.model``). Indicators come from ``resultat.indicators.selectors``;
the annex from the initiatives register.
"""

from __future__ import annotations

from django.utils.text import slugify

from resultat.core.formats import SYNTHETIC_LABEL, format_number
from resultat.core.report.model import Annex, Chart, IndicatorSection, Table


def real_source(source: str, external_id: str) -> tuple[str, str] | None:
    """(source line, date) for an indicator's real values: the source and the date they
    were fetched ("Källa: Kolada, N01951, hämtad 2026-…"); for figures read from a strategy
    document (the demo's seed figures) the document itself, never a file name; a stored
    response with a citation (a file read with its source, e.g. the example's Kolada
    snapshot) is cited as it names itself. None when
    the indicator has no real value."""
    from resultat.indicators.models import Observation, Source
    from resultat.strategy.models import StrategyVersion

    obs = (
        Observation.objects.filter(indicator__source=source, indicator__external_id=external_id, synthetic=False)
        .exclude(response=None).select_related("response", "indicator").order_by("-response__fetched_at").first()
    )
    if obs is None:
        return None
    response = obs.response
    version = StrategyVersion.objects.filter(source_file=response.url).select_related("strategy__region").first()
    if version is not None:
        return f"Källa: {version.strategy.region.name}, {version.source or version.strategy.name}", ""
    date = f"{response.fetched_at:%Y-%m-%d}"
    if response.citation:  # the source as the stored response names it, with its own retrieval date
        return f"Källa: {response.citation} (inläst {date})", date
    label = dict(Source.choices).get(source, source)
    verb = "hämtad" if response.url.startswith(("http://", "https://")) else "inläst"
    return f"Källa: {label}, {external_id}, {verb} {date}", date


def indicator_sections(cycle, chapter, *, include_synthetic: bool = True) -> tuple[list[IndicatorSection], list[str]]:
    """Indicators of the chapter: for a priority chapter its own links and those of its
    sub-priorities (dp-N.x under p-N); for the overarching chapter the overall goals' and
    the inriktningar's links. One section per indicator, in link order. Without
    ``include_synthetic`` (a published edition) an indicator with any synthetic value is
    left out; returns (sections, titles left out)."""
    from resultat.indicators.selectors import subpriority_indicators
    from resultat.strategy.models import OverallGoal, Perspective

    strategy_code = cycle.version.strategy.code
    if chapter.priority_id:
        codes = [chapter.priority.code]
    else:
        codes = [g.code for g in OverallGoal.objects.filter(version=cycle.version).order_by("order", "pk")]
        codes += [p.code for p in Perspective.objects.filter(version=cycle.version).order_by("order", "pk")]
    sections: list[IndicatorSection] = []
    left_out: list[str] = []
    seen: set[str] = set()
    for code in codes:
        for data in subpriority_indicators(strategy_code, code):
            key = f"{data['source']}-{data['id']}"
            if key in seen:
                continue
            seen.add(key)
            if data["synthetic"] and not include_synthetic:
                left_out.append(data["title"])
                continue
            chart = data["chart"]
            # every year the chart shows (the indicators app's own "table" is its last five)
            table = Table(
                id=f"{chapter.code}-ind-{slugify(key)}-tabell",
                caption=chart["table"]["caption"] or data["title"],
                columns=[str(c) for c in chart["table"]["header"]],
                rows=[[_cell(v) for v in row] for row in chart["table"]["rows"]],
            )
            text = assessment_text(data["assessment"])
            fetched = (data.get("fetched_at") or "")[:10]
            source = data["source_text"]
            if not data["synthetic"]:
                source, fetched = real_source(data["source"], data["id"]) or (source, fetched)
            sections.append(IndicatorSection(
                id=f"{chapter.code}-ind-{slugify(key)}",
                title=data["title"],
                chart=Chart(spec=chart["spec"], alt=chart["description"], table=table),
                source=source,
                date=fetched,
                assessment=text,
                finding=finding(table, data["assessment"], data.get("unit") or ""),
                subpriority=code,
                synthetic=bool(data["synthetic"]),
            ))
    return sections, left_out


def assessment_text(a: dict) -> str:
    """The "Bedömning:" line: the trend assessment and the comparison with the country.
    Without a trend (one year only) it says so and why, rather than "Bedömning saknas"
    followed by a comparison that reads as one."""
    comparison = a.get("comparison") or ""
    if comparison == "Ingen jämförelse med riket.":
        comparison = ""
    if a.get("status") == "not_available" and not a.get("override"):
        reason = (a.get("reason") or "").rstrip(".")
        trend = f"Utvecklingen över tid bedöms inte ({reason[:1].lower() + reason[1:]})." if reason else "Utvecklingen över tid bedöms inte."
    else:
        trend = f"{a.get('label') or ''}."
    return " ".join(x for x in (trend, comparison) if x.strip(". "))


def _row(table: Table, year) -> list[str] | None:
    return next((r for r in table.rows if r and r[0] == str(year)), None)


def finding(table: Table, a: dict, unit: str = "") -> str:
    """The figure's caption: what the chart shows, in words, from the table's own cells
    (so caption and table agree) and the trend assessment. "Västerbottens län ligger
    bättre till än riket 2025: 73 mot 46 (index)." "Måttliga framsteg sedan 2015: från
    15,4 till 15,8."""
    if len(table.columns) < 2 or not table.rows:
        return ""
    county = table.columns[1]
    filled = [r for r in table.rows if len(r) > 1 and r[1].strip() not in ("", "–")]
    if not filled:
        return ""
    latest = filled[-1]
    unit_text = f" ({unit})" if unit else ""
    country = latest[2] if len(latest) > 2 and len(table.columns) > 2 and latest[2].strip() not in ("", "–") else ""
    comparison = a.get("comparison") or ""
    if country and comparison.startswith(("Bättre", "Sämre")):
        word = "bättre" if comparison.startswith("Bättre") else "sämre"
        first = f"{county} ligger {word} till än {table.columns[2].lower()} {latest[0]}: {latest[1]} mot {country}{unit_text}."
    elif country and comparison.startswith("Samma"):
        first = f"{county} har samma värde som {table.columns[2].lower()} {latest[0]}: {latest[1]}{unit_text}."
    else:
        first = f"{county} {latest[0]}: {latest[1]}{unit_text}."
    if a.get("status") in (None, "", "not_available") or not a.get("base_year"):
        return first
    base, current = _row(table, a["base_year"]), _row(table, a.get("current_year"))
    trend = f"{a['label']} sedan {a['base_year']}"
    if base and current and len(base) > 1 and len(current) > 1:
        trend += f": från {base[1]} till {current[1]}"
    return f"{first} {trend}."


def _cell(value) -> str:
    if value is None or isinstance(value, float):
        return format_number(value, 1)
    return str(value)


def _kr(value) -> str:
    """Whole kronor, grouped as on the register's pages (core/formats.py)."""
    return format_number(value, 0)


def _caption(text: str, synthetic: bool) -> str:
    return f"{text} – {SYNTHETIC_LABEL}" if synthetic else text


def funding_tables(cycle, *, include_synthetic: bool = True) -> tuple[list[Table], list[str], bool]:
    """The year's funding compilation from the initiatives register
    (``initiatives.selectors.annual_compilation``): granted amounts by programme, by
    sub-priority and support form, and by municipality, each with its total. Returns
    (tables, notes, synthetic). Without ``include_synthetic`` only real decisions count,
    and a note says how many synthetic ones were left out."""
    from resultat.initiatives.selectors import annual_compilation

    year = cycle.year
    data = annual_compilation(year, include_synthetic=include_synthetic)
    notes: list[str] = []
    left_out = 0 if include_synthetic else annual_compilation(year)["count"] - data["count"]
    if not data["count"]:
        why = f" (de {left_out} beslut som finns är syntetiska demovärden)" if left_out else ""
        notes.append(f"Insatsregistret har inga verkliga finansieringsbeslut för {year}{why}; sammanställningen av finansiering saknas därför.")
        return [], notes, False
    if left_out:
        notes.append(
            f"Finansieringssammanställningen tar bara med verkliga beslut ur insatsregistret: "
            f"{left_out} beslut med syntetiska demovärden är inte med."
        )
    synthetic = bool(data["synthetic"])
    if synthetic:
        notes.append(f"{SYNTHETIC_LABEL}: {data['synthetic_count']} av {data['count']} finansieringsbeslut är genererade för demonstration och är inte regionens beslut.")
    total = _kr(data["total"])
    tables = [
        Table(
            id=f"bilaga-finansiering-program-{year}",
            caption=_caption(f"Beviljat per program {year} (kr)", synthetic),
            columns=["Program", "Beviljat (kr)"],
            rows=[[name, _kr(v)] for name, v in data["by_programme"]] + [["Totalt", total]],
        ),
        Table(
            id=f"bilaga-finansiering-delprioritering-{year}",
            caption=_caption(f"Beviljat per delprioritering och stödform {year} (kr)", synthetic),
            columns=["Delprioritering", "Stödform", "Beviljat (kr)"],
            rows=[[sub, support, _kr(v)] for support, sub, v in data["by_support_subpriority"]] + [["Totalt", "", total]],
        ),
        Table(
            id=f"bilaga-finansiering-kommun-{year}",
            caption=_caption(f"Beviljat per kommun {year}, totalt och per invånare", synthetic),
            columns=["Kommun", "Beviljat (kr)", "Folkmängd", "Kr per invånare"],
            rows=[[m, _kr(v), _kr(p), _kr(c)] for m, v, p, c in data["by_municipality"]] + [["Totalt", total, "", ""]],
            note="Ett beslut utan egen kommun räknas på insatsens kommuner, fördelat lika.",
        ),
    ]
    return tables, notes, synthetic


def impact_matrix(cycle, *, include_synthetic: bool = True) -> tuple[Table | None, list[str], list[str], bool]:
    """The Agenda 2030 impact matrix of the register (``initiatives.selectors.impact_matrix``)
    as a table per goal (initiatives with positive and negative impact, funds granted to
    them) and its goal conflicts as paragraphs. Returns (table, conflicts, notes, synthetic)."""
    from resultat.initiatives.selectors import impact_matrix as register_matrix

    data = register_matrix(include_synthetic=include_synthetic)
    notes: list[str] = []
    if not data["rows"]:
        notes.append("Insatsregistret har ingen verklig registrerad påverkan på Agenda 2030; påverkansmatris och målkonflikter saknas därför.")
        return None, [], notes, False
    synthetic = bool(data["synthetic"])
    if synthetic:
        notes.append(f"{SYNTHETIC_LABEL}: påverkansmatrisen och målkonflikterna bygger på exempel som demon har skapat.")
    table = Table(
        id="bilaga-agenda2030-matris",
        caption=_caption(f"Insatsernas påverkan per mål ({len(data['rows'])} insatser i registret)", synthetic),
        columns=["Mål", "Positiv påverkan (insatser)", "Negativ påverkan (insatser)", "Beviljat till insatserna (kr)"],
        rows=[[f"Mål {g.number}: {g.name_sv}", str(c["positive"]), str(c["negative"]), _kr(v)] for g, c, v in data["totals"]],
        note="Beviljat: insatsernas beviljade medel alla år; en insats räknas under varje mål den påverkar.",
    )
    conflicts = []
    for c in data["conflicts"]:
        where = f"inom insatsen {c['initiatives'][0].name}" if c["scope"] == "initiative" and c["initiatives"] else "i portföljen"
        parts = [f"positiv, {init.name if init else '–'}: {x.justification.strip().rstrip('.')}" for init, x in c["positive"]]
        parts += [f"negativ, {init.name if init else '–'}: {x.justification.strip().rstrip('.')}" for init, x in c["negative"]]
        conflicts.append(f"Mål {c['goal'].number}: {c['goal'].name_sv} – målkonflikt {where}. " + "; ".join(parts) + ".")
    return table, conflicts, notes, synthetic


def annex(cycle, *, include_synthetic: bool = True) -> Annex:
    """The annex: funding compilation, impact matrix and goal conflicts of the register."""
    tables, notes, fund_synthetic = funding_tables(cycle, include_synthetic=include_synthetic)
    matrix, conflicts, matrix_notes, matrix_synthetic = impact_matrix(cycle, include_synthetic=include_synthetic)
    return Annex(tables, matrix, conflicts, notes + matrix_notes, fund_synthetic or matrix_synthetic)
