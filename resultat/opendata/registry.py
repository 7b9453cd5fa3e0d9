"""The registry of open datasets: one entry per dataset/API resource.

An entry ties a ``Dataset`` description (fields → CSV columns, JSON records,
Frictionless schema, OpenAPI schema) to a queryset of published rows, a serializer
(one flat record per row), optional filters and an optional detail view. The API,
the downloads, ``datapackage.json``, the DCAT catalogue and ``resultat export
opendata`` all read this registry.

The open-data app is a mechanism: it imports no content app. The app that owns the
rows registers its datasets from its ``integrations.py`` (docs/architecture.md)::

    from resultat.opendata.registry import YEAR, Entry, column, register

    register(Entry(dataset=Dataset(name="indicators", fields=(column("id", required=True), ...), ...),
                   queryset=lambda filters: ..., serialize=..., filters=(YEAR,), order=50))

``order`` sorts the datasets in the listings (strategy 10, follow-up 20, initiatives
30, reference data 40, indicators 50); ties keep the order of registration. Hooks
served here: ``opendata.datasets`` (``Entry``, by name) and ``opendata.extra_files``
(``callable() -> [(relative path, bytes)]`` written by ``resultat export opendata``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from resultat.core.opendata.openapi import ApiResource, Filter
from resultat.core.opendata.spec import Dataset, Field
from resultat.infrastructure.hooks import serve

# --- filters shared by several owners' datasets -----------------------------------------------

YEAR = Filter("year", "integer", "Uppföljningsår, t.ex. 2025.", minimum=1900, maximum=2100)
SUBPRIORITY = Filter("subpriority", "string", "Delprioriteringens kod, t.ex. dp-1.2 (stabil mellan versioner).")
AREA = Filter("area", "string", "Det strategiska områdets kod, t.ex. a-digitalisering.")
MUNICIPALITY = Filter("municipality", "string", "Kommunkod (SCB), t.ex. 2480.")
SDG = Filter("sdg", "integer", "Agenda 2030-målets nummer (1–17).", minimum=1, maximum=17)


@dataclass(frozen=True)
class Entry:
    dataset: Dataset
    queryset: Callable[[dict[str, Any]], QuerySet]  # published rows, filters applied
    serialize: Callable[[Any], dict[str, Any]]  # one flat record (the dataset's fields)
    lookup: Callable[[str], Any] | None = None  # id → object (published) or None
    detail: Callable[[Any], dict[str, Any]] | None = None  # extra keys of the detail object
    detail_schema: dict[str, Any] | None = None
    filters: tuple[Filter, ...] = ()
    modified: Callable[[], date | None] = lambda: None
    api: bool = True
    download: bool = True
    order: int = 100  # place in the listings (see the module docstring)

    @property
    def name(self) -> str:
        return self.dataset.name

    def api_resource(self) -> ApiResource:
        return ApiResource(self.dataset.name, self.dataset, self.filters, detail=self.lookup is not None, detail_schema=self.detail_schema)

    def rows(self, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return [self.serialize(obj) for obj in self.queryset(filters or {})]


DATASETS = serve("opendata.datasets", "opendata.registry.Entry: one open dataset / API resource")
EXTRA_FILES = serve("opendata.extra_files", "callable() -> [(relative path, bytes)] for resultat export opendata")


def register(entry: Entry) -> Entry:
    """Register a dataset (a second, different entry under a taken name is an error)."""
    return DATASETS.register(entry, key=entry.name)


def entries() -> list[Entry]:
    return sorted(DATASETS, key=lambda e: e.order)


def get(name: str) -> Entry | None:
    return DATASETS.get(name)


# --- helpers for the owners' datasets ----------------------------------------------------------


def column(name: str, type: str = "string", description: str = "", **kw) -> Field:
    """One field of a dataset (CSV column, JSON key, schema property)."""
    return Field(name, type, description, **kw)


def as_date(value) -> date | None:
    """A date or datetime (``modified``) as a date."""
    if value is None:
        return None
    return value.date() if hasattr(value, "date") else value
