"""The Django boundary of the core's translatable messages (see resultat/core/i18n.py).

``error_text(exc)`` is what a view, form or API shows for an error from the core or a
service: the error's ``Message`` translated into the active language, or ``str(exc)``
for an error without a template (Django services already raise gettext'd texts).
"""

from __future__ import annotations

from django.utils.translation import gettext

from resultat.core.i18n import translate


def error_text(value: object) -> str:
    """``value`` (an exception, a core ``Message`` or any text) in the active language."""
    return translate(value, gettext)
