"""Caching headers for every public page, also those of other apps (the strategy
pages, /resultat/<år>/): an anonymous GET that ends in 200 gets an ETag, a public
Cache-Control and Vary on language and cookie (and 304 on a matching If-None-Match);
for a logged-in user every page is ``private, no-store``. Views that set their own
Cache-Control or ETag (resultat.infrastructure.caching, the API) are left alone, as are
responses that set cookies and the paths in RESULTAT_PRIVATE_PREFIXES."""

from __future__ import annotations

from django.conf import settings

from resultat.infrastructure.caching import finish

DEFAULT_PRIVATE = ("/uppfoljning/", "/konto/", "/admin/", "/sprak/")


class PublicCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.private = tuple(getattr(settings, "RESULTAT_PRIVATE_PREFIXES", DEFAULT_PRIVATE))

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.has_header("Cache-Control") or response.has_header("ETag"):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
            return response
        if request.path.startswith(self.private) or response.cookies or not response.get("Content-Type", "").startswith("text/html"):
            return response
        return finish(request, response, max_age=settings.RESULTAT_PUBLIC_MAX_AGE, vary_language=True, personal=False)
