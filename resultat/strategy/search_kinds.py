"""The strategy's search documents: the vision, overall goals, perspectives,
priorities, sub-priorities, challenges and needs of every version (one kind,
"strategy", a source object per version). Registered by ``strategy/integrations.py``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from resultat.search.registry import Doc, Kind, ids_filter, tags
from resultat.strategy import selectors
from resultat.strategy.models import (
    Challenge,
    Need,
    OverallGoal,
    Perspective,
    Priority,
    SubPriority,
)


def strategy_documents(ids: Iterable[int] | None) -> Iterator[Doc]:
    versions = ids_filter(selectors.public_versions(), ids)  # the strategy's one read rule
    for version in versions:
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
            yield doc(f"subpriority:{sp.code}", "subpriority", f"{sp.number} {sp.title}", text, url + "#goal-heading", municipalities=tags(text), **links)
        for c in Challenge.objects.filter(version=version).select_related("subpriority__priority"):
            sp = c.subpriority
            url = reverse("strategy:subpriority", args=[s, v, sp.code]) + f"#{c.code}"
            yield doc(f"challenge:{c.code}", "challenge", f"{sp.number} {sp.title}: {c.label}", c.text, url, priorities=[sp.priority.code], subpriorities=[sp.code])
        for n in Need.objects.filter(version=version).select_related("subpriority__priority"):
            sp = n.subpriority
            url = reverse("strategy:subpriority", args=[s, v, sp.code]) + f"#{n.code}"
            yield doc(f"need:{n.code}", "need", n.title, n.text, url, priorities=[sp.priority.code], subpriorities=[sp.code])


KIND = Kind("strategy", _("Strategitext"), strategy_documents, count=lambda: selectors.public_versions().count(), position=10)


def filter_choices(docs, user, public) -> dict:
    """The priority and sub-priority menus: every code once, with the title of its
    latest version."""
    latest = {}
    for p in Priority.objects.select_related("version").order_by("version__valid_from", "order"):
        latest[p.code] = f"{p.number} {p.title}"
    subs = {}
    for sp in SubPriority.objects.select_related("version").order_by("version__valid_from", "priority__order", "order"):
        subs[sp.code] = f"{sp.number} {sp.title}"
    return {
        "priorities": sorted(latest.items(), key=lambda kv: kv[1]),
        "subpriorities": sorted(subs.items(), key=lambda kv: [int(x) if x.isdigit() else x for x in kv[1].split(" ")[0].split(".")]),
    }
