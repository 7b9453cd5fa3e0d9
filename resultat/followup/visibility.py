"""THE rule for what is published and who may read what.

Every reader asks this module, never its own copy of the rule: the follow-up pages,
the public site, search (index and queries), open data and the API, the report, the
learning pages and the initiative pages. Two rules, nothing else:

* **Published** (the public rule): a contribution is published when it is in state
  "published" *and* its cycle is published. Its items, the arenas and initiatives it
  mentions, and its strategic area are public through it. Published texts are shown on
  the public pages to everyone, signed in or not.
* **Draft** (the staff rule): everything behind the public text – the staff page of a
  contribution (drafts, review comments, the state timeline with staff names, every
  revision with its diff) – may be read by the editors of the area's units, the
  reviewers assigned to the cycle, analysts and administrators. This holds for
  published contributions too: an account without a role, or an editor of another
  unit, reads a published text on the public pages only.

The staff rule is one ``DraftScope`` (all, or these cycles and these areas), turned
into a queryset filter for contributions and for search documents by the same code.

It lives in ``followup`` because followup owns cycles, contributions and their items;
every other reader sits above it (see docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from resultat.accounts.models import Role
from resultat.followup.models import (
    Contribution,
    ContributionItem,
    Cycle,
    StandingArena,
    StrategicArea,
)

State = Contribution.State


def is_analyst(user) -> bool:
    """Analysts and administrators read (and manage) the whole follow-up."""
    return bool(
        user and user.is_authenticated and user.is_active and (user.has_role(Role.ANALYST) or user.has_role(Role.ADMINISTRATOR))
    )


# --- the public rule ---------------------------------------------------------------------------
#
# A cycle stays public from its first publication on. Reopening it (to finish and
# approve what was missing) does not take anything off the public pages: its published
# contributions keep their state "published" – their text and items cannot change, no
# one edits a published text – and the public keeps reading them, marked as being
# updated, until the cycle is published again (docs/followup.md).


def is_published_cycle(cycle: Cycle) -> bool:
    """Is the cycle public: published now, or published before and reopened since?"""
    return cycle.state == Cycle.State.PUBLISHED or cycle.published_at is not None


def is_being_updated(cycle: Cycle) -> bool:
    """A published cycle that is reopened: the public reads the last published texts."""
    return cycle.state != Cycle.State.PUBLISHED and cycle.published_at is not None


def is_published(contribution: Contribution) -> bool:
    """Is this contribution's text public?"""
    return contribution.state == State.PUBLISHED and is_published_cycle(contribution.cycle)


def _public_cycle(prefix: str = "") -> Q:
    return Q(**{f"{prefix}state": Cycle.State.PUBLISHED}) | Q(**{f"{prefix}published_at__isnull": False})


PUBLIC_CYCLE = _public_cycle()
PUBLISHED_CONTRIBUTION = Q(state=State.PUBLISHED) & _public_cycle("cycle__")


def published_cycles() -> QuerySet[Cycle]:
    return Cycle.objects.filter(PUBLIC_CYCLE).select_related("version__strategy", "question_set")


def published_contributions() -> QuerySet[Contribution]:
    return Contribution.objects.filter(PUBLISHED_CONTRIBUTION)


def published_items() -> QuerySet[ContributionItem]:
    return ContributionItem.objects.filter(Q(contribution__state=State.PUBLISHED) & _public_cycle("contribution__cycle__"))


def public_arenas() -> QuerySet[StandingArena]:
    """Standing arenas cited in at least one published contribution."""
    return StandingArena.objects.filter(items__in=published_items()).distinct()


def public_initiatives():
    """Initiatives mentioned in at least one published contribution (the public API's
    initiatives; the register's own pages show every initiative, without drafts)."""
    initiative = ContributionItem._meta.get_field("initiative").related_model
    return initiative.objects.filter(mentions__in=published_items()).distinct()


def public_areas() -> QuerySet[StrategicArea]:
    """Strategic areas with at least one published contribution."""
    return StrategicArea.objects.filter(contributions__in=published_contributions()).distinct()


# Strategy versions are not follow-up text: their read rule (every version public, a
# draft marked as one) is the strategy's own, resultat.strategy.selectors.public_versions.


# --- the staff (draft) rule --------------------------------------------------------------------


@dataclass(frozen=True)
class DraftScope:
    """What a user reads behind the public text: everything, or the contributions of
    these cycles (as assigned reviewer) and of these areas (as editor of a unit)."""

    everything: bool = False
    cycle_ids: frozenset[int] = frozenset()
    area_ids: frozenset[int] = frozenset()

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.cycle_ids or self.area_ids)

    def q(self, cycle: str = "cycle_id", area: str = "area_id") -> Q:
        """A filter over any model with a cycle and an area field."""
        if self.everything:
            return Q()
        if self.nothing:
            return Q(pk__in=[])
        return Q(**{f"{cycle}__in": sorted(self.cycle_ids)}) | Q(**{f"{area}__in": sorted(self.area_ids)})

    def covers(self, contribution: Contribution) -> bool:
        return self.everything or contribution.cycle_id in self.cycle_ids or contribution.area_id in self.area_ids


