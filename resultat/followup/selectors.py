"""Reads of the follow-up: tasks, queues, the completion matrix, public texts."""

from __future__ import annotations

from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from resultat.followup import visibility
from resultat.followup.models import Chapter, Contribution, ContributionItem, Cycle, Question
from resultat.infrastructure.hooks import serve

State = Contribution.State
OPEN_STATES = (State.NOT_STARTED, State.DRAFT, State.RETURNED)


def cycles() -> QuerySet[Cycle]:
    return Cycle.objects.select_related("version__strategy", "question_set").order_by("-year")


def contribution_detail(pk: int) -> Contribution:
    return (
        Contribution.objects.select_related("cycle__version__strategy", "area", "chapter", "question", "assignee", "updated_by", "carried_over_from__cycle")
        .prefetch_related("items__sdg_goal", "items__sdg_target", "items__arena", "items__initiative", "area__units", "area__contacts")
        .get(pk=pk)
    )


def contribution_for_save(pk: int) -> Contribution:
    """What an autosave needs before its transaction: the contribution's id and cycle
    (404 if none). The saving service reads the row again, locked, and checks the editor
    there (services.save_contribution); reading it all here too would be done twice."""
    return get_object_or_404(Contribution.objects.only("pk", "cycle_id"), pk=pk)


def my_tasks(user) -> QuerySet[Contribution]:
    """The editor's contributions: those of the user's units in open cycles."""
    return (
        Contribution.objects.filter(area__units__editors=user, cycle__state__in=[Cycle.State.OPEN, Cycle.State.REVIEW])
        .select_related("cycle", "area", "question", "chapter", "assignee")
        .distinct()
        .order_by("cycle__year", "chapter__order", "area_order", "question__order")
    )


def review_queue(user) -> QuerySet[Contribution]:
    return (
        Contribution.objects.filter(cycle__reviewers=user, state=State.SUBMITTED)
        .select_related("cycle", "area", "question", "chapter", "updated_by")
        .order_by("cycle__year", "chapter__order", "area_order", "question__order")
    )


def overdue(cycle: Cycle, today: date | None = None) -> QuerySet[Contribution]:
    today = today or timezone.localdate()
    if not cycle.submit_by or cycle.submit_by >= today:
        return Contribution.objects.none()
    return cycle.contributions.filter(state__in=OPEN_STATES).select_related("area", "question", "assignee")


@dataclass
class MatrixRow:
    area_name: str
    area_code: str
    cells: list[Contribution | None]


@dataclass
class MatrixChapter:
    chapter: Chapter
    rows: list[MatrixRow] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def summary(self) -> list[tuple[str, str, int]]:
        return state_summary(self.counts)


def state_summary(counts: Counter) -> list[tuple[str, str, int]]:
    """(state, label, count) in workflow order, for tables and legends."""
    return [(value, label, counts.get(value, 0)) for value, label in State.choices]


def completion_matrix(cycle: Cycle) -> tuple[list[Question], list[MatrixChapter], Counter]:
    """Areas × questions per chapter, each cell the contribution (with its state)."""
    questions = list(cycle.question_set.questions.all())
    position = {q.pk: i for i, q in enumerate(questions)}
    chapters: OrderedDict[int, MatrixChapter] = OrderedDict()
    rows: dict[tuple[int, int], MatrixRow] = {}
    totals: Counter = Counter()
    for c in cycle.contributions.select_related("area", "chapter").order_by("chapter__order", "area_order", "area__name"):
        group = chapters.setdefault(c.chapter_id, MatrixChapter(c.chapter))
        key = (c.chapter_id, c.area_id)
        if key not in rows:
            rows[key] = MatrixRow(c.area.name, c.area.code, [None] * len(questions))
            group.rows.append(rows[key])
        rows[key].cells[position[c.question_id]] = c
        group.counts[c.state] += 1
        totals[c.state] += 1
    return questions, list(chapters.values()), totals


def timeline(contribution: Contribution):
    return contribution.state_changes.select_related("actor").order_by("at", "id")


