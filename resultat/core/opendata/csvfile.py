"""CSV as RFC 4180: UTF-8, comma, CRLF line ends, double quotes where needed."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from resultat.core.opendata.spec import LIST_SEPARATOR, Dataset


def cell(value: Any) -> str:
    """One value as CSV text: None is empty, booleans are true/false, lists are
    joined with ';'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(cell(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def write_rows(columns: list[str], rows: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return out.getvalue()


def write_dataset(dataset: Dataset, rows: Iterable[Mapping[str, Any]]) -> str:
    return write_rows(dataset.field_names(), rows)


def read_rows(text: str) -> list[dict[str, str]]:
    """The inverse, for tests and round trips."""
    return list(csv.DictReader(io.StringIO(text, newline="")))
