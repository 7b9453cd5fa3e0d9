"""Writes to the strategy: loading a strategy file into the database.

``load_strategy_file`` is atomic (a bad file, or a failure half-way, leaves the
database as it was) and idempotent (the same file twice changes nothing). Elements
are matched on their stable ``code`` and updated in place, so data that refers to
them (contributions, initiatives, indicators) survives a reload.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError

from resultat.core.strategy import KnownReferences, Problem, StrategyDocument, StrategyFileError
from resultat.core.strategy.document import parse_document, read_document
from resultat.reference.models import Area, FrameworkItem, SdgGoal, SdgTarget
from resultat.strategy.models import (
    Challenge,
    Need,
    OverallGoal,
    Perspective,
    Priority,
    Region,
    RelatedPlan,
    Strategy,
    StrategyVersion,
    SubPriority,
    SubPriorityPerspective,
    VersionMapping,
)


@dataclass
class LoadResult:
    version: StrategyVersion
    unchanged: bool
    changes: Counter = field(default_factory=Counter)
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        if self.unchanged:
            return f"{self.version.code}: oförändrad (samma innehåll som redan är inläst)"
        parts = ", ".join(f"{n} {what}" for what, n in sorted(self.changes.items()) if n)
        return f"{self.version.code}: {parts or 'inga ändringar'}"


def known_references() -> KnownReferences:
    goals = frozenset(SdgGoal.objects.values_list("number", flat=True))
    if not goals:
        raise StrategyFileError([Problem("", "", None, "referensdata saknas: kör 'resultat reference load' först")])
    return KnownReferences(
        sdg_goals=goals,
        sdg_targets=frozenset(SdgTarget.objects.values_list("code", flat=True)),
        framework_items=frozenset(FrameworkItem.objects.values_list("code", flat=True)),
    )


def load_strategy_file(path: str | Path) -> LoadResult:
    return load_strategy_document(read_document(path, known=known_references()))


def load_strategy_text(text: str, file: str = "<text>") -> LoadResult:
    return load_strategy_document(parse_document(text, file=file, known=known_references()))


@transaction.atomic
def load_strategy_document(doc: StrategyDocument) -> LoadResult:
    data = doc.data
    problems: list[Problem] = []

    def fail(path: str, message: str, key: tuple = ()) -> None:
        problems.append(Problem(doc.file, path, doc.lines.get(key), message))

    area = None
    if data["region"].get("area"):
        area = Area.objects.filter(code=data["region"]["area"]).first()
        if area is None:
            fail("region.area", f"okänt område {data['region']['area']!r} (se data/reference/geography.yaml)", ("region", "area"))
            raise StrategyFileError(problems)

    region, _ = Region.objects.update_or_create(slug=data["region"]["slug"], defaults={"name": data["region"]["name"], "area": area})
    s = data["strategy"]
    strategy, _ = Strategy.objects.update_or_create(
        region=region,
        code=s["code"],
        defaults={"name": s["name"], "short_name": s.get("short_name") or "", "period_start": s["period"][0], "period_end": s["period"][1]},
    )
    v = data["version"]
    existing = StrategyVersion.objects.filter(strategy=strategy, code=v["code"]).first()
    if existing is not None and existing.content_hash == doc.content_hash:
        return LoadResult(version=existing, unchanged=True, counts=doc.counts())

    previous = None
    if v.get("previous"):
        previous = StrategyVersion.objects.filter(strategy=strategy, code=v["previous"]).first()
        if previous is None:
            fail("version.previous", f"föregående version {v['previous']!r} finns inte; läs in den först", ("version", "previous"))
    if previous is not None:
        previous_codes = _all_codes(previous)
        for i, mapping in enumerate(data.get("mapping_from_previous") or []):
            if mapping["from"] not in previous_codes:
                fail(f"mapping_from_previous[{i + 1}].from", f"koden {mapping['from']!r} finns inte i versionen {previous.code}", ("mapping_from_previous", i, "from"))
    if problems:
        raise StrategyFileError(problems)

    vision = data["vision"]
    version_values = {
        "name": v["name"],
        "status": v["status"],
        "adopted_on": date.fromisoformat(v["adopted_on"]) if v.get("adopted_on") else None,
        "valid_from": v["valid_from"],
        "language": v.get("language") or "sv",
        "source": v.get("source") or "",
        "source_file": v.get("source_file") or "",
        "notes": v.get("notes") or "",
        "previous": previous,
        "levels": data["levels"],
        "vision_title": vision["title"],
        "vision_text": vision.get("text") or "",
        "content_hash": doc.content_hash,
    }
    changes: Counter = Counter()
    if existing is None:
        version = StrategyVersion.objects.create(strategy=strategy, code=v["code"], **version_values)
        changes["version skapad"] += 1
    else:
        version = existing
        for name, value in version_values.items():
            setattr(version, name, value)
        version.save()
        changes["version uppdaterad"] += 1

    try:
        _sync_tree(version, data, changes)
    except ProtectedError as exc:
        raise StrategyFileError(
            [Problem(doc.file, "", None, f"element som inte längre finns i filen används av annan data och kan inte tas bort: {exc.protected_objects}")]
        ) from exc
    return LoadResult(version=version, unchanged=False, changes=changes, counts=doc.counts())


def _all_codes(version: StrategyVersion) -> set[str]:
    codes: set[str] = set()
    for model in (OverallGoal, Perspective, Priority, SubPriority, Challenge, Need):
        codes.update(model.objects.filter(version=version).values_list("code", flat=True))
    return codes


def _lines(item: dict[str, Any]) -> dict[str, int | None]:
    first, last = (item.get("source_lines") or [None, None])
    return {"source_first_line": first, "source_last_line": last}


class _Syncer:
    """Upserts the elements of one model in a version by code; deletes the rest."""

    def __init__(self, model, version: StrategyVersion, changes: Counter, label: str):
        self.model = model
        self.version = version
        self.changes = changes
        self.label = label
        self.existing = {obj.code: obj for obj in model.objects.filter(version=version)}
        self.kept: set[str] = set()

    def put(self, code: str, values: dict[str, Any], m2m: dict[str, list] | None = None):
        obj = self.existing.get(code)
        if obj is None:
            obj = self.model.objects.create(version=self.version, code=code, **values)
            self.existing[code] = obj
            self.changes[f"{self.label} nya"] += 1
        else:
            changed = [k for k, val in values.items() if _field_value(obj, k) != _field_value_of(val)]
            if changed:
                for k in changed:
                    setattr(obj, k, values[k])
                obj.save(update_fields=changed)
                self.changes[f"{self.label} ändrade"] += 1
        for name, targets in (m2m or {}).items():
            manager = getattr(obj, name)
            wanted = {t.pk for t in targets}
            if set(manager.values_list("pk", flat=True)) != wanted:
                manager.set(targets)
                self.changes[f"{self.label} ändrade kopplingar"] += 1
        self.kept.add(code)
        return obj

    def delete_rest(self) -> None:
        for code, obj in self.existing.items():
            if code not in self.kept:
                obj.delete()
                self.changes[f"{self.label} borttagna"] += 1


def _field_value(obj, name: str):
    field = obj._meta.get_field(name)
    if field.is_relation:
        return getattr(obj, field.attname)
    return getattr(obj, name)


def _field_value_of(value):
    return value.pk if hasattr(value, "pk") else value


def _links(item: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list]]:
    goals = list(SdgGoal.objects.filter(number__in=item.get("sdg_goals") or []))
    targets = list(SdgTarget.objects.filter(code__in=item.get("sdg_targets") or []))
    frameworks = list(FrameworkItem.objects.filter(code__in=[*(item.get("national_areas") or []), *(item.get("eu_objectives") or [])]))
    return {"sdg_basis": item.get("sdg_basis") or ""}, {"sdg_goals": goals, "sdg_targets": targets, "framework_items": frameworks}


def _sync_tree(version: StrategyVersion, data: dict[str, Any], changes: Counter) -> None:
    goals = _Syncer(OverallGoal, version, changes, "övergripande mål")
    for i, item in enumerate(data["goals"]):
        values, m2m = _links(item)
        goals.put(item["code"], {"order": i, "title": item["title"], "short_title": item.get("short_title") or "", "text": item.get("text") or "", **values, **_lines(item)}, m2m)

    perspectives = _Syncer(Perspective, version, changes, "inriktningar")
    for i, item in enumerate(data["perspectives"]):
        perspectives.put(
            item["code"],
            {"order": i, "title": item["title"], "description": item.get("description") or "", "requirement": item.get("requirement") or "", **_lines(item)},
        )

    priorities = _Syncer(Priority, version, changes, "prioriteringar")
    subs = _Syncer(SubPriority, version, changes, "delprioriteringar")
    challenges = _Syncer(Challenge, version, changes, "utmaningar")
    needs = _Syncer(Need, version, changes, "behov")
    sub_order = 0
    for pi, item in enumerate(data["priorities"]):
        values, m2m = _links(item)
        priority = priorities.put(
            item["code"],
            {"order": pi, "number": item["number"], "title": item["title"], "introduction": item.get("introduction") or "", **values, **_lines(item)},
            m2m,
        )
        plans = [(p["title"], p.get("note") or "") for p in item.get("related_plans") or []]
        if list(priority.related_plans.values_list("title", "note")) != plans:
            priority.related_plans.all().delete()
            RelatedPlan.objects.bulk_create(RelatedPlan(priority=priority, order=i, title=t, note=n) for i, (t, n) in enumerate(plans))
            changes["relaterade planer ändrade"] += 1
        for sub_item in item.get("subpriorities") or []:
            values, m2m = _links(sub_item)
            sub = subs.put(
                sub_item["code"],
                {
                    "priority": priority,
                    "order": sub_order,
                    "number": sub_item["number"],
                    "title": sub_item["title"],
                    "goal": sub_item["goal"],
                    "context": sub_item.get("context") or "",
                    "strengths": sub_item.get("strengths") or "",
                    "key_actors": sub_item.get("key_actors") or "",
                    **values,
                    **_lines(sub_item),
                },
                m2m,
            )
            sub_order += 1
            by_code = {}
            for ci, c in enumerate(sub_item["challenges"]):
                by_code[c["code"]] = challenges.put(c["code"], {"subpriority": sub, "order": ci, "label": c["label"], "text": c["text"]})
            for ni, n in enumerate(sub_item["needs"]):
                needs.put(
                    n["code"],
                    {"subpriority": sub, "challenge": by_code[n["challenge"]], "order": ni, "label": n["label"], "title": n["title"], "text": n.get("text") or ""},
                )
            wanted = [(perspectives.existing[b["perspective"]].pk, b["text"]) for b in sub_item.get("perspectives") or []]
            current = list(sub.perspective_texts.order_by("perspective__order").values_list("perspective_id", "text"))
            if sorted(current) != sorted(wanted):
                sub.perspective_texts.all().delete()
                SubPriorityPerspective.objects.bulk_create(SubPriorityPerspective(subpriority=sub, perspective_id=p, text=t) for p, t in wanted)
                changes["inriktningstexter ändrade"] += 1
    # Children first, so a removed sub-priority's needs go before its challenges.
    for syncer in (needs, challenges, subs, priorities, perspectives, goals):
        syncer.delete_rest()

    mappings = [(m["from"], m["to"], m.get("note") or "") for m in data.get("mapping_from_previous") or []]
    if list(version.mappings.values_list("from_code", "to_code", "note")) != mappings:
        version.mappings.all().delete()
        VersionMapping.objects.bulk_create(VersionMapping(version=version, order=i, from_code=f, to_code=t, note=n) for i, (f, t, n) in enumerate(mappings))
        changes["kopplingar till föregående version ändrade"] += 1