def changes_since_submission(contribution: Contribution):
    """For the reviewer: the revision last submitted before this one, if any."""
    submitted = [sc.revision_number for sc in contribution.state_changes.filter(to_state=State.SUBMITTED).order_by("at", "id")]
    if len(submitted) < 2:
        return None
    return contribution.revisions.filter(number=submitted[-2]).first()


def previous_year(contribution: Contribution) -> Contribution | None:
    return (
        Contribution.objects.filter(
            area=contribution.area,
            question__code=contribution.question.code,
            cycle__year__lt=contribution.cycle.year,
            state__in=[State.APPROVED, State.PUBLISHED],
        )
        .select_related("cycle")
        .order_by("-cycle__year")
        .first()
    )


def public_contributions(cycle: Cycle) -> QuerySet[Contribution]:
    """The published texts of ``cycle`` for the public pages (none before it is published)."""
    return (
        visibility.published_contributions().filter(cycle=cycle)
        .select_related("area", "chapter", "question")
        .prefetch_related(Prefetch("items", queryset=ContributionItem.objects.select_related("sdg_goal", "sdg_target", "arena", "initiative")))
        .order_by("chapter__order", "question__order", "area_order")
    )



# --- completeness (the guard before lock and publish) ------------------------------------------


@dataclass
class Tally:
    """How many contributions are approved, submitted, drafts or empty. "Approved"
    counts published ones too (they were approved); "empty" is not started, or no text
    and no list item; "draft" is a draft or returned text with content."""

    approved: int = 0
    submitted: int = 0
    draft: int = 0
    empty: int = 0

    CATEGORIES = ("approved", "submitted", "draft", "empty")

    def add(self, category: str) -> None:
        setattr(self, category, getattr(self, category) + 1)

    @property
    def total(self) -> int:
        return self.approved + self.submitted + self.draft + self.empty

    @property
    def complete(self) -> bool:
        return self.approved == self.total

    @property
    def missing(self) -> int:
        return self.total - self.approved


@dataclass
class AreaCompleteness:
    area_name: str
    area_code: str
    tally: Tally = field(default_factory=Tally)
    incomplete: list[Contribution] = field(default_factory=list)


@dataclass
class ChapterCompleteness:
    chapter: Chapter
    tally: Tally = field(default_factory=Tally)
    areas: list[AreaCompleteness] = field(default_factory=list)


@dataclass
class Completeness:
    total: Tally
    chapters: list[ChapterCompleteness]
    questions: list[tuple[Question, Tally]]


def completeness_category(contribution: Contribution, has_items: bool) -> str:
    from resultat.core.richtext import is_empty

    if contribution.state in (State.APPROVED, State.PUBLISHED):
        return "approved"
    if contribution.state == State.SUBMITTED:
        return "submitted"
    if contribution.state == State.NOT_STARTED or (is_empty(contribution.body) and not has_items):
        return "empty"
    return "draft"


def completeness(cycle: Cycle) -> Completeness:
    """The cycle's completeness per chapter and area and per question (one query)."""
    from django.db.models import Count

    questions = list(cycle.question_set.questions.all())
    by_question = {q.pk: Tally() for q in questions}
    total = Tally()
    chapters: OrderedDict[int, ChapterCompleteness] = OrderedDict()
    areas: dict[tuple[int, int], AreaCompleteness] = {}
    rows = (
        cycle.contributions.select_related("area", "chapter", "question")
        .annotate(n_items=Count("items"))
        .order_by("chapter__order", "area_order", "area__name", "question__order")
    )
    for c in rows:
        category = completeness_category(c, c.n_items > 0)
        group = chapters.setdefault(c.chapter_id, ChapterCompleteness(c.chapter))
        key = (c.chapter_id, c.area_id)
        if key not in areas:
            areas[key] = AreaCompleteness(c.area.name, c.area.code)
            group.areas.append(areas[key])
        for tally in (total, group.tally, areas[key].tally, by_question.setdefault(c.question_id, Tally())):
            tally.add(category)
        if category != "approved":
            c.completeness = category
            areas[key].incomplete.append(c)
    return Completeness(total, list(chapters.values()), [(q, by_question[q.pk]) for q in questions])


