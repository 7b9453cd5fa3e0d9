"""Writes of the follow-up cycle. Every function checks permissions, runs in one
transaction and records who did what (state changes, revisions, cycle events)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from resultat.core.richtext import is_empty, sanitize
from resultat.followup import permissions
from resultat.followup.models import (
    AreaPlacement,
    Contribution,
    ContributionItem,
    Cycle,
    CycleEvent,
    Notification,
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

log = logging.getLogger(__name__)

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
            _("Texten har ändrats av %(who)s sedan du öppnade den (version %(revision)s). Inget skrevs över.")
            % {"who": contribution.updated_by or _("någon annan"), "revision": contribution.revision}
        )


def _require(condition: bool, message: str | None = None) -> None:
    if not condition:
        raise PermissionDenied(message or _("Du har inte behörighet att göra det här."))


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


def _cycle_event(cycle: Cycle, to_state: str, actor, comment: str = "", reason: str = "") -> None:
    CycleEvent.objects.create(cycle=cycle, from_state=cycle.state, to_state=to_state, actor=actor, comment=comment, reason=reason)
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
        _require(permissions.is_analyst(actor), _("Bara analytiker kan öppna en uppföljningscykel."))
    if Cycle.objects.filter(version__strategy=version.strategy, year=year).exists():
        raise FollowupError(_("Det finns redan en uppföljningscykel för %(year)s.") % {"year": year})
    placements = list(AreaPlacement.objects.filter(chapter__version=version, area__active=True).select_related("chapter", "area"))
    if not placements:
        raise FollowupError(_("Strategiversionen %(version)s har inga strategiska områden placerade i kapitel.") % {"version": version.code})
    questions = list(question_set.questions.all())
    if not questions:
        raise FollowupError(_("Frågeuppsättningen %(set)s har inga frågor.") % {"set": question_set.code})
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
        raise FollowupError(_("Okända datumfält: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    ordered = [dates.get(k, getattr(cycle, k)) for k in ("opens_on", "submit_by", "review_by", "publish_on")]
    present = [d for d in ordered if d]
    if present != sorted(present):
        raise FollowupError(_("Datumen ska komma i ordningen öppnar ≤ bidrag ≤ granskning ≤ publicering."))
    for key, value in dates.items():
        setattr(cycle, key, value)
    cycle.save()
    return cycle


class IncompleteCycle(FollowupError):
    """Locking or publishing a cycle whose contributions are not all approved, without
    a reason. ``tally`` says how many are approved, submitted, drafts and empty."""

    def __init__(self, message: str, tally):
        self.tally = tally
        super().__init__(message)


def _tally_text(tally) -> str:
    return _(
        "%(approved)s av %(total)s bidrag är godkända; %(submitted)s väntar på granskning, "
        "%(draft)s är utkast och %(empty)s är tomma"
    ) % {"approved": tally.approved, "total": tally.total, "submitted": tally.submitted, "draft": tally.draft, "empty": tally.empty}


def _guard_completeness(cycle: Cycle, reason: str, message: str):
    """The cycle's tally; refuses (IncompleteCycle) an incomplete cycle without a reason."""
    from resultat.followup.selectors import completeness

    tally = completeness(cycle).total
    if not tally.complete and not reason.strip():
        raise IncompleteCycle(message % {"counts": _tally_text(tally)}, tally)
    return tally


def _event_comment(comment: str, tally) -> str:
    parts = [comment.strip()] if comment.strip() else []
    if not tally.complete:
        parts.append(_("Ofullständig: %(counts)s.") % {"counts": _tally_text(tally)})
    return " ".join(parts)


