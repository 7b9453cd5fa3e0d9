"""The follow-up's search documents: contributions with their typed items (every
cycle; drafts found by the draft rule), standing arenas and strategic areas.
Registered by ``followup/integrations.py``; who finds what is ``followup.visibility``
(the one rule), registered with the kinds."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from resultat.core.richtext import to_plain_text
from resultat.followup import visibility
from resultat.followup.models import (
    Contribution,
    ContributionItem,
    Question,
    StandingArena,
    StrategicArea,
)
from resultat.search.registry import Doc, Kind, ids_filter, tags
from resultat.search.selectors import codes_in

ITEM_ORDER = 1_000_000


def contribution_urls(c: Contribution) -> tuple[str, str]:
    staff = reverse("followup:contribution", args=[c.pk])
    if visibility.is_published(c):
        # the text on its chapter's page (the year's page is an overview since issue 18)
        return reverse("results:public_chapter", args=[c.cycle.year, c.chapter.code]) + f"#bidrag-{c.pk}", staff
    return staff, staff


def area_links(area) -> tuple[list[str], list[str]]:
    subs = list(area.subpriorities.all())
    return sorted({sp.priority.code for sp in subs}), sorted({sp.code for sp in subs})


def contribution_documents(ids: Iterable[int] | None) -> Iterator[Doc]:
    qs = ids_filter(Contribution.objects.all(), ids).select_related("cycle", "area", "question", "chapter__priority").prefetch_related(
        "items__sdg_goal", "items__sdg_target", "area__subpriorities__priority"
    )
    for c in qs.iterator(chunk_size=200):
        url, staff = contribution_urls(c)
        published = visibility.is_published(c)
        priorities, subpriorities = area_links(c.area)
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
                      sdg_goals=goals, municipalities=tags(body), order=c.pk, **common)
        for item in items:
            title = item.title
            if item.kind == "sdg" and item.sdg_goal_id:
                title = f"Mål {item.sdg_goal.number}: {item.sdg_goal.name}" + (f" (delmål {item.sdg_target.code})" if item.sdg_target_id else "")
            text = item.text
            if not (title or text).strip():
                continue
            yield Doc(key=f"item:{item.pk}", kind="item", subkind=item.kind, title=title or item.get_kind_display(), text=text,
                      sdg_goals=[item.sdg_goal.number] if item.sdg_goal_id else [], municipalities=tags(f"{title}\n{text}"),
                      order=ITEM_ORDER + item.pk, **common)


def contribution_bodies(ids: list[int]) -> dict[int, str]:
    return dict(Contribution.objects.filter(pk__in=ids).values_list("pk", "body"))


def search_visibility(user, public: bool):
    return visibility.search_documents_filter(user, public=public)


CONTRIBUTION = Kind(
    "contribution", _("Bidrag"), contribution_documents, count=lambda: Contribution.objects.count(), visibility=search_visibility,
    labels={"contribution": _("Bidrag"), "item": _("Listpost i bidrag")}, bodies=contribution_bodies, position=20,
)


# --- what contributions mention: arenas (here) and initiatives (initiatives app) -----------------


def mention_url(items: list[ContributionItem]) -> tuple[str, str, bool]:
    """Link to the latest published mention (else the latest, for staff)."""
    items = sorted(items, key=lambda i: (i.contribution.cycle.year, i.pk), reverse=True)
    published = [i for i in items if visibility.is_published(i.contribution)]
    chosen = (published or items or [None])[0]
    if chosen is None:
        return "", "", False
    url, staff = contribution_urls(chosen.contribution)
    return url, staff, bool(published)


def mention_qs():
    return ContributionItem.objects.select_related("contribution__cycle", "contribution__chapter")


def arena_documents(ids: Iterable[int] | None) -> Iterator[Doc]:
    qs = ids_filter(StandingArena.objects.all(), ids).prefetch_related(Prefetch("items", queryset=mention_qs().select_related("contribution__area")))
    for a in qs:
        items = list(a.items.all())
        url, staff, published = mention_url(items)
        text = "\n".join(x for x in (a.description, a.convenor and f"Sammankallande: {a.convenor}", a.members and f"Deltagare: {a.members}", a.frequency) if x)
        areas = sorted({i.contribution.area.code for i in items if not published or visibility.is_published(i.contribution)})
        yield Doc(key=f"arena:{a.pk}", source_id=a.pk, kind="arena", title=a.name, text=text, url=url, staff_url=staff,
                  areas=areas, municipalities=tags(text), published=published, order=3 * ITEM_ORDER + a.pk)


ARENA = Kind("arena", _("Fast samverkansyta"), arena_documents, count=lambda: StandingArena.objects.count(), visibility=search_visibility, position=40)


# --- strategic areas: their public page, once they have a published text ----------------------


def area_documents(ids: Iterable[int] | None) -> Iterator[Doc]:
    public = set(visibility.public_areas().values_list("pk", flat=True))
    qs = ids_filter(StrategicArea.objects.all(), ids).prefetch_related("units", "subpriorities__priority")
    for a in qs:
        priorities, subpriorities = area_links(a)
        units = sorted({u.name for u in a.units.all()})
        subs = sorted({f"{sp.number} {sp.title}" for sp in a.subpriorities.all()})
        text = "\n".join(x for x in (
            units and f"Ansvariga verksamheter: {', '.join(units)}", subs and f"Delprioriteringar: {'; '.join(subs)}",
        ) if x)
        url = reverse("site:area", args=[a.code])
        yield Doc(key=f"area:{a.pk}", source_id=a.pk, kind="area", title=a.name, text=text, url=url, context=str(_("Strategiskt område")),
                  areas=[a.code], priorities=priorities, subpriorities=subpriorities, published=a.pk in public, order=4 * ITEM_ORDER + a.pk)


AREA = Kind("area", _("Strategiskt område"), area_documents, count=lambda: StrategicArea.objects.count(), position=50)


def filter_choices(docs, user, public) -> dict:
    """The strategic-area and question menus: on the public page only the areas that
    have published documents."""
    areas = StrategicArea.objects.all()
    if public or not (user and user.is_authenticated and user.is_active):
        areas = areas.filter(code__in=codes_in(docs, "areas"))
    return {
        "areas": list(areas.values_list("code", "name")),
        "questions": list(Question.objects.order_by("order").values_list("code", "title").distinct()),
    }
