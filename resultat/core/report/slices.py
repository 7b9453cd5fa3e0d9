"""Slices of a report for the downstream uses the 2025 edition names (lines 39–51 of the
seed): the government's yearly results report, the regional development committee's annual
report and the organisation's environmental scan."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from resultat.core.report.model import Report


@dataclass(frozen=True)
class Slice:
    code: str
    title: str
    questions: frozenset[str]
    item_kinds: frozenset[str] = frozenset()  # items of these kinds are kept from any question
    indicators: bool = True
    annex: bool = True


SLICES = {
    s.code: s
    for s in (
        Slice(
            "arlig-resultatredovisning", "Underlag till årlig resultatredovisning till regeringen",
            frozenset({"bidrag", "samverkan", "sammanhallen-region", "jamlik-inkludering", "foregangare-omstallning", "agenda-2030", "insatser"}),
        ),
        Slice("arsrapport", "Underlag till regionala utvecklingsnämndens årsrapport", frozenset({"bidrag", "insatser"}), annex=True),
        Slice(
            "omvarldsanalys", "Omvärldsanalys", frozenset({"omvarldsanalys"}), frozenset({"environment_factor"}),
            indicators=False, annex=False,
        ),
    )
}


def make_slice(report: Report, code: str) -> Report:
    """A copy of ``report`` with only the slice's questions (and, from other questions, only
    the blocks' items of the slice's item kinds, without their texts)."""
    spec = SLICES[code]
    out = copy.deepcopy(report)
    out.slice = code
    out.title = f"{report.title}: {spec.title}"
    out.subtitle = spec.title
    for ch in out.chapters:
        kept = []
        for sec in ch.sections:
            if sec.code in spec.questions:
                kept.append(sec)
                continue
            if spec.item_kinds:
                blocks = []
                for b in sec.blocks:
                    b.groups = [g for g in b.groups if g.kind in spec.item_kinds]
                    if b.groups:
                        b.body_html = ""
                        blocks.append(b)
                if blocks:
                    sec.blocks = blocks
                    kept.append(sec)
        ch.sections = kept
        if not spec.indicators:
            ch.indicators, ch.indicators_note = [], ""
    out.chapters = [ch for ch in out.chapters if ch.sections or ch.indicators]
    if not spec.annex:
        out.annex = type(out.annex)()
    out.questions = [q for q in out.questions if q.code in spec.questions]
    return out
