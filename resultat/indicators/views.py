"""Public indicator pages (no login) and the analysts' override form."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from resultat.core import charts as chart_render
from resultat.core.charts.specs import SYNTHETIC_NOTE
from resultat.core.formats import format_plain
from resultat.core.tabular.writer import safe_row
from resultat.indicators import assessment, selectors
from resultat.indicators.forms import OverrideForm
from resultat.indicators.models import Indicator, IndicatorLink, Observation


def index(request: HttpRequest) -> HttpResponse:
    indicators = Indicator.objects.order_by("title")
    return render(request, "indicators/index.html", {"indicators": indicators, "can_sync": assessment.can_assess(request.user)})


def _link(request, indicator):
    pk = request.GET.get("koppling", "")
    if pk.isdigit():
        return IndicatorLink.objects.filter(pk=int(pk), indicator=indicator).select_related("sdg_goal").first()
    return None


def detail(request: HttpRequest, source: str, external_id: str) -> HttpResponse:
    indicator = selectors.get_indicator(source, external_id)
    link = _link(request, indicator)
    county = selectors.home_area_code()
    munis = selectors.municipalities_of(county)
    chosen = [c for c in request.GET.getlist("kommun") if c in dict(munis)][:6]
    charts = selectors.build_charts(indicator, link=link, municipalities=chosen, county=county, render=False,
                                    text=selectors.chart_text())
    links = selectors.label_links(list(indicator.links.select_related("sdg_goal", "strategy")))
    return render(request, "indicators/detail.html", {
        "indicator": indicator,
        "link": link,
        "links": links,
        "charts": charts,
        "assessment": selectors.assessment(indicator, link, county),
        "provenance": selectors.provenance(indicator),
        "municipalities": munis,
        "chosen": chosen,
        "county_name": selectors.area_name(county),
        "can_assess": assessment.can_assess(request.user),
        "form": OverrideForm(),
        "opensdg_url": _opensdg_url(indicator),
    })


def _opensdg_url(indicator: Indicator) -> str:
    from resultat.indicators.opendata import opensdg_url

    return opensdg_url(indicator)


def download_csv(request: HttpRequest, source: str, external_id: str) -> HttpResponse:
    indicator = selectors.get_indicator(source, external_id)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    prov = selectors.provenance(indicator)
    # a spreadsheet file: texts are neutralised against formulas (core/tabular/writer.py)
    writer.writerow([f"# {indicator.title} ({indicator.get_source_display()} {indicator.external_id}). {prov.text}"])
    if indicator.synthetic:
        writer.writerow([f"# {SYNTHETIC_NOTE}: rader med syntetisk=ja är inte verkliga uppgifter."])
    writer.writerow(["indikator", "område", "områdesnamn", "år", "period", "kön", "värde", "status", "syntetisk", "hämtad"])
    rows = Observation.objects.filter(indicator=indicator).select_related("response").order_by("area_code", "period", "period_code", "gender")
    for o in rows:
        value = format_plain(o.value, indicator.decimals)
        writer.writerow(safe_row([indicator.external_id, o.area_code, selectors.area_name(o.area_code), o.period, o.period_code or o.period, o.gender, value,
                                  o.status, "ja" if o.synthetic else "nej", f"{o.response.fetched_at:%Y-%m-%d}" if o.response else ""]))
    response = HttpResponse(buf.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    suffix = "-syntetiska-demovarden" if indicator.synthetic else ""
    response["Content-Disposition"] = f'attachment; filename="{indicator.source}-{indicator.external_id}{suffix}.csv"'
    return response


def opensdg_index(request: HttpRequest) -> HttpResponse:
    """The Open SDG tidy CSV files, one per indicator with values."""
    from resultat.indicators.opendata import opensdg_url

    indicators = Indicator.objects.filter(pk__in=Observation.objects.values("indicator_id")).order_by("title")
    return render(request, "indicators/opensdg.html", {"rows": [(ind, opensdg_url(ind)) for ind in indicators]})


def opensdg_file(request: HttpRequest, filename: str) -> HttpResponse:
    """``indicator_<source>-<id>.csv`` in Open SDG's tidy format (the same file
    ``resultat export opendata`` writes)."""
    from resultat.core.opendata.opensdg import CONFIG_FILENAME
    from resultat.indicators import opendata

    if filename == CONFIG_FILENAME:
        response = HttpResponse(opendata.opensdg_config(), content_type="application/yaml; charset=utf-8")
        response["Access-Control-Allow-Origin"] = "*"
        return response
    if not (filename.startswith("indicator_") and filename.endswith(".csv")):
        raise Http404
    source, _, external_id = filename[len("indicator_"):-len(".csv")].partition("-")
    indicator = get_object_or_404(Indicator, source=source, external_id=external_id)
    if opendata.opensdg_filename(indicator) != filename:
        raise Http404
    response = HttpResponse(opendata.opensdg_csv(indicator), content_type="text/csv; charset=utf-8; header=present")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def opensdg_meta(request: HttpRequest, filename: str) -> HttpResponse:
    """``meta/<source>-<id>.yml``: the indicator's Open SDG metadata (standalone)."""
    from resultat.indicators import opendata

    if not filename.endswith(".yml"):
        raise Http404
    source, _, external_id = filename[: -len(".yml")].partition("-")
    indicator = get_object_or_404(Indicator, source=source, external_id=external_id)
    if opendata.opensdg_meta_filename(indicator) != filename or not indicator.observations.exists():
        raise Http404
    response = HttpResponse(opendata.opensdg_meta(indicator), content_type="application/yaml; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def chart_file(request: HttpRequest, source: str, external_id: str, kind: str, fmt: str) -> HttpResponse:
    indicator = selectors.get_indicator(source, external_id)
    if fmt not in ("svg", "png", "json"):
        raise Http404
    charts = selectors.build_charts(indicator, link=_link(request, indicator), render=False)
    chart = next((c for c in charts if c.kind == kind), None)
    if chart is None:
        raise Http404
    name = f"{indicator.external_id}-{kind}{'-syntetiska-demovarden' if chart.synthetic else ''}.{fmt}"
    if fmt == "svg":
        response = HttpResponse(selectors.svg_for(chart.spec), content_type="image/svg+xml")
    elif fmt == "png":
        response = HttpResponse(chart_render.to_png(chart.spec), content_type="image/png")
    else:
        import json

        response = HttpResponse(json.dumps(chart.spec, ensure_ascii=False, indent=1), content_type="application/json")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_http_methods(["POST"])
def override(request: HttpRequest, source: str, external_id: str) -> HttpResponse:
    indicator = selectors.get_indicator(source, external_id)
    if not request.user.is_authenticated:
        return redirect_to_login(indicator.get_absolute_url())
    if not assessment.can_assess(request.user):
        raise PermissionDenied
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            assessment.set_override(indicator, request.user, form.cleaned_data["status"], form.cleaned_data["justification"])
        except assessment.IndicatorError as exc:
            form.add_error("justification", str(exc))
        else:
            messages.success(request, _("Bedömningen är sparad."))
            return redirect(indicator.get_absolute_url() + "#bedomning")
    county = selectors.home_area_code()
    return render(request, "indicators/detail.html", {
        "indicator": indicator, "link": None, "links": list(indicator.links.select_related("sdg_goal", "strategy")),
        "charts": selectors.build_charts(indicator, county=county, render=False, text=selectors.chart_text()), "assessment": selectors.assessment(indicator, None, county),
        "provenance": selectors.provenance(indicator), "municipalities": selectors.municipalities_of(county), "chosen": [],
        "county_name": selectors.area_name(county), "can_assess": True, "form": form, "opensdg_url": _opensdg_url(indicator),
    }, status=400)


def element(request: HttpRequest, strategy: str, code: str) -> HttpResponse:
    from resultat.strategy import selectors as strategy_selectors
    from resultat.strategy.models import OverallGoal, Perspective, Priority, Strategy, SubPriority

    s = get_object_or_404(Strategy, code=strategy)
    version = strategy_selectors.current_version(s)
    target = None
    for model in (SubPriority, Priority, OverallGoal, Perspective):
        target = model.objects.filter(version=version, code=code).first() or model.objects.filter(version__strategy=s, code=code).order_by("-version__valid_from").first()
        if target is not None:
            break
    if target is None:
        raise Http404("Okänt element")
    links = selectors.label_links(selectors.element_links(strategy, code))
    rows = selectors.summary_rows(links)
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row["link"].element_code, []).append(row)
    charts = []
    if isinstance(target, SubPriority):
        for row in rows:
            charts.extend(selectors.build_charts(row["indicator"], link=row["link"], render=False,
                                                text=selectors.chart_text())[:1])
    return render(request, "indicators/element.html", {
        "strategy": s, "version": version, "element": target, "code": code, "groups": groups, "rows": rows, "charts": charts,
        "is_sub": isinstance(target, SubPriority),
    })


