"""Loading the follow-up's setup from data files: the question set and a year's
organisational structure (chapters, units, contacts, strategic areas).

Both loaders are atomic and idempotent (upserts on stable codes) and report bad
input with the file, the entry and the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from resultat.core import yamlsafe
from resultat.followup.models import (
    AreaPlacement,
    Chapter,
    ContactPerson,
    Question,
    QuestionSet,
    StrategicArea,
    Unit,
)
from resultat.strategy.models import Priority, StrategyVersion, SubPriority

OVERARCHING_CODE = "ru"
OVERARCHING_TITLE = "Regionala utvecklingsuppdraget (samtliga prioriteringar RUS 2020-2030)"


class SetupFileError(ValueError):
    pass


def _read(path: Path, expected_format: str) -> dict[str, Any]:
    try:
        data = yamlsafe.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SetupFileError(f"{path}: filen finns inte") from exc
    except yamlsafe.YamlError as exc:
        raise SetupFileError(f"{path}:{exc.line or ''}: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != expected_format:
        raise SetupFileError(f"{path}: ska vara en YAML-mappning med format: {expected_format}")
    return data


def _field(path, where: str, item: dict, key: str):
    value = item.get(key)
    if value in (None, ""):
        raise SetupFileError(f"{path}: {where}: saknar fältet {key}")
    return value


@transaction.atomic
def load_question_set(path: Path) -> QuestionSet:
    data = _read(path, "resultat-questions/1")
    qs, _ = QuestionSet.objects.update_or_create(code=_field(path, "", data, "code"), defaults={"name": _field(path, "", data, "name")})
    kinds = set(Question.ItemKind.values)
    seen = []
    for i, item in enumerate(data.get("questions") or []):
        where = f"questions[{i + 1}]"
        code = _field(path, where, item, "code")
        bad = set(item.get("item_kinds") or []) - kinds
        if bad:
            raise SetupFileError(f"{path}: {where}.item_kinds: okänd typ {', '.join(sorted(bad))} (giltiga: {', '.join(sorted(kinds))})")
        Question.objects.update_or_create(
            question_set=qs,
            code=code,
            defaults={
                "order": i,
                "title": _field(path, where, item, "title"),
                "guidance": (item.get("guidance") or "").strip(),
                "used_for": (item.get("used_for") or "").strip(),
                "item_kinds": list(item.get("item_kinds") or []),
            },
        )
        seen.append(code)
    qs.questions.exclude(code__in=seen).filter(contributions=None).delete()
    return qs


def ensure_chapters(version: StrategyVersion, titles: dict[str, str] | None = None) -> dict[str, Chapter]:
    """One chapter per priority of the version, plus the overarching chapter last."""
    titles = titles or {}
    chapters = {}
    priorities = list(Priority.objects.filter(version=version).order_by("order"))
    for order, priority in enumerate(priorities):
        chapter, _ = Chapter.objects.update_or_create(
            version=version, code=priority.code, defaults={"title": titles.get(priority.code, priority.title), "order": order, "priority": priority}
        )
        chapters[priority.code] = chapter
    chapter, _ = Chapter.objects.update_or_create(
        version=version, code=OVERARCHING_CODE, defaults={"title": titles.get(OVERARCHING_CODE, OVERARCHING_TITLE), "order": len(priorities), "priority": None}
    )
    chapters[OVERARCHING_CODE] = chapter
    return chapters


@transaction.atomic
def load_structure(path: Path, place_in_successors: bool = True) -> dict[str, int]:
    """Load units, contacts and strategic areas, and place the areas in the chapters of
    the file's strategy version (and, mapped by priority code, of its successors)."""
    data = _read(path, "resultat-followup-structure/1")
    version = StrategyVersion.objects.filter(code=_field(path, "", data, "strategy_version"), strategy__region__slug=_field(path, "", data, "region")).first()
    if version is None:
        raise SetupFileError(f"{path}: strategiversionen {data['strategy_version']!r} för {data['region']!r} är inte inläst")
    titles = {}
    for i, ch in enumerate(data.get("chapters") or []):
        code = _field(path, f"chapters[{i + 1}]", ch, "code")
        if code != OVERARCHING_CODE and not Priority.objects.filter(version=version, code=code).exists():
            raise SetupFileError(f"{path}: chapters[{i + 1}].code: prioriteringen {code!r} finns inte i {version.code}")
        titles[code] = _field(path, f"chapters[{i + 1}]", ch, "title")
    chapters = ensure_chapters(version, titles)

    units = {}
    for i, u in enumerate(data.get("units") or []):
        where = f"units[{i + 1}]"
        unit, _ = Unit.objects.update_or_create(code=_field(path, where, u, "code"), defaults={"name": _field(path, where, u, "name")})
        units[unit.code] = unit
    contacts_by_area: dict[str, list[ContactPerson]] = {}
    for i, c in enumerate(data.get("contacts") or []):
        where = f"contacts[{i + 1}]"
        unit = units.get(_field(path, where, c, "unit"))
        if unit is None:
            raise SetupFileError(f"{path}: {where}.unit: okänd verksamhet {c['unit']!r}")
        person, _ = ContactPerson.objects.update_or_create(
            unit=unit, name=_field(path, where, c, "name"),
            defaults={"title": c.get("title") or "", "phone": c.get("phone") or "", "email": c.get("email") or "", "order": i},
        )
        for area_code in c.get("areas") or []:
            contacts_by_area.setdefault(area_code, []).append(person)

    successors = list(version.successors.all()) if place_in_successors else []
    successor_chapters = {s.pk: ensure_chapters(s) for s in successors}
    count = 0
    for i, a in enumerate(data.get("areas") or []):
        where = f"areas[{i + 1}]"
        code = _field(path, where, a, "code")
        area, _ = StrategicArea.objects.update_or_create(code=code, defaults={"name": _field(path, where, a, "name"), "active": True})
        area_units = []
        for unit_code in a.get("units") or []:
            if unit_code not in units:
                raise SetupFileError(f"{path}: {where}.units: okänd verksamhet {unit_code!r}")
            area_units.append(units[unit_code])
        area.units.set(area_units)
        area.contacts.set(contacts_by_area.get(code, []))
        subs = list(SubPriority.objects.filter(code__in=a.get("subpriorities") or []).exclude(version__status="superseded"))
        missing = set(a.get("subpriorities") or []) - {s.code for s in subs}
        if missing:
            raise SetupFileError(f"{path}: {where}.subpriorities: okända delprioriteringar {', '.join(sorted(missing))}")
        area.subpriorities.set(subs)
        chapter_code = _field(path, where, a, "chapter")
        if chapter_code not in chapters:
            raise SetupFileError(f"{path}: {where}.chapter: okänt kapitel {chapter_code!r}")
        order = int(a.get("order") or i)
        AreaPlacement.objects.update_or_create(area=area, chapter=chapters[chapter_code], defaults={"order": order})
        for successor in successors:
            mapped = successor.mappings.filter(from_code=chapter_code).values_list("to_code", flat=True).first() or chapter_code
            target = successor_chapters[successor.pk].get(mapped)
            if target is not None:
                AreaPlacement.objects.update_or_create(area=area, chapter=target, defaults={"order": order})
        count += 1
    return {"verksamheter": len(units), "kontaktpersoner": sum(len(v) for v in contacts_by_area.values()), "områden": count}
