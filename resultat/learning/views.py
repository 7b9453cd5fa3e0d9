"""Analyst pages for strategic learning. Each page: a chart (inline SVG), a text
description, the data as a table, and a CSV download (?format=csv[&tabell=…])."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resultat.core.formats import SYNTHETIC_LABEL
from resultat.core.tabular.writer import safe_row
from resultat.followup import permissions, visibility
from resultat.followup.models import Cycle, StrategicArea
from resultat.learning import charts, selectors
from resultat.security.params import YEARS, int_param

STATE_LABELS = {"filled": gettext_lazy("ifyllt"), "empty": gettext_lazy("tomt"), "joint": gettext_lazy("gemensamt"), "missing": gettext_lazy("saknas")}
STATE_SYMBOLS = {"filled": "●", "empty": "○", "joint": "◆", "missing": "–"}
SYNTHETIC = SYNTHETIC_LABEL


def _analyst(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not permissions.is_analyst(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


def _csv(filename: str, header: list[str], rows: list[list], synthetic: bool = False) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    if synthetic:
        writer.writerow([f"# {SYNTHETIC}: innehåller demotexter, inte verklig uppföljning"])
    writer.writerow(safe_row(header))
    writer.writerows(safe_row(r) for r in rows)  # formula-like texts neutralised (core/tabular/writer.py)
    return response


def _cycle(request) -> Cycle:
    all_cycles = list(selectors.cycles())
    if not all_cycles:
        raise Http404(_("Det finns inga uppföljningscykler ännu"))
    year = int_param(request.GET, "ar", lo=YEARS[0], hi=YEARS[1])
    by_year = {c.year: c for c in all_cycles}
    if year is not None and year not in by_year:
        raise Http404(_("Ingen uppföljningscykel för året"))
    return by_year.get(year) or next((c for c in reversed(all_cycles) if visibility.is_published_cycle(c)), all_cycles[-1])


@_analyst
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/index.html", {"cycles": list(selectors.cycles())})


@_analyst
def coverage(request: HttpRequest) -> HttpResponse:
    cycle = _cycle(request)
    matrix = selectors.area_question_matrix(cycle)
    years, sub_rows, sub_synthetic = selectors.subpriority_years()
    needs = selectors.needs_status(cycle)
    counters = selectors.counter_names()
    table = request.GET.get("tabell", "omraden")
    if request.GET.get("format") == "csv":
        if table == "delprioriteringar":
            header = [_("delprioritering"), _("kod")] + [f"{y} {n}" for y in years for n in counters]
            rows = [[r.title, r.code] + [r.counts[y].get(n, 0) for y in years for n in counters] for r in sub_rows]
            return _csv("tackning-delprioriteringar", header, rows, sub_synthetic)
        if table == "behov":
            header = [_("delprioritering"), _("behov"), _("kod"), _("adresserat"), _("ord i rubriken"), _("ord som hittades"), _("bästa träff")]
            rows = [[n.need.subpriority.number, n.need.title, n.need.code, _("ja") if n.addressed else _("nej"), " ".join(n.words), " ".join(n.matched), n.source] for n in needs]
            return _csv(f"tackning-behov-{cycle.year}", header, rows, matrix.synthetic)
        header = [_("strategiskt område")] + [q.title for q in matrix.columns]
        rows = [[a.name] + [STATE_LABELS[matrix.cells[(a.pk, q.pk)]] for q in matrix.columns] for a in matrix.rows]
        return _csv(f"tackning-{cycle.year}", header, rows, matrix.synthetic)
    values = [{"område": a.name, "fråga": q.title, "läge": str(STATE_LABELS[matrix.cells[(a.pk, q.pk)]]), "symbol": STATE_SYMBOLS[matrix.cells[(a.pk, q.pk)]]}
              for a in matrix.rows for q in matrix.columns]
    colours = {"domain": [str(STATE_LABELS[k]) for k in ("filled", "joint", "empty", "missing")], "range": ["#1f6f43", "#5a3d9a", "#f2f2f2", "#bbbbbb"]}
    chart = charts.svg(charts.heatmap(values, "fråga", "område", "läge", x_title=_("Fråga"), y_title=_("Strategiskt område"), colour_title=_("Läge"),
                                      text="symbol", scale=colours, nominal=True)) if values else ""
    counts = {k: sum(1 for v in matrix.cells.values() if v == k) for k in STATE_LABELS}
    sub_values = [{"delprioritering": r.title, "år": str(y), "bidrag": r.counts[y]["bidrag"]} for r in sub_rows for y in years]
    sub_chart = charts.svg(charts.heatmap(sub_values, "år", "delprioritering", "bidrag", x_title=_("År"), y_title=_("Delprioritering"),
                                          colour_title=_("Bidrag"), text="bidrag", scale={"scheme": "greens"})) if sub_values else ""
    return render(request, "learning/coverage.html", {
        "cycle": cycle, "cycles": list(selectors.cycles()), "matrix": matrix, "chart": chart, "counts": counts, "labels": STATE_LABELS,
        "symbols": STATE_SYMBOLS, "years": years, "sub_rows": sub_rows, "counters": counters, "sub_chart": sub_chart,
        "sub_synthetic": sub_synthetic, "needs": needs, "needs_version": selectors.needs_version(cycle), "unaddressed": [n for n in needs if not n.addressed], "synthetic_label": _(SYNTHETIC),
        "rows": [(a, [(q, matrix.cells[(a.pk, q.pk)]) for q in matrix.columns]) for a in matrix.rows],
    })


@_analyst
def perspectives(request: HttpRequest) -> HttpResponse:
    cycle = _cycle(request)
    areas, questions, cells, synthetic = selectors.perspective_words(cycle)
    threshold = selectors.SUBSTANTIVE_WORDS
    if request.GET.get("format") == "csv":
        header = [_("strategiskt område")] + [f"{q.title} ({_('ord')})" for q in questions] + [f"{q.title} ({_('substantiellt')})" for q in questions]
        rows = [[a.name] + [cells.get((a.pk, q.pk), 0) for q in questions] + [_("ja") if cells.get((a.pk, q.pk), 0) >= threshold else _("nej") for q in questions] for a in areas]
        return _csv(f"inriktningar-{cycle.year}", header, rows, synthetic)
    values = [{"område": a.name, "fråga": q.title, "ord": cells.get((a.pk, q.pk), 0)} for a in areas for q in questions]
    chart = charts.svg(charts.heatmap(values, "fråga", "område", "ord", x_title=_("Inriktningsfråga"), y_title=_("Strategiskt område"), colour_title=_("Ord"),
                                      text="ord", scale={"scheme": "blues"})) if values else ""
    substantive = {q.pk: sum(1 for a in areas if cells.get((a.pk, q.pk), 0) >= threshold) for q in questions}
    rows = [(a, [(q, cells.get((a.pk, q.pk), 0), cells.get((a.pk, q.pk), 0) >= threshold) for q in questions]) for a in areas]
    return render(request, "learning/perspectives.html", {
        "cycle": cycle, "cycles": list(selectors.cycles()), "questions": questions, "rows": rows, "threshold": threshold, "chart": chart,
        "substantive": [(q, substantive[q.pk]) for q in questions], "area_count": len(areas), "synthetic": synthetic, "synthetic_label": _(SYNTHETIC),
    })


@_analyst
def agenda(request: HttpRequest) -> HttpResponse:
    years, areas, goals, counts, never, synthetic = selectors.sdg_citations()
    year = int_param(request.GET, "ar", lo=YEARS[0], hi=YEARS[1], default=years[-1] if years else None)
    if request.GET.get("format") == "csv":
        header = [_("år"), _("strategiskt område")] + [f"{_('mål')} {g.number}" for g in goals]
        rows = [[y, a.name] + [counts.get((y, a.pk, g.number), 0) for g in goals] for y in years for a in areas]
        return _csv("agenda-2030-citeringar", header, rows, synthetic)
    values = [{"område": a.name, "mål": f"{g.number}", "citeringar": counts.get((year, a.pk, g.number), 0)} for a in areas for g in goals]
    chart = charts.svg(charts.heatmap(values, "mål", "område", "citeringar", x_title=_("Agenda 2030-mål"), y_title=_("Strategiskt område"),
                                      colour_title=_("Citeringar"), text="citeringar", scale={"scheme": "oranges"})) if values else ""
    per_goal = [(g, sum(counts.get((year, a.pk, g.number), 0) for a in areas), [sum(counts.get((y, a.pk, g.number), 0) for a in areas) for y in years]) for g in goals]
    rows = [(a, [counts.get((year, a.pk, g.number), 0) for g in goals]) for a in areas]
    rows = [(a, cells) for a, cells in rows if any(cells)]
    return render(request, "learning/agenda.html", {
        "year": year, "years": years, "goals": goals, "rows": rows, "chart": chart, "never": never, "per_goal": per_goal,
        "not_this_year": [g for g, n, _ys in per_goal if n == 0], "synthetic": synthetic, "synthetic_label": _(SYNTHETIC),
    })


@_analyst
def change(request: HttpRequest) -> HttpResponse:
    years = [c.year for c in selectors.cycles()]
    areas = list(StrategicArea.objects.order_by("name"))
    area = next((a for a in areas if a.code == request.GET.get("omrade")), areas[0] if areas else None)
    # bounded (security/params.py): a huge year overflowed the database's integers
    year_to = int_param(request.GET, "till", lo=YEARS[0], hi=YEARS[1], default=years[-1] if years else 0)
    year_from = int_param(request.GET, "fran", lo=YEARS[0], hi=YEARS[1], default=max([y for y in years if y < year_to], default=year_to))
    changes, initiatives, synthetic = selectors.area_change(area, year_from, year_to) if area else ([], {"new": [], "ended": [], "continuing": []}, False)
    if request.GET.get("format") == "csv":
        if area is None:
            raise Http404(_("Det finns inga strategiska områden att jämföra ännu"))
        header = [_("fråga"), f"{_('ord')} {year_from}", f"{_('ord')} {year_to}", _("tillagda ord"), _("borttagna ord"), _("likhet")]
        rows = [[c.question.title, c.old_words, c.new_words, c.summary["words_added"], c.summary["words_removed"], f"{c.summary['similarity']:.2f}"] for c in changes]
        rows += [[f"{_('insats')} ({label})", i.name, "", "", "", ""] for label, key in ((_("ny"), "new"), (_("avslutad"), "ended"), (_("fortsätter"), "continuing")) for i in initiatives[key]]
        return _csv(f"forandring-{area.code}-{year_from}-{year_to}", header, rows, synthetic)
    values = [{"fråga": c.question.title, "ord": c.summary[k], "ändring": label} for c in changes for k, label in (("words_added", _("tillagda ord")), ("words_removed", _("borttagna ord")))]
    chart = charts.svg(charts.bars(values, "ord", "fråga", x_title=_("Ord"), y_title=_("Fråga"), colour="ändring", colour_title=_("Ändring"))) if values else ""
    return render(request, "learning/change.html", {
        "areas": areas, "area": area, "years": years, "year_from": year_from, "year_to": year_to, "changes": changes, "initiatives": initiatives,
        "chart": chart, "synthetic": synthetic, "synthetic_label": _(SYNTHETIC),
    })


@login_required
def tag_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """Suggested Agenda 2030 goals and sub-priorities for a contribution's saved text
    (or the text sent in ``text``, as htmx does from the editor), with the words that
    drove each suggestion."""
    from django.shortcuts import get_object_or_404

    from resultat.followup.models import Contribution
    from resultat.learning import tags

    contribution = get_object_or_404(Contribution.objects.select_related("cycle", "area", "question"), pk=pk)
    if not visibility.can_read_staff_page(request.user, contribution):
        raise PermissionDenied
    text = (request.GET.get("text") or request.GET.get("body") or "")[:20000] or tags.contribution_text(contribution)
    context = {"c": contribution, "suggestions": tags.suggestions_for(text) if text.strip() else None}
    template = "learning/_tag_suggestions_list.html" if request.headers.get("HX-Request") else "learning/tag_suggestions.html"
    return render(request, template, context)
