"""Translation hook: the core has no Django, so the Django side passes its gettext in.

Strings are written ``_("…")`` (Swedish) so that makemessages finds them; ``_`` looks up
the translator of the current context (``with translation(gettext): …``), by default none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_translator: ContextVar[Callable[[str], str] | None] = ContextVar("wordexchange_translator", default=None)


def _(text: str) -> str:
    translate = _translator.get()
    return translate(text) if translate else text


@contextmanager
def translation(translate: Callable[[str], str]) -> Iterator[None]:
    token = _translator.set(translate)
    try:
        yield
    finally:
        _translator.reset(token)