def sdg(request: HttpRequest, number: int) -> HttpResponse:
    from resultat.reference.models import SdgGoal

    goal = get_object_or_404(SdgGoal, number=number)
    rows = selectors.summary_rows(selectors.sdg_links(number))
    return render(request, "indicators/sdg.html", {"goal": goal, "rows": rows})


# --- fetching from Kolada and SCB as a background job (analysts) ------------------------------


def _require_analyst(request: HttpRequest):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not assessment.can_assess(request.user):
        raise PermissionDenied(_("Bara analytiker kan hämta indikatordata."))
    return None


@require_http_methods(["GET", "POST"])
def sync_jobs(request: HttpRequest) -> HttpResponse:
    """The analysts' page for fetching indicator data: start a fetch, see the latest ones."""
    from resultat.indicators import jobs
    from resultat.indicators.models import SyncJob

    denied = _require_analyst(request)
    if denied:
        return denied
    if request.method == "POST":
        sources = [s for s in request.POST.getlist("kalla") if s in jobs.SOURCES] or list(jobs.SOURCES)
        try:
            job, created = jobs.start_job(request.user, sources=sources)
        except jobs.JobError as exc:
            messages.error(request, str(exc))
            return redirect("indicators:sync_jobs")
        if not created:
            messages.info(request, _("En hämtning pågår redan; här är den."))
        return redirect("indicators:sync_job", pk=job.pk)
    recent = list(SyncJob.objects.select_related("requested_by")[:10])
    return render(request, "indicators/sync_jobs.html", {
        "jobs": recent, "active": jobs.active_job(), "sources": jobs.SOURCES,
        "counts": {s: Indicator.objects.filter(source=s).count() for s in jobs.SOURCES},
    })


def sync_job(request: HttpRequest, pk: int) -> HttpResponse:
    """One fetch: progress while it runs (htmx polls the status fragment), the summary after."""
    from resultat.indicators import jobs
    from resultat.indicators.models import SyncJob

    denied = _require_analyst(request)
    if denied:
        return denied
    job = get_object_or_404(SyncJob.objects.select_related("requested_by"), pk=pk)
    context = {"job": job, "stale": jobs.is_stale(job)}
    if request.headers.get("HX-Request") == "true":
        return render(request, "indicators/_sync_job_status.html", context)
    return render(request, "indicators/sync_job.html", context)