@transaction.atomic
def lock_cycle(cycle: Cycle, actor, comment: str = "", *, reason: str = "") -> Cycle:
    """Lock the cycle: no text or state changes until it is reopened. A cycle whose
    contributions are not all approved is locked only with a ``reason`` (kept on the
    cycle event)."""
    _require(actor is None or permissions.is_analyst(actor), _("Bara analytiker kan låsa en cykel."))
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.state not in (Cycle.State.OPEN, Cycle.State.REVIEW):
        raise FollowupError(_("En cykel i läget %(state)s kan inte låsas.") % {"state": cycle.get_state_display()})
    tally = _guard_completeness(
        cycle, reason, _("Cykeln är inte komplett: %(counts)s. Ange ett skäl för att låsa den ändå.")
    )
    _cycle_event(cycle, Cycle.State.LOCKED, actor, _event_comment(comment, tally), reason=reason.strip())
    cycle.save(update_fields=["state"])
    return cycle


@transaction.atomic
def publish_cycle(cycle: Cycle, actor, comment: str = "", *, reason: str = "") -> int:
    """Publish a locked cycle: approved contributions become public. Returns how many.
    A cycle whose contributions are not all approved is published only with a
    ``reason`` (kept on the cycle event): the others stay unpublished."""
    _require(actor is None or permissions.is_analyst(actor), _("Bara analytiker kan publicera en cykel."))
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.state != Cycle.State.LOCKED:
        raise FollowupError(_("Lås cykeln innan den publiceras."))
    tally = _guard_completeness(
        cycle, reason, _("Cykeln är inte komplett: %(counts)s. Bara godkända bidrag publiceras; ange ett skäl för att publicera ändå.")
    )
    approved = list(cycle.contributions.filter(state=State.APPROVED))
    for contribution in approved:
        _change_state(contribution, State.PUBLISHED, actor, "Publicerad med cykeln")
    Contribution.objects.bulk_update(approved, ["state"])
    published_note = ngettext("%(n)s bidrag publicerat.", "%(n)s bidrag publicerade.", len(approved)) % {"n": len(approved)}
    _cycle_event(cycle, Cycle.State.PUBLISHED, actor, _event_comment(comment or published_note, tally), reason=reason.strip())
    cycle.published_at = timezone.now()
    cycle.save(update_fields=["state", "published_at"])
    announce_publication(cycle, actor)  # the report edition freezes with it (docs/architecture.md)
    return len(approved)


@transaction.atomic
def reopen_cycle(cycle: Cycle, actor, reason: str) -> Cycle:
    """Open a locked or published cycle again, with a required reason.

    A published cycle stays public while it is reopened: its published contributions
    keep their state (nobody can edit a published text) and the public pages, the API,
    search and the report keep showing them, marked as being updated, until the cycle
    is published again. ``published_at`` keeps the time of the last publication."""
    _require(actor is None or permissions.is_analyst(actor), _("Bara analytiker kan öppna en cykel igen."))
    if not reason.strip():
        raise FollowupError(_("Ange varför cykeln öppnas igen."))
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.state not in (Cycle.State.LOCKED, Cycle.State.PUBLISHED):
        raise FollowupError(_("Bara en låst eller publicerad cykel kan öppnas igen."))
    _cycle_event(cycle, Cycle.State.OPEN, actor, reason, reason=reason.strip())
    cycle.save(update_fields=["state"])
    return cycle


# --- writing -----------------------------------------------------------------------------


def _clean_items(question: Question, items: list[dict[str, Any]]) -> list[ContributionItem]:
    cleaned = []
    for index, raw in enumerate(items):
        row = index + 1
        kind = raw.get("kind")
        if kind not in question.item_kinds:
            raise FollowupError(_("Rad %(row)s i listorna: typen %(kind)r hör inte till frågan %(question)s.") % {"row": row, "kind": kind, "question": question.title})
        item = ContributionItem(kind=kind, order=index, title=(raw.get("title") or "").strip(), text=(raw.get("text") or "").strip())
        if kind == Question.ItemKind.SDG:
            number = raw.get("sdg_goal")
            item.sdg_goal = SdgGoal.objects.filter(number=number).first() if number not in (None, "") else None
            if item.sdg_goal is None:
                raise FollowupError(_("Rad %(row)s i listorna: ange ett Agenda 2030-mål (1–17), fick %(value)r.") % {"row": row, "value": number})
            target = (raw.get("sdg_target") or "").strip()
            if target:
                item.sdg_target = SdgTarget.objects.filter(code=target, goal=item.sdg_goal).first()
                if item.sdg_target is None:
                    raise FollowupError(_("Rad %(row)s i listorna: delmålet %(target)r finns inte under mål %(goal)s.") % {"row": row, "target": target, "goal": number})
        elif kind == Question.ItemKind.ARENA and raw.get("arena"):
            item.arena = StandingArena.objects.filter(code=raw["arena"]).first()
            if item.arena is None:
                raise FollowupError(_("Rad %(row)s i listorna: okänd samverkansyta %(arena)r.") % {"row": row, "arena": raw["arena"]})
            item.title = item.title or item.arena.name
        elif kind == Question.ItemKind.INITIATIVE and raw.get("initiative"):
            item.initiative = _initiative(raw["initiative"], row)
            item.title = item.title or item.initiative.name
        if not item.title and not item.text and kind != Question.ItemKind.SDG:
            continue
        cleaned.append(item)
    return cleaned


