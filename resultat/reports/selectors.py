from django.db.models import QuerySet

from resultat.reports.models import ReportEdition


def editions(cycle) -> QuerySet[ReportEdition]:
    return ReportEdition.objects.filter(cycle=cycle).order_by("-number")


def all_editions() -> QuerySet[ReportEdition]:
    return ReportEdition.objects.select_related("cycle").order_by("-cycle__year", "-number")
