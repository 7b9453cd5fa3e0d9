"""Loading reference data (Agenda 2030, frameworks, geography) from data/reference/.

Every loader is an idempotent upsert inside one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from resultat.core import yamlsafe
from resultat.core.sources import areacodes
from resultat.reference.models import Area, Framework, FrameworkItem, SdgGoal, SdgTarget


class ReferenceDataError(ValueError):
    pass


@dataclass
class LoadSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def __str__(self) -> str:
        return f"{self.created} nya, {self.updated} ändrade, {self.unchanged} oförändrade"


def reference_dir() -> Path:
    return Path(settings.DATA_DIR) / "reference"


def _read(path: Path) -> dict:
    try:
        data = yamlsafe.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ReferenceDataError(f"{path}: filen finns inte") from exc
    except yamlsafe.YamlError as exc:
        raise ReferenceDataError(f"{path}:{exc.line or ''}: {exc}") from exc
    if not isinstance(data, dict):
        raise ReferenceDataError(f"{path}: ska innehålla en YAML-mappning")
    return data


def _upsert(model, lookup: dict, values: dict, summary: LoadSummary):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        summary.add("created")
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        summary.add("updated")
    else:
        summary.add("unchanged")
    return obj


def _require(item: dict, key: str, where: str):
    if key not in item or item[key] in (None, ""):
        raise ReferenceDataError(f"{where}: saknar fältet {key}")
    return item[key]


@transaction.atomic
def load_agenda2030(path: Path | None = None) -> LoadSummary:
    path = path or reference_dir() / "agenda2030.yaml"
    data = _read(path)
    summary = LoadSummary()
    for gi, goal in enumerate(data.get("goals") or []):
        where = f"{path}: goals[{gi + 1}]"
        number = int(_require(goal, "number", where))
        obj = _upsert(
            SdgGoal,
            {"number": number},
            {
                "name_sv": _require(goal, "name_sv", where),
                "name_en": _require(goal, "name_en", where),
                "title_sv": goal.get("title_sv") or "",
                "title_en": goal.get("title_en") or "",
                "colour": _require(goal, "colour", where),
            },
            summary,
        )
        for ti, target in enumerate(goal.get("targets") or []):
            twhere = f"{where}.targets[{ti + 1}]"
            code = str(_require(target, "code", twhere))
            if code.split(".")[0] != str(number):
                raise ReferenceDataError(f"{twhere}: delmålet {code} hör inte till mål {number}")
            _upsert(
                SdgTarget,
                {"code": code},
                {"goal": obj, "order": ti, "text_en": _require(target, "text_en", twhere), "text_sv": target.get("text_sv") or ""},
                summary,
            )
    if SdgGoal.objects.count() != 17:
        raise ReferenceDataError(f"{path}: ska innehålla 17 mål, har {SdgGoal.objects.count()}")
    return summary


@transaction.atomic
def load_frameworks(path: Path | None = None) -> LoadSummary:
    path = path or reference_dir() / "frameworks.yaml"
    data = _read(path)
    summary = LoadSummary()
    for fi, framework in enumerate(data.get("frameworks") or []):
        where = f"{path}: frameworks[{fi + 1}]"
        obj = _upsert(
            Framework,
            {"code": _require(framework, "code", where)},
            {"name": _require(framework, "name", where), "name_en": framework.get("name_en") or "", "order": fi},
            summary,
        )
        for ii, item in enumerate(framework.get("items") or []):
            iwhere = f"{where}.items[{ii + 1}]"
            _upsert(
                FrameworkItem,
                {"code": _require(item, "code", iwhere)},
                {
                    "framework": obj,
                    "order": ii,
                    "title": _require(item, "title", iwhere),
                    "title_en": item.get("title_en") or "",
                    "description": item.get("description") or "",
                },
                summary,
            )
    return summary


GEOGRAPHY_FIELDS = {"code", "population", "aliases"}
_KINDS = {areacodes.AreaKind.COUNTRY: "country", areacodes.AreaKind.REGION: "region", areacodes.AreaKind.MUNICIPALITY: "municipality"}


def national_area(code: str) -> tuple[str, str, str, str | None]:
    """(name, Kolada id, kind, enclosing area's code) of an SCB code, from the one national
    division (``core/sources/areacodes.py``); ValueError naming the code if it is unknown."""
    info = areacodes.get_area(code)
    kind = _KINDS[info.kind]
    parent = None if kind == "country" else (areacodes.COUNTRY.scb_code if kind == "region" else info.scb_code[:2])
    return info.name, info.kolada_code, kind, parent


@transaction.atomic
def load_geography(path: Path | None = None) -> LoadSummary:
    """The areas listed in geography.yaml by SCB code. Name, Kolada id, kind and parent come
    from the national division (one source); the file adds population."""
    path = path or reference_dir() / "geography.yaml"
    data = _read(path)
    summary = LoadSummary()
    pending_parents: list[tuple[Area, str, str]] = []
    for ai, area in enumerate(data.get("areas") or []):
        where = f"{path}: areas[{ai + 1}]"
        if not isinstance(area, dict):
            raise ReferenceDataError(f"{where}: ska vara en mappning med code (och population)")
        extra = sorted(set(area) - GEOGRAPHY_FIELDS)
        if extra:
            raise ReferenceDataError(
                f"{where}: fälten {', '.join(extra)} hör inte hit – namn, Kolada-id, typ och överordnat område "
                "kommer från den nationella indelningen (resultat/core/sources/areacodes.py); ange bara code och population"
            )
        code = str(_require(area, "code", where))
        try:
            name, kolada, kind, parent = national_area(code)
        except ValueError as exc:
            raise ReferenceDataError(f"{where}: {exc}") from exc
        if code != areacodes.to_scb(code):
            raise ReferenceDataError(f"{where}: skriv SCB-koden {areacodes.to_scb(code)!r}, inte Kolada-id {code!r}")
        population = area.get("population") or {}
        obj = _upsert(
            Area,
            {"code": code},
            {
                "kolada_code": kolada,
                "kind": kind,
                "name": name,
                "population": population.get("value"),
                "population_year": population.get("year"),
                "population_source": population.get("source") or "",
            },
            summary,
        )
        if parent:
            pending_parents.append((obj, parent, where))
    for obj, parent_code, where in pending_parents:
        parent = Area.objects.filter(code=parent_code).first()
        if parent is None:
            raise ReferenceDataError(f"{where}: överordnat område {parent_code!r} saknas i filen")
        if obj.parent_id != parent.pk:
            obj.parent = parent
            obj.save(update_fields=["parent"])
    return summary


@transaction.atomic
def load_all() -> dict[str, LoadSummary]:
    return {
        "Agenda 2030": load_agenda2030(),
        "ramverk": load_frameworks(),
        "geografi": load_geography(),
    }
