"""Importing an earlier edition of the yearly report (OCR text) as a published cycle.

``import_report`` parses the text with the plain-Python parser
(``resultat.core.reportparse``), then writes the cycle, contributions, typed items,
standing arenas and their provenance in one transaction. ``dry_run`` does the same
work and rolls it back, so its summary is exactly what a real run would write.
Re-running the same import updates in place and duplicates nothing.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from resultat.core.markup import markup_to_html
from resultat.core.report.blocks import merge_adjacent_lists
from resultat.core.reportparse import ParsedReport
from resultat.core.richtext import sanitize
from resultat.followup import loaders
from resultat.followup.models import (
    Contribution,
    ContributionItem,
    Cycle,
    CycleEvent,
    QuestionSet,
    Revision,
    StandingArena,
    StateChange,
    StrategicArea,
)
from resultat.imports import initiative_register, proofreading, sources
from resultat.initiatives.models import Initiative
from resultat.reference.models import SdgGoal, SdgTarget
from resultat.security.locks import serialise
from resultat.strategy.models import StrategyVersion


class ImportError_(ValueError):
    """The import cannot be done; nothing was written."""


@dataclass
class ImportResult:
    year: int
    dry_run: bool
    per_chapter: dict[str, Counter] = field(default_factory=dict)
    totals: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _front_matter(report, version, text: str, spec: Path, path: Path, result: ImportResult) -> None:
    """The edition's own texts (foreword, introduction, reading guide, contacts'
    introduction), when there is a front-matter file: from the OCR text by its line
    ranges, or from a PDF's text layer by their headings."""
    from resultat.imports import frontmatter

    if not spec.exists():
        return
    cycle = Cycle.objects.get(version__strategy=version.strategy, year=report.year)
    try:
        if text:
            lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            result.totals.update(frontmatter.import_front_matter(cycle, lines, spec, path.name))
        elif report.front:
            counts, missing = frontmatter.import_pdf_front_matter(cycle, report.front, spec, path.name)
            result.totals.update(counts)
            result.warnings.extend(f"{path.name}: rubriken {t!r} ur {spec.name} finns inte i PDF:en; texten lämnas tom" for t in missing)
    except frontmatter.FrontMatterError as exc:
        raise ImportError_(str(exc)) from exc


def _area_headings(report, version, result: ImportResult) -> None:
    """The descriptive headings over the area texts, kept as the areas' sub-titles."""
    from resultat.imports import frontmatter

    cycle = Cycle.objects.get(version__strategy=version.strategy, year=report.year)
    result.totals.update(frontmatter.import_area_headings(cycle, report))


def structure_path(region: str, year: int) -> Path:
    return Path(settings.DATA_DIR) / "followup" / region / f"structure-{year}.yaml"


