"""The edition's own texts outside the chapters (foreword with signature, the
introduction's sections, the reading guide, the contacts' introduction), imported from
the yearly report by line range (``data/reports/<region>/front-matter-<year>.yaml``).

The lines are repaired like the contributions (``resultat.core.ocr``); paragraphs are
separated by blank lines, the OCR's bullets ("e ", "® ", "• ") become list items and a lone
"|" (an OCR "I") becomes "I". Each text is a ``reports.ReportSection`` with a revision per
change; the foreword is the section ``forord`` with its signature. Analysts edit the
texts in the app (``reports.editing``); a text they changed is not overwritten."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

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
    return markup_html([_BULLET.sub("- ", p) if _BULLET.match(p) else p for p in _paragraphs(lines)])


def markup_html(paragraphs: list[str] | tuple[str, ...]) -> str:
    """Paragraphs of markup ("text", "- item", "1. item") as sanitised HTML."""
    return merge_adjacent_lists(sanitize(markup_to_html("\n\n".join(paragraphs))))


def _write_section(cycle, *, code: str, title: str, level: int, order: int, body: str, signature: str,
                   rng: tuple[int, int] | None, source_name: str, counts: dict[str, int]) -> None:
    from resultat.reports.models import ReportSection, ReportSectionRevision

    section = ReportSection.objects.filter(cycle=cycle, code=code).first()
    if section is not None and section.revisions.exclude(author=None).exists():
        counts["texter oförändrade"] += 1  # edited in the app since: keep the analyst's text
        return
    if section is not None and (section.title, section.body, section.level, section.signature) == (title, body, level, signature):
        if section.order != order:  # the place in the list is not a change of the text
            ReportSection.objects.filter(pk=section.pk).update(order=order)
        counts["texter oförändrade"] += 1
        return
    created = section is None
    section = section or ReportSection(cycle=cycle, code=code)
    section.title, section.body, section.level, section.order, section.signature = title, body, level, order, signature
    section.source_file = source_name
    section.source_first_line, section.source_last_line = (rng or (None, None))
    section.revision += 1
    section.save()
    note = f"Importerad från {source_name}" + (f" rad {rng[0]}–{rng[1]}" if rng else "")
    ReportSectionRevision.objects.create(section=section, number=section.revision, title=title, body=body, signature=signature, note=note)
    counts["texter skapade" if created else "texter uppdaterade"] += 1


def _read_spec(spec_file: Path) -> dict:
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8")) or {}
    if spec.get("format") != "resultat-front-matter/1":
        raise FrontMatterError(f"{spec_file}: format ska vara resultat-front-matter/1")
    return spec


def _write_all(cycle, spec: dict, spec_file: Path, source_name: str, text_of) -> dict[str, int]:
    """The foreword and the sections of ``spec``; ``text_of(entry, where, foreword)`` gives
    each one's (body HTML, signature, source line range) or None when the source has none."""
    from resultat.reports.models import ReportSection

    counts = {"texter skapade": 0, "texter uppdaterade": 0, "texter oförändrade": 0}
    foreword = spec.get("foreword") or {}
    found = text_of(foreword, f"{spec_file}: foreword", True) if foreword else None
    if found is not None:
        body, signature, rng = found
        _write_section(cycle, code=ReportSection.FOREWORD, title=str(foreword.get("title") or "Förord"), level=1, order=0,
                       body=body, signature=signature, rng=rng, source_name=source_name, counts=counts)
    for index, s in enumerate(spec.get("sections") or []):
        where = f"{spec_file}: sections[{index}]"
        if not isinstance(s, dict) or not s.get("code") or not s.get("title"):
            raise FrontMatterError(f"{where}: code och title krävs")
        if s["code"] == ReportSection.FOREWORD:
            raise FrontMatterError(f"{where}: koden {ReportSection.FOREWORD} är förordets (skriv det under foreword)")
        found = text_of(s, where, False)
        body, _signature, rng = found if found is not None else ("", "", None)
        _write_section(cycle, code=s["code"], title=s["title"], level=int(s.get("level") or 1), order=index + 1, body=body,
                       signature="", rng=rng, source_name=source_name, counts=counts)
    return counts


