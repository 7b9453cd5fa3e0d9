"""The Frictionless data package (datapackage.json) that describes the CSV files."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from resultat.core.opendata.spec import LIST_SEPARATOR, Dataset, Field

PROFILE = "tabular-data-package"


def table_schema(dataset: Dataset) -> dict[str, Any]:
    fields = [_field(f) for f in dataset.fields]
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if dataset.primary_key:
        schema["primaryKey"] = list(dataset.primary_key)
    if dataset.foreign_keys:
        schema["foreignKeys"] = [dict(fk) for fk in dataset.foreign_keys]
    return schema


def _field(f: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"name": f.name, "type": f.type, "description": f.description}
    if f.type == "array":
        # In CSV a list is one cell joined with ';' (the JSON download has real arrays).
        out["type"] = "string"
        out["description"] = (f.description + f" (lista, avgränsad med '{LIST_SEPARATOR}')").strip()
    if f.required:
        out["constraints"] = {"required": True}
    return out


def datapackage(
    datasets: Iterable[Dataset],
    *,
    name: str,
    title: str,
    description: str,
    licence_url: str,
    licence_title: str,
    publisher: str,
    homepage: str = "",
    created: str = "",
    version: str = "",
    language: str = "sv",
) -> dict[str, Any]:
    resources = []
    for d in datasets:
        resource: dict[str, Any] = {
            "name": d.name,
            "path": f"{d.name}.csv",
            "profile": "tabular-data-resource",
            "title": d.title_sv,
            "description": d.description_sv,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True},
            "schema": table_schema(d),
        }
        if d.sources:
            resource["sources"] = [{"title": s} for s in d.sources]
        resources.append(resource)
    package: dict[str, Any] = {
        "profile": PROFILE,
        "name": name,
        "title": title,
        "description": description,
        "language": language,
        "licenses": [{"name": _licence_name(licence_url), "path": licence_url, "title": licence_title}],
        "contributors": [{"title": publisher, "role": "publisher"}],
        "resources": resources,
    }
    if homepage:
        package["homepage"] = homepage
    if created:
        package["created"] = created
    if version:
        package["version"] = version
    return package


def _licence_name(url: str) -> str:
    known = {
        "https://creativecommons.org/licenses/by/4.0/": "CC-BY-4.0",
        "https://creativecommons.org/publicdomain/zero/1.0/": "CC0-1.0",
        "https://creativecommons.org/licenses/by-sa/4.0/": "CC-BY-SA-4.0",
    }
    return known.get(url.rstrip("/") + "/", "other")
