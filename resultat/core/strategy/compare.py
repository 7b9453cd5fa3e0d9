"""Comparing two versions of a strategy (plain Python, on exported documents).

Elements are paired on their stable code; ``mapping_from_previous`` in the newer
version pairs elements whose code changed. The result is a list of rows per
level, each saying whether the element is unchanged, changed, new or removed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

LEVELS = ("goals", "perspectives", "priorities", "subpriorities")
TEXT_FIELDS = {
    "goals": ("title", "text"),
    "perspectives": ("title", "description", "requirement"),
    "priorities": ("title", "introduction"),
    "subpriorities": ("title", "goal", "context"),
}


@dataclass
class ComparedElement:
    level: str
    old_code: str | None
    new_code: str | None
    old_title: str | None
    new_title: str | None
    status: str  # "unchanged" | "changed" | "new" | "removed"
    changed_fields: list[str] = field(default_factory=list)
    note: str = ""
    title_diff: list[tuple[str, str]] = field(default_factory=list)  # (op, text): op in "=", "-", "+"
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)


def _elements(doc: dict[str, Any], level: str) -> list[dict[str, Any]]:
    if level == "subpriorities":
        return [s for p in doc.get("priorities", []) for s in p.get("subpriorities") or []]
    return list(doc.get(level) or [])


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """A word-level diff as (op, text) runs, for showing a changed title or sentence."""
    a, b = old.split(), new.split()
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("=", " ".join(a[i1:i2])))
        else:
            if i2 > i1:
                runs.append(("-", " ".join(a[i1:i2])))
            if j2 > j1:
                runs.append(("+", " ".join(b[j1:j2])))
    return runs


def compare_versions(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[ComparedElement]]:
    mapping = {m["from"]: (m["to"], m.get("note") or "") for m in new.get("mapping_from_previous") or []}
    result: dict[str, list[ComparedElement]] = {}
    for level in LEVELS:
        olds = {e["code"]: e for e in _elements(old, level)}
        news = {e["code"]: e for e in _elements(new, level)}
        rows: list[ComparedElement] = []
        paired_new: set[str] = set()
        for code, o in olds.items():
            target, note = mapping.get(code, (code, ""))
            n = news.get(target)
            if n is None:
                rows.append(ComparedElement(level, code, None, o["title"], None, "removed", note=note))
                continue
            paired_new.add(target)
            changed = [f for f in TEXT_FIELDS[level] if (o.get(f) or "") != (n.get(f) or "")]
            counts = {}
            if level == "subpriorities":
                for key in ("challenges", "needs"):
                    counts[key] = (len(o.get(key) or []), len(n.get(key) or []))
                    if counts[key][0] != counts[key][1]:
                        changed.append(key)
            if level == "priorities":
                counts["subpriorities"] = (len(o.get("subpriorities") or []), len(n.get("subpriorities") or []))
            rows.append(
                ComparedElement(
                    level,
                    code,
                    target,
                    o["title"],
                    n["title"],
                    "changed" if changed else "unchanged",
                    changed_fields=changed,
                    note=note,
                    title_diff=word_diff(o["title"], n["title"]) if o["title"] != n["title"] else [],
                    counts=counts,
                )
            )
        for code, n in news.items():
            if code not in paired_new:
                rows.append(ComparedElement(level, None, code, None, n["title"], "new"))
        result[level] = rows
    return result
