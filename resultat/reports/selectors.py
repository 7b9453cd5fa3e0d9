from django.db.models import QuerySet

from resultat.followup import visibility
from resultat.followup.models import Cycle
from resultat.reports.models import ReportEdition, ReportSection, ReportSectionRevision


def readable_cycle(user, year: int) -> Cycle | None:
    """The cycle whose report ``user`` may read for ``year`` (the rule is
    ``followup.visibility.report_cycle``: analysts any state, others once published)."""
    return visibility.report_cycle(user, year)


def editions(cycle) -> QuerySet[ReportEdition]:
    return ReportEdition.objects.filter(cycle=cycle).order_by("-number")


def all_editions() -> QuerySet[ReportEdition]:
    return ReportEdition.objects.select_related("cycle").order_by("-cycle__year", "-number")


def sections(cycle):
    """The edition's own texts in the report's order (the foreword first), with their
    latest revision's author for the list of texts."""
    rows = list(ReportSection.objects.filter(cycle=cycle).order_by("order", "pk"))
    latest = {}
    for rev in ReportSectionRevision.objects.filter(section__in=rows).select_related("author").order_by("section_id", "-number"):
        latest.setdefault(rev.section_id, rev)
    for s in rows:
        s.latest_revision = latest.get(s.pk)
    return rows
