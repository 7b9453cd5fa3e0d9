"""Security headers on every response: a Content-Security-Policy that allows nothing
from other hosts, and a Permissions-Policy that turns off browser features Resultat
never uses. Django's SecurityMiddleware already sets nosniff, Referrer-Policy,
Cross-Origin-Opener-Policy and HSTS; XFrameOptionsMiddleware sets X-Frame-Options.

No inline script, no inline style (not even ``style=""`` attributes), no eval: pages
use /static/ files only. htmx is configured with ``allowEval: false`` and
``includeIndicatorStyles: false`` so it needs neither. tests/security/test_headers.py
scans every template for inline code so a new one fails the tests.
"""

from __future__ import annotations

from django.conf import settings

DEFAULT_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


def build_policy(policy: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(values)}" for name, values in policy.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        policy = {**DEFAULT_POLICY, **getattr(settings, "RESULTAT_CSP", {})}
        self.csp = build_policy(policy)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
