"""Word in, Word out (issue 21): a unit's contributions of a cycle as a DOCX, and the
edited DOCX back through a preview and one all-or-nothing confirmation.

The document itself (building, reading, the signed manifest) is the plain-Python
``resultat.core.wordexchange``; this module gathers what it needs from the database, checks
who may do what, and writes through ``services.save_contribution`` only.
"""

from __future__ import annotations

import difflib
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from resultat.core.textdiff import diff_html
from resultat.core.wordexchange import build, parse, texts
from resultat.core.wordexchange.model import (
    AreaSection,
    ContributionSection,
    ExportDocument,
    ParsedContribution,
    Vocabulary,
    WordExchangeError,
    normal_item,
)
from resultat.followup import permissions, selectors, services
from resultat.followup.models import Contribution, Cycle, Question, StandingArena, Unit
from resultat.reference.models import SdgGoal, SdgTarget

MAX_UPLOAD_BYTES = parse.MAX_UPLOAD_BYTES
CONFIRM_SALT = "resultat.followup.wordexchange.confirm"
CONFIRM_MAX_AGE = 2 * 60 * 60
OPEN_CYCLE_STATES = (Cycle.State.OPEN, Cycle.State.REVIEW)
WRITABLE_STATES = (Contribution.State.NOT_STARTED, Contribution.State.DRAFT, Contribution.State.RETURNED)

__all__ = ["WordExchangeError", "confirm", "export_document", "export_zip", "preview_upload"]


def _key() -> bytes:
    return settings.SECRET_KEY.encode("utf-8")


def vocabulary() -> Vocabulary:
    targets: dict[int, set[str]] = {}
    for number, code in SdgTarget.objects.values_list("goal__number", "code"):
        targets.setdefault(number, set()).add(code)
    return Vocabulary(
        goals={g.number: g.name_sv for g in SdgGoal.objects.all()},
        targets=targets,
        arenas=dict(StandingArena.objects.values_list("code", "name")),
        kind_labels={k.value: str(k.label) for k in Question.ItemKind},
    )


# --- who and what -----------------------------------------------------------------------


def units_for(user, cycle: Cycle) -> list[Unit]:
    """The units whose document the user may download for the cycle."""
    units = Unit.objects.filter(areas__contributions__cycle=cycle).distinct().order_by("name")
    if permissions.is_analyst(user):
        return list(units)
    return list(units.filter(editors=user))


def may_download(user, unit: Unit) -> bool:
    return permissions.is_analyst(user) or unit.editors.filter(pk=user.pk).exists()


def closed_reason(user, contribution: Contribution) -> str:
    """Why ``user`` may not write ``contribution`` (empty if they may)."""
    cycle = contribution.cycle
    if cycle.state not in OPEN_CYCLE_STATES:
        return _("uppföljningen %(year)s är %(state)s") % {"year": cycle.year, "state": cycle.get_state_display()}
    if contribution.state not in WRITABLE_STATES:
        return _("bidraget är %(state)s och kan inte ändras") % {"state": contribution.get_state_display()}
    if user is not None and not permissions.can_edit(user, contribution):
        return _("du är inte redaktör för en verksamhet som skriver för området")
    return ""


def _contributions(cycle: Cycle, unit: Unit):
    return (
        Contribution.objects.filter(cycle=cycle, area__units=unit)
        .select_related("cycle", "area", "question", "chapter")
        .prefetch_related("items__sdg_goal", "items__sdg_target", "items__arena")
        .distinct()
        .order_by("chapter__order", "area_order", "area__name", "question__order")
    )


def _item_dicts(contribution: Contribution) -> list[dict[str, Any]]:
    return [
        normal_item({"kind": i.kind, "title": i.title, "text": i.text, "sdg_goal": i.sdg_goal.number if i.sdg_goal_id else None,
                     "sdg_target": i.sdg_target.code if i.sdg_target_id else None, "arena": i.arena.code if i.arena_id else None})
        for i in contribution.items.all()
    ]


# --- out --------------------------------------------------------------------------------


def export_document(cycle: Cycle, unit: Unit, user=None) -> bytes:
    """The DOCX of ``unit``'s contributions in ``cycle`` (``user`` None: the command line)."""
    if user is not None and not may_download(user, unit):
        raise PermissionDenied(_("Du är inte redaktör för verksamheten %(unit)s.") % {"unit": unit.name})
    areas: dict[int, AreaSection] = {}
    for c in _contributions(cycle, unit):
        area = areas.setdefault(c.area_id, AreaSection(code=c.area.code, name=c.area.name))
        previous = selectors.previous_year(c)
        reason = closed_reason(None, c)
        area.contributions.append(
            ContributionSection(
                id=c.pk, revision=c.revision, area_code=c.area.code, area_name=c.area.name, question_code=c.question.code,
                question_title=c.question.title, guidance=c.question.guidance, state_label=str(c.get_state_display()),
                editable=not reason, closed_reason=reason,
                previous_year=previous.cycle.year if previous else None, previous_html=previous.body if previous else "",
                body_html=c.body, item_kinds=list(c.question.item_kinds), items=_item_dicts(c),
            )
        )
    if not areas:
        raise WordExchangeError(_("Verksamheten %(unit)s har inga bidrag i uppföljningen %(year)s.") % {"unit": unit.name, "year": cycle.year})
    export = ExportDocument(
        year=cycle.year, cycle_id=cycle.pk, unit_code=unit.code, unit_name=unit.name,
        made_at=timezone.localtime().isoformat(timespec="seconds"), areas=list(areas.values()),
        title=_("Resultat %(year)s: %(unit)s") % {"year": cycle.year, "unit": unit.name},
    )
    with texts.translation(_):
        return build.build_docx(export, vocabulary(), _key())


