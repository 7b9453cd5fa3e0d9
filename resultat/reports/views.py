from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from resultat.core.report import diff as report_diff
from resultat.core.report import html as report_html
from resultat.core.report.slices import SLICES, make_slice
from resultat.followup.models import Cycle
from resultat.reports import selectors, services


def _cycle(request: HttpRequest, year: int) -> Cycle:
    cycle = selectors.readable_cycle(request.user, year)
    if cycle is None:
        raise Http404(_("Ingen publicerad uppföljning för året"))
    return cycle


def _report(request: HttpRequest, year: int):
    report, edition = services.report_for(_cycle(request, year))
    code = request.GET.get("utdrag")
    if code:
        if code not in SLICES:
            raise Http404(_("Okänt utdrag"))
        report = make_slice(report, code)
    return report, edition


def page(request: HttpRequest, year: int) -> HttpResponse:
    report, edition = _report(request, year)
    return render(request, "reports/page.html", {"report": report, "edition": edition, "year": year, "body": report_html.render_fragment(report), "slices": SLICES, "slice": report.slice})


def download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    if fmt not in services.FORMATS:
        raise Http404(_("Okänt format"))
    report, _edition = _report(request, year)
    rendered = services.render(report, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


def difference(request: HttpRequest, old: int, new: int) -> HttpResponse:
    a, _ea = services.report_for(_cycle(request, old))
    b, _eb = services.report_for(_cycle(request, new))
    d = report_diff.diff_reports(a, b)
    if request.GET.get("ladda-ner"):
        response = HttpResponse(report_diff.diff_standalone(d), content_type="text/html; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="skillnader-{old}-{new}.html"'
        return response
    return render(request, "reports/diff.html", {"body": report_diff.diff_fragment(d), "old": old, "new": new})
