"""The search pages: public (/sok/, published texts only) and staff (/sok/intern/,
also the drafts the user may read). A plain GET form; htmx only refreshes the
results while typing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from resultat.public.caching import public_page
from resultat.search.selectors import Filters, filter_choices, search

PAGE = 20


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _filters(get) -> Filters:
    return Filters(
        year=_int(get.get("ar")), priority=get.get("prioritering", "")[:40], subpriority=get.get("delprioritering", "")[:40],
        area=get.get("omrade", "")[:60], question=get.get("fraga", "")[:40], sdg=_int(get.get("mal")),
        municipality=get.get("kommun", "")[:8], kind=get.get("typ", "")[:40],
    )


def _page(request: HttpRequest, *, public: bool) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    filters = _filters(request.GET)
    page = max(1, _int(request.GET.get("sida")) or 1)
    results = None
    if text:
        results = search(text, filters, request.user, public=public, limit=PAGE, offset=(page - 1) * PAGE)
    params = request.GET.copy()
    params.pop("sida", None)
    context = {
        "results": results, "text": text, "filters": filters, "public": public, "page": page,
        "has_next": bool(results and results.total > page * PAGE), "query_string": params.urlencode(),
        "choices": filter_choices(request.user, public=public),
        "title": _("Sök") if public else _("Sök (internt)"),
    }
    template = "search/_results.html" if request.headers.get("HX-Request") else "search/search.html"
    return render(request, template, context)


@public_page
def public_search(request: HttpRequest) -> HttpResponse:
    return _page(request, public=True)


@login_required
def staff_search(request: HttpRequest) -> HttpResponse:
    return _page(request, public=False)
