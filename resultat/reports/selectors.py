from django.db.models import QuerySet

from resultat.followup import permissions
from resultat.followup.models import Cycle
from resultat.reports.models import ReportEdition


def readable_cycle(user, year: int) -> Cycle | None:
    """The cycle whose report ``user`` may read for ``year``: analysts see it in any
    state, everyone else only once it is published."""
    cycles = Cycle.objects.filter(year=year)
    if not (user and user.is_authenticated and permissions.is_analyst(user)):
        cycles = cycles.filter(state=Cycle.State.PUBLISHED)
    return cycles.order_by("-version__valid_from").first()


def editions(cycle) -> QuerySet[ReportEdition]:
    return ReportEdition.objects.filter(cycle=cycle).order_by("-number")


def all_editions() -> QuerySet[ReportEdition]:
    return ReportEdition.objects.select_related("cycle").order_by("-cycle__year", "-number")
