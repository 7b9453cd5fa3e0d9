"""The edition's own texts outside the chapters (foreword with signature, the
introduction's sections, the reading guide, the contacts' introduction), imported from
the yearly report by line range (``data/reports/<region>/front-matter-<year>.yaml``).

The lines are repaired like the contributions (``resultat.core.ocr``); paragraphs are
separated by blank lines, the OCR's bullets ("e ", "® ", "• ") become list items and a lone
"|" (an OCR "I") becomes "I". Each text is a ``reports.ReportSection`` with a revision per
change; the foreword and its signature go to ``reports.ReportFrontMatter``."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from django.conf import settings

from resultat.core.markup import markup_to_html
from resultat.core.ocr import get_repairer
from resultat.core.report.blocks import merge_adjacent_lists
from resultat.core.richtext import sanitize

_BULLET = re.compile(r"^\s*(?:e|®|•|\*|-)\s+(?=\S)")
_LONE_BAR = re.compile(r"(?<!\S)\|(?=\s)")


class FrontMatterError(ValueError):
    pass


def spec_path(region: str, year: int) -> Path:
    return Path(settings.DATA_DIR) / "reports" / region / f"front-matter-{year}.yaml"


def _range(spec: dict, key: str, where: str, n_lines: int) -> tuple[int, int] | None:
    value = spec.get(key)
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value) and 1 <= value[0] <= value[1] <= n_lines):
        raise FrontMatterError(f"{where}: {key} ska vara [första, sista] rad inom 1–{n_lines}, inte {value!r}")
    return value[0], value[1]


def _paragraphs(lines: list[str]) -> list[str]:
    fixed = get_repairer().repair_text("\n".join(lines)).split("\n")
    out, current = [], []
    for line in fixed + [""]:
        if not line.strip():
            if current:
                out.append(" ".join(current))
                current = []
            continue
        current.append(line.strip())
    return [_LONE_BAR.sub("I", p) for p in out]


def text_html(lines: list[str]) -> str:
    """Repaired paragraphs as sanitised HTML (bullets as one list)."""
    markup = "\n\n".join(_BULLET.sub("- ", p) if _BULLET.match(p) else p for p in _paragraphs(lines))
    return merge_adjacent_lists(sanitize(markup_to_html(markup)))


def import_front_matter(cycle, text_lines: list[str], spec_file: Path, source_name: str) -> dict[str, int]:
    """Write the texts of ``spec_file`` for ``cycle``; returns counts. Unchanged texts keep
    their revision; a text an analyst has changed since the import is left alone."""
    from resultat.reports.models import ReportFrontMatter, ReportSection, ReportSectionRevision

    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8")) or {}
    if spec.get("format") != "resultat-front-matter/1":
        raise FrontMatterError(f"{spec_file}: format ska vara resultat-front-matter/1")
    n = len(text_lines)
    counts = {"texter skapade": 0, "texter uppdaterade": 0, "texter oförändrade": 0}
    foreword = spec.get("foreword") or {}
    body_range = _range(foreword, "lines", f"{spec_file}: foreword", n)
    if body_range:
        sig_range = _range(foreword, "signature_lines", f"{spec_file}: foreword", n)
        body = text_html(text_lines[body_range[0] - 1:body_range[1]])
        signature = ", ".join(_paragraphs(text_lines[sig_range[0] - 1:sig_range[1]])) if sig_range else ""
        front, _ = ReportFrontMatter.objects.get_or_create(cycle=cycle)
        if not front.foreword.strip():
            front.foreword, front.signature = body, signature
            front.save()
    for order, s in enumerate(spec.get("sections") or []):
        where = f"{spec_file}: sections[{order}]"
        if not isinstance(s, dict) or not s.get("code") or not s.get("title"):
            raise FrontMatterError(f"{where}: code och title krävs")
        rng = _range(s, "lines", where, n)
        body = text_html(text_lines[rng[0] - 1:rng[1]]) if rng else ""
        level = int(s.get("level") or 1)
        section = ReportSection.objects.filter(cycle=cycle, code=s["code"]).first()
        if section is not None and section.revisions.exclude(author=None).exists():
            counts["texter oförändrade"] += 1  # edited in the app since: keep the analyst's text
            continue
        if section is not None and (section.title, section.body, section.level, section.order) == (s["title"], body, level, order):
            counts["texter oförändrade"] += 1
            continue
        created = section is None
        section = section or ReportSection(cycle=cycle, code=s["code"])
        section.title, section.body, section.level, section.order = s["title"], body, level, order
        section.source_file = source_name
        section.source_first_line, section.source_last_line = (rng or (None, None))
        section.revision += 1
        section.save()
        note = f"Importerad från {source_name}" + (f" rad {rng[0]}–{rng[1]}" if rng else "")
        ReportSectionRevision.objects.create(section=section, number=section.revision, title=section.title, body=body, note=note)
        counts["texter skapade" if created else "texter uppdaterade"] += 1
    return counts
