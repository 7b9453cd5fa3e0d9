"""Pages of the register: list with filters, initiative page, create/edit, import
(template, upload, preview, confirm), the annual compilation (page, CSV, XLSX) and the
Agenda 2030 impact matrix. Plain GET/POST forms; no JavaScript needed."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from resultat.core.charts import svg as render_chart
from resultat.core.funding import charts
from resultat.core.funding.compilation import compilation_csv_rows, compilation_tables
from resultat.core.tabular.errors import CellError
from resultat.core.tabular.writer import write_csv, write_xlsx
from resultat.followup import visibility
from resultat.followup.models import StrategicArea
from resultat.infrastructure.i18n import chart_text
from resultat.initiatives import importing, permissions, selectors, services
from resultat.initiatives.forms import InitiativeForm, UploadForm
from resultat.initiatives.models import (
    FundingProgramme,
    ImportBatch,
    Initiative,
    InitiativeSubPriority,
    InriktningAssessment,
)
from resultat.reference.models import Area, SdgGoal
from resultat.security.params import check_year
from resultat.strategy.models import Perspective, SubPriority

SYNTHETIC = charts.SYNTHETIC_LABEL


def initiative_list(request: HttpRequest) -> HttpResponse:
    qs, f = selectors.filter_initiatives(request.GET)
    version = importing._version()
    ctx = {
        "initiatives": qs[:500], "count": qs.count(), "f": f,
        "years": selectors.compilation_years(),
        "programmes": FundingProgramme.objects.all(),
        "subpriorities": SubPriority.objects.filter(version=version).order_by("priority__order", "order") if version else [],
        "areas": StrategicArea.objects.all(),
        "municipalities": Area.objects.filter(kind=Area.Kind.MUNICIPALITY),
        "statuses": Initiative.Status.choices, "goals": SdgGoal.objects.all(),
        "perspectives": Perspective.objects.filter(version=version) if version else [],
        "judgements": InriktningAssessment.Judgement.choices,
        "can_create": permissions.can_create(request.user), "can_import": permissions.can_import(request.user),
        "synthetic": qs.filter(funding__synthetic=True).exists(),
        "reviews": Initiative.Review.choices,
        "to_review": Initiative.objects.filter(review_status=Initiative.Review.NEEDS_REVIEW).count() if permissions.can_review(request.user) else 0,
    }
    return render(request, "initiatives/list.html", ctx)


def initiative_detail(request: HttpRequest, code: str) -> HttpResponse:
    init = get_object_or_404(Initiative, code=code)
    if not visibility.can_read_initiative(request.user, init):
        raise Http404  # an unconfirmed find of the report import is not public
    funding = init.funding.select_related("programme", "municipality", "subpriority")
    total = sum((d.granted_amount for d in funding), Decimal(0))
    # the one rule (followup.visibility): the public sees published mentions only and no
    # edit history (it names staff); staff see the drafts they may read, marked as such
    mentions = list(
        visibility.mentions(init, request.user, public=not request.user.is_authenticated)
        .select_related("contribution__cycle", "contribution__area", "contribution__question").order_by("-contribution__cycle__year", "contribution__area__name", "contribution__question__order", "order")
    )
    for m in mentions:
        m.is_public = visibility.is_published(m.contribution)
    show_history = visibility.can_read_initiative_history(request.user, init)
    return render(request, "initiatives/detail.html", {
        "i": init, "funding": funding, "total": total, "synthetic": init.synthetic or any(d.synthetic for d in funding),
        "subpriorities": InitiativeSubPriority.objects.filter(initiative=init).select_related("subpriority__priority"),
        "assessments": init.assessments.select_related("perspective"),
        "impacts": init.sdg_impacts.select_related("goal", "target"),
        "results": init.results.prefetch_related("periods"),
        "mentions": mentions,
        "show_history": show_history,
        "edits": init.edits.select_related("author")[:20] if show_history else [],
        "can_edit": permissions.can_edit(request.user, init),
        "can_review": permissions.can_review(request.user) and init.review_status != Initiative.Review.CONFIRMED,
        "mentioned_in": visibility.mentioning(init, request.user).select_related("cycle", "area", "question").order_by("-cycle__year", "area__name"),
    })


@login_required
@require_POST
def initiative_review(request: HttpRequest, code: str) -> HttpResponse:
    """Confirm or reject an initiative the report import was unsure of (analysts)."""
    init = get_object_or_404(Initiative, code=code)
    decision = request.POST.get("decision")
    if decision not in ("confirm", "reject"):
        return HttpResponse(_("Välj bekräfta eller avvisa."), status=400, content_type="text/plain; charset=utf-8")
    services.review_candidate(init, user=request.user, confirm=decision == "confirm")
    messages.success(request, _("%(name)s är bekräftad som insats.") % {"name": init.name} if decision == "confirm" else _("%(name)s är avvisad och kopplad från bidragen.") % {"name": init.name})
    nxt = selectors.next_candidate()
    if request.POST.get("next") and nxt is not None:
        return redirect("initiatives:detail", nxt.code)
    return redirect("initiatives:detail", init.code)


@login_required
def initiative_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    init = get_object_or_404(Initiative, code=code) if code else None
    allowed = permissions.can_edit(request.user, init) if init else permissions.can_create(request.user)
    if not allowed:
        raise PermissionDenied
    form = InitiativeForm(request.POST or None, instance=init, user=request.user, initial={"revision": init.revision if init else 0,
                          "areas": init.areas.all() if init else [], "municipalities": init.municipalities.all() if init else []})
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in InitiativeForm.Meta.fields}
        try:
            saved = services.save_initiative(init, user=request.user, data=data, areas=form.areas_to_save(),
                                             municipalities=list(form.cleaned_data["municipalities"]), base_revision=form.cleaned_data["revision"] if init else None)
        except services.EditConflict as exc:
            form.add_error(None, str(exc))
        except services.AreaNotAllowed as exc:
            form.add_error("areas", str(exc))
        else:
            messages.success(request, _("Insatsen är sparad."))
            return redirect(saved.get_absolute_url())
    return render(request, "initiatives/edit.html", {"form": form, "i": init})


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(importing.template_bytes(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="resultat-importmall-finansieringsbeslut.xlsx"'
    return response


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    if not permissions.can_import(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        batch, _preview = importing.upload(f.read(), f.name, request.user)
        return redirect("initiatives:import_preview", batch.pk)
    return render(request, "initiatives/import_upload.html", {"form": form, "batches": ImportBatch.objects.defer("data")[:10]})


@login_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_import(request.user):
        raise PermissionDenied
    batch = get_object_or_404(ImportBatch.objects.defer("data"), pk=pk)
    errors = [CellError(**e) for e in batch.errors]
    # Only the first errors are stored (importing.STORED_ERRORS); the summary counts them all.
    total = max(batch.summary.get("fel", 0), len(errors))
    error_rows = batch.summary.get("rader med fel") or len({e.row for e in errors})
    return render(request, "initiatives/import_preview.html", {"batch": batch, "errors": errors, "error_total": total, "error_rows": error_rows})


@login_required
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_import(request.user):
        raise PermissionDenied
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        counts = importing.confirm(batch, request.user)
    except importing.ImportFailed as exc:
        messages.error(request, str(exc))
        return redirect("initiatives:import_preview", batch.pk)
    messages.success(request, _("Importen är klar: %(new)s och %(changed)s.") % {
        "new": ngettext("%(n)s nytt beslut", "%(n)s nya beslut", counts.get("beslut nya", 0)) % {"n": counts.get("beslut nya", 0)},
        "changed": ngettext("%(n)s ändrat beslut", "%(n)s ändrade beslut", counts.get("beslut ändrade", 0)) % {"n": counts.get("beslut ändrade", 0)},
    })
    return redirect("initiatives:import_preview", batch.pk)


def _year(request, year):
    if year is not None:
        check_year(year)  # a 404 past four digits (dates cannot hold it)
    years = selectors.compilation_years()
    if year is None:
        if not years:
            return None, years
        year = years[0]
    return year, years


def compilation(request: HttpRequest, year: int | None = None) -> HttpResponse:
    year, years = _year(request, year)
    if year is None:
        return render(request, "initiatives/compilation.html", {"data": None, "years": years})
    data = selectors.annual_compilation(year)
    syn = data["synthetic"]
    figures = []
    if data["count"]:
        text = chart_text()  # the charts' own words (synthetic subtitle, description) in the page's language

        def fig(title, rows, category, category_title, colour=None, colour_title=""):
            spec = charts.bar_chart(rows, category=category, value="kr", title=title, category_title=category_title, value_title=_("Beviljat (kr)"),
                                    colour=colour, colour_title=colour_title, synthetic=syn, text=text)
            return {"title": title, "svg": render_chart(spec), "description": charts.describe_ranking(rows, category=category, value="kr", text=text)}
        figures.append(fig(_("Beviljat per stödform och delprioritering"), [{"dp": s, "stödform": t, "kr": float(v)} for t, s, v in data["by_support_subpriority"]],
                           "dp", _("Delprioritering"), "stödform", _("Stödform")))
        figures.append(fig(_("Beviljat per program"), [{"program": p, "kr": float(v)} for p, v in data["by_programme"]], "program", _("Program")))
        figures.append(fig(_("Beviljat per kommun"), [{"kommun": m, "kr": float(v)} for m, v, _p, _c in data["by_municipality"]], "kommun", _("Kommun")))
    return render(request, "initiatives/compilation.html", {"data": data, "years": years, "year": year, "figures": figures})


def compilation_download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    data = selectors.annual_compilation(check_year(year))
    notes = [SYNTHETIC + f" ({data['synthetic_count']} av {data['count']} beslut)"] if data["synthetic"] else []
    if fmt == "xlsx":
        sheets = compilation_tables(data)
        body = write_xlsx([(t, h, [[float(c) if isinstance(c, Decimal) else c for c in r] for r in rows]) for t, h, rows in sheets], notes=notes)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "csv":
        headers, rows = compilation_csv_rows(data)
        body = write_csv(headers, rows)
        ctype = "text/csv; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="resultat-sammanstallning-{year}.{fmt}"'
    return response


def impact_matrix(request: HttpRequest) -> HttpResponse:
    return render(request, "initiatives/matrix.html", selectors.impact_matrix())
