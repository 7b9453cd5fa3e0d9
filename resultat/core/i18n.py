"""Translatable messages in the plain-Python core, which imports no Django.

The core writes its user-facing texts in Swedish, like the rest of the product, but
cannot call Django's gettext. It marks them instead and lets the Django side translate
at the boundary:

``N_(text)``
    marks a Swedish msgid so that ``make messages`` (``xgettext --keyword=N_``) puts it
    in the catalogue; it returns ``text`` unchanged.

``Message(template, **params)``
    a ``str`` whose value is the Swedish text (``template % params``), so every caller
    that compares, logs or prints it sees exactly what it saw before. It also keeps the
    ``template`` (the msgid, with named placeholders ``%(name)s``) and the ``params``,
    which may themselves be ``Message`` objects (a location around a problem).

``translate(value, gettext)``
    the text of a ``Message``, of an exception whose message is one, or of anything else
    (``str(value)``), in the language of ``gettext``. The Django side calls it through
    ``resultat.infrastructure.i18n.error_text`` with Django's gettext.

An exception carries its ``Message`` as its only argument (``raise PeriodError(
Message(N_("Okänd tidskod %(code)s"), code=code))``) or, when it builds its text from
parts, in the attribute ``translatable``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def N_(text: str) -> str:  # noqa: N802 (the conventional name of the gettext no-op marker)
    """Mark ``text`` as a msgid; return it unchanged (translation happens at the boundary)."""
    return text


def _render(template: str, params: dict[str, Any]) -> str:
    return template % params if params else template


class Message(str):
    """A Swedish text that remembers its msgid (``template``) and ``params``."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Message:
        self = super().__new__(cls, _render(template, params))
        self.template = template
        self.params = params
        return self

    def translate(self, gettext: Callable[[str], str]) -> str:
        """The text in the language of ``gettext`` (nested messages translated too)."""
        params = {
            key: value.translate(gettext) if isinstance(value, Message) else value
            for key, value in self.params.items()
        }
        return _render(gettext(self.template), params)

    def __reduce__(self):  # pickling keeps the template (exceptions cross processes)
        return (_rebuild, (self.template, self.params))


def _rebuild(template: str, params: dict[str, Any]) -> Message:
    return Message(template, **params)


def message_of(value: object) -> Message | None:
    """The ``Message`` that ``value`` is or carries, or None."""
    if isinstance(value, Message):
        return value
    if isinstance(value, BaseException):
        carried = getattr(value, "translatable", None)
        if isinstance(carried, Message):
            return carried
        if len(value.args) == 1 and isinstance(value.args[0], Message):
            return value.args[0]
    return None


def translate(value: object, gettext: Callable[[str], str]) -> str:
    """``value`` as text in the language of ``gettext``; ``str(value)`` if it has no template."""
    message = message_of(value)
    return message.translate(gettext) if message is not None else str(value)
