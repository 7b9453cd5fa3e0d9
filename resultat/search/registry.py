"""Which kinds of documents the search index holds: what the content apps register.

The search app is a mechanism: it imports no content app. Each app that owns content
registers its kinds from its ``integrations.py`` (docs/architecture.md)::

    from resultat.search.registry import Doc, Kind, register

    def indicator_documents(ids):          # ids: the source objects' pks, or None = all
        for indicator in _ids_filter(Indicator.objects.all(), ids):
            yield Doc(key=f"indicator:{indicator.pk}", source_id=indicator.pk, kind="indicator", ...)

    register(Kind("indicator", _("Indikator"), indicator_documents, count=Indicator.objects.count))

and connects its models' signals to ``resultat.search.signals.reindex_on_save``.
``resultat search reindex`` rebuilds every registered kind.

A kind's ``visibility(user, public) -> Q`` says which of its documents a user may
find (a filter over ``SearchDocument``); without one, only documents indexed as
published are found by anyone. Hooks served here:

``search.kinds``          the kinds (``Kind``), by name
``search.prepare``        callables run before every indexing run (re-read lookup tables)
``search.filter_choices`` callables ``(documents, user, public) -> dict`` giving the
                          options of the search page's filter menus
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from resultat.infrastructure.hooks import serve


@dataclass
class Doc:
    key: str
    source_id: int
    kind: str
    title: str
    text: str = ""
    subkind: str = ""
    context: str = ""
    url: str = ""
    staff_url: str = ""
    year: int | None = None
    priorities: Iterable[str] = ()
    subpriorities: Iterable[str] = ()
    areas: Iterable[str] = ()
    question: str = ""
    sdg_goals: Iterable[int] = ()
    municipalities: Iterable[str] = ()
    published: bool = True
    cycle_id: int | None = None
    area_id: int | None = None
    order: int = 0
    extra: dict = field(default_factory=dict)


Producer = Callable[[Iterable[int] | None], Iterator[Doc]]
Visibility = Callable[[Any, bool], Q]


@dataclass
class Kind:
    """One source of documents. ``labels`` names every document kind it produces (a
    contribution also produces "item" documents); default ``{name: label}``.
    ``bodies(ids) -> {pk: stored HTML}`` serves the light re-index of an autosave (only
    the text of the kind's own document changed; ``indexing.index_contribution_bodies``)."""

    name: str
    label: Any
    documents: Producer
    count: Callable[[], int] | None = None
    visibility: Visibility | None = None
    labels: dict[str, Any] = field(default_factory=dict)
    bodies: Callable[[list[int]], dict[int, str]] | None = None
    position: int = 100  # place in the kind menu (strategy 10, contributions 20, …)

    def __post_init__(self) -> None:
        self.labels = self.labels or {self.name: self.label}

    def visible(self, user, public: bool) -> Q:
        own = Q(source=self.name)
        if self.visibility is None:
            return own & Q(visibility="published")
        return own & self.visibility(user, public)


KINDS = serve("search.kinds", "search.registry.Kind: a source of search documents")
PREPARE = serve("search.prepare", "callable(): run before every indexing run")
FILTER_CHOICES = serve("search.filter_choices", "callable(documents, user, public) -> dict of filter menu options")


def register(kind: Kind) -> Kind:
    return KINDS.register(kind, key=kind.name)


def prepare() -> None:
    """Before indexing: let the owners re-read what their producers look up."""
    for func in PREPARE:
        func()


def tags(text: str) -> list[str]:
    """Municipality codes named in ``text``, by the tagger the geography's owner
    registered (hook ``search.tags``); none without one."""
    tagger = TAGGERS.get("municipalities")
    return tagger(text) if tagger else []


TAGGERS = serve("search.tags", "callable(text) -> codes, by facet name (municipalities)")


def kind_labels() -> dict[str, Any]:
    """Every document kind's label, in registration order."""
    labels: dict[str, Any] = {}
    for kind in sorted(KINDS, key=lambda k: k.position):
        labels.update(kind.labels)
    return labels


def ids_filter(qs, ids, field_name: str = "pk"):
    """The producers' queryset helper: all objects, or these."""
    return qs if ids is None else qs.filter(**{f"{field_name}__in": list(ids)})
