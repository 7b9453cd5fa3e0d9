"""Loading reference data (Agenda 2030, frameworks, geography) from data/reference/.

Every loader is an idempotent upsert inside one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from resultat.core import yamlsafe
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


@transaction.atomic
def load_geography(path: Path | None = None) -> LoadSummary:
    path = path or reference_dir() / "geography.yaml"
    data = _read(path)
    summary = LoadSummary()
    pending_parents: list[tuple[Area, str, str]] = []
    for ai, area in enumerate(data.get("areas") or []):
        where = f"{path}: areas[{ai + 1}]"
        kind = _require(area, "kind", where)
        if kind not in Area.Kind.values:
            raise ReferenceDataError(f"{where}: okänd typ {kind!r}")
        population = area.get("population") or {}
        obj = _upsert(
            Area,
            {"code": str(_require(area, "code", where))},
            {
                "kolada_code": str(area.get("kolada") or _require(area, "code", where)),
                "kind": kind,
                "name": _require(area, "name", where),
                "population": population.get("value"),
                "population_year": population.get("year"),
                "population_source": population.get("source") or "",
            },
            summary,
        )
        if area.get("parent"):
            pending_parents.append((obj, str(area["parent"]), where))
    for obj, parent_code, where in pending_parents:
        parent = Area.objects.filter(code=parent_code).first()
        if parent is None:
            raise ReferenceDataError(f"{where}: okänt överordnat område {parent_code!r}")
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