def preview_contributions(cycle: Cycle) -> QuerySet[Contribution]:
    """What publishing ``cycle`` now would make public: its approved and published
    texts, in the order of the public page (for the analysts' preview)."""
    return (
        cycle.contributions.filter(state__in=[State.APPROVED, State.PUBLISHED])
        .select_related("area", "chapter", "question")
        .prefetch_related(Prefetch("items", queryset=ContributionItem.objects.select_related("sdg_goal", "sdg_target", "arena", "initiative")))
        .order_by("chapter__order", "question__order", "area_order")
    )


# --- notifications and the menu's counts ---------------------------------------------------------


def notifications(user) -> QuerySet:
    from resultat.followup.models import Notification

    return Notification.objects.filter(user=user).select_related("contribution__area", "contribution__question", "contribution__cycle", "actor")


def return_reason(contribution: Contribution):
    """While a contribution is returned: the state change that returned it (reviewer,
    time and reason), for the top of its page."""
    if contribution.state != State.RETURNED:
        return None
    return contribution.state_changes.filter(to_state=State.RETURNED).select_related("actor").order_by("-at", "-id").first()


def work_counts(user) -> dict[str, int]:
    """The menu's numbers: the editor's open tasks (not started, drafts, returned), the
    reviewer's queue and unread notifications (three small count queries)."""
    from resultat.accounts.models import Role
    from resultat.followup.models import Notification

    counts = {"tasks": 0, "review": 0, "unread": 0}
    if not (user and user.is_authenticated):
        return counts
    if user.has_role(Role.EDITOR):
        counts["tasks"] = my_tasks(user).filter(state__in=OPEN_STATES).count()
    if user.has_role(Role.REVIEWER):
        counts["review"] = review_queue(user).count()
    counts["unread"] = Notification.objects.filter(user=user, read_at=None).count()
    return counts


# --- overdue work per unit and editor (the analyst's chase list) ---------------------------------


@dataclass
class OverdueEditor:
    """One person who should write overdue contributions; ``email`` may be empty (no
    reminder can then be sent)."""

    user_id: int
    name: str
    email: str
    contributions: list[Contribution] = field(default_factory=list)


@dataclass
class OverdueUnit:
    """A unit with overdue work: its editors, each with their contributions, and the
    contributions nobody can be reminded of (the unit has no editor)."""

    name: str
    code: str
    editors: list[OverdueEditor] = field(default_factory=list)
    without_editor: list[Contribution] = field(default_factory=list)


@dataclass
class OverdueWork:
    days: int
    units: list[OverdueUnit]
    #: overdue contributions of areas without any unit
    without_unit: list[Contribution]
    total: int


def overdue_by_unit(cycle: Cycle, today: date | None = None) -> OverdueWork:
    """The overdue contributions grouped by unit, then by editor (who would get the
    reminder: the assignee, else every editor of the area's units; the same rule as
    services.reminders_due). A contribution of an area with two units appears under
    both; one assigned to a person appears only under the units that person edits for."""
    today = today or timezone.localdate()
    days = (today - cycle.submit_by).days if cycle.submit_by and cycle.submit_by < today else 0
    contributions = list(
        overdue(cycle, today)
        .select_related("chapter")
        .prefetch_related("area__units__editors")
        .order_by("area__name", "chapter__order", "question__order")
    )
    units: dict[int, OverdueUnit] = {}
    editors: dict[tuple[int, int], OverdueEditor] = {}
    without_unit: list[Contribution] = []
    for c in contributions:
        area_units = list(c.area.units.all())
        if not area_units:
            without_unit.append(c)
            continue
        placed = False
        for unit in area_units:
            group = units.setdefault(unit.pk, OverdueUnit(unit.name, unit.code))
            people = [u for u in unit.editors.all() if u.is_active]
            if c.assignee_id:
                people = [u for u in people if u.pk == c.assignee_id]
            if not people:
                if not c.assignee_id:
                    group.without_editor.append(c)
                continue
            placed = True
            for person in people:
                key = (unit.pk, person.pk)
                if key not in editors:
                    editors[key] = OverdueEditor(person.pk, person.get_full_name() or person.username, person.email)
                    group.editors.append(editors[key])
                editors[key].contributions.append(c)
        if c.assignee_id and not placed:
            # assigned to someone who no longer edits for the area: the first unit's list
            units[area_units[0].pk].without_editor.append(c)
    for group in units.values():
        group.editors.sort(key=lambda e: (e.name.lower(), e.user_id))
    ordered = sorted(units.values(), key=lambda u: u.name.lower())
    return OverdueWork(days, ordered, without_unit, len(contributions))