def _initiative(code: str, row: int):
    initiative = ContributionItem._meta.get_field("initiative").related_model  # the register is a layer above
    found = initiative.objects.filter(code=code).first()
    if found is None:
        raise FollowupError(_("Rad %(row)s i listorna: okänd insats %(initiative)r.") % {"row": row, "initiative": code})
    return found


# What a revision keeps of each typed item: its own fields and the codes of what it cites.
_SNAPSHOT_FIELDS = {"kind": "kind", "title": "title", "text": "text", "sdg_goal": "sdg_goal__number",
                    "sdg_target": "sdg_target__code", "arena": "arena__code", "initiative": "initiative__code"}


def _items_snapshot(contribution: Contribution) -> list[dict[str, Any]]:
    """The contribution's typed items as its revision keeps them, read as plain values
    (one statement; every autosave writes a revision, so no model objects are built)."""
    rows = contribution.items.values_list(*_SNAPSHOT_FIELDS.values())
    return [dict(zip(_SNAPSHOT_FIELDS, row, strict=True)) for row in rows]


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
    _require(permissions.can_edit(user, current), _("Du kan inte redigera det här bidraget."))
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
        items=_items_snapshot(current),
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
        raise FollowupError(_("Texten är inte överförd från förra året."))
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
        raise FollowupError(_("Version %(number)s finns inte.") % {"number": number})
    return save_contribution(contribution, user=user, body=old.body, items=old.items, base_revision=base_revision, note=f"Återställd från version {number}")


@transaction.atomic
def submit(contribution: Contribution, user, *, link_base: str = "") -> Contribution:
    """Klarmarkera: the editor sends the text for review."""
    cycle_state = _hold_cycle(contribution.cycle_id)
    _require_active_cycle(cycle_state)
    contribution = Contribution.objects.select_for_update(of=("self",)).select_related("cycle", "area").get(pk=contribution.pk)
    _require(permissions.can_edit(user, contribution), _("Du kan inte klarmarkera det här bidraget."))
    if contribution.needs_carry_over_confirmation:
        raise FollowupError(_("Texten är överförd från förra året: bekräfta den eller skriv om den innan du klarmarkerar."))
    if is_empty(contribution.body) and not contribution.items.exists():
        raise FollowupError(_("Bidraget är tomt."))
    _change_state(contribution, State.SUBMITTED, user)
    contribution.submitted_revision = contribution.revision
    contribution.save(update_fields=["state", "submitted_revision"])
    _notify(contribution, Notification.Kind.SUBMITTED, user, contribution.cycle.reviewers.all(), link_base=link_base)
    return contribution


@transaction.atomic
def comment(contribution: Contribution, user, text: str, passage: str = "") -> ReviewComment:
    _require(permissions.can_review(user, contribution) or permissions.can_edit(user, contribution) or permissions.is_analyst(user))
    if not text.strip():
        raise FollowupError(_("Kommentaren är tom."))
    return ReviewComment.objects.create(contribution=contribution, author=user, text=text.strip(), passage=passage.strip(), revision_number=contribution.revision)


