"""The search pages: public (/sok/, published texts only) and staff (/sok/intern/,
also the drafts the user may read). A plain GET form; htmx only refreshes the
results while typing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from resultat.infrastructure.caching import public_page
from resultat.search.selectors import Filters, filter_choices, search
from resultat.security.params import YEARS, int_param

PAGE = 20


MAX_PAGE = 1000


def _filters(get) -> Filters:
    # bounded: an out-of-range number is a 400, not a database overflow (security/params.py)
    return Filters(
        year=int_param(get, "ar", lo=YEARS[0], hi=YEARS[1]), priority=get.get("prioritering", "")[:40], subpriority=get.get("delprioritering", "")[:40],
        area=get.get("omrade", "")[:60], question=get.get("fraga", "")[:40], sdg=int_param(get, "mal", lo=1, hi=17),
        municipality=get.get("kommun", "")[:8], kind=get.get("typ", "")[:40],
    )


def _page(request: HttpRequest, *, public: bool) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    filters = _filters(request.GET)
    page = int_param(request.GET, "sida", lo=1, hi=MAX_PAGE, default=1)
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