def draft_scope(user) -> DraftScope:
    if not (user and user.is_authenticated and user.is_active):
        return DraftScope()
    if is_analyst(user):
        return DraftScope(everything=True)
    cycles: frozenset[int] = frozenset()
    areas: frozenset[int] = frozenset()
    if user.has_role(Role.REVIEWER):
        cycles = frozenset(user.review_cycles.values_list("pk", flat=True))
    if user.has_role(Role.EDITOR):
        areas = frozenset(StrategicArea.objects.filter(units__editors=user).values_list("pk", flat=True))
    return DraftScope(cycle_ids=cycles, area_ids=areas)


def can_read_staff_page(user, contribution: Contribution) -> bool:
    """The staff page of a contribution (and its comments, timeline, revisions and
    diffs, and the tag suggestions): the draft rule, published or not."""
    return draft_scope(user).covers(contribution)


def can_read(user, contribution: Contribution) -> bool:
    """The contribution's text, wherever it is shown: public once published, else the
    draft rule."""
    return is_published(contribution) or can_read_staff_page(user, contribution)


def staff_contributions(user) -> QuerySet[Contribution]:
    """Contributions whose staff page ``user`` may open."""
    return Contribution.objects.filter(draft_scope(user).q())


def readable_contributions(user) -> QuerySet[Contribution]:
    """Contributions whose text ``user`` may read (published, or by the draft rule)."""
    scope = draft_scope(user)
    if scope.everything:
        return Contribution.objects.all()
    return Contribution.objects.filter(PUBLISHED_CONTRIBUTION | scope.q())


def readable_items(user) -> QuerySet[ContributionItem]:
    scope = draft_scope(user)
    if scope.everything:
        return ContributionItem.objects.all()
    published = Q(contribution__state=State.PUBLISHED) & _public_cycle("contribution__cycle__")
    return ContributionItem.objects.filter(published | scope.q("contribution__cycle_id", "contribution__area_id"))


def mentions(initiative, user=None, *, public: bool = True) -> QuerySet[ContributionItem]:
    """The contribution items naming ``initiative``: published ones on public pages
    (``public``), else those ``user`` may read."""
    qs = published_items() if public or user is None else readable_items(user)
    return qs.filter(initiative=initiative)


def can_read_initiative(user, initiative) -> bool:
    """An initiative's page: a confirmed one is public; one the report import was unsure
    of (waiting for an analyst, or rejected) is shown to signed-in staff only. Its
    mentions and history follow their own rules (``mentions``, ``mentioning``,
    ``can_read_initiative_history``)."""
    confirmed = initiative.review_status == initiative.Review.CONFIRMED
    return confirmed or bool(user and user.is_authenticated and user.is_active)


def mentioning(initiative, user=None) -> QuerySet[Contribution]:
    """The contributions that mention ``initiative`` as a whole (found in their text by
    the report import) and that ``user`` may read: published ones for everybody, drafts
    by the draft rule."""
    return initiative.mentioned_in.filter(pk__in=readable_contributions(user).values("pk"))


def can_read_initiative_history(user, initiative) -> bool:
    """An initiative's edit history names staff: analysts and the editors of the units
    of its areas read it (the people who may edit it), nobody else."""
    scope = draft_scope(user)
    if scope.everything:
        return True
    if not (scope.area_ids and user.has_role(Role.EDITOR)):
        return False
    return initiative.areas.filter(pk__in=scope.area_ids).exists()


def search_documents_filter(user, public: bool = False) -> Q:
    """Which search documents ``user`` may find (fields of ``search.SearchDocument``):
    published ones for everybody; drafts by the draft rule. ``public``: published only."""
    published = Q(visibility="published")
    if public:
        return published
    scope = draft_scope(user)
    if scope.everything:
        return Q()
    if scope.nothing:
        return published
    return published | scope.q()


# --- the report --------------------------------------------------------------------------------


def report_cycle(user, year: int) -> Cycle | None:
    """The cycle whose report ``user`` may read for ``year``: once published (also while
    it is reopened), everyone; before, analysts only (the draft report mixes every
    unit's drafts)."""
    cycles = Cycle.objects.filter(year=year)
    if not is_analyst(user):
        cycles = cycles.filter(PUBLIC_CYCLE)
    return cycles.order_by("-version__valid_from").first()


def report_contributions(cycle: Cycle) -> QuerySet[Contribution]:
    """What the report of ``cycle`` is built from: the published contributions once the
    cycle is published (and while it is reopened: the last published ones); every
    contribution in a draft report (analysts only)."""
    qs = cycle.contributions.all()
    if is_published_cycle(cycle):
        qs = qs.filter(state=State.PUBLISHED)
    return qs