def filename(cycle: Cycle, unit: Unit) -> str:
    return f"resultat-{cycle.year}-{slugify(unit.code)}.docx"


def export_zip(cycle: Cycle, user=None, progress: Callable[[int, int, Unit], None] | None = None) -> bytes:
    """Every unit's document for ``cycle`` in one zip (analysts)."""
    if user is not None and not permissions.is_analyst(user):
        raise PermissionDenied(_("Bara analytiker kan hämta alla verksamheters dokument."))
    units = list(Unit.objects.filter(areas__contributions__cycle=cycle).distinct().order_by("name"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, unit in enumerate(units, start=1):
            archive.writestr(filename(cycle, unit), export_document(cycle, unit))
            if progress:
                progress(n, len(units), unit)
    return out.getvalue()


# --- in ----------------------------------------------------------------------------------


@dataclass
class ItemChange:
    op: str  # added, changed, removed
    old: str = ""
    new: str = ""


@dataclass
class ContributionPreview:
    contribution: Contribution | None
    parsed: ParsedContribution
    base_revision: int
    status: str  # unchanged, change, conflict, refused, error
    reason: str = ""
    diff: str = ""
    new_body: str = ""
    item_changes: list[ItemChange] = field(default_factory=list)

    @property
    def place(self) -> str:
        return f"{self.parsed.area} · {self.parsed.question}"


@dataclass
class Preview:
    cycle: Cycle
    unit: Unit
    contributions: list[ContributionPreview]
    problems: list[tuple[str, str]]
    notes: list[tuple[str, str]]
    token: str = ""

    def count(self, status: str) -> int:
        return sum(1 for c in self.contributions if c.status == status)

    @property
    def changes(self) -> list[ContributionPreview]:
        return [c for c in self.contributions if c.status == "change"]

    @property
    def blocked(self) -> bool:
        return bool(self.problems) or any(c.status in ("conflict", "refused", "error") for c in self.contributions)

    @property
    def can_confirm(self) -> bool:
        return not self.blocked and bool(self.changes)


def describe_item(item: dict, vocab: Vocabulary) -> str:
    parts = []
    if item.get("sdg_goal"):
        parts.append(_("Mål %(n)s %(name)s") % {"n": item["sdg_goal"], "name": vocab.goals.get(item["sdg_goal"], "")})
        if item.get("sdg_target"):
            parts.append(_("delmål %(code)s") % {"code": item["sdg_target"]})
    if item.get("arena"):
        parts.append(f"[{item['arena']}]")
    for key in ("title", "text"):
        if item.get(key):
            parts.append(item[key].replace("\n", " "))
    return " · ".join(parts)


def _item_changes(old: list[dict], new: list[dict], vocab: Vocabulary) -> list[ItemChange]:
    def key(item: dict) -> tuple:
        return tuple(sorted((k, str(v)) for k, v in item.items()))

    changes = []
    matcher = difflib.SequenceMatcher(a=[key(i) for i in old], b=[key(i) for i in new], autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = min(a2 - a1, b2 - b1) if op == "replace" else 0
        for k in range(pairs):
            changes.append(ItemChange("changed", describe_item(old[a1 + k], vocab), describe_item(new[b1 + k], vocab)))
        for i in old[a1 + pairs : a2]:
            changes.append(ItemChange("removed", old=describe_item(i, vocab)))
        for i in new[b1 + pairs : b2]:
            changes.append(ItemChange("added", new=describe_item(i, vocab)))
    return changes


def _check_document(manifest, user) -> tuple[Cycle, Unit]:
    cycle = Cycle.objects.select_related("question_set").filter(pk=manifest.cycle_id, year=manifest.year).first()
    if cycle is None:
        raise WordExchangeError(_("Uppföljningen %(year)s som dokumentet skapades från finns inte längre.") % {"year": manifest.year})
    if cycle.state not in OPEN_CYCLE_STATES:
        raise WordExchangeError(
            _("Dokumentet gäller uppföljningen %(year)s, som är %(state)s: texter tas inte längre emot. Inget sparades.")
            % {"year": cycle.year, "state": cycle.get_state_display()}
        )
    unit = Unit.objects.filter(code=manifest.unit_code).first()
    if unit is None:
        raise WordExchangeError(_("Verksamheten %(unit)s som dokumentet gäller finns inte längre.") % {"unit": manifest.unit_code})
    if not unit.editors.filter(pk=user.pk).exists():
        raise WordExchangeError(
            _("Dokumentet gäller verksamheten %(unit)s, och du är inte redaktör för den. Inget sparades.") % {"unit": unit.name}
        )
    return cycle, unit


def preview_upload(data: bytes, user) -> Preview:
    """Read an uploaded document and say, per contribution, what confirming would do.
    Raises WordExchangeError if the document as a whole cannot be used."""
    with texts.translation(_):  # the core's messages and places in the user's language
        return _preview(data, user)


def _preview(data: bytes, user) -> Preview:
    vocab = vocabulary()
    document = parse.read_docx(data, _key(), vocab)
    cycle, unit = _check_document(document.manifest, user)
    contributions = {c.pk: c for c in _contributions(cycle, unit).filter(pk__in=[e["id"] for e in document.manifest.contributions])}
    previews = []
    for parsed in document.contributions:
        entry = document.manifest.entry(parsed.id)
        c = contributions.get(parsed.id)
        p = ContributionPreview(contribution=c, parsed=parsed, base_revision=entry["rev"], status="unchanged")
        previews.append(p)
        if c is None:
            p.status, p.reason = "error", _("Bidraget finns inte längre i uppföljningen, eller hör inte längre till verksamheten.")
            continue
        if parsed.problems:
            p.status = "error"
            continue
        if not parsed.changed:
            continue
        current_items = _item_dicts(c)
        if (not parsed.body_changed or parsed.body_html == c.body) and (not parsed.items_changed or parsed.items == current_items):
            continue  # the web already says what the document says (e.g. the same document uploaded again)
        p.new_body = parsed.body_html if parsed.body_changed else c.body
        p.diff = diff_html(c.body, p.new_body) if parsed.body_changed else ""
        if parsed.items_changed:
            p.item_changes = _item_changes(current_items, parsed.items, vocab)
        reason = closed_reason(user, c)
        if reason:
            p.status, p.reason = "refused", _("Ändringen tas inte emot: %(reason)s.") % {"reason": reason}
        elif c.revision != entry["rev"]:
            p.status = "conflict"
            p.reason = _("Texten har sparats i webben (version %(now)s, av %(who)s) sedan dokumentet skapades (version %(then)s). Inget skrivs över.") % {
                "now": c.revision, "who": c.updated_by or _("någon annan"), "then": entry["rev"]}
            p.diff = diff_html(c.body, parsed.body_html)
        else:
            p.status = "change"
    preview = Preview(
        cycle=cycle, unit=unit, contributions=previews,
        problems=[(str(place), message) for place, message in document.problems]
        + [(str(place), message) for p in previews for place, message in p.parsed.problems],
        notes=[(str(place), message) for place, message in document.notes] + [(str(place), message) for p in previews for place, message in p.parsed.notes],
    )
    if preview.can_confirm:  # a blocked preview gets nothing to confirm with
        preview.token = signing.dumps(
            {"u": user.pk, "cycle": cycle.pk, "unit": unit.pk,
             "c": [{"id": p.contribution.pk, "rev": p.base_revision, "body": p.new_body if p.parsed.body_changed else None,
                    "items": p.parsed.items if p.parsed.items_changed else None} for p in preview.changes]},
            salt=CONFIRM_SALT, compress=True,
        )
    return preview


def confirm(token: str, user, note: str | None = None) -> list[Contribution]:
    """Write every change of a preview, all at once or nothing.

    Raises WordExchangeError (expired or foreign confirmation), services.EditConflict (a
    contribution was saved in the web meanwhile), PermissionDenied or FollowupError; in
    each case nothing is written."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise WordExchangeError(_("Förhandsvisningen är för gammal; ladda upp dokumentet igen.")) from exc
    except signing.BadSignature as exc:
        raise WordExchangeError(_("Bekräftelsen är ogiltig; ladda upp dokumentet igen.")) from exc
    if data.get("u") != user.pk:
        raise WordExchangeError(_("Bekräftelsen gäller en annan användares uppladdning."))
    if not data["c"]:
        raise WordExchangeError(_("Dokumentet ändrar inget; inget att spara."))
    note = note if note is not None else _("från Word")
    saved = []
    with transaction.atomic():
        for change in data["c"]:
            c = Contribution.objects.select_related("cycle", "question", "area").get(pk=change["id"], cycle_id=data["cycle"])
            saved.append(
                services.save_contribution(
                    c, user=user, body=change["body"] if change["body"] is not None else c.body,
                    items=change["items"], base_revision=change["rev"], note=note,
                )
            )
    return saved
