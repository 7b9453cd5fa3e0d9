"""Content summaries for comparing formats: per chapter the headings, areas, items and
Agenda 2030 citations.

``content_summary(report)`` says what the model holds. ``text_summary(report, texts)`` says
what a rendered format shows, from the plain text of each chapter in that format (HTML
text, ``pdftotext`` output, DOCX paragraphs): a heading, area or item counts when its text
is found in the chapter's text (whitespace normalised). The cross-format test checks that
both are equal for HTML, PDF and DOCX, and that the number of "Mål N:" citations per chapter
is the same in all three.
"""

from __future__ import annotations

import re

from resultat.core.report.model import Report

CITATION = re.compile(r"\bMål (\d{1,2}):")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "").replace("\u2060", "")).strip()


def content_summary(report: Report) -> dict[str, dict]:
    out = {}
    for ch in report.chapters:
        areas = {code for s in ch.sections for b in s.blocks for code in b.area_codes}
        items = [it for s in ch.sections for b in s.blocks for g in b.groups for it in g.items]
        out[ch.code] = {
            "title": ch.title,
            "headings": [s.title for s in ch.sections],
            "areas": len(areas),
            "blocks": sum(len(s.blocks) for s in ch.sections),
            "items": len(items),
            "citations": sum(1 for it in items if it.kind == "sdg"),
            "indicators": len(ch.indicators),
        }
    return out


def text_summary(report: Report, chapter_texts: dict[str, str]) -> dict[str, dict]:
    """What a format shows per chapter, measured against the model's strings."""
    out = {}
    for ch in report.chapters:
        text = norm(chapter_texts.get(ch.code, ""))
        headings = [s.title for s in ch.sections if norm(s.title) in text]
        area_names = {code: name for s in ch.sections for b in s.blocks for code, name in zip(b.area_codes, b.area_names, strict=True)}
        blocks = [b for s in ch.sections for b in s.blocks]
        items = [it for b in blocks for g in b.groups for it in g.items]
        out[ch.code] = {
            "title": ch.title,
            "headings": headings,
            "areas": sum(1 for name in area_names.values() if norm(name) in text),
            "blocks": sum(1 for b in blocks if norm(b.heading) in text),
            "items": sum(1 for it in items if norm(it.label) in text),
            "citations": sum(1 for it in items if it.kind == "sdg" and norm(it.label) in text),
            "indicators": sum(1 for ind in ch.indicators if norm(ind.title) in text),
        }
    return out


def citations(text: str) -> int:
    return len(CITATION.findall(norm(text)))


def split_chapters(report: Report, full_text: str, start_after: str = "") -> dict[str, str]:
    """Cut a format's full plain text into chapters at each chapter title (searched in
    order, after ``start_after``, e.g. the last table-of-contents entry)."""
    text = norm(full_text)
    pos = text.find(norm(start_after)) + len(norm(start_after)) if start_after else 0
    starts = []
    for ch in report.chapters:
        i = text.find(norm(ch.title), pos)
        if i < 0:
            starts.append((ch.code, None))
            continue
        starts.append((ch.code, i))
        pos = i + 1
    out = {}
    found = [(c, i) for c, i in starts if i is not None]
    for n, (code, i) in enumerate(found):
        end = found[n + 1][1] if n + 1 < len(found) else len(text)
        out[code] = text[i:end]
    return out