@transaction.atomic
def import_front_matter(cycle, text_lines: list[str], spec_file: Path, source_name: str) -> dict[str, int]:
    """Write the texts of ``spec_file`` for ``cycle`` from the OCR text's line ranges;
    returns counts. Unchanged texts keep their revision; a text an analyst has changed
    since the import is left alone."""
    spec = _read_spec(spec_file)
    n = len(text_lines)

    def text_of(entry: dict, where: str, foreword: bool):
        rng = _range(entry, "lines", where, n)
        if rng is None:
            return None
        body = text_html(text_lines[rng[0] - 1:rng[1]])
        sig_range = _range(entry, "signature_lines", where, n) if foreword else None
        signature = ", ".join(_paragraphs(text_lines[sig_range[0] - 1:sig_range[1]])) if sig_range else ""
        return body, signature, rng

    return _write_all(cycle, spec, spec_file, source_name, text_of)


@transaction.atomic
def import_pdf_front_matter(cycle, front, spec_file: Path, source_name: str) -> tuple[dict[str, int], list[str]]:
    """The same texts from a PDF's text layer (``ParsedReport.front``): each text of
    ``spec_file`` is the PDF's heading with that title and the text under it (the line
    ranges in the file are the OCR text's and are not used). Returns the counts and the
    titles of the texts the PDF does not print (their sections are written empty)."""
    from resultat.core.reportparse.text import key, similar

    spec = _read_spec(spec_file)
    missing: list[str] = []

    def text_of(entry: dict, where: str, foreword: bool):
        title = str(entry.get("title") or ("Förord" if foreword else ""))
        k = key(title)
        match = next((f for f in front if similar(key(f.title), k) >= 0.9), None)
        if match is None:
            if entry.get("lines"):
                missing.append(title)
            return None
        return markup_html(match.paragraphs) if match.paragraphs else "", match.signature if foreword else "", (match.lines.first, match.lines.last)

    counts = _write_all(cycle, spec, spec_file, source_name, text_of)
    counts["saknade texter"] = len(missing)
    return counts, missing


@transaction.atomic
def import_area_headings(cycle, parsed_report) -> dict[str, int]:
    """Keep the descriptive heading printed over each area block of ``parsed_report``
    (``resultat.core.reportparse``) as the sub-title of its contributions in ``cycle``
    (``reports.AreaHeading``); a heading that is only the area's name is none. Returns
    counts."""
    from resultat.core.reportparse.headings import descriptive_heading
    from resultat.followup.models import Contribution
    from resultat.reports.models import AreaHeading

    contributions = {(c.area.code, c.question.code): c for c in Contribution.objects.filter(cycle=cycle).select_related("area", "question")}
    existing = {h.contribution_id: h for h in AreaHeading.objects.filter(contribution__cycle=cycle)}
    counts = {"underrubriker": 0}
    keep: set[int] = set()
    for chapter in parsed_report.chapters:
        for section in chapter.sections:
            for block in section.blocks:
                members = [contributions.get((code, section.question)) for code in block.area_codes]
                members = [m for m in members if m is not None]
                heading = descriptive_heading(block.heading, [m.area.name for m in members])[:300]
                if not heading:
                    continue
                counts["underrubriker"] += 1
                for m in members:
                    keep.add(m.pk)
                    h = existing.get(m.pk)
                    if h is None:
                        AreaHeading.objects.create(contribution=m, heading=heading, source_line=block.lines.first)
                    elif (h.heading, h.source_line) != (heading, block.lines.first):
                        h.heading, h.source_line = heading, block.lines.first
                        h.save(update_fields=["heading", "source_line"])
    AreaHeading.objects.filter(contribution__cycle=cycle).exclude(contribution_id__in=keep).delete()
    return counts
