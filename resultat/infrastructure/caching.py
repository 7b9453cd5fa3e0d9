"""HTTP caching for public pages and the API: an ETag from the content hash,
Cache-Control, conditional GET (304), Vary on language and cookie.

Logged-in users get ``Cache-Control: private, no-store`` on pages (their pages show
their name and menus). Pages must not render a CSRF token for anonymous users, or the
content (and the ETag) would change on every request; see base.html.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language


def content_etag(body: bytes, *salt: str) -> str:
    digest = hashlib.sha256()
    for s in salt:
        digest.update(s.encode() + b"\0")
    digest.update(body)
    return '"' + digest.hexdigest()[:32] + '"'


def _language_salt(vary_language: bool) -> str:
    return (get_language() or "") if vary_language else ""


def _matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    if header.strip() == "*":
        return True
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return etag in tags


def finish(request: HttpRequest, response: HttpResponse, *, max_age: int, vary_language: bool, personal: bool) -> HttpResponse:
    """Add the caching headers to a finished 200 response (or turn it into a 304)."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or getattr(response, "streaming", False):
        return response
    if personal:
        response["Cache-Control"] = "private, no-store"
        patch_vary_headers(response, ("Cookie",))
        return response
    etag = getattr(response, "content_etag", None) or content_etag(response.content, _language_salt(vary_language), response.get("Content-Type", ""))
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={max_age}"
    if vary_language:
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
    if _matches(request, etag):
        not_modified = HttpResponseNotModified()
        for header in ("ETag", "Cache-Control", "Vary", "Access-Control-Allow-Origin", "Access-Control-Expose-Headers", "Content-Language"):
            if header in response:
                not_modified[header] = response[header]
        return not_modified
    return response


def _server_cache_key(request: HttpRequest, language: bool) -> str:
    # HX-Request: htmx asks some pages (search) for a fragment under the same URL
    raw = f"{request.path}?{request.META.get('QUERY_STRING', '')}|{get_language() if language else ''}|{request.headers.get('HX-Request', '')}"
    return "public-page:" + hashlib.sha256(raw.encode()).hexdigest()


def server_cached(view, *, language: bool):
    """Keep finished anonymous GET responses in Django's cache for
    RESULTAT_PUBLIC_SERVER_CACHE seconds (0 turns it off), keyed on path, query and
    language. Published content changes seldom (a yearly publication); a change shows
    within that many seconds."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        seconds = getattr(settings, "RESULTAT_PUBLIC_SERVER_CACHE", 0)
        anonymous = not (getattr(request, "user", None) and request.user.is_authenticated) if language else True
        if not seconds or request.method not in ("GET", "HEAD") or not anonymous:
            return view(request, *args, **kwargs)
        key = _server_cache_key(request, language)
        hit = cache.get(key)
        if hit is not None:
            status, content_type, body, etag, location = hit
            response = HttpResponse(body, status=status, content_type=content_type)
            if location:
                response["Location"] = location
            else:
                response.content_etag = etag  # computed once, when the entry was stored
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if response.cookies or getattr(response, "streaming", False):
            return response
        if response.status_code == 200:
            etag = content_etag(response.content, _language_salt(language), response["Content-Type"])
            cache.set(key, (response.status_code, response["Content-Type"], response.content, etag, ""), seconds)
        elif response.status_code in (301, 302) and response.has_header("Location"):
            # A public redirect (/strategi/ to the version in force) is decided from the
            # database like a page: kept as long (it cost 5-8 ms of CPU per request,
            # every time, under bench/load.py; a cached answer costs about 1 ms).
            cache.set(key, (response.status_code, response["Content-Type"], response.content, "", response["Location"]), seconds)
        return response

    return wrapped


def public_page(view):
    """For public HTML pages: cacheable for anonymous visitors, never for users."""
    inner = server_cached(view, language=True)

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        response = inner(request, *args, **kwargs)
        personal = bool(getattr(request, "user", None) and request.user.is_authenticated)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        return finish(request, response, max_age=getattr(settings, "RESULTAT_PUBLIC_MAX_AGE", 300), vary_language=True, personal=personal)

    return wrapped
