"""What the Word exchange is made of: the document to build, the manifest it carries,
and what an uploaded document says."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

ITEM_FIELDS = ("kind", "title", "text", "sdg_goal", "sdg_target", "arena")


class WordExchangeError(ValueError):
    """The document as a whole cannot be used; the message says why, for the user."""


@dataclass
class ContributionSection:
    id: int
    revision: int
    area_code: str
    area_name: str
    question_code: str
    question_title: str
    guidance: str = ""
    state_label: str = ""
    editable: bool = True
    closed_reason: str = ""
    previous_year: int | None = None
    previous_html: str = ""
    body_html: str = ""
    item_kinds: list[str] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class AreaSection:
    code: str
    name: str
    contributions: list[ContributionSection] = field(default_factory=list)


@dataclass
class ExportDocument:
    year: int
    cycle_id: int
    unit_code: str
    unit_name: str
    made_at: str
    areas: list[AreaSection] = field(default_factory=list)
    title: str = ""


@dataclass
class Vocabulary:
    """The allowed values of the typed lists."""

    goals: dict[int, str] = field(default_factory=dict)
    targets: dict[int, set[str]] = field(default_factory=dict)
    arenas: dict[str, str] = field(default_factory=dict)  # code -> name
    kind_labels: dict[str, str] = field(default_factory=dict)


@dataclass
class Manifest:
    year: int
    cycle_id: int
    unit_code: str
    made_at: str
    contributions: list[dict[str, Any]]  # id, rev, area, question, body (hash), items (hash), kinds
    version: int = 1

    def to_json(self) -> str:
        return json.dumps(
            {"v": self.version, "year": self.year, "cycle": self.cycle_id, "unit": self.unit_code, "made": self.made_at, "c": self.contributions},
            ensure_ascii=False, sort_keys=True, separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        return cls(version=data["v"], year=int(data["year"]), cycle_id=int(data["cycle"]), unit_code=str(data["unit"]), made_at=str(data["made"]), contributions=list(data["c"]))

    def entry(self, contribution_id: int) -> dict[str, Any] | None:
        return next((c for c in self.contributions if c["id"] == contribution_id), None)


@dataclass(frozen=True)
class Place:
    area: str = ""
    question: str = ""
    table: str = ""
    row: int | None = None

    def __str__(self) -> str:
        from resultat.core.wordexchange.texts import _

        parts = [p for p in (self.area, self.question) if p]
        if self.table:
            parts.append(_("tabellen %(table)s") % {"table": self.table})
        if self.row is not None:
            parts.append(_("rad %(row)s") % {"row": self.row})
        return " · ".join(parts) or _("dokumentet")


@dataclass
class ParsedContribution:
    id: int
    area: str
    question: str
    body_html: str = ""
    items: list[dict[str, Any]] = field(default_factory=list)
    found_body: bool = False
    found_tables: set[str] = field(default_factory=set)
    body_changed: bool = False
    items_changed: bool = False
    notes: list[tuple[Place, str]] = field(default_factory=list)
    problems: list[tuple[Place, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.body_changed or self.items_changed


@dataclass
class UploadedDocument:
    manifest: Manifest
    contributions: list[ParsedContribution]
    notes: list[tuple[Place, str]] = field(default_factory=list)
    problems: list[tuple[Place, str]] = field(default_factory=list)


def normal_item(item: dict[str, Any]) -> dict[str, Any]:
    out = {k: item.get(k) for k in ITEM_FIELDS}
    for key in ("title", "text"):
        out[key] = (out[key] or "").strip()
    for key in ("sdg_target", "arena"):
        out[key] = out[key] or None
    out["sdg_goal"] = int(out["sdg_goal"]) if out["sdg_goal"] not in (None, "") else None
    return out


def body_hash(html: str) -> str:
    return hashlib.sha256((html or "").encode("utf-8")).hexdigest()[:32]


def items_hash(items: list[dict[str, Any]]) -> str:
    data = json.dumps([normal_item(i) for i in items], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]