@transaction.atomic
def return_for_revision(contribution: Contribution, user, comment_text: str, *, link_base: str = "") -> Contribution:
    """Återremittera: back to the editor, with a required comment."""
    _require(permissions.can_review(user, contribution), _("Bara granskare av cykeln kan återremittera."))
    if not comment_text.strip():
        raise FollowupError(_("Skriv en kommentar som säger vad som behöver ändras."))
    _require_active_cycle(_hold_cycle(contribution.cycle_id))
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.state != State.SUBMITTED:
        raise FollowupError(_("Bara bidrag som är klara för granskning kan återremitteras."))
    ReviewComment.objects.create(contribution=contribution, author=user, text=comment_text.strip(), revision_number=contribution.revision)
    _change_state(contribution, State.RETURNED, user, comment_text.strip())
    contribution.save(update_fields=["state"])
    _notify(contribution, Notification.Kind.RETURNED, user, _editors(contribution), comment_text.strip(), link_base=link_base)
    return contribution


@transaction.atomic
def approve(contribution: Contribution, user, comment_text: str = "", *, link_base: str = "") -> Contribution:
    _require(permissions.can_review(user, contribution), _("Bara granskare av cykeln kan godkänna."))
    _require_active_cycle(_hold_cycle(contribution.cycle_id))
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.state != State.SUBMITTED:
        raise FollowupError(_("Bara bidrag som är klara för granskning kan godkännas."))
    if comment_text.strip():
        ReviewComment.objects.create(contribution=contribution, author=user, text=comment_text.strip(), revision_number=contribution.revision)
    _change_state(contribution, State.APPROVED, user, comment_text.strip())
    contribution.save(update_fields=["state"])
    _notify(contribution, Notification.Kind.APPROVED, user, _editors(contribution), comment_text.strip(), link_base=link_base)
    return contribution


@transaction.atomic
def assign(contribution: Contribution, actor, assignee) -> Contribution:
    _require(permissions.is_analyst(actor) or permissions.can_edit(actor, contribution))
    if assignee is not None and not contribution.area.units.filter(editors=assignee).exists():
        raise FollowupError(_("%(user)s är inte redaktör för något av områdets verksamheter.") % {"user": assignee})
    contribution.assignee = assignee
    contribution.save(update_fields=["assignee"])
    return contribution


# --- notifications -----------------------------------------------------------------------


def _editors(contribution: Contribution) -> list:
    """Who writes the contribution: its assignee, else the editors of its area's units."""
    if contribution.assignee_id:
        return [contribution.assignee]
    return list({u for unit in contribution.area.units.prefetch_related("editors") for u in unit.editors.all()})


def _notification_mail(kind: str, contribution: Contribution, actor, message: str, url: str) -> tuple[str, str]:
    what = f"{contribution.area.name}: {contribution.question.title} ({contribution.cycle.year})"
    who = (actor.get_full_name() or actor.username) if actor else _("systemet")
    if kind == Notification.Kind.SUBMITTED:
        subject = _("Att granska: %(what)s") % {"what": what}
        body = _("%(who)s har klarmarkerat en text som väntar på din granskning:\n%(what)s\n\nÖppna texten: %(url)s\n") % {
            "who": who, "what": what, "url": url}
    elif kind == Notification.Kind.RETURNED:
        subject = _("Återremitterad: %(what)s") % {"what": what}
        body = _("%(who)s har återremitterat texten:\n%(what)s\n\nSkäl:\n%(reason)s\n\nÖppna texten och ändra den: %(url)s\n") % {
            "who": who, "what": what, "reason": message, "url": url}
    else:
        subject = _("Godkänd: %(what)s") % {"what": what}
        body = _("%(who)s har godkänt texten:\n%(what)s\n%(comment)s\nÖppna texten: %(url)s\n") % {
            "who": who, "what": what, "comment": f"\n{message}\n" if message else "", "url": url}
    return subject, body


