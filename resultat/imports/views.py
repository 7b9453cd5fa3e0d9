"""The proof-reading worklist (analysts): per cycle the contributions with suspect words,
per contribution the words with one-click corrections. Plain forms (POST, redirect back),
so it works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from resultat.followup import permissions
from resultat.followup.models import Contribution, Cycle
from resultat.imports import proofreading


def _analyst(request: HttpRequest) -> None:
    if not permissions.is_analyst(request.user):
        raise PermissionDenied


@login_required
def worklist(request: HttpRequest, year: int) -> HttpResponse:
    _analyst(request)
    cycle = Cycle.objects.filter(year=year).select_related("version").first()
    if cycle is None:
        raise Http404(_("Uppföljningscykeln finns inte"))
    found = proofreading.worklist(cycle)
    total = sum(sum(counts.values()) for _c, counts in found)
    rows = [(c, [counts.get(k, 0) for k in proofreading.KIND_LABELS]) for c, counts in found]
    return render(request, "imports/proofreading_list.html", {
        "cycle": cycle, "rows": rows, "total": total, "kinds": proofreading.KIND_LABELS,
    })


def _int_or_none(value: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit() or len(value) > 6:
        raise proofreading.ProofreadingError(_("ogiltigt nummer: %(value)s") % {"value": value[:20]})
    return int(value)


@login_required
@require_http_methods(["GET", "POST"])
def contribution(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    _analyst(request)
    c = get_object_or_404(Contribution.objects.select_related("cycle", "chapter", "question", "area"), pk=pk, cycle__year=year)
    if request.method == "POST":
        p = request.POST
        try:
            item_index = _int_or_none(p.get("item", ""))
            occurrence = _int_or_none(p.get("occurrence", ""))
            if occurrence is None:
                raise proofreading.ProofreadingError(_("förekomsten saknas"))
            common = {"user": request.user, "field": p.get("field", ""), "item_index": item_index,
                      "wrong": p.get("word", ""), "occurrence": occurrence, "kind": p.get("kind", "")}
            if "accept" in p:
                proofreading.accept(c, **common)
                messages.success(request, _("”%(word)s” är rätt som det står.") % {"word": common["wrong"]})
            else:
                right = p.get("right") or p.get("custom", "")
                d = proofreading.correct(c, right=right, **common)
                messages.success(request, _("Rättat: %(wrong)s → %(right)s (version %(n)s).") % {
                    "wrong": d.wrong, "right": d.right, "n": d.revision_number or c.revision})
        except proofreading.ProofreadingError as exc:
            messages.error(request, _("Kunde inte rätta: %(error)s") % {"error": exc})
        return redirect(reverse("imports:proofreading_contribution", args=[year, c.pk]) + "#ord")
    entries = proofreading.suspects(c)
    return render(request, "imports/proofreading_contribution.html", {
        "c": c, "entries": entries, "kinds": proofreading.KIND_LABELS,
        "decisions": c.proof_decisions.select_related("author").order_by("-created_at", "-pk")[:20],
    })