def import_report(
    path: str | Path,
    *,
    year: int,
    version_code: str = "uppfoljning-2025",
    region: str = "vasterbotten",
    structure_file: str | Path | None = None,
    dry_run: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    ocr_text: str | Path | None = None,
    front_matter_file: str | Path | None = None,
) -> ImportResult:
    started = time.perf_counter()
    path = Path(path)
    if not path.exists():
        raise ImportError_(f"{path}: filen finns inte")
    from resultat.imports import frontmatter

    front_spec = Path(front_matter_file) if front_matter_file else frontmatter.spec_path(region, year)
    if front_matter_file and not front_spec.exists():
        raise ImportError_(f"{front_spec}: filen med rapportens egna texter finns inte")
    structure_file = Path(structure_file) if structure_file else structure_path(region, year)
    try:
        structure = yaml.safe_load(structure_file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ImportError_(f"{structure_file}: strukturfilen för {year} finns inte") from exc
    version = StrategyVersion.objects.filter(code=version_code, strategy__region__slug=region).first()
    if version is None:
        raise ImportError_(f"Strategiversionen {version_code!r} är inte inläst (resultat strategy load …)")
    question_set = QuestionSet.objects.order_by("-id").first()
    if question_set is None:
        raise ImportError_("Ingen frågeuppsättning är inläst")
    if progress:
        progress("tolkar", 0, 1)
    try:
        # OCR text, or a PDF's text layer (resultat/imports/sources.py)
        report, text = sources.parse_source(path, year=year, structure=structure, ocr_text=Path(ocr_text) if ocr_text else None)
    except sources.SourceError as exc:
        raise ImportError_(str(exc)) from exc
    result = ImportResult(year=year, dry_run=dry_run, warnings=[f"{path.name}:{w.line}: {w.message}" for w in report.warnings])
    with transaction.atomic():
        # Two imports at the same moment would both find no cycle and both create one;
        # the second now waits for the first and then updates what it wrote.
        serialise("imports:report")
        _write(report, version, question_set, structure_file, path, result, progress)
        _front_matter(report, version, text, front_spec, path, result)
        _area_headings(report, version, result)
        if dry_run:
            transaction.set_rollback(True)
    result.seconds = time.perf_counter() - started
    return result


@dataclass
class _Writing:
    """What writing one report's blocks needs at hand: the cycle, the lookups by code, the
    initiative register, and where counts and warnings go."""

    cycle: Cycle
    path: Path
    result: ImportResult
    questions: dict
    areas: dict
    placements: dict
    existing: dict  # (area id, question id) -> the cycle's contribution
    goals: dict
    targets: dict
    arenas: dict
    initiatives: object  # initiative_register's record of the report's named initiatives
    seen: set[int] = field(default_factory=set)

    def warn(self, line: int, message: str) -> None:
        self.result.warnings.append(f"{self.path.name}:{line}: {message}")


def _write(report: ParsedReport, version, question_set, structure_file: Path, path: Path, result: ImportResult, progress) -> None:
    loaders.load_structure(structure_file)
    cycle = _cycle(report, version, question_set, path, result)
    w = _lookups(report, version, question_set, cycle, path, result)
    total_blocks = sum(len(s.blocks) for ch in report.chapters for s in ch.sections)
    done = 0
    for chapter in report.chapters:
        counts = result.per_chapter.setdefault(chapter.code, Counter())
        for section in chapter.sections:
            question = w.questions.get(section.question)
            if question is None:
                w.warn(section.lines.first, f"okänd fråga {section.question!r}, hoppas över")
                continue
            for block in section.blocks:
                done += 1
                if progress:
                    progress("skriver", done, total_blocks)
                _write_block(w, question, block, counts)
    # Areas × questions with no block in the report: empty, published, so the year is complete.
    for (area_id, question_id), contribution in w.existing.items():
        if contribution.pk not in w.seen and contribution.source_file == path.name:
            contribution.delete()
    result.totals["samverkansytor"] = StandingArena.objects.count()
    result.totals["insatser"] = Initiative.objects.count()


def _cycle(report: ParsedReport, version, question_set, path: Path, result: ImportResult) -> Cycle:
    """The year's cycle on this strategy version, created published when it is new."""
    cycle = Cycle.objects.filter(version__strategy=version.strategy, year=report.year).first()
    if cycle is None:
        cycle = Cycle.objects.create(year=report.year, version=version, question_set=question_set, state=Cycle.State.PUBLISHED, published_at=timezone.now())
        CycleEvent.objects.create(cycle=cycle, from_state="", to_state=Cycle.State.PUBLISHED, comment=f"Importerad från {path.name}")
        result.totals["cykel skapad"] += 1
    elif cycle.version_id != version.pk:
        raise ImportError_(f"Cykeln {report.year} finns redan på en annan strategiversion ({cycle.version.code})")
    return cycle


def _lookups(report: ParsedReport, version, question_set, cycle: Cycle, path: Path, result: ImportResult) -> _Writing:
    areas = {a.code: a for a in StrategicArea.objects.all()}
    placements = {}
    for area in areas.values():
        placement = area.placements.filter(chapter__version=version).select_related("chapter").first()
        if placement:
            placements[area.code] = placement
    return _Writing(
        cycle=cycle,
        path=path,
        result=result,
        questions={q.code: q for q in question_set.questions.all()},
        areas=areas,
        placements=placements,
        existing={(c.area_id, c.question_id): c for c in cycle.contributions.all()},
        goals={g.number: g for g in SdgGoal.objects.all()},
        targets={t.code: t for t in SdgTarget.objects.all()},
        arenas={a.code: a for a in StandingArena.objects.all()},
        initiatives=initiative_register.build(report, path.name, result.totals),  # the whole report's named initiatives
    )


def _write_block(w: _Writing, question, block, counts: Counter) -> None:
    """One area block: a contribution per area it names (the first leads a joint text)."""
    lead = None
    for area_code in block.area_codes:
        area = w.areas.get(area_code)
        if area is None or area_code not in w.placements:
            w.warn(block.lines.first, f"okänt område {area_code!r}, hoppas över")
            continue
        contribution, created, changed = _write_contribution(w, area, question, block, lead)
        if lead is None:
            lead = contribution
        items = _write_items(w, contribution, block, created, changed)
        if changed:
            _record_import(w, contribution, block)
            w.result.totals["bidrag skapade" if created else "bidrag uppdaterade"] += 1
        else:
            w.result.totals["bidrag oförändrade"] += 1
        counts["bidrag"] += 1
        for it in items:
            counts[it.kind] += 1
            w.result.totals[f"listposter: {it.kind}"] += 1


def _write_contribution(w: _Writing, area, question, block, lead) -> tuple[Contribution, bool, bool]:
    """Create or update the area's contribution from the block; ``(contribution, created,
    changed)``. The proof-reader's corrections survive a re-import."""
    placement = w.placements[area.code]
    body = merge_adjacent_lists(sanitize(markup_to_html(block.text)))
    contribution = w.existing.get((area.pk, question.pk))
    created = contribution is None
    if created:
        contribution = Contribution(cycle=w.cycle, area=area, question=question)
    contribution.chapter = placement.chapter
    contribution.area_order = placement.order
    if not created:
        body, lost = proofreading.reapply_body(contribution, body)
        w.result.warnings.extend(f"{w.path.name}:{block.lines.first}: {msg}" for msg in lost)
    changed = created or contribution.body != body or contribution.source_text != block.raw
    contribution.body = body
    contribution.state = Contribution.State.PUBLISHED
    contribution.source_file = w.path.name
    contribution.source_first_line = block.lines.first
    contribution.source_last_line = block.lines.last
    contribution.source_text = block.raw
    contribution.joint_with = lead
    if changed:
        contribution.revision += 1
    contribution.save()
    w.existing[(area.pk, question.pk)] = contribution
    w.seen.add(contribution.pk)
    w.initiatives.link(contribution, block)
    return contribution, created, changed


def _write_items(w: _Writing, contribution: Contribution, block, created: bool, changed: bool) -> list[ContributionItem]:
    """The contribution's typed items, rewritten only when they (or the text) changed."""
    items = [_item(contribution, it, w.goals, w.targets, w.arenas, w.initiatives, w.result, w.path) for it in block.items]
    items = [i for i in items if i is not None]
    if not created:
        lost = proofreading.reapply_items(contribution, items)
        w.result.warnings.extend(f"{w.path.name}:{block.lines.first}: {msg}" for msg in lost)
    if changed or _item_keys(contribution.items.all()) != _item_keys(items):
        contribution.items.all().delete()
        ContributionItem.objects.bulk_create(items)
    return items


def _record_import(w: _Writing, contribution: Contribution, block) -> None:
    """The changed contribution's revision and state change, naming the source lines."""
    name = w.path.name
    Revision.objects.create(contribution=contribution, number=contribution.revision, body=contribution.body, items=[], note=f"Importerad från {name} rad {block.lines.first}–{block.lines.last}")
    StateChange.objects.create(contribution=contribution, from_state="", to_state=Contribution.State.PUBLISHED, comment=f"Importerad från {name}", revision_number=contribution.revision)


def _item_keys(items) -> list[tuple]:
    """What a re-import compares: a changed title or text (a better parser, a PDF instead
    of the OCR text) rewrites the items even when their number stays the same."""
    return [(i.kind, i.title, i.text, i.sdg_goal_id, i.sdg_target_id, i.arena_id, i.initiative_id) for i in items]


def _item(contribution, parsed, goals, targets, arenas, initiatives, result: ImportResult, path: Path) -> ContributionItem | None:
    item = ContributionItem(
        contribution=contribution,
        kind=parsed.kind,
        title=parsed.title[:400],
        text=parsed.text,
        source_first_line=parsed.lines.first,
        source_last_line=parsed.lines.last,
        source_text=parsed.raw,
    )
    if parsed.kind == "sdg":
        item.sdg_goal = goals.get(parsed.sdg_goal)
        if item.sdg_goal is None:
            result.warnings.append(f"{path.name}:{parsed.lines.first}: okänt Agenda 2030-mål {parsed.sdg_goal!r}, hoppas över")
            return None
        if parsed.sdg_target:
            item.sdg_target = targets.get(parsed.sdg_target)
            if item.sdg_target is None:
                result.warnings.append(f"{path.name}:{parsed.lines.first}: okänt delmål {parsed.sdg_target!r}; bara målet sparas")
    elif parsed.kind == "arena" and parsed.title:
        code = slugify(parsed.title)[:80] or f"arena-{parsed.lines.first}"
        arena = arenas.get(code)
        if arena is None:
            arena = StandingArena.objects.create(code=code, name=parsed.title[:300], description=parsed.text)
            arenas[code] = arena
            result.totals["samverkansytor skapade"] += 1
        item.arena = arena
    item.initiative = initiatives.for_item(parsed)  # the initiative it is or names (initiative_register.Register.for_item)
    return item
