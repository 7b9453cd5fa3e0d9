"""Builds the plain report model (``resultat.core.report.model``) for a cycle from the
database. Reads only; ``services`` freezes the result as an edition."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from django.utils import timezone

from resultat.core import richtext
from resultat.core.report.language import mark_english
from resultat.core.report.model import (
    ITEM_HEADINGS,
    ITEM_ORDER,
    AreaBlock,
    Chapter,
    Contact,
    ContactGroup,
    Item,
    ItemGroup,
    PriorityOverview,
    Question,
    QuestionSection,
    Report,
    StrategyOverview,
    TextSection,
    slug,
)
from resultat.followup import visibility
from resultat.followup.models import AreaPlacement, ContributionItem, Cycle
from resultat.followup.models import Chapter as ChapterModel
from resultat.reports import adapters
from resultat.reports.profile import region_profile

READING_GUIDE = (
    "Rapporten inleds med en beskrivning av den regionala utvecklingsstrategin följt av ett kapitel för var och en "
    "av prioriteringarna i strategin och ett kapitel för det övergripande arbete som bidrar till samtliga prioriteringar. "
    "Kapitlen följer alla samma struktur med underrubriker. Inom varje prioritering ryms ett skiftande antal strategiska "
    "områden som beskrivs separat under respektive underrubrik. Varje strategiskt område ansvarar för sin text, som svarar "
    "på följande frågor. I slutet av rapporten finns kontaktpersoner för de strategiska områdena."
)
CLOSING = (
    "Rapportens kapitel följer prioriteringarna i strategins ordning och avslutas med ett kapitel om det "
    "övergripande regionala utvecklingsuppdraget."
)
CONTACTS_INTRO = "För frågor om innehållet, kontakta respektive verksamhet."


def _indicator_count(n: int) -> str:
    return f"{n} indikator" if n == 1 else f"{n} indikatorer"


def _title(cycle: Cycle) -> tuple[str, str]:
    region = cycle.version.strategy.region.name
    short = region.removeprefix("Region ").strip()
    return f"Resultat {short} {cycle.year}", region


def _strategy(cycle: Cycle) -> StrategyOverview:
    from resultat.strategy.models import OverallGoal, Perspective, Priority, SubPriority

    v = cycle.version
    subs = defaultdict(list)
    for sp in SubPriority.objects.filter(version=v).order_by("order"):
        subs[sp.priority_id].append(f"{sp.number} {sp.title}")
    return StrategyOverview(
        name=v.strategy.name,
        vision=v.vision_title,
        goals=[(g.title, g.text.strip()) for g in OverallGoal.objects.filter(version=v).order_by("order")],
        perspectives=[(p.title, p.description.strip()) for p in Perspective.objects.filter(version=v).order_by("order")],
        priorities=[PriorityOverview(p.number, p.title, subs[p.pk]) for p in Priority.objects.filter(version=v).order_by("order")],
        closing=CLOSING,
    )


def _item(i: ContributionItem) -> Item:
    if i.kind == "sdg":
        return Item("sdg", i.title, i.text, goal=i.sdg_goal.number if i.sdg_goal else None,
                    goal_name=i.sdg_goal.name_sv if i.sdg_goal else "", target=i.sdg_target.code if i.sdg_target else "")
    return Item(i.kind, i.title or (i.arena.name if i.arena else "") or (i.initiative.name if i.initiative else ""), i.text)


def _own_texts(cycle: Cycle, report: Report) -> None:
    """The edition's own texts (``reports.ReportSection``): the foreword with its
    signature, the introduction's sections, and the reading guide and contacts'
    introduction in place of the generic ones."""
    from resultat.reports.models import ReportSection

    for s in ReportSection.objects.filter(cycle=cycle).order_by("order", "pk"):
        if s.code == ReportSection.FOREWORD:
            if not richtext.is_empty(s.body):
                report.foreword_html, report.foreword_signature = richtext.sanitize(s.body), s.signature
        elif s.code == ReportSection.READING_GUIDE:
            if not richtext.is_empty(s.body):
                report.reading_guide = richtext.to_plain_text(s.body).strip()
        elif s.code == ReportSection.CONTACTS:
            if not richtext.is_empty(s.body):
                report.contacts_intro = richtext.to_plain_text(s.body).strip()
        else:
            report.introduction.append(TextSection(id=f"inledning-{s.code}", title=s.title, level=min(max(s.level, 1), 2),
                                                   body_html=richtext.sanitize(s.body) if s.body else ""))


def _unique_items(items) -> list[ContributionItem]:
    """A joint text's items once: the importer stores them on both areas' contributions
    (each area's own page shows them), so the joint block would print each twice."""
    seen: set[tuple] = set()
    out = []
    for i in items:
        key = (i.kind, " ".join(i.title.split()), " ".join(i.text.split()), i.sdg_goal_id, i.sdg_target_id, i.arena_id, i.initiative_id)
        if key not in seen:
            seen.add(key)
            out.append(i)
    return out


def _subtitle(members) -> str:
    """The descriptive heading printed over the block in the original, if any."""
    for m in members:
        heading = getattr(m, "report_heading", None)
        if heading is not None and heading.heading.strip():
            return heading.heading.strip()
    return ""


def _groups(items) -> list[ItemGroup]:
    by_kind = defaultdict(list)
    for i in sorted(items, key=lambda i: (i.kind, i.order, i.pk)):
        by_kind[i.kind].append(_item(i))
    return [ItemGroup(k, ITEM_HEADINGS[k], by_kind[k]) for k in ITEM_ORDER if by_kind.get(k)]


def contributions(cycle: Cycle):
    return (
        visibility.report_contributions(cycle).select_related("area", "chapter", "question", "joint_with", "report_heading")
        .prefetch_related("items__sdg_goal", "items__sdg_target", "items__arena", "items__initiative", "joint_parts")
        .order_by("chapter__order", "question__order", "area_order", "area__name")
    )


def _profile(cycle: Cycle, region: str):
    """The region's profile for this year's edition. Its imprint date is the one the
    profile gives for the edition (the date the region decided it) or else the date the
    cycle was published; an unpublished cycle has none."""
    profile = region_profile(cycle.version.strategy.region.slug, region, cycle.year)
    if profile.imprint.date or not (visibility.is_published_cycle(cycle) and cycle.published_at):
        return profile
    published = timezone.localtime(cycle.published_at)
    # the cached profile is shared: change a copy
    return dataclasses.replace(profile, imprint=dataclasses.replace(profile.imprint, date=f"{published:%Y-%m-%d}"))


def build_report(cycle: Cycle, progress=None, *, include_synthetic: bool | None = None) -> Report:
    """The cycle's report. ``include_synthetic`` (default: only for an unpublished cycle)
    lets charts and annex tables with synthetic demo values in, labelled; a published
    cycle's report leaves them out and says what is missing."""
    if include_synthetic is None:
        include_synthetic = not visibility.is_published_cycle(cycle)
    title, region = _title(cycle)
    questions = list(cycle.question_set.questions.order_by("order"))
    report = Report(
        title=title, region=region, year=cycle.year, subtitle=f"Uppföljning av {cycle.version.strategy.name}",
        reading_guide=READING_GUIDE, questions=[Question(q.code, q.title, "") for q in questions],
        strategy=_strategy(cycle), contacts_intro=CONTACTS_INTRO,
        profile=_profile(cycle, region),
    )
    if not visibility.is_published_cycle(cycle):
        report.notes.append("Utkast: cykeln är inte publicerad och texterna kan ändras.")
    _own_texts(cycle, report)
    cells = defaultdict(list)
    for c in contributions(cycle):
        cells[(c.chapter_id, c.question_id)].append(c)
    chapters = list(ChapterModel.objects.filter(version=cycle.version).order_by("order"))
    for n, ch in enumerate(chapters):
        chapter = Chapter(id=ch.code, code=ch.code, title=ch.title, number=ch.priority.number if ch.priority_id else "")
        for q in questions:
            section = QuestionSection(id=f"{ch.code}-{q.code}", code=q.code, title=q.title)
            in_cell = cells.get((ch.pk, q.pk), [])
            pks = {c.pk for c in in_cell}
            done: set[int] = set()
            for c in in_cell:
                if c.pk in done:
                    continue
                partners = [p for p in ([c.joint_with] if c.joint_with_id else []) + list(c.joint_parts.all()) if p.pk in pks and p.pk not in done]
                members = [c, *partners]
                done.update(m.pk for m in members)
                body = next((m.body for m in members if not richtext.is_empty(m.body)), "")
                items = _unique_items(i for m in members for i in m.items.all())
                if richtext.is_empty(body) and not items:
                    continue
                section.blocks.append(AreaBlock(
                    id=f"{ch.code}-{q.code}-" + "-".join(slug(m.area.code) for m in members),
                    area_codes=[m.area.code for m in members], area_names=[m.area.name for m in members],
                    body_html=richtext.sanitize(body) if body else "", groups=_groups(items), subtitle=_subtitle(members),
                ))
            if section.blocks:
                chapter.sections.append(section)
        chapter.indicators, left_out = adapters.indicator_sections(cycle, ch, include_synthetic=include_synthetic)
        if left_out:
            chapter.indicators_note = (
                "Indikatorer utan verkliga värden visas inte i denna utgåva ("
                + _indicator_count(len(left_out)) + "): " + "; ".join(left_out) + "."
            )
        report.chapters.append(chapter)
        if progress:
            progress("kapitel", n + 1, len(chapters))
    report.annex = adapters.annex(cycle, include_synthetic=include_synthetic)
    report.contacts = _contacts(chapters)
    mark_english(report)
    return report


def _contacts(chapters) -> list[ContactGroup]:
    groups = []
    for ch in chapters:
        people: dict[int, Contact] = {}
        for placement in AreaPlacement.objects.filter(chapter=ch).select_related("area").prefetch_related("area__contacts").order_by("order"):
            for person in placement.area.contacts.all():
                entry = people.setdefault(person.pk, Contact(person.name, person.title, person.phone, person.email, []))
                entry.areas.append(placement.area.name)
        if people:
            groups.append(ContactGroup(ch.code, ch.title, list(people.values())))
    return groups
