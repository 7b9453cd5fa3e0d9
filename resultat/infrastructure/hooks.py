"""Named hooks: how the content apps plug into the mechanisms that serve them.

A hook is an ordered registry of entries with unique keys, found by its name. The
mechanism that serves it (search, open data, the public pages, the learning pages …)
reads it; the app that owns the content registers with it from its one
``integrations.py``, loaded by its ``AppConfig.ready`` (``load_integrations``). Neither
imports the other, so the mechanism never imports a content app::

    # resultat/search/registry.py (the mechanism)
    KINDS = hooks.hook("search.kinds")
    for kind in KINDS: ...

    # resultat/indicators/integrations.py (the owner)
    hooks.hook("search.kinds").register(Kind(...), key="indicator")

Registering the same object under the same key again is harmless (``ready`` may run
twice in tests); another object under a taken key is an error naming both. A name a
mechanism serves is declared with ``serve`` (with what an entry is); a hook that
receives entries but is served by nobody is reported by the system check
``resultat.E001`` (a typo in a hook name would otherwise go unnoticed).

This module knows no feature: the names are plain strings chosen by the mechanisms.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from typing import Any


class HookError(ValueError):
    pass


class Hook:
    """An ordered set of entries with unique keys."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.description = ""
        self.served = False
        self._entries: dict[str, Any] = {}

    def register(self, entry: Any = None, *, key: str | None = None):
        """Register ``entry`` under ``key`` (default: its ``name`` attribute, else its
        qualified name). Usable as a decorator: ``@hook("x").register``."""
        if entry is None:
            return lambda e: self.register(e, key=key)
        key = key or getattr(entry, "name", None) or f"{entry.__module__}.{entry.__qualname__}"
        current = self._entries.get(key)
        if current is not None and current is not entry and not _same_function(current, entry):
            raise HookError(f"Hook {self.name!r}: key {key!r} is already registered ({current!r}); refused {entry!r}")
        self._entries[key] = entry
        return entry

    def unregister(self, key: str) -> None:
        self._entries.pop(key, None)

    def __getitem__(self, key: str) -> Any:
        try:
            return self._entries[key]
        except KeyError:
            raise KeyError(f"Hook {self.name!r} has no entry {key!r} (registered: {', '.join(self._entries) or 'none'})") from None

    def get(self, key: str, default: Any = None) -> Any:
        return self._entries.get(key, default)

    def keys(self) -> list[str]:
        return list(self._entries)

    def items(self) -> list[tuple[str, Any]]:
        return list(self._entries.items())

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self._entries.values()))

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"<Hook {self.name} ({len(self)} entries)>"


def _same_function(a: Any, b: Any) -> bool:
    # a module re-imported (importlib.reload in a test) registers a new function object
    return callable(a) and callable(b) and getattr(a, "__qualname__", None) == getattr(b, "__qualname__", 0) and getattr(a, "__module__", None) == getattr(b, "__module__", 0)


_HOOKS: dict[str, Hook] = {}


def hook(name: str) -> Hook:
    """The hook called ``name`` (created on first use, by whichever side comes first)."""
    if name not in _HOOKS:
        _HOOKS[name] = Hook(name)
    return _HOOKS[name]


def serve(name: str, description: str = "") -> Hook:
    """The mechanism's side: declare that ``name`` is read, and what an entry is."""
    h = hook(name)
    h.served = True
    h.description = description or h.description
    return h


def unserved() -> list[str]:
    """Hooks with entries that no mechanism serves (the system check reports them)."""
    return sorted(name for name, h in _HOOKS.items() if len(h) and not h.served)


def load_integrations(app_config) -> None:
    """Import ``<app>.integrations`` if the app has one (call from ``AppConfig.ready``)."""
    module = f"{app_config.name}.integrations"
    if find_spec(module) is not None:
        import_module(module)
