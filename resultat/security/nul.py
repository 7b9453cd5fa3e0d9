"""Refuse NUL characters in query strings and form posts, for every view at once.

PostgreSQL cannot store U+0000 in a text column: a NUL in a typed item's title, a review
comment or any other posted text was a 500 at the database (SQLite stored it). No form
needs one, so a request with a NUL in any parameter name or value is a 400 before the
view runs (files are not parameters: the importers refuse NUL in them with row and column)."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

NUL = "\x00"


def _has_nul(query_dict) -> bool:
    return any(NUL in key or any(NUL in v for v in values) for key, values in query_dict.lists())


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Checked just before the view, like the CSRF check; a view exempt from that check
        # reads its own body (the Word upload sets its upload handler first) and is left alone.
        reads_own_body = getattr(view_func, "csrf_exempt", False)
        if _has_nul(request.GET) or (request.method == "POST" and not reads_own_body and _has_nul(request.POST)):
            raise BadRequest(_("Begäran innehåller ett NUL-tecken (\\0), som inte kan sparas."))
        return None
