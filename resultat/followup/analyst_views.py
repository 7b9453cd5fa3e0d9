"""The analyst's chase tools for a cycle: overdue work per unit and editor with a
reminder button per person, and the status matrix as an XLSX file.

Kept apart from views.py (which holds the workflow pages). Plain form POSTs, no
JavaScript needed; writes go through services, reads through selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from resultat.core.tabular.writer import write_xlsx
from resultat.followup import selectors, services
from resultat.followup.models import Contribution
from resultat.followup.views import _analyst_required, _cycle

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def overdue(request: HttpRequest, year: int) -> HttpResponse:
    _analyst_required(request)
    cycle = _cycle(year)
    return render(request, "followup/overdue.html", {"cycle": cycle, "chase": selectors.overdue_by_unit(cycle)})


@login_required
@require_POST
def remind_one(request: HttpRequest, year: int) -> HttpResponse:
    _analyst_required(request)
    cycle = _cycle(year)
    try:
        reminder = services.send_reminder_to(cycle, request.POST.get("email", ""), request.user)
    except services.FollowupError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Påminnelse skickad till %(name)s (%(email)s) om %(n)s bidrag.")
            % {"name": reminder.name, "email": reminder.email, "n": len(reminder.contributions)},
        )
    return redirect("followup:overdue", year)


def _state_label(contribution: Contribution | None) -> str:
    return contribution.get_state_display() if contribution else "–"


def matrix_sheets(cycle, today=None) -> list[tuple[str, list[str], list[list]]]:
    """The three sheets of the status file: the matrix (a chapter column, areas as
    rows, questions as columns, each cell the state's Swedish label), the counts per
    state (in total and per chapter) and the overdue work per unit and editor."""
    questions, chapters, totals = selectors.completion_matrix(cycle)
    matrix_rows = [
        [group.chapter.title, row.area_name, *[_state_label(c) for c in row.cells]] for group in chapters for row in group.rows
    ]
    summary_headers = [_("Läge"), _("Totalt"), *[group.chapter.title for group in chapters]]
    summary_rows = [
        [str(label), n, *[group.counts.get(value, 0) for group in chapters]] for value, label, n in selectors.state_summary(totals)
    ]
    summary_rows.append([_("Summa"), sum(totals.values()), *[sum(group.counts.values()) for group in chapters]])
    work = selectors.overdue_by_unit(cycle, today)
    overdue_rows = []
    for unit in work.units:
        for editor in unit.editors:
            for c in editor.contributions:
                overdue_rows.append([unit.name, editor.name, editor.email, c.area.name, c.question.title, c.get_state_display(), work.days])
        for c in unit.without_editor:
            overdue_rows.append([unit.name, _("(ingen redaktör)"), "", c.area.name, c.question.title, c.get_state_display(), work.days])
    for c in work.without_unit:
        overdue_rows.append([_("(ingen verksamhet)"), "", "", c.area.name, c.question.title, c.get_state_display(), work.days])
    return [
        (_("Matris"), [_("Kapitel"), _("Strategiskt område"), *[q.title for q in questions]], matrix_rows),
        (_("Sammanfattning"), summary_headers, summary_rows),
        (
            _("Försenat"),
            [_("Verksamhet"), _("Redaktör"), _("E-post"), _("Strategiskt område"), _("Fråga"), _("Läge"), _("Dagar försenat")],
            overdue_rows,
        ),
    ]


@login_required
def matrix_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    _analyst_required(request)
    cycle = _cycle(year)
    note = _("Uppföljning %(year)s, läget %(date)s") % {"year": cycle.year, "date": f"{timezone.localdate():%Y-%m-%d}"}
    response = HttpResponse(write_xlsx(matrix_sheets(cycle), notes=[note]), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="status-{cycle.year}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response
