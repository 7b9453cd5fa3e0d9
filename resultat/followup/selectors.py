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
    """What an autosave needs: the contribution with its cycle and question (404 if none)."""
    return get_object_or_404(Contribution.objects.select_related("cycle", "question", "area"), pk=pk)


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

