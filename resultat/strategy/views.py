"""Public pages of the strategy: overview, priority, sub-priority, Agenda 2030
goal, version switcher and version comparison. No login needed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from resultat.core.strategy.compare import compare_versions
from resultat.infrastructure.caching import public_page
from resultat.reference.models import SdgGoal
from resultat.strategy import selectors
from resultat.strategy.models import Priority, Strategy, SubPriority


def _context(version, **extra):
    in_force = selectors.version_in_force(version.strategy) if version.status == version.Status.DRAFT else None
    return {
        "version": version, "strategy": version.strategy, "versions": selectors.versions_of(version.strategy),
        "in_force": in_force if in_force is not None and in_force.pk != version.pk else None, **extra,
    }


@public_page
def home(request: HttpRequest) -> HttpResponse:
    strategy = selectors.default_strategy()
    if strategy is None:
        return render(request, "strategy/empty.html", status=200)
    version = selectors.version_in_force(strategy)
    return redirect(version.get_absolute_url())


@public_page
def overview(request: HttpRequest, strategy: str, version: str) -> HttpResponse:
    v = selectors.get_version(strategy, version)
    return render(
        request,
        "strategy/overview.html",
        _context(
            v,
            goals=selectors.goals_of(v),
            perspectives=selectors.perspectives_of(v),
            priorities=selectors.priorities_with_subpriorities(v),
            page_code="",
        ),
    )


@public_page
def priority(request: HttpRequest, strategy: str, version: str, code: str) -> HttpResponse:
    v = selectors.get_version(strategy, version)
    p = selectors.get_priority(v, code)
    return render(request, "strategy/priority.html", _context(v, priority=p, page_code=p.code, counterparts=selectors.counterparts(p)))


@public_page
def subpriority(request: HttpRequest, strategy: str, version: str, code: str) -> HttpResponse:
    v = selectors.get_version(strategy, version)
    sub = selectors.get_subpriority(v, code)
    previous, following = selectors.neighbours(v, sub)
    thread = selectors.red_thread(sub)
    return render(
        request,
        "strategy/subpriority.html",
        _context(
            v,
            sub=sub,
            goals=selectors.goals_of(v),
            previous_sub=previous,
            next_sub=following,
            page_code=sub.code,
            thread_sdg=thread["sdg_goals"],
            thread_frameworks=thread["framework_items"],
            thread_basis=thread["sdg_basis"],
        ),
    )


@public_page
def sdg_goal(request: HttpRequest, strategy: str, version: str, number: int) -> HttpResponse:
    v = selectors.get_version(strategy, version)
    goal = get_object_or_404(SdgGoal.objects.prefetch_related("targets"), number=number)
    return render(request, "strategy/sdg_goal.html", _context(v, goal=goal, links=selectors.sdg_links(v, goal), page_code=f"sdg-{number}"))


@public_page
def sdg_index(request: HttpRequest, strategy: str, version: str) -> HttpResponse:
    v = selectors.get_version(strategy, version)
    return render(request, "strategy/sdg_index.html", _context(v, sdg_goals=SdgGoal.objects.all(), page_code="sdg"))


def switch_version(request: HttpRequest, strategy: str) -> HttpResponse:
    """The version switcher: go to the same element in the chosen version, if it exists."""
    s = get_object_or_404(Strategy, code=strategy)
    target = s.versions.filter(code=request.GET.get("version", "")).first()
    if target is None:
        raise Http404("Versionen finns inte")
    page = request.GET.get("page", "")
    if page.startswith("sdg-") and page[4:].isdigit():
        return redirect("strategy:sdg_goal", s.code, target.code, int(page[4:]))
    if page == "sdg":
        return redirect("strategy:sdg_index", s.code, target.code)
    if page and Priority.objects.filter(version=target, code=page).exists():
        return redirect("strategy:priority", s.code, target.code, page)
    if page and SubPriority.objects.filter(version=target, code=page).exists():
        return redirect("strategy:subpriority", s.code, target.code, page)
    return redirect(target.get_absolute_url())


@public_page
def compare(request: HttpRequest, strategy: str) -> HttpResponse:
    s = get_object_or_404(Strategy, code=strategy)
    versions = selectors.versions_of(s)
    if len(versions) < 2:
        return render(request, "strategy/compare.html", {"strategy": s, "versions": versions, "too_few": True})
    newest = selectors.current_version(s)
    new = s.versions.filter(code=request.GET.get("till") or "").first() or newest
    old = s.versions.filter(code=request.GET.get("fran") or "").first() or new.previous or next(v for v in versions if v.pk != new.pk)
    comparison = compare_versions(selectors.export_version(old), selectors.export_version(new))
    return render(
        request,
        "strategy/compare.html",
        {"strategy": s, "versions": versions, "old": old, "new": new, "comparison": comparison, "version": new},
    )
