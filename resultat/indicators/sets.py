"""Indicator sets (YAML in data/indicators/): the indicators and their links to the
strategy's elements and the Agenda 2030 goals, validated first, then upserted in one
transaction."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import transaction

from resultat.core import yamlsafe
from resultat.indicators.models import Indicator, IndicatorLink, Source
from resultat.indicators.store import IndicatorError

KIND_BY_PREFIX = {"mal-": "goal", "inr-": "perspective", "p-": "priority", "dp-": "subpriority"}


def _kind_of(code: str) -> str | None:
    for prefix, kind in KIND_BY_PREFIX.items():
        if code.startswith(prefix):
            return kind
    return None


def _read_docs(paths: Iterable[str | Path], errors: list[str]) -> list[tuple[Path, dict]]:
    docs = []
    for path in map(Path, paths):
        try:
            doc = yamlsafe.safe_load(path.read_text(encoding="utf-8"))
        except yamlsafe.YamlError as exc:
            errors.append(f"{path}:{exc.line or ''}: ogiltig YAML ({exc})")
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("indicators"), list):
            errors.append(f"{path}: förväntade nycklarna 'set', 'strategy' och en lista 'indicators'")
            continue
        docs.append((path, doc))
    return docs


def _element_codes(strategy) -> set[str]:
    """Every element code in any version of the strategy."""
    from resultat.strategy.models import OverallGoal, Perspective, Priority, SubPriority

    codes: set[str] = set()
    for model in (OverallGoal, Perspective, Priority, SubPriority):
        codes |= set(model.objects.filter(version__strategy=strategy).values_list("code", flat=True))
    return codes


def _check_link(lat: str, link: Any, codes: set[str], sdg_numbers: set[int], strategy, errors: list[str]) -> None:
    if not isinstance(link, dict):
        errors.append(f"{lat}: förväntade ett objekt")
        return
    if "sdg" in link:
        if link["sdg"] not in sdg_numbers:
            errors.append(f"{lat}.sdg: okänt Agenda 2030-mål {link['sdg']!r}")
    elif link.get("element") not in codes or _kind_of(str(link.get("element"))) is None:
        errors.append(f"{lat}.element: {link.get('element')!r} finns inte i strategin {strategy.code}")
    target = link.get("target")
    if target is not None and (not isinstance(target, dict) or not isinstance(target.get("value"), (int, float))):
        errors.append(f"{lat}.target: förväntade {{value: tal, year: år, direction: higher|lower}}")


def _check_entry(at: str, entry: Any, codes: set[str], sdg_numbers: set[int], strategy, errors: list[str]) -> bool:
    """Check one ``indicators[i]`` entry; False when it is not an object at all."""
    if not isinstance(entry, dict):
        errors.append(f"{at}: förväntade ett objekt")
        return False
    source, ext = entry.get("source"), str(entry.get("id", "")).strip()
    if source not in Source.values:
        errors.append(f"{at}.source: förväntade kolada, scb eller manual, fick {source!r}")
    if not ext:
        errors.append(f"{at}.id: saknas")
    if not entry.get("title"):
        errors.append(f"{at}.title: saknas")
    if entry.get("direction", "higher") not in ("higher", "lower"):
        errors.append(f"{at}.direction: förväntade higher eller lower")
    for j, link in enumerate(entry.get("links") or []):
        _check_link(f"{at}.links[{j}]", link, codes, sdg_numbers, strategy, errors)
    return True


def _plan(docs: list[tuple[Path, dict]], errors: list[str]) -> list[tuple]:
    """``(strategy, set name, entry)`` for every valid entry; the problems go to ``errors``."""
    from resultat.reference.models import SdgGoal
    from resultat.strategy.models import Strategy

    sdg_numbers = set(SdgGoal.objects.values_list("number", flat=True))
    plans = []
    for path, doc in docs:
        strategy = Strategy.objects.filter(code=doc.get("strategy", "")).first()
        if strategy is None:
            errors.append(f"{path}: strategin {doc.get('strategy')!r} finns inte (läs in den först)")
            continue
        codes = _element_codes(strategy)
        for i, entry in enumerate(doc["indicators"]):
            if _check_entry(f"{path}: indicators[{i}]", entry, codes, sdg_numbers, strategy, errors):
                plans.append((strategy, doc.get("set", path.stem), entry))
    return plans


def _write_entry(strategy, set_name: str, entry: dict, goals: dict) -> int:
    """Upsert one indicator and its links; returns the number of links."""
    defaults = {
        "title": entry["title"],
        "title_verified": bool(entry.get("title_verified", True)),
        "unit": entry.get("unit", ""),
        "description": entry.get("description", ""),
        "direction": entry.get("direction", "higher"),
        "has_gender_split": bool(entry.get("gender", False)),
        "decimals": int(entry.get("decimals", 1)),
        "query": entry.get("query", {}),
    }
    indicator, _ = Indicator.objects.update_or_create(source=entry["source"], external_id=str(entry["id"]), defaults=defaults)
    links = 0
    for order, link in enumerate(entry.get("links") or []):
        target = link.get("target") or {}
        values = {
            "order": order,
            "target_value": target.get("value"),
            "target_year": target.get("year"),
            "target_direction": target.get("direction", ""),
            "note": link.get("note", ""),
            "set_name": set_name,
        }
        if "sdg" in link:
            IndicatorLink.objects.update_or_create(indicator=indicator, sdg_goal=goals[link["sdg"]], defaults={"kind": "sdg", **values})
        else:
            code = link["element"]
            IndicatorLink.objects.update_or_create(
                indicator=indicator, strategy=strategy, element_code=code, sdg_goal=None,
                defaults={"kind": _kind_of(code), **values},
            )
        links += 1
    return links


def load_indicator_sets(paths: Iterable[str | Path]) -> dict[str, int]:
    """Upsert indicators and their links from indicator-set YAML files, in one transaction.

    Validates every element code against the strategy (any of its versions) and
    every SDG number; errors name the file and the entry (``indicators[3].links[1]``).
    """
    from resultat.reference.models import SdgGoal

    errors: list[str] = []
    docs = _read_docs(paths, errors)
    plans = _plan(docs, errors)
    if errors:
        raise IndicatorError(f"{len(errors)} fel i indikatoruppsättningarna:\n" + "\n".join(errors))
    goals = {g.number: g for g in SdgGoal.objects.all()}
    totals = {"indikatorer": 0, "kopplingar": 0}
    with transaction.atomic():
        for strategy, set_name, entry in plans:
            totals["kopplingar"] += _write_entry(strategy, set_name, entry, goals)
            totals["indikatorer"] += 1
    return totals
