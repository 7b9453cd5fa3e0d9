"""Which kinds of documents the search index holds, and how each is produced.

A kind is registered with one function ``documents(ids)`` that yields ``Doc``s for
the given source objects (all of them when ``ids`` is None). Another app adds its
own kind (indicators, funding …) with::

    from resultat.search.registry import Doc, register

    @register("indicator", label=_("Indikator"))
    def indicator_documents(ids):
        for indicator in Indicator.objects.filter(...):
            yield Doc(kind="indicator", key=f"indicator:{indicator.pk}", source_id=indicator.pk, ...)

and calls ``resultat.search.indexing.schedule("indicator", [pk])`` after a write
(or connects a signal). ``resultat search reindex`` rebuilds every registered kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field


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


@dataclass
class Kind:
    name: str
    label: str
    documents: Producer
    count: Callable[[], int] | None = None


KINDS: dict[str, Kind] = {}


def register(name: str, label: str, count: Callable[[], int] | None = None):
    def decorator(func: Producer) -> Producer:
        KINDS[name] = Kind(name=name, label=label, documents=func, count=count)
        return func

    return decorator
