from django.db.models import QuerySet

from resultat.followup import visibility
from resultat.followup.models import Cycle
from resultat.reports.models import ReportEdition


def readable_cycle(user, year: int) -> Cycle | None:
    """The cycle whose report ``user`` may read for ``year`` (the rule is
    ``followup.visibility.report_cycle``: analysts any state, others once published)."""
    return visibility.report_cycle(user, year)


def editions(cycle) -> QuerySet[ReportEdition]:
    return ReportEdition.objects.filter(cycle=cycle).order_by("-number")


def all_editions() -> QuerySet[ReportEdition]:
    return ReportEdition.objects.select_related("cycle").order_by("-cycle__year", "-number")
