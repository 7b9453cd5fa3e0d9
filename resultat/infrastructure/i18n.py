"""The Django boundary of the core's translatable messages (see resultat/core/i18n.py).

``error_text(exc)`` is what a view, form or API shows for an error from the core or a
service: the error's ``Message`` translated into the active language, or ``str(exc)``
for an error without a template (Django services already raise gettext'd texts).
"""

from __future__ import annotations

from django.utils.translation import get_language, gettext

from resultat.core.charts.specs import ENGLISH_TIME_LOCALE, SWEDISH, ChartText
from resultat.core.i18n import translate


def error_text(value: object) -> str:
    """``value`` (an exception, a core ``Message`` or any text) in the active language."""
    return translate(value, gettext)


def chart_text() -> ChartText:
    """The words of a page's charts in the active language (Swedish: the words as written;
    numbers stay Swedish in every language, see resultat/core/formats.py). Every chart on a
    page gets its words from here: the indicator charts, the funding compilation's and
    the learning pages' (docs/i18n.md)."""
    language = (get_language() or "sv").split("-")[0]
    return SWEDISH if language == "sv" else ChartText(gettext, ENGLISH_TIME_LOCALE)
