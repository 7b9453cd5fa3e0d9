"""Writes of the reports app (freezing editions) and rendering a report to a format."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from resultat.core.report.model import Report
from resultat.followup import visibility
from resultat.followup.models import Cycle
from resultat.followup.services import FollowupError
from resultat.reports.builder import build_report
from resultat.reports.models import ReportEdition

FORMATS = ("html", "pdf", "docx")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class EditionRefused(FollowupError):
    """A report that may not be frozen (published): it holds synthetic demo values."""


def check_publishable(report: Report) -> None:
    """Refuse a report whose charts or tables hold synthetic values, saying which."""
    parts = report.synthetic_parts()
    if parts:
        raise EditionRefused(
            _("Utgåvan kan inte frysas eller publiceras: den innehåller syntetiska demovärden (%(parts)s). "
              "Byt ut dem mot verkliga värden eller ta bort dem först.") % {"parts": "; ".join(parts)}
        )


@transaction.atomic
def freeze_edition(cycle: Cycle, actor=None) -> ReportEdition:
    """Freeze the cycle's report as a new edition, unless the latest has the same hash.
    An edition holds only real values: the report is built without synthetic series and
    synthetic funding, and anything synthetic left makes ``EditionRefused``."""
    report = build_report(cycle, include_synthetic=False)
    check_publishable(report)
    data, digest = report.to_json(), report.content_hash()
    latest = ReportEdition.objects.select_for_update().filter(cycle=cycle).order_by("-number").first()
    if latest is not None and latest.content_hash == digest:
        return latest
    number = (ReportEdition.objects.filter(cycle=cycle).aggregate(n=Max("number"))["n"] or 0) + 1
    return ReportEdition.objects.create(cycle=cycle, number=number, data=data, content_hash=digest, created_by=actor)


def on_cycle_publishing(sender, cycle: Cycle, actor=None, **kwargs) -> None:
    """Receiver of ``cycle_publishing``: runs inside the publishing transaction, so an
    edition that is refused (synthetic values) rolls the publication back."""
    freeze_edition(cycle, actor)


def edition_report(edition: ReportEdition) -> Report:
    return Report.from_json(edition.data)


def report_for(cycle: Cycle) -> tuple[Report, ReportEdition | None]:
    """A published cycle's report comes from its latest frozen edition (frozen now if it
    has none, e.g. an imported edition); other cycles are built live, marked as drafts."""
    if visibility.is_published_cycle(cycle):
        edition = ReportEdition.objects.filter(cycle=cycle).order_by("-number").first() or freeze_edition(cycle)
        return edition_report(edition), edition
    return build_report(cycle), None


@dataclass
class Rendered:
    content: bytes
    content_type: str
    filename: str


def render(report: Report, fmt: str) -> Rendered:
    from resultat.core.report.model import slug

    # each renderer imported only when asked for (python-docx and typst take about 0.4 s
    # to import, which a fresh-process HTML build does not need)
    base = slug(report.title)
    if fmt == "html":
        from resultat.core.report import html

        content = html.render_standalone(report).encode("utf-8")
    elif fmt == "pdf":
        from resultat.core.report import pdf

        content = pdf.render_pdf(report)
    elif fmt == "docx":
        from resultat.core.report import docx

        content = docx.render_docx(report)
    else:
        raise ValueError(f"Okänt format {fmt!r} (välj bland {', '.join(FORMATS)})")
    return Rendered(content, CONTENT_TYPES[fmt], f"{base}.{fmt}")


def profile_for(cycle: Cycle):
    """The region profile the cycle's report is shown with: a published cycle's from its
    latest frozen edition (without rebuilding the report), a draft's from the data file."""
    import json

    from resultat.core.report.model import from_dict
    from resultat.core.report.profile import RegionProfile
    from resultat.reports.profile import region_profile

    if visibility.is_published_cycle(cycle):
        edition = ReportEdition.objects.filter(cycle=cycle).order_by("-number").only("data").first()
        if edition is not None:
            data = json.loads(edition.data).get("profile")
            return from_dict(RegionProfile, data) if data else None
    region = cycle.version.strategy.region
    return region_profile(region.slug, region.name, cycle.year)
