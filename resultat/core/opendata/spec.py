"""What a dataset looks like: its fields (name, type, description) and metadata.

One ``Dataset`` describes one table. The same description drives the CSV columns,
the JSON records, the Frictionless table schema and the OpenAPI component schema,
so the four never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Field types, as named in the Frictionless table schema.
TYPES = ("string", "integer", "number", "boolean", "date", "datetime", "array")

LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Field:
    name: str
    type: str = "string"
    description: str = ""
    required: bool = False
    nullable: bool = False
    # array fields: the type of the items (CSV joins them with ";")
    items: str = "string"

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"fält {self.name}: okänd typ {self.type!r}, tillåtna: {', '.join(TYPES)}")


@dataclass(frozen=True)
class Dataset:
    name: str  # stable, url-safe: "contributions"
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ("id",)
    sources: tuple[str, ...] = ()  # attributions shown with the data ("Källa: Kolada")
    keywords: tuple[str, ...] = ()
    foreign_keys: tuple[dict[str, Any], ...] = field(default=())

    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)
