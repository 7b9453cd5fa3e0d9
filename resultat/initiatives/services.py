"""Writes to the register. Every change to an initiative raises its revision and leaves
an ``InitiativeEdit`` (history); a save based on an older revision is refused."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from resultat.initiatives import permissions
from resultat.initiatives.models import Initiative, InitiativeEdit

TRACKED = ["name", "acronym", "kind", "description", "lead_organisation", "partners", "start_date", "end_date", "status",
           "run_by_region", "geographies", "diarienummer", "eu_project_id", "external_id"]


class AreaNotAllowed(ValueError):
    """An editor tried to attach or detach a strategic area outside their units."""


def _check_areas(user, before: set, after: set) -> None:
    """Editors change only their own units' areas, and keep at least one of them (else
    they would lose access to the initiative they just saved). Analysts change any."""
    if permissions.is_analyst(user):
        return
    own = permissions.own_area_ids(user)
    foreign = {a for a in before ^ after if a.pk not in own}
    if foreign:
        names = ", ".join(sorted(a.name for a in foreign))
        raise AreaNotAllowed(_("Du kan bara lägga till eller ta bort dina egna verksamheters strategiska områden (inte: %(names)s).") % {"names": names})
    if not any(a.pk in own for a in after):
        raise AreaNotAllowed(_("Välj minst ett av dina verksamheters strategiska områden; annars kan du inte längre redigera insatsen."))


class EditConflict(ValueError):
    def __init__(self, initiative: Initiative):
        self.initiative = initiative
        super().__init__(_("Någon annan har sparat insatsen under tiden (version %(revision)s). Inget skrevs över; ladda om sidan.") % {"revision": initiative.revision})


def _label(field: str) -> str:
    return str(Initiative._meta.get_field(field).verbose_name)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


@transaction.atomic
def save_initiative(initiative: Initiative | None, *, user, data: dict, areas=None, municipalities=None, base_revision: int | None = None) -> Initiative:
    """Create (``initiative`` None) or update. ``data`` holds model fields."""
    if initiative is None:
        if not permissions.can_create(user):
            raise PermissionDenied
        code = slugify(data.get("name", ""))[:110] or "insats"
        base, n = code, 2
        while Initiative.objects.filter(code=code).exists():
            code, n = f"{base}-{n}", n + 1
        if areas is not None or not permissions.is_analyst(user):
            _check_areas(user, set(), set(areas or []))
        initiative = Initiative.objects.create(code=code, updated_by=user, revision=1, **data)
        if areas is not None:
            initiative.areas.set(areas)
        if municipalities is not None:
            initiative.municipalities.set(municipalities)
        InitiativeEdit.objects.create(initiative=initiative, revision=1, author=user, changes={}, note="skapad")
        return initiative
    if not permissions.can_edit(user, initiative):
        raise PermissionDenied
    current = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if base_revision is not None and current.revision != base_revision:
        raise EditConflict(current)
    changes = {}
    for field in TRACKED:
        if field in data and getattr(current, field) != data[field]:
            changes[_label(field)] = [_text(getattr(current, field)), _text(data[field])]
            setattr(current, field, data[field])
    if areas is not None:
        _check_areas(user, set(current.areas.all()), set(areas))
        before, after = sorted(a.name for a in current.areas.all()), sorted(a.name for a in areas)
        if before != after:
            changes[_label("areas")] = [", ".join(before), ", ".join(after)]
            current.areas.set(areas)
    if municipalities is not None:
        before, after = sorted(a.name for a in current.municipalities.all()), sorted(a.name for a in municipalities)
        if before != after:
            changes[_label("municipalities")] = [", ".join(before), ", ".join(after)]
            current.municipalities.set(municipalities)
    if not changes:
        return current
    current.revision += 1
    current.updated_by = user
    current.updated_at = timezone.now()
    current.save()
    InitiativeEdit.objects.create(initiative=current, revision=current.revision, author=user, changes=changes)
    return current


@transaction.atomic
def review_candidate(initiative: Initiative, *, user, confirm: bool) -> Initiative:
    """An analyst confirms or rejects an initiative the report import was unsure of.

    Confirming links it from the items that carry its name (the import links only
    confirmed initiatives); rejecting unlinks it from every contribution and item, and a
    re-import keeps it rejected. Both raise the revision and leave an edit in the history."""
    from resultat.core.reportparse.initiatives import name_key
    from resultat.followup.models import ContributionItem

    if not permissions.can_review(user):
        raise PermissionDenied
    init = Initiative.objects.select_for_update().get(pk=initiative.pk)
    before = init.get_review_status_display()
    init.review_status = Initiative.Review.CONFIRMED if confirm else Initiative.Review.REJECTED
    if confirm:
        keys = set(init.match_keys or []) | {name_key(init.name)}
        items = ContributionItem.objects.filter(contribution__in=init.mentioned_in.all(), initiative=None)
        for item in items:
            if name_key(item.title) in keys:
                item.initiative = init
                item.save(update_fields=["initiative"])
    else:
        ContributionItem.objects.filter(initiative=init).update(initiative=None)
        init.mentioned_in.clear()
    init.revision += 1
    init.updated_by = user
    init.updated_at = timezone.now()
    init.save()
    InitiativeEdit.objects.create(
        initiative=init, revision=init.revision, author=user,
        changes={_label("review_status"): [str(before), str(init.get_review_status_display())]},
        note=str(_("Bekräftad av analytiker") if confirm else _("Avvisad av analytiker")),
    )
    return init
