"""The public site: start page, pages per priority, sub-priority, strategic area,
municipality and Agenda 2030 goal, the accessibility statement with its report
form, and the language switch. No login; everything works without JavaScript."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language as django_set_language

from resultat.accounts import throttle
from resultat.followup import visibility as published
from resultat.infrastructure.caching import public_page
from resultat.public import hooks, selectors, services
from resultat.public.forms import AccessibilityReportForm
from resultat.reference.models import Area, SdgGoal
from resultat.strategy import selectors as strategy_selectors
from resultat.strategy.models import Priority, SubPriority


@csrf_exempt
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language without the CSRF token: choosing the interface language
    is harmless, and public pages must not carry a per-visitor token (caching)."""
    return django_set_language(request)


@public_page
def home(request: HttpRequest) -> HttpResponse:
    version = selectors.site_version()
    if version is None:
        return render(request, "strategy/empty.html")
    return render(
        request,
        "public/home.html",
        {
            "version": version,
            "strategy": version.strategy,
            "goals": strategy_selectors.goals_of(version),
            "priorities": strategy_selectors.priorities_with_subpriorities(version),
            "latest": selectors.latest_cycle(),
            "headline_indicators": selectors.headline_indicators(),
        },
    )


@public_page
def priority(request: HttpRequest, code: str) -> HttpResponse:
    element = selectors.element_in_any_version(Priority, code)
    if element is None:
        raise Http404(_("Prioriteringen finns inte"))
    subs = SubPriority.objects.filter(version=element.version, priority=element).order_by("order")
    return render(request, "public/priority.html", {"element": element, "version": element.version, "subs": subs, "years": selectors.priority_years(code)})


@public_page
def subpriority(request: HttpRequest, code: str) -> HttpResponse:
    element = selectors.element_in_any_version(SubPriority, code)
    if element is None:
        raise Http404(_("Delprioriteringen finns inte"))
    sections = [section(element) for section in SUBPRIORITY_SECTIONS]
    return render(
        request,
        "public/subpriority.html",
        {"element": element, "version": element.version, "years": selectors.subpriority_years(code), "sections": [s for s in sections if s]},
    )


# Other apps (indicators) register functions sub-priority → {"template", ...} or None that add
# their sections to the sub-priority page, from their integrations.py; see docs/public-site.md.
SUBPRIORITY_SECTIONS = hooks.SUBPRIORITY_SECTIONS


@public_page
def area_list(request: HttpRequest) -> HttpResponse:
    return render(request, "public/area_list.html", {"areas": published.public_areas().order_by("name")})


@public_page
def area(request: HttpRequest, code: str) -> HttpResponse:
    a = get_object_or_404(published.public_areas().prefetch_related("subpriorities", "units"), code=code)
    subs = sorted({(s.code, s.number, s.title) for s in a.subpriorities.all()}, key=lambda s: s[0])
    return render(request, "public/area.html", {"area": a, "subs": subs, "years": selectors.area_years(a)})


def _region_area():
    version = selectors.site_version()
    region = version.strategy.region.area if version and version.strategy.region.area_id else None
    return region


@public_page
def municipality_list(request: HttpRequest) -> HttpResponse:
    region = _region_area()
    qs = Area.objects.filter(kind=Area.Kind.MUNICIPALITY)
    if region is not None:
        qs = qs.filter(parent=region)
    return render(request, "public/municipality_list.html", {"municipalities": qs.order_by("name"), "region": region})


@public_page
def municipality(request: HttpRequest, code: str) -> HttpResponse:
    m = get_object_or_404(Area.objects.select_related("parent"), code=code, kind=Area.Kind.MUNICIPALITY)
    sections = [section(m) for section in MUNICIPALITY_SECTIONS]
    return render(request, "public/municipality.html", {"m": m, "sections": [s for s in sections if s]})


# Other apps (indicators …) register functions area → {"title", "template", ...} that add their
# sections to the municipality page, from their integrations.py; see docs/public-site.md.
MUNICIPALITY_SECTIONS = hooks.MUNICIPALITY_SECTIONS


@public_page
def sdg_list(request: HttpRequest) -> HttpResponse:
    return render(request, "public/sdg_list.html", {"sdg_goals": SdgGoal.objects.all()})


@public_page
def sdg_goal(request: HttpRequest, number: int) -> HttpResponse:
    goal = get_object_or_404(SdgGoal.objects.prefetch_related("targets"), number=number)
    version = selectors.site_version()
    links = strategy_selectors.sdg_links(version, goal) if version else {}
    return render(request, "public/sdg_goal.html", {"goal": goal, "version": version, "links": links, "citations": selectors.sdg_citations(goal)})


# When the statement was last reviewed (update with the text).
STATEMENT_DATE = "2026-11-24"


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (tillgänglighetsredogörelse) and the report form.
    Not cached: the form carries a CSRF token."""
    form = AccessibilityReportForm(request.POST or None, initial={"page_url": request.GET.get("sida", "")})
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid() and (until := throttle.take("accessibility", throttle.client_ip(request))):
        form.add_error(None, throttle.too_many_message(until))  # stored and mailed nothing
        status = 429
    elif request.method == "POST" and form.is_valid():
        services.report_accessibility_problem(
            description=form.cleaned_data["description"],
            page_url=form.cleaned_data["page_url"],
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            language=get_language() or "",
        )
        return redirect("site:accessibility_thanks")
    context = {
        "form": form,
        "publisher": settings.RESULTAT_PUBLISHER_NAME,
        "contact_email": settings.RESULTAT_ACCESSIBILITY_EMAIL,
        "statement_date": STATEMENT_DATE,
    }
    response = render(request, "public/accessibility.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def accessibility_thanks(request: HttpRequest) -> HttpResponse:
    response = render(request, "public/accessibility_thanks.html")
    response["Cache-Control"] = "private, no-store"
    return response


def about(request: HttpRequest) -> HttpResponse:
    return public_page(lambda r: render(r, "public/about.html"))(request)