# --- the public year: an overview per chapter, one page per chapter ------------------------------


@dataclass
class PublicChapter:
    """One chapter of a published year on the overview: how many areas and texts are
    published in it and a few key results (the first titles of its "Ett urval av
    insatser" lists)."""

    chapter: Chapter
    areas: int = 0
    texts: int = 0
    key_results: list[str] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)  # from CHAPTER_INDICATORS


KEY_RESULTS_PER_CHAPTER = 3

# Other apps (indicators) add to a chapter's summary from their integrations.py:
# callable([priority], year) -> {priority pk: {"counts", "url", ...}} (docs/public-site.md).
CHAPTER_INDICATORS = serve("followup.chapter_indicators", "callable([priority], year) -> {priority pk: {'counts', 'url', ...}} for a year's overview")


def public_chapters(cycle: Cycle) -> list[PublicChapter]:
    """Every chapter of ``cycle``'s strategy version in order, with its published
    counts and key results (three queries, whatever the size of the year) and what the
    ``followup.chapter_indicators`` providers add (the indicators' trends). Reads only
    through the public rule (visibility), so a reopened cycle shows what was published."""
    from django.db.models import Count

    chapters = OrderedDict(
        (ch.pk, PublicChapter(ch))
        for ch in Chapter.objects.filter(version_id=cycle.version_id).select_related("priority__version__strategy").order_by("order", "pk")
    )
    counts = (
        visibility.published_contributions().filter(cycle=cycle)
        .values("chapter_id").annotate(areas=Count("area", distinct=True), texts=Count("pk")).order_by()
    )
    for row in counts:
        if row["chapter_id"] in chapters:
            chapters[row["chapter_id"]].areas = row["areas"]
            chapters[row["chapter_id"]].texts = row["texts"]
    items = (
        visibility.published_items().filter(contribution__cycle=cycle, kind=Question.ItemKind.INITIATIVE).exclude(title="")
        .order_by("contribution__chapter__order", "contribution__question__order", "contribution__area_order", "order", "pk")
        .values_list("contribution__chapter_id", "title")
    )
    for chapter_id, title in items.iterator():
        summary = chapters.get(chapter_id)
        if summary is not None and len(summary.key_results) < KEY_RESULTS_PER_CHAPTER and title not in summary.key_results:
            summary.key_results.append(title)
    priorities = [s.chapter.priority for s in chapters.values() if s.chapter.priority_id]
    for provider in CHAPTER_INDICATORS:
        found = provider(priorities, cycle.year)
        for summary in chapters.values():
            if summary.chapter.priority_id in found:
                summary.indicators.append(found[summary.chapter.priority_id])
    return list(chapters.values())


def public_chapter(cycle: Cycle, code: str) -> tuple[Chapter, Chapter | None, Chapter | None] | None:
    """The chapter ``code`` of ``cycle``'s version with its previous and next chapters
    (None at the ends); None for a code the version does not have."""
    chapters = list(Chapter.objects.filter(version_id=cycle.version_id).order_by("order", "pk"))
    for i, chapter in enumerate(chapters):
        if chapter.code == code:
            return chapter, (chapters[i - 1] if i > 0 else None), (chapters[i + 1] if i + 1 < len(chapters) else None)
    return None


def public_chapter_texts(cycle: Cycle, chapter: Chapter) -> dict[Question, list[Contribution]]:
    """The published texts of one chapter, grouped by question (in order) and area."""
    grouped: dict[Question, list[Contribution]] = {}
    for c in public_contributions(cycle).filter(chapter=chapter):
        grouped.setdefault(c.question, []).append(c)
    return grouped
