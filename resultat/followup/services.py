"""Writes of the follow-up cycle. Every function checks permissions, runs in one
transaction and records who did what (state changes, revisions, cycle events)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from resultat.core.richtext import is_empty, sanitize
from resultat.followup import permissions
from resultat.followup.models import (
    AreaPlacement,
    Contribution,
    ContributionItem,
    Cycle,
    CycleEvent,
    Question,
    QuestionSet,
    ReviewComment,
    Revision,
    StandingArena,
    StateChange,
)
from resultat.infrastructure.events import announce_publication
from resultat.reference.models import SdgGoal, SdgTarget
from resultat.strategy.models import StrategyVersion

State = Contribution.State
EDITABLE_STATES = (State.NOT_STARTED, State.DRAFT, State.RETURNED)


class FollowupError(ValueError):
    """A request that breaks a rule of the follow-up; the message is for the user."""


class EditConflict(FollowupError):
    """Someone saved a newer revision than the one the editor opened."""

    def __init__(self, contribution: Contribution, body: str, items: list[dict]):
        self.contribution = contribution
        self.body = body
        self.items = items
        super().__init__(
            f"Texten har ändrats av {contribution.updated_by or 'någon annan'} sedan du öppnade den "
            f"(version {contribution.revision}). Inget skrevs över."
        )


def _require(condition: bool, message: str = "Du har inte behörighet att göra det här.") -> None:
    if not condition:
        raise PermissionDenied(message)


def _change_state(contribution: Contribution, to_state: str, actor, comment: str = "") -> None:
    StateChange.objects.create(
        contribution=contribution,
        from_state=contribution.state,
        to_state=to_state,
        actor=actor,
        comment=comment,
        revision_number=contribution.revision,
    )
    contribution.state = to_state


def _hold_cycle(cycle_id: int) -> str | None:
    """The cycle's state, read with its row share-locked until the transaction ends.

    Every write to a contribution (save, submit, approve, return) takes this lock
    before the contribution's own row lock, and lock/publish/reopen take the cycle row
    FOR UPDATE: so a cycle cannot be locked while a write that saw it open is still
    under way, and no write that starts later sees it open. Writers share the lock, so
    saves of different contributions do not wait for each other. (SQLite: write
    transactions are IMMEDIATE and run one at a time, which gives the same order.)
    """
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(Cycle._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT state FROM {table} WHERE id = %s FOR SHARE", [cycle_id])
            row = cursor.fetchone()
        return row[0] if row else None
    return Cycle.objects.filter(pk=cycle_id).values_list("state", flat=True).first()


def _require_active_cycle(state: str | None) -> None:
    if state == Cycle.State.LOCKED:
        raise FollowupError(_("Cykeln är låst: texter och lägen kan inte ändras förrän analytikern öppnar den igen."))
    if state not in Cycle.ACTIVE_STATES:
        label = Cycle.State(state).label if state in Cycle.State.values else state
        raise FollowupError(_("Cykeln är inte öppen (läge: %(state)s): texter och lägen kan inte ändras.") % {"state": label})


def _cycle_event(cycle: Cycle, to_state: str, actor, comment: str = "") -> None:
    CycleEvent.objects.create(cycle=cycle, from_state=cycle.state, to_state=to_state, actor=actor, comment=comment)
    cycle.state = to_state


# --- cycles ------------------------------------------------------------------------------


@transaction.atomic
def open_cycle(
    *,
    year: int,
    version: StrategyVersion,
    question_set: QuestionSet,
    actor=None,
    deadlines: dict[str, date | None] | None = None,
    carry_over: bool = False,
    reviewers: Iterable = (),
) -> Cycle:
    """Open a year's cycle: one contribution per placed area × question.

    With ``carry_over``, last year's approved or published texts are copied in as
    drafts marked "överförd från <år>"; the editor must confirm or rewrite them.
    """
    if actor is not None:
        _require(permissions.is_analyst(actor), "Bara analytiker kan öppna en uppföljningscykel.")
    if Cycle.objects.filter(version__strategy=version.strategy, year=year).exists():
        raise FollowupError(f"Det finns redan en uppföljningscykel för {year}.")
    placements = list(AreaPlacement.objects.filter(chapter__version=version, area__active=True).select_related("chapter", "area"))
    if not placements:
        raise FollowupError(f"Strategiversionen {version.code} har inga strategiska områden placerade i kapitel.")
    questions = list(question_set.questions.all())
    if not questions:
        raise FollowupError(f"Frågeuppsättningen {question_set.code} har inga frågor.")
    cycle = Cycle.objects.create(year=year, version=version, question_set=question_set, **(deadlines or {}))
    cycle.reviewers.set(reviewers)
    previous = _previous_texts(version, year) if carry_over else {}
    contributions = []
    for placement in placements:
        for question in questions:
            source = previous.get((placement.area_id, question.code))
            contributions.append(
                Contribution(
                    cycle=cycle,
                    area=placement.area,
                    chapter=placement.chapter,
                    area_order=placement.order,
                    question=question,
                    body=source.body if source else "",
                    state=State.DRAFT if source else State.NOT_STARTED,
                    carried_over_from=source,
                )
            )
    Contribution.objects.bulk_create(contributions)
    if previous:
        _copy_items(cycle, previous)
    _cycle_event(cycle, Cycle.State.OPEN, actor, f"{len(contributions)} bidrag skapade" + (", texter överförda" if previous else ""))
    cycle.save(update_fields=["state"])
    return cycle


def _previous_texts(version: StrategyVersion, year: int) -> dict[tuple[int, str], Contribution]:
    last = Cycle.objects.filter(version__strategy=version.strategy, year__lt=year).order_by("-year").first()
    if last is None:
        return {}
    rows = Contribution.objects.filter(cycle=last, state__in=[State.APPROVED, State.PUBLISHED]).select_related("question")
    return {(c.area_id, c.question.code): c for c in rows if not is_empty(c.body) or c.items.exists()}


def _copy_items(cycle: Cycle, previous: dict[tuple[int, str], Contribution]) -> None:
    by_source = {c.carried_over_from_id: c for c in cycle.contributions.exclude(carried_over_from=None)}
    copies = []
    for item in ContributionItem.objects.filter(contribution_id__in=list(by_source)):
        item.pk = None
        item.contribution = by_source[item.contribution_id]
        copies.append(item)
    ContributionItem.objects.bulk_create(copies)


@transaction.atomic
def set_deadlines(cycle: Cycle, actor, **dates: date | None) -> Cycle:
    _require(permissions.is_analyst(actor))
    allowed = {"opens_on", "submit_by", "review_by", "publish_on"}
    unknown = set(dates) - allowed
    if unknown:
        raise FollowupError(f"Okända datumfält: {', '.join(sorted(unknown))}")
    ordered = [dates.get(k, getattr(cycle, k)) for k in ("opens_on", "submit_by", "review_by", "publish_on")]
    present = [d for d in ordered if d]
    if present != sorted(present):
        raise FollowupError("Datumen ska komma i ordningen öppnar ≤ bidrag ≤ granskning ≤ publicering.")
    for key, value in dates.items():
        setattr(cycle, key, value)
    cycle.save()
    return cycle


@transaction.atomic
def lock_cycle(cycle: Cycle, actor, comment: str = "") -> Cycle:
    _require(actor is None or permissions.is_analyst(actor), "Bara analytiker kan låsa en cykel.")
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.state not in (Cycle.State.OPEN, Cycle.State.REVIEW):
        raise FollowupError(f"En cykel i läget {cycle.get_state_display()} kan inte låsas.")
    _cycle_event(cycle, Cycle.State.LOCKED, actor, comment)
    cycle.save(update_fields=["state"])
    return cycle


@transaction.atomic
def publish_cycle(cycle: Cycle, actor, comment: str = "") -> int:
    """Publish a locked cycle: approved contributions become public. Returns how many."""
    _require(actor is None or permissions.is_analyst(actor), "Bara analytiker kan publicera en cykel.")
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.state != Cycle.State.LOCKED:
        raise FollowupError("Lås cykeln innan den publiceras.")
    approved = list(cycle.contributions.filter(state=State.APPROVED))
    for contribution in approved:
        _change_state(contribution, State.PUBLISHED, actor, "Publicerad med cykeln")
    Contribution.objects.bulk_update(approved, ["state"])
    _cycle_event(cycle, Cycle.State.PUBLISHED, actor, comment or f"{len(approved)} bidrag publicerade")
    cycle.published_at = timezone.now()
    cycle.save(update_fields=["state", "published_at"])
    announce_publication(cycle, actor)  # the report edition freezes with it (docs/architecture.md)
    return len(approved)


@transaction.atomic
def reopen_cycle(cycle: Cycle, actor, reason: str) -> Cycle:
    _require(actor is None or permissions.is_analyst(actor), "Bara analytiker kan öppna en cykel igen.")
    if not reason.strip():
        raise FollowupError("Ange varför cykeln öppnas igen.")
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.state not in (Cycle.State.LOCKED, Cycle.State.PUBLISHED):
        raise FollowupError("Bara en låst eller publicerad cykel kan öppnas igen.")
    published = list(cycle.contributions.filter(state=State.PUBLISHED))
    for contribution in published:
        _change_state(contribution, State.APPROVED, actor, f"Cykeln öppnades igen: {reason}")
    Contribution.objects.bulk_update(published, ["state"])
    _cycle_event(cycle, Cycle.State.OPEN, actor, reason)
    cycle.published_at = None
    cycle.save(update_fields=["state", "published_at"])
    return cycle


# --- writing -----------------------------------------------------------------------------


def _clean_items(question: Question, items: list[dict[str, Any]]) -> list[ContributionItem]:
    cleaned = []
    for index, raw in enumerate(items):
        row = index + 1
        kind = raw.get("kind")
        if kind not in question.item_kinds:
            raise FollowupError(f"Rad {row} i listorna: typen {kind!r} hör inte till frågan {question.title}.")
        item = ContributionItem(kind=kind, order=index, title=(raw.get("title") or "").strip(), text=(raw.get("text") or "").strip())
        if kind == Question.ItemKind.SDG:
            number = raw.get("sdg_goal")
            item.sdg_goal = SdgGoal.objects.filter(number=number).first() if number not in (None, "") else None
            if item.sdg_goal is None:
                raise FollowupError(f"Rad {row} i listorna: ange ett Agenda 2030-mål (1–17), fick {number!r}.")
            target = (raw.get("sdg_target") or "").strip()
            if target:
                item.sdg_target = SdgTarget.objects.filter(code=target, goal=item.sdg_goal).first()
                if item.sdg_target is None:
                    raise FollowupError(f"Rad {row} i listorna: delmålet {target!r} finns inte under mål {number}.")
        elif kind == Question.ItemKind.ARENA and raw.get("arena"):
            item.arena = StandingArena.objects.filter(code=raw["arena"]).first()
            if item.arena is None:
                raise FollowupError(f"Rad {row} i listorna: okänd samverkansyta {raw['arena']!r}.")
            item.title = item.title or item.arena.name
        if not item.title and not item.text and kind != Question.ItemKind.SDG:
            continue
        cleaned.append(item)
    return cleaned


def _items_snapshot(items: Iterable[ContributionItem]) -> list[dict[str, Any]]:
    return [
        {
            "kind": i.kind,
            "title": i.title,
            "text": i.text,
            "sdg_goal": i.sdg_goal.number if i.sdg_goal_id else None,
            "sdg_target": i.sdg_target.code if i.sdg_target_id else None,
            "arena": i.arena.code if i.arena_id else None,
        }
        for i in items
    ]


def save_contribution(
    contribution: Contribution,
    *,
    user,
    body: str,
    items: list[dict[str, Any]] | None = None,
    base_revision: int,
    note: str = "",
) -> Contribution:
    """Save an editor's text. Refuses (EditConflict) if someone saved after
    ``base_revision``: nothing is overwritten silently."""
    # Sanitising is pure work: done before the transaction, which on SQLite holds the
    # database's single write lock from its first statement (IMMEDIATE).
    clean_body = sanitize(body)
    with transaction.atomic():
        return _save_contribution(contribution, user=user, clean_body=clean_body, items=items, base_revision=base_revision, note=note)


def _save_contribution(contribution: Contribution, *, user, clean_body: str, items, base_revision: int, note: str) -> Contribution:
    # The cycle row share-locked, then the contribution row locked: a submit, a review
    # or a cycle lock running at the same moment either finished before (and is seen
    # here) or waits until this save has committed.
    cycle_state = _hold_cycle(contribution.cycle_id)
    _require_active_cycle(cycle_state)
    current = (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("cycle", "area", "question", "updated_by")
        .get(pk=contribution.pk)
    )
    current.cycle.state = cycle_state
    _require(permissions.can_edit(user, current), "Du kan inte redigera det här bidraget.")
    if current.revision != base_revision:
        raise EditConflict(current, clean_body, items or [])
    clean_items = _clean_items(current.question, items) if items is not None else None
    new_revision = base_revision + 1
    confirmed = current.carry_over_confirmed or bool(
        current.carried_over_from_id and clean_body != current.carried_over_from.body
    )
    new_state = State.DRAFT if current.state == State.NOT_STARTED else current.state
    now = timezone.now()
    # The guarding statement names the revision *and* the editable states: even without
    # the row lock it could never write into a submitted or approved contribution.
    updated = Contribution.objects.filter(pk=current.pk, revision=base_revision, state__in=EDITABLE_STATES).update(
        body=clean_body, revision=new_revision, updated_by=user, updated_at=now, state=new_state, carry_over_confirmed=confirmed
    )
    if not updated:  # unreachable with the row lock held; kept as the last line of defence
        raise EditConflict(Contribution.objects.select_related("updated_by").get(pk=current.pk), clean_body, items or [])
    current.body, current.revision, current.updated_by, current.updated_at = clean_body, new_revision, user, now
    state_changed = new_state != current.state
    if state_changed:
        _change_state(current, new_state, user)
    current.carry_over_confirmed = confirmed
    if clean_items is not None:
        current.items.all().delete()
        for item in clean_items:
            item.contribution = current
            item.save()  # one by one: each sends the signal that re-indexes its arena or initiative
    Revision.objects.create(
        contribution=current,
        number=new_revision,
        body=clean_body,
        items=_items_snapshot(current.items.select_related("sdg_goal", "sdg_target", "arena")),
        author=user,
        note=note,
    )
    # The UPDATE above sends no signal; tell the receivers (the search index) as save() would.
    update_fields = {"body", "revision", "updated_by", "updated_at", "carry_over_confirmed"} | ({"state"} if state_changed else set())
    post_save.send(sender=Contribution, instance=current, created=False, update_fields=frozenset(update_fields), raw=False, using=current._state.db)
    for field in ("body", "revision", "updated_by", "updated_at", "state", "carry_over_confirmed"):
        setattr(contribution, field, getattr(current, field))
    return current


@transaction.atomic
def confirm_carry_over(contribution: Contribution, user) -> Contribution:
    _hold_cycle(contribution.cycle_id)
    contribution = Contribution.objects.select_for_update(of=("self",)).select_related("cycle", "area").get(pk=contribution.pk)
    _require(permissions.can_edit(user, contribution))
    if not contribution.carried_over_from_id:
        raise FollowupError("Texten är inte överförd från förra året.")
    contribution.carry_over_confirmed = True
    contribution.save(update_fields=["carry_over_confirmed"])
    StateChange.objects.create(
        contribution=contribution, from_state=contribution.state, to_state=contribution.state, actor=user,
        comment="Överförd text bekräftad", revision_number=contribution.revision,
    )
    return contribution


@transaction.atomic
def restore_revision(contribution: Contribution, user, number: int, base_revision: int) -> Contribution:
    old = contribution.revisions.filter(number=number).first()
    if old is None:
        raise FollowupError(f"Version {number} finns inte.")
    return save_contribution(contribution, user=user, body=old.body, items=old.items, base_revision=base_revision, note=f"Återställd från version {number}")


@transaction.atomic
def submit(contribution: Contribution, user) -> Contribution:
    """Klarmarkera: the editor sends the text for review."""
    cycle_state = _hold_cycle(contribution.cycle_id)
    _require_active_cycle(cycle_state)
    contribution = Contribution.objects.select_for_update(of=("self",)).select_related("cycle", "area").get(pk=contribution.pk)
    _require(permissions.can_edit(user, contribution), "Du kan inte klarmarkera det här bidraget.")
    if contribution.needs_carry_over_confirmation:
        raise FollowupError("Texten är överförd från förra året: bekräfta den eller skriv om den innan du klarmarkerar.")
    if is_empty(contribution.body) and not contribution.items.exists():
        raise FollowupError("Bidraget är tomt.")
    _change_state(contribution, State.SUBMITTED, user)
    contribution.submitted_revision = contribution.revision
    contribution.save(update_fields=["state", "submitted_revision"])
    return contribution


@transaction.atomic
def comment(contribution: Contribution, user, text: str, passage: str = "") -> ReviewComment:
    _require(permissions.can_review(user, contribution) or permissions.can_edit(user, contribution) or permissions.is_analyst(user))
    if not text.strip():
        raise FollowupError("Kommentaren är tom.")
    return ReviewComment.objects.create(contribution=contribution, author=user, text=text.strip(), passage=passage.strip(), revision_number=contribution.revision)


@transaction.atomic
def return_for_revision(contribution: Contribution, user, comment_text: str) -> Contribution:
    """Återremittera: back to the editor, with a required comment."""
    _require(permissions.can_review(user, contribution), "Bara granskare av cykeln kan återremittera.")
    if not comment_text.strip():
        raise FollowupError("Skriv en kommentar som säger vad som behöver ändras.")
    _require_active_cycle(_hold_cycle(contribution.cycle_id))
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.state != State.SUBMITTED:
        raise FollowupError("Bara bidrag som är klara för granskning kan återremitteras.")
    ReviewComment.objects.create(contribution=contribution, author=user, text=comment_text.strip(), revision_number=contribution.revision)
    _change_state(contribution, State.RETURNED, user, comment_text.strip())
    contribution.save(update_fields=["state"])
    return contribution


@transaction.atomic
def approve(contribution: Contribution, user, comment_text: str = "") -> Contribution:
    _require(permissions.can_review(user, contribution), "Bara granskare av cykeln kan godkänna.")
    _require_active_cycle(_hold_cycle(contribution.cycle_id))
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.state != State.SUBMITTED:
        raise FollowupError("Bara bidrag som är klara för granskning kan godkännas.")
    if comment_text.strip():
        ReviewComment.objects.create(contribution=contribution, author=user, text=comment_text.strip(), revision_number=contribution.revision)
    _change_state(contribution, State.APPROVED, user, comment_text.strip())
    contribution.save(update_fields=["state"])
    return contribution


@transaction.atomic
def assign(contribution: Contribution, actor, assignee) -> Contribution:
    _require(permissions.is_analyst(actor) or permissions.can_edit(actor, contribution))
    if assignee is not None and not contribution.area.units.filter(editors=assignee).exists():
        raise FollowupError(f"{assignee} är inte redaktör för något av områdets verksamheter.")
    contribution.assignee = assignee
    contribution.save(update_fields=["assignee"])
    return contribution


# --- reminders ---------------------------------------------------------------------------


@dataclass
class Reminder:
    email: str
    name: str
    contributions: list[Contribution]


def reminders_due(cycle: Cycle) -> list[Reminder]:
    """Editors with contributions not yet submitted (or returned), grouped per person."""
    waiting = (
        cycle.contributions.filter(state__in=[State.NOT_STARTED, State.DRAFT, State.RETURNED])
        .select_related("area", "question", "assignee")
        .prefetch_related("area__units__editors")
    )
    by_email: dict[str, Reminder] = {}
    for contribution in waiting:
        people = [contribution.assignee] if contribution.assignee_id else [u for unit in contribution.area.units.all() for u in unit.editors.all()]
        for person in people:
            if person.email and person.is_active:
                by_email.setdefault(person.email, Reminder(person.email, person.get_full_name() or person.username, [])).contributions.append(contribution)
    return sorted(by_email.values(), key=lambda r: r.email)


def send_reminders(cycle: Cycle, today: date | None = None) -> list[Reminder]:
    today = today or timezone.localdate()
    reminders = reminders_due(cycle)
    for reminder in reminders:
        lines = [f"- {c.area.name}: {c.question.title} ({c.get_state_display()})" for c in reminders_due_sorted(reminder.contributions)]
        deadline = f" senast {cycle.submit_by:%Y-%m-%d}" if cycle.submit_by else ""
        overdue = " Tidsfristen har passerat." if cycle.submit_by and cycle.submit_by < today else ""
        send_mail(
            subject=f"Resultat {cycle.year}: {len(reminder.contributions)} bidrag väntar på dig",
            message=(
                f"Hej {reminder.name}!\n\nFöljande bidrag till uppföljningen {cycle.year} ska klarmarkeras{deadline}.{overdue}\n\n"
                + "\n".join(lines)
                + "\n\nLogga in i Resultat och välj Mina uppgifter.\n"
            ),
            from_email=None,
            recipient_list=[reminder.email],
        )
    return reminders


def reminders_due_sorted(contributions: list[Contribution]) -> list[Contribution]:
    return sorted(contributions, key=lambda c: (c.area.name, c.question.order))


