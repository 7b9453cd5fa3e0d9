"""The read-only JSON API (/api/) and the open-data downloads (/oppna-data/).

Small hand-written views over the registry. Everything is published content only,
for every visitor (logged in or not); responses carry an ETag, Cache-Control and
CORS headers for GET.
"""

from __future__ import annotations

import re
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from resultat.core.opendata.openapi import CODE_PATTERN, DEFAULT_LIMIT, MAX_LIMIT, Filter
from resultat.infrastructure.caching import finish, public_page, server_cached
from resultat.opendata import build, registry

_CODE = re.compile(CODE_PATTERN)
API_MAX_AGE = 300


class BadRequest(Exception):
    pass


def _json(data: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(build.to_json(data), status=status, content_type="application/json; charset=utf-8")


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag"
    return response


def api_view(view):
    """CORS for GET (and the preflight), caching headers, JSON errors."""

    cached = server_cached(view, language=False)

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, Accept"
            response["Access-Control-Max-Age"] = "86400"
            return _cors(response)
        try:
            response = cached(request, *args, **kwargs)
        except BadRequest as exc:
            response = _json({"error": "bad_request", "detail": str(exc)}, status=400)
        except Http404 as exc:
            response = _json({"error": "not_found", "detail": str(exc) or _("Finns inte")}, status=404)
        _cors(response)
        return finish(request, response, max_age=API_MAX_AGE, vary_language=False, personal=False)

    wrapped.bad_request_response = _bad_request  # used by security.nul for a NUL in a parameter
    return require_http_methods(["GET", "HEAD", "OPTIONS"])(wrapped)


def _bad_request(detail: str) -> HttpResponse:
    return _cors(_json({"error": "bad_request", "detail": detail}, status=400))


def _int(request: HttpRequest, name: str, default: int, low: int, high: int) -> int:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or len(raw) > 9:
        raise BadRequest(_("%(name)s: ska vara ett heltal %(low)s–%(high)s, fick %(value)r") % {"name": name, "low": low, "high": high, "value": raw[:40]})
    value = int(raw)
    if not low <= value <= high:
        raise BadRequest(_("%(name)s: ska vara %(low)s–%(high)s, fick %(value)s") % {"name": name, "low": low, "high": high, "value": value})
    return value


def parse_filters(request: HttpRequest, filters: tuple[Filter, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in filters:
        raw = request.GET.get(f.name)
        if raw is None or raw == "":
            continue
        if f.type == "integer":
            out[f.name] = _int(request, f.name, 0, f.minimum if f.minimum is not None else 0, f.maximum if f.maximum is not None else 10**9)
        elif f.enum:
            if raw not in f.enum:
                raise BadRequest(_("%(name)s: ska vara en av %(allowed)s, fick %(value)r") % {"name": f.name, "allowed": ', '.join(f.enum), "value": raw[:40]})
            out[f.name] = raw
        else:
            if not _CODE.match(raw):
                raise BadRequest(_("%(name)s: ogiltig kod %(value)r (tillåtet: bokstäver a–z, siffror, . _ ~ -)") % {"name": f.name, "value": raw[:40]})
            out[f.name] = raw
    return out


def _entry(name: str) -> registry.Entry:
    entry = registry.get(name)
    if entry is None or not entry.api:
        raise Http404(_("Okänd resurs: %(name)s") % {"name": name})
    return entry


def _page_url(request: HttpRequest, offset: int, limit: int) -> str:
    params = {k: v for k, v in request.GET.items() if k not in ("offset", "limit")}
    params.update({"limit": limit, "offset": offset})
    return request.build_absolute_uri(request.path) + "?" + urlencode(params)


@api_view
def resource_list(request: HttpRequest, name: str) -> HttpResponse:
    entry = _entry(name)
    limit = _int(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    offset = _int(request, "offset", 0, 0, 10_000_000)
    filters = parse_filters(request, entry.filters)
    qs = entry.queryset(filters)
    count = qs.count()
    results = [entry.serialize(obj) for obj in qs[offset : offset + limit]]
    return _json(
        {
            "count": count,
            "limit": limit,
            "offset": offset,
            "next": _page_url(request, offset + limit, limit) if offset + limit < count else None,
            "previous": _page_url(request, max(offset - limit, 0), limit) if offset > 0 else None,
            "results": results,
        }
    )


@api_view
def resource_detail(request: HttpRequest, name: str, ident: str) -> HttpResponse:
    entry = _entry(name)
    if entry.lookup is None or not _CODE.match(ident):
        raise Http404(f"{name}/{ident[:40]}")
    obj = entry.lookup(ident)
    if obj is None:
        raise Http404(_("Finns inte eller är inte publicerad: %(name)s/%(ident)s") % {"name": name, "ident": ident[:80]})
    data = entry.serialize(obj)
    if entry.detail:
        data |= entry.detail(obj)
    return _json(data)


@api_view
def openapi(request: HttpRequest) -> HttpResponse:
    return _json(build.openapi_doc())


@public_page
def api_docs(request: HttpRequest) -> HttpResponse:
    resources = [(e, e.api_resource()) for e in registry.entries() if e.api]
    base = (settings.RESULTAT_SITE_URL or request.build_absolute_uri("/")).rstrip("/")
    return render(request, "opendata/api.html", {"resources": resources, "max_limit": MAX_LIMIT, "default_limit": DEFAULT_LIMIT, "base": base})


# --- downloads -----------------------------------------------------------------------------------


def _download(request: HttpRequest, body: bytes, content_type: str, filename: str = "") -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    _cors(response)
    return finish(request, response, max_age=API_MAX_AGE, vary_language=False, personal=False)


@require_http_methods(["GET", "HEAD"])
def download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    entry = registry.get(name)
    if entry is None or not entry.download:
        raise Http404(_("Okänd datamängd"))
    if fmt == "csv":
        return _download(request, build.dataset_csv(entry), "text/csv; charset=utf-8; header=present", f"{name}.csv")
    return _download(request, build.dataset_json(entry), "application/json; charset=utf-8", f"{name}.json")


@require_http_methods(["GET", "HEAD"])
def datapackage(request: HttpRequest) -> HttpResponse:
    return _download(request, build.to_json(build.datapackage_doc(_base(request))), "application/json; charset=utf-8")


@require_http_methods(["GET", "HEAD"])
def catalogue(request: HttpRequest) -> HttpResponse:
    return _download(request, build.to_json(build.catalogue_doc(_base(request))), "application/ld+json; charset=utf-8")


def _base(request: HttpRequest) -> str:
    return settings.RESULTAT_SITE_URL or request.build_absolute_uri("/")


@public_page
def opendata_page(request: HttpRequest) -> HttpResponse:
    url, title = build.licence()
    rows = [(e, e.dataset) for e in registry.entries() if e.download]
    return render(request, "opendata/index.html", {"datasets": rows, "licence_url": url, "licence_title": title})