def _notify(contribution: Contribution, kind: str, actor, recipients: Iterable, message: str = "", *, link_base: str = "") -> list[Notification]:
    """A notification for each recipient (not the actor), saved with the action, and an
    e-mail with a direct link sent once the action has committed. A failing mail server
    is logged; it never undoes the action or breaks the request."""
    people = sorted({u for u in recipients if u.is_active and u != actor}, key=lambda u: u.pk)
    if not people:
        return []
    notes = Notification.objects.bulk_create(
        [Notification(user=u, kind=kind, contribution=contribution, actor=actor, message=message) for u in people]
    )
    base = (link_base or settings.RESULTAT_SITE_URL or "").rstrip("/")
    url = base + reverse("followup:contribution", args=[contribution.pk])
    subject, body = _notification_mail(kind, contribution, actor, message, url)
    addresses = [u.email for u in people if u.email]

    def send() -> None:
        for address in addresses:
            try:
                send_mail(subject=subject, message=body, from_email=None, recipient_list=[address])
            except Exception:  # noqa: BLE001 - the mail server's failure must not reach the user
                log.exception("Notification mail to %s about contribution %s failed", address, contribution.pk)

    if addresses:
        transaction.on_commit(send)
    return notes


@transaction.atomic
def mark_notifications_read(user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (these ``ids``, or all); returns how many."""
    qs = Notification.objects.filter(user=user, read_at=None)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


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
        _send_reminder_mail(cycle, reminder, today)
    return reminders


def _send_reminder_mail(cycle: Cycle, reminder: Reminder, today: date) -> None:
    lines = [f"- {c.area.name}: {c.question.title} ({c.get_state_display()})" for c in reminders_due_sorted(reminder.contributions)]
    deadline = _(" senast %(date)s") % {"date": f"{cycle.submit_by:%Y-%m-%d}"} if cycle.submit_by else ""
    overdue = _(" Tidsfristen har passerat.") if cycle.submit_by and cycle.submit_by < today else ""
    n = len(reminder.contributions)
    send_mail(
        subject=ngettext("Resultat %(year)s: %(n)s bidrag väntar på dig", "Resultat %(year)s: %(n)s bidrag väntar på dig", n)
        % {"year": cycle.year, "n": n},
        message=(
            _("Hej %(name)s!\n\nFöljande bidrag till uppföljningen %(year)s ska klarmarkeras%(deadline)s.%(overdue)s\n\n")
            % {"name": reminder.name, "year": cycle.year, "deadline": deadline, "overdue": overdue}
            + "\n".join(lines)
            + _("\n\nLogga in i Resultat och välj Mina uppgifter.\n")
        ),
        from_email=None,
        recipient_list=[reminder.email],
    )


def send_reminder_to(cycle: Cycle, email: str, actor, today: date | None = None) -> Reminder:
    """The reminder of one person (the analyst's per-person button): the same mail as
    send_reminders sends that person, and nobody else's. Recorded as an event of the
    cycle (same state before and after), so the cycle page shows who was chased when."""
    _require(permissions.is_analyst(actor), _("Bara analytiker kan skicka påminnelser."))
    if cycle.state not in Cycle.ACTIVE_STATES:
        raise FollowupError(_("Påminnelser skickas bara medan cykeln är öppen (läge: %(state)s).") % {"state": cycle.get_state_display()})
    today = today or timezone.localdate()
    email = (email or "").strip()
    reminder = next((r for r in reminders_due(cycle) if r.email.lower() == email.lower()), None) if email else None
    if reminder is None:
        raise FollowupError(_("%(email)s har inga bidrag som väntar i uppföljningen %(year)s.") % {"email": email or "–", "year": cycle.year})
    _send_reminder_mail(cycle, reminder, today)
    n = len(reminder.contributions)
    CycleEvent.objects.create(
        cycle=cycle, from_state=cycle.state, to_state=cycle.state, actor=actor,
        # stored in Swedish, whoever sends it; shown in the reader's language (infrastructure/system_notes.py)
        comment="Påminnelse skickad till %(name)s <%(email)s> (%(n)s bidrag)" % {"name": reminder.name, "email": reminder.email, "n": n},
    )
    return reminder


def reminders_due_sorted(contributions: list[Contribution]) -> list[Contribution]:
    return sorted(contributions, key=lambda c: (c.area.name, c.question.order))


