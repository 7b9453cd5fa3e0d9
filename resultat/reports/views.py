from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from resultat.core.markup import html_to_markup, markup_to_html
from resultat.core.report import diff as report_diff
from resultat.core.report import html as report_html
from resultat.core.report.slices import SLICES, make_slice
from resultat.core.textdiff import diff_html
from resultat.followup import visibility
from resultat.followup.models import Cycle
from resultat.reports import editing, selectors, services
from resultat.reports.forms import SectionForm
from resultat.reports.models import ReportSection
from resultat.security.nul import FORM_MESSAGE as NUL_MESSAGE
from resultat.security.nul import form_refuses_nul, without_nul


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
    return render(request, "reports/page.html", {"report": report, "edition": edition, "year": year, "body": report_html.render_fragment(report), "slices": SLICES, "slice": report.slice,
                                                 "can_edit_texts": editing.can_edit(request.user)})


def profile_css(request: HttpRequest, year: int) -> HttpResponse:
    """The region profile's colours and fonts for the report page (the CSP allows no
    inline styles)."""
    return HttpResponse(report_html.profile_css(services.profile_for(_cycle(request, year))), content_type="text/css; charset=utf-8")


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


# --- the edition's own texts (analysts) ------------------------------------------------------


def _texts_cycle(request: HttpRequest, year: int) -> Cycle:
    if not request.user.is_authenticated:
        raise PermissionDenied
    if not editing.can_edit(request.user):
        raise PermissionDenied
    cycle = Cycle.objects.select_related("version__strategy").filter(year=year).first()
    if cycle is None:
        raise Http404(_("Uppföljningscykeln finns inte"))
    return cycle


def _section(cycle: Cycle, code: str) -> ReportSection:
    return get_object_or_404(ReportSection.objects.select_related("cycle"), cycle=cycle, code=code)


@login_required
def texts(request: HttpRequest, year: int) -> HttpResponse:
    """The edition's own texts of a cycle, in the report's order, with their latest revision."""
    cycle = _texts_cycle(request, year)
    sections = selectors.sections(cycle)
    return render(request, "reports/texts.html", {
        "cycle": cycle, "year": year, "sections": sections, "published": visibility.is_published_cycle(cycle),
        "edition": selectors.editions(cycle).first(),
    })


def _edit_context(section: ReportSection, form: SectionForm | None = None) -> dict:
    return {
        "section": section, "year": section.cycle.year, "title_editable": editing.title_editable(section),
        "is_foreword": section.code == ReportSection.FOREWORD,
        "form": form or SectionForm(initial={"title": section.title, "body": html_to_markup(section.body),
                                             "signature": section.signature, "base_revision": section.revision}),
        "revisions": section.revisions.select_related("author")[:30],
        "published": visibility.is_published_cycle(section.cycle),
    }


@login_required
@form_refuses_nul
def text_edit(request: HttpRequest, year: int, code: str) -> HttpResponse:
    cycle = _texts_cycle(request, year)
    section = _section(cycle, code)
    if request.method != "POST":
        return render(request, "reports/text_edit.html", _edit_context(section))
    data, nul_fields = without_nul(request.POST)  # a NUL: an error on its field, the text kept without it
    form = SectionForm(data)
    for name in nul_fields:
        form.add_error(name if name in form.fields else None, NUL_MESSAGE)
    if not form.is_valid():
        return render(request, "reports/text_edit.html", _edit_context(section, form), status=422)
    data = form.cleaned_data
    try:
        section, changed = editing.save_section(
            section, user=request.user, body_html=markup_to_html(data["body"]), base_revision=data["base_revision"],
            title=data["title"] if editing.title_editable(section) else None,
            signature=data["signature"] if section.code == ReportSection.FOREWORD else None,
        )
    except editing.TextConflict as conflict:
        current = conflict.section
        return render(request, "reports/text_conflict.html", {
            "section": current, "year": year, "message": str(conflict), "mine": data["body"],
            "theirs": html_to_markup(current.body), "diff": diff_html(current.body, conflict.body),
        }, status=409)
    except editing.TextEditError as exc:
        form.add_error(None, str(exc))
        return render(request, "reports/text_edit.html", _edit_context(section, form), status=422)
    if changed:
        messages.success(request, _("Texten är sparad (version %(n)s).") % {"n": section.revision})
    else:
        messages.info(request, _("Inget var ändrat; ingen ny version sparades."))
    return redirect("reports:text_edit", year, section.code)


@login_required
def text_revision(request: HttpRequest, year: int, code: str, number: int) -> HttpResponse:
    cycle = _texts_cycle(request, year)
    section = _section(cycle, code)
    rev = get_object_or_404(section.revisions.select_related("author"), number=number)
    older = section.revisions.filter(number__lt=number).first()
    return render(request, "reports/text_revision.html", {
        "section": section, "year": year, "rev": rev, "older": older,
        "diff": diff_html(older.body if older else "", rev.body),
        "title_changed": older is not None and older.title != rev.title,
        "signature_changed": older is not None and older.signature != rev.signature,
    })


@login_required
@require_POST
def text_restore(request: HttpRequest, year: int, code: str, number: int) -> HttpResponse:
    cycle = _texts_cycle(request, year)
    section = _section(cycle, code)
    try:
        base = int(request.POST.get("base_revision", ""))
    except ValueError:
        messages.error(request, _("Ogiltig begäran."))
        return redirect("reports:text_edit", year, code)
    try:
        section = editing.restore_revision(section, user=request.user, number=number, base_revision=base)
    except editing.TextEditError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Version %(old)s är återställd som version %(n)s.") % {"old": number, "n": section.revision})
    return redirect("reports:text_edit", year, code)
