"""Refuse NUL characters in query strings and form posts, for every view at once.

PostgreSQL cannot store U+0000 in a text column: a NUL in a typed item's title, a review
comment or any other posted text was a 500 at the database (SQLite stored it). No form
needs one, so a request with a NUL in any parameter name or value is a 400 before the
view runs (files are not parameters: the importers refuse NUL in them with row and column).

A staff form that shows its own field errors (the contribution editor, comments) is marked
with ``@form_refuses_nul``: the middleware leaves its POST alone (not its query string), and
the view takes the NUL out with ``without_nul`` and shows the form again with an error on
each field that held one, the rest of the typed text kept and nothing saved."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NUL = "\x00"


def _nul_parameter(query_dict) -> str | None:
    """The name of the first parameter whose name or value holds a NUL, or None."""
    for key, values in query_dict.lists():
        if NUL in key or any(NUL in v for v in values):
            return key.replace(NUL, "\\0")
    return None


# The field error a staff form shows (the text is shown again without the NUL).
FORM_MESSAGE = gettext_lazy(
    "Texten innehåller ett otillåtet tecken (NUL, \\0) som inte kan sparas. Tecknet är borttaget i texten nedan: "
    "kontrollera den och spara igen."
)


def form_refuses_nul(view):
    """Mark a view whose forms refuse a NUL themselves, field by field (see above)."""
    view.refuses_nul_in_form = True
    return view


def without_nul(query_dict) -> tuple[QueryDict, list[str]]:
    """A copy of ``query_dict`` with every NUL removed, and the names of the parameters
    whose name or value held one (without the NUL)."""
    clean, names = QueryDict(mutable=True), []
    for key, values in query_dict.lists():
        name = key.replace(NUL, "")
        if NUL in key or any(NUL in v for v in values):
            names.append(name)
        clean.setlist(name, [v.replace(NUL, "") for v in values])
    return clean, names


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Checked just before the view, like the CSRF check; a view exempt from that check
        # reads its own body (the Word upload sets its upload handler first) and is left alone.
        reads_own_body = getattr(view_func, "csrf_exempt", False) or getattr(view_func, "refuses_nul_in_form", False)
        name = _nul_parameter(request.GET)
        if name is None and request.method == "POST" and not reads_own_body:
            name = _nul_parameter(request.POST)
        if name is None:
            return None
        detail = _("%(name)s: innehåller ett NUL-tecken (\\0), som inte kan sparas.") % {"name": name}
        # A view that answers errors in its own format (the JSON API) says how.
        answer = getattr(view_func, "bad_request_response", None)
        if answer is not None:
            return answer(detail)
        raise BadRequest(detail)
