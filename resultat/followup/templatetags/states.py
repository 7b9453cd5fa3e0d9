"""State names and counted states for templates, translated and with correct plurals
("1 godkänd", "2 godkända"), never the raw values (draft, submitted)."""

from collections.abc import Iterable

from django import template
from django.utils.translation import ngettext

from resultat.followup.models import Contribution, Cycle

register = template.Library()


def _counted(state: str, n: int) -> str:
    S = Contribution.State
    if state == S.NOT_STARTED:
        text = ngettext("%(n)s ej påbörjad", "%(n)s ej påbörjade", n)
    elif state == S.DRAFT:
        text = ngettext("%(n)s utkast", "%(n)s utkast", n)
    elif state == S.SUBMITTED:
        text = ngettext("%(n)s klar för granskning", "%(n)s klara för granskning", n)
    elif state == S.RETURNED:
        text = ngettext("%(n)s återremitterad", "%(n)s återremitterade", n)
    elif state == S.APPROVED:
        text = ngettext("%(n)s godkänd", "%(n)s godkända", n)
    elif state == S.PUBLISHED:
        text = ngettext("%(n)s publicerad", "%(n)s publicerade", n)
    else:
        return f"{n} {state}"
    return text % {"n": n}


@register.filter
def state_counts(summary: Iterable[tuple[str, str, int]]) -> str:
    """``[(state, label, n), ...]`` as "21 utkast, 1 klar för granskning, 2 godkända";
    states with no contributions are left out."""
    return ", ".join(_counted(state, n) for state, _label, n in summary if n)


@register.filter
def contribution_state(value: str) -> str:
    return str(Contribution.State(value).label) if value in Contribution.State.values else (value or "–")


@register.filter
def cycle_state(value: str) -> str:
    return str(Cycle.State(value).label) if value in Cycle.State.values else (value or "–")
