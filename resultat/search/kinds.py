"""The document kinds that exist today: strategy texts, contributions with their typed
items (all cycles), initiatives and standing arenas. Each producer reads with few
queries (prefetching) so a full reindex stays fast."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from resultat.core.richtext import to_plain_text
from resultat.followup import visibility
from resultat.followup.models import Contribution, ContributionItem, StandingArena
from resultat.initiatives.models import Initiative
from resultat.reference.models import Area
from resultat.search.registry import Doc, register
from resultat.strategy.models import StrategyVersion

ITEM_ORDER = 1_000_000


_municipalities: dict = {"key": None, "pattern": None, "names": {}}


def refresh_municipalities() -> None:
    """Re-read the municipality names when the reference data changed (called before
    each indexing run; cheap when nothing changed)."""
    qs = Area.objects.filter(kind=Area.Kind.MUNICIPALITY)
    key = (qs.count(), max(qs.values_list("pk", flat=True), default=0))
    if key == _municipalities["key"]:
        return
    names = {a.name: a.code for a in qs}
    alternatives = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w])({alternatives})s?(?![\w])") if names else None
    _municipalities.update(key=key, pattern=pattern, names=names)


def _municipality_pattern() -> tuple[re.Pattern | None, dict[str, str]]:
    if _municipalities["key"] is None:
        refresh_municipalities()
    return _municipalities["pattern"], _municipalities["names"]


def municipalities_in(text: str) -> list[str]:
    """Codes of the municipalities named in ``text`` (the name or its genitive,
    case-sensitive: "Umeå", "Umeås")."""
    pattern, names = _municipality_pattern()
    if pattern is None:
        return []
    return sorted({names[m.group(1)] for m in pattern.finditer(text)})


def _ids_filter(qs, ids, field="pk"):
    return qs if ids is None else qs.filter(**{f"{field}__in": list(ids)})


# --- strategy ------------------------------------------------------------------------

def _count_strategy() -> int:
    return StrategyVersion.objects.count()


@register("strategy", label=_("Strategitext"), count=_count_strategy)
def strategy_documents(ids: Iterable[int] | None) -> Iterator[Doc]:
    versions = _ids_filter(StrategyVersion.objects.select_related("strategy"), ids)
    for version in versions:
        from resultat.strategy.models import (
            Challenge,
            Need,
            OverallGoal,
            Perspective,
            Priority,
            SubPriority,
        )

        s, v = version.strategy.code, version.code
        overview = reverse("strategy:overview", args=[s, v])
        base = dict(source_id=version.pk, kind="strategy", context=str(version))
        order = 0

        def doc(key, subkind, title, text, url, **kw):
            nonlocal order
            order += 1
            return Doc(key=f"strategy:{version.pk}:{key}", subkind=subkind, title=title, text=text, url=url, order=order, **base, **kw)

        yield doc("vision", "vision", version.vision_title, version.vision_text, overview + "#vision-heading")
        for g in OverallGoal.objects.filter(version=version).prefetch_related("sdg_goals"):
            yield doc(f"goal:{g.code}", "goal", g.title, g.text, overview + "#goals-heading", sdg_goals=[x.number for x in g.sdg_goals.all()])
        for p in Perspective.objects.filter(version=version):
            yield doc(f"perspective:{p.code}", "perspective", p.title, "\n".join(x for x in (p.description, p.requirement) if x), overview + "#perspectives-heading")
        for p in Priority.objects.filter(version=version).prefetch_related("sdg_goals"):
            url = reverse("strategy:priority", args=[s, v, p.code])
            yield doc(f"priority:{p.code}", "priority", f"{p.number} {p.title}", p.introduction, url, priorities=[p.code], sdg_goals=[x.number for x in p.sdg_goals.all()])
        subs = SubPriority.objects.filter(version=version).select_related("priority").prefetch_related("sdg_goals", "perspective_texts__perspective")
        for sp in subs:
            url = reverse("strategy:subpriority", args=[s, v, sp.code])
            texts = [sp.goal, sp.context, sp.strengths, sp.key_actors] + [pt.text for pt in sp.perspective_texts.all()]
            links = dict(priorities=[sp.priority.code], subpriorities=[sp.code], sdg_goals=[x.number for x in sp.sdg_goals.all()])
            text = "\n\n".join(t for t in texts if t)
            yield doc(f"subpriority:{sp.code}", "subpriority", f"{sp.number} {sp.title}", text, url + "#goal-heading", municipalities=municipalities_in(text), **links)
        for c in Challenge.objects.filter(version=version).select_related("subpriority__priority"):
            sp = c.subpriority
            url = reverse("strategy:subpriority", args=[s, v, sp.code]) + f"#{c.code}"
            yield doc(f"challenge:{c.code}", "challenge", f"{sp.number} {sp.title}: {c.label}", c.text, url, priorities=[sp.priority.code], subpriorities=[sp.code])
        for n in Need.objects.filter(version=version).select_related("subpriority__priority"):
            sp = n.subpriority
            url = reverse("strategy:subpriority", args=[s, v, sp.code]) + f"#{n.code}"
            yield doc(f"need:{n.code}", "need", n.title, n.text, url, priorities=[sp.priority.code], subpriorities=[sp.code])


# --- contributions and their items ---------------------------------------------------

def _count_contributions() -> int:
    return Contribution.objects.count()


contribution_is_published = visibility.is_published  # the one rule (followup.visibility)


def contribution_urls(c: Contribution) -> tuple[str, str]:
    staff = reverse("followup:contribution", args=[c.pk])
    if contribution_is_published(c):
        return reverse("results:public_cycle", args=[c.cycle.year]) + f"#bidrag-{c.pk}", staff
    return staff, staff


def _area_links(area) -> tuple[list[str], list[str]]:
    subs = list(area.subpriorities.all())
    return sorted({sp.priority.code for sp in subs}), sorted({sp.code for sp in subs})


@register("contribution", label=_("Bidrag"), count=_count_contributions)
def contribution_documents(ids: Iterable[int] | None) -> Iterator[Doc]:
    qs = _ids_filter(Contribution.objects.all(), ids).select_related("cycle", "area", "question", "chapter__priority").prefetch_related(
        "items__sdg_goal", "items__sdg_target", "area__subpriorities__priority"
    )
    for c in qs.iterator(chunk_size=200):
        url, staff = contribution_urls(c)
        published = contribution_is_published(c)
        priorities, subpriorities = _area_links(c.area)
        if c.chapter.priority_id:
            priorities = sorted(set(priorities) | {c.chapter.priority.code})
        items = list(c.items.all())
        common = dict(
            source_id=c.pk, url=url, staff_url=staff, year=c.cycle.year, priorities=priorities, subpriorities=subpriorities,
            areas=[c.area.code], question=c.question.code, published=published, cycle_id=c.cycle_id, area_id=c.area_id,
            context=f"{c.cycle.year} · {c.area.name} · {c.question.title}",
        )
        body = to_plain_text(c.body)
        goals = sorted({i.sdg_goal.number for i in items if i.sdg_goal_id})
        if body.strip():
            yield Doc(key=f"contribution:{c.pk}", kind="contribution", title=f"{c.area.name}: {c.question.title}", text=body,
                      sdg_goals=goals, municipalities=municipalities_in(body), order=c.pk, **common)
        for item in items:
            title = item.title
            if item.kind == "sdg" and item.sdg_goal_id:
                title = f"Mål {item.sdg_goal.number}: {item.sdg_goal.name}" + (f" (delmål {item.sdg_target.code})" if item.sdg_target_id else "")
            text = item.text
            if not (title or text).strip():
                continue
            yield Doc(key=f"item:{item.pk}", kind="item", subkind=item.kind, title=title or item.get_kind_display(), text=text,
                      sdg_goals=[item.sdg_goal.number] if item.sdg_goal_id else [], municipalities=municipalities_in(f"{title}\n{text}"),
                      order=ITEM_ORDER + item.pk, **common)


# --- initiatives and standing arenas ---------------------------------------------------

def _mention_url(items: list[ContributionItem]) -> tuple[str, str, bool]:
    """Link to the latest published mention (else the latest, for staff)."""
    items = sorted(items, key=lambda i: (i.contribution.cycle.year, i.pk), reverse=True)
    published = [i for i in items if contribution_is_published(i.contribution)]
    chosen = (published or items or [None])[0]
    if chosen is None:
        return "", "", False
    url, staff = contribution_urls(chosen.contribution)
    return url, staff, bool(published)


def _mention_qs():
    return ContributionItem.objects.select_related("contribution__cycle")


@register("initiative", label=_("Insats"), count=lambda: Initiative.objects.count())
def initiative_documents(ids: Iterable[int] | None) -> Iterator[Doc]:
    from django.db.models import Prefetch

    qs = _ids_filter(Initiative.objects.all(), ids).prefetch_related(
        "areas__subpriorities__priority", Prefetch("mentions", queryset=_mention_qs())
    )
    for i in qs:
        url, staff, published = _mention_url(list(i.mentions.all()))
        priorities, subpriorities = set(), set()
        for area in i.areas.all():
            p, s = _area_links(area)
            priorities.update(p)
            subpriorities.update(s)
        yield Doc(key=f"initiative:{i.pk}", source_id=i.pk, kind="initiative", title=i.name, text=i.description, url=url, staff_url=staff,
                  areas=sorted(a.code for a in i.areas.all()), priorities=sorted(priorities), subpriorities=sorted(subpriorities),
                  municipalities=municipalities_in(f"{i.name}\n{i.description}"), published=published, order=2 * ITEM_ORDER + i.pk)


@register("arena", label=_("Fast samverkansyta"), count=lambda: StandingArena.objects.count())
def arena_documents(ids: Iterable[int] | None) -> Iterator[Doc]:
    from django.db.models import Prefetch

    qs = _ids_filter(StandingArena.objects.all(), ids).prefetch_related(Prefetch("items", queryset=_mention_qs().select_related("contribution__area")))
    for a in qs:
        items = list(a.items.all())
        url, staff, published = _mention_url(items)
        text = "\n".join(x for x in (a.description, a.convenor and f"Sammankallande: {a.convenor}", a.members and f"Deltagare: {a.members}", a.frequency) if x)
        yield Doc(key=f"arena:{a.pk}", source_id=a.pk, kind="arena", title=a.name, text=text, url=url, staff_url=staff,
                  areas=sorted({i.contribution.area.code for i in items if not published or contribution_is_published(i.contribution)}), municipalities=municipalities_in(text), published=published,
                  order=3 * ITEM_ORDER + a.pk)


KIND_LABELS = {
    "strategy": _("Strategitext"),
    "contribution": _("Bidrag"),
    "item": _("Listpost i bidrag"),
    "initiative": _("Insats"),
    "arena": _("Fast samverkansyta"),
}
