"""A strict JSON-stat 2.0 *dataset* parser that yields tidy rows.

Implements the parts of https://json-stat.org/full/ that statistics APIs such
as SCB PxWebApi 2.0 use:

* ``version`` (must be ``"2.0"``) and ``class`` (must be ``"dataset"``);
* ``id`` and ``size`` give the dimension order; values are stored in
  row-major order (the last dimension in ``id`` varies fastest);
* ``dimension[<id>].category.index`` as an array of codes or as an object
  ``{code: position}``; it may be omitted only for a constant dimension (one
  category), which must then have ``category.label``;
* ``category.label`` (optional, per code) and the dimension ``label``;
* ``value`` as a dense array (``null`` = missing) or a sparse object
  ``{"<cell index>": value}`` (absent cells are missing);
* ``status`` as a string (applies to every cell), an array (one per cell, or
  a single element that applies to every cell) or a sparse object;
* ``role`` (``time``/``geo``/``metric``), ``label``, ``source``, ``updated``,
  ``note`` and ``extension`` (kept raw).

Every deviation raises :class:`ParseError` naming the field, e.g.
``dimension.Region.category.index["2480"]: position 7 is out of range``.
Nothing else escapes the parser, whatever JSON it is given.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import jsonread
from .errors import ParseError, describe

__all__ = [
    "Category",
    "Dataset",
    "Dimension",
    "ParseError",
    "Row",
    "parse_dataset",
    "parse_metadata",
    "DEFAULT_MAX_CELLS",
]

#: Guard against absurd (or hostile) ``size`` arrays combined with sparse values.
DEFAULT_MAX_CELLS = 5_000_000

ROLES = ("time", "geo", "metric")
_INDEX_KEY = re.compile(r"0|[1-9][0-9]*")


@dataclass(frozen=True)
class Category:
    code: str
    label: str | None
    position: int


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str | None
    categories: tuple[Category, ...]
    role: str | None = None
    extension: Mapping[str, Any] | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.categories)

    @property
    def size(self) -> int:
        return len(self.categories)

    def label_of(self, code: str) -> str | None:
        for category in self.categories:
            if category.code == code:
                return category.label
        raise KeyError(code)


@dataclass(frozen=True)
class Row:
    """One cell: its category code per dimension, its value and its status."""

    coordinates: Mapping[str, str]
    value: float | None
    status: str | None


@dataclass(frozen=True)
class Dataset:
    label: str | None
    source: str | None
    updated: str | None
    dimensions: tuple[Dimension, ...]
    rows: tuple[Row, ...] = ()
    notes: tuple[str, ...] = ()
    extension: Mapping[str, Any] | None = None
    roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.dimensions)

    @property
    def sizes(self) -> tuple[int, ...]:
        return tuple(d.size for d in self.dimensions)

    def dimension(self, dimension_id: str) -> Dimension:
        for d in self.dimensions:
            if d.id == dimension_id:
                return d
        raise KeyError(dimension_id)

    def records(self) -> list[dict[str, Any]]:
        """Rows as plain dicts: one key per dimension id plus ``value`` and ``status``."""
        clash = {"value", "status"} & set(self.ids)
        if clash:
            raise ValueError(
                f"dimension id(s) {sorted(clash)} clash with the record keys value/status"
            )
        return [{**row.coordinates, "value": row.value, "status": row.status} for row in self.rows]


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


_err = jsonread.fail
_number = jsonread.number


def _opt_str(doc: Mapping[str, Any], key: str, path: str, source: str | None) -> str | None:
    return jsonread.opt_str(doc, key, f"{path}{key}", source, expected="a string")


def _status_text(value: Any, path: str, source: str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise _err(path, f"expected a status string or null, got {describe(value)}", source)


def _cell_index(key: str, total: int, path: str, source: str | None) -> int:
    if not _INDEX_KEY.fullmatch(key):
        raise _err(
            f'{path}["{key}"]', "expected a cell index (a non-negative integer as a string)", source
        )
    index = int(key)
    if index >= total:
        raise _err(
            f'{path}["{key}"]',
            f"cell index {index} is out of range (dataset has {total} cells)",
            source,
        )
    return index


def _notes(doc: Mapping[str, Any], source: str | None) -> tuple[str, ...]:
    note = doc.get("note")
    if note is None:
        return ()
    if isinstance(note, str):
        return (note,)
    if isinstance(note, list):
        for i, item in enumerate(note):
            if not isinstance(item, str):
                raise _err(f"note[{i}]", f"expected a string, got {describe(item)}", source)
        return tuple(note)
    raise _err("note", f"expected a string or an array of strings, got {describe(note)}", source)


# ---------------------------------------------------------------------------
# structure
# ---------------------------------------------------------------------------


def _labels(path: str, category: Mapping[str, Any], source: str | None) -> dict[str, str]:
    labels_raw = category.get("label")
    if labels_raw is not None and not isinstance(labels_raw, dict):
        raise _err(
            f"{path}.label",
            f"expected an object {{code: label}}, got {describe(labels_raw)}",
            source,
        )
    labels: dict[str, str] = {}
    for code, text in (labels_raw or {}).items():
        if not isinstance(text, str):
            raise _err(
                f'{path}.label["{code}"]', f"expected a string, got {describe(text)}", source
            )
        labels[code] = text
    return labels


def _codes_from_list(path: str, index: list, source: str | None) -> list[str]:
    codes: list[str] = []
    seen: set[str] = set()
    for i, code in enumerate(index):
        if not isinstance(code, str) or not code:
            raise _err(
                f"{path}.index[{i}]",
                f"expected a non-empty category code string, got {describe(code)}",
                source,
            )
        if code in seen:
            raise _err(f"{path}.index[{i}]", f"duplicate category code {code!r}", source)
        seen.add(code)
        codes.append(code)
    return codes


def _codes_from_positions(path: str, index: dict, source: str | None) -> list[str]:
    by_position: dict[int, str] = {}
    for code, position in index.items():
        where = f'{path}.index["{code}"]'
        if not code:
            raise _err(where, "empty category code", source)
        if isinstance(position, bool) or not isinstance(position, int):
            raise _err(where, f"expected an integer position, got {describe(position)}", source)
        if position < 0 or position >= len(index):
            raise _err(
                where, f"position {position} is out of range 0..{len(index) - 1}", source
            )
        if position in by_position:
            raise _err(
                where, f"position {position} is also used by {by_position[position]!r}", source
            )
        by_position[position] = code
    return [by_position[i] for i in range(len(index))]


def _categories(
    dim_id: str, dim: Mapping[str, Any], size: int, source: str | None
) -> tuple[Category, ...]:
    path = f"dimension.{dim_id}.category"
    category = dim.get("category")
    if not isinstance(category, dict):
        raise _err(path, f"expected an object, got {describe(category)}", source)
    labels = _labels(path, category, source)
    index = category.get("index")
    codes: list[str]
    if index is None:
        if len(labels) != 1:
            raise _err(
                f"{path}.index",
                "missing; it may only be left out for a constant dimension with exactly one "
                f"category in category.label (found {len(labels)} labels)",
                source,
            )
        codes = list(labels)
    elif isinstance(index, list):
        codes = _codes_from_list(path, index, source)
    elif isinstance(index, dict):
        codes = _codes_from_positions(path, index, source)
    else:
        raise _err(
            f"{path}.index", f"expected an array or an object, got {describe(index)}", source
        )

    if len(codes) != size:
        raise _err(
            f"dimension.{dim_id}",
            f"has {len(codes)} categories but size says {size}",
            source,
        )
    unknown = [code for code in labels if code not in set(codes)]
    if unknown:
        raise _err(
            f'{path}.label["{unknown[0]}"]', "label for a category that is not in the index", source
        )
    return tuple(
        Category(code=code, label=labels.get(code), position=i) for i, code in enumerate(codes)
    )


def _check_header(doc: Any, source: str | None) -> None:
    if not isinstance(doc, dict):
        raise _err("$", f"expected a JSON-stat dataset object, got {describe(doc)}", source)
    if doc.get("class") != "dataset":
        raise _err("class", f'expected "dataset", got {describe(doc.get("class"))}', source)
    if doc.get("version") != "2.0":
        raise _err("version", f'expected "2.0", got {describe(doc.get("version"))}', source)


def _ids_and_sizes(doc: Mapping[str, Any], source: str | None) -> tuple[list[str], list[int]]:
    ids = doc.get("id")
    if not isinstance(ids, list) or not ids:
        raise _err(
            "id", f"expected a non-empty array of dimension ids, got {describe(ids)}", source
        )
    for i, dim_id in enumerate(ids):
        if not isinstance(dim_id, str) or not dim_id:
            raise _err(f"id[{i}]", f"expected a non-empty string, got {describe(dim_id)}", source)
    if len(set(ids)) != len(ids):
        dup = next(d for d in ids if ids.count(d) > 1)
        raise _err("id", f"dimension id {dup!r} is listed twice", source)

    sizes = doc.get("size")
    if not isinstance(sizes, list):
        raise _err("size", f"expected an array of integers, got {describe(sizes)}", source)
    if len(sizes) != len(ids):
        raise _err("size", f"has {len(sizes)} entries but id has {len(ids)}", source)
    for i, n in enumerate(sizes):
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise _err(f"size[{i}]", f"expected a positive integer, got {describe(n)}", source)
    return ids, sizes


def _roles(doc: Mapping[str, Any], ids: list[str], source: str | None) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """The roles and, per dimension, its role (a dimension has at most one)."""
    roles: dict[str, tuple[str, ...]] = {}
    role_of: dict[str, str] = {}
    role_doc = doc.get("role")
    if role_doc is None:
        return roles, role_of
    if not isinstance(role_doc, dict):
        raise _err("role", f"expected an object, got {describe(role_doc)}", source)
    for role, members in role_doc.items():
        if role not in ROLES:
            raise _err(
                f"role.{role}", f"unknown role (JSON-stat 2.0 knows {', '.join(ROLES)})", source
            )
        if not isinstance(members, list):
            raise _err(
                f"role.{role}",
                f"expected an array of dimension ids, got {describe(members)}",
                source,
            )
        for i, member in enumerate(members):
            if not isinstance(member, str) or member not in set(ids):
                raise _err(
                    f"role.{role}[{i}]", f"{describe(member)} is not a dimension id", source
                )
            if member in role_of and role_of[member] != role:
                raise _err(
                    f"role.{role}[{i}]",
                    f"dimension {member!r} already has role {role_of[member]!r}",
                    source,
                )
            role_of[member] = role
        roles[role] = tuple(members)
    return roles, role_of


def _dimension(dim_id: str, dim: Any, size: int, role: str | None, source: str | None) -> Dimension:
    if not isinstance(dim, dict):
        raise _err(f"dimension.{dim_id}", f"expected an object, got {describe(dim)}", source)
    label = _opt_str(dim, "label", f"dimension.{dim_id}.", source)
    ext = dim.get("extension")
    if ext is not None and not isinstance(ext, dict):
        raise _err(
            f"dimension.{dim_id}.extension", f"expected an object, got {describe(ext)}", source
        )
    return Dimension(
        id=dim_id,
        label=label,
        categories=_categories(dim_id, dim, size, source),
        role=role,
        extension=ext,
    )


def _structure(doc: Any, source: str | None) -> tuple[Dataset, list[int]]:
    _check_header(doc, source)
    ids, sizes = _ids_and_sizes(doc, source)
    dims_doc = doc.get("dimension")
    if not isinstance(dims_doc, dict):
        raise _err("dimension", f"expected an object, got {describe(dims_doc)}", source)
    extra = [key for key in dims_doc if key not in set(ids)]
    if extra:
        raise _err(f"dimension.{extra[0]}", "dimension is not listed in id", source)
    roles, role_of = _roles(doc, ids, source)
    dimensions = [
        _dimension(dim_id, dims_doc.get(dim_id), size, role_of.get(dim_id), source)
        for dim_id, size in zip(ids, sizes)
    ]
    extension = doc.get("extension")
    if extension is not None and not isinstance(extension, dict):
        raise _err("extension", f"expected an object, got {describe(extension)}", source)

    dataset = Dataset(
        label=_opt_str(doc, "label", "", source),
        source=_opt_str(doc, "source", "", source),
        updated=_opt_str(doc, "updated", "", source),
        dimensions=tuple(dimensions),
        notes=_notes(doc, source),
        extension=extension,
        roles=roles,
    )
    return dataset, list(sizes)


# ---------------------------------------------------------------------------
# values
# ---------------------------------------------------------------------------


def _values(doc: Mapping[str, Any], total: int, source: str | None) -> list[float | None]:
    if "value" not in doc:
        raise _err("value", "missing", source)
    raw = doc["value"]
    if isinstance(raw, list):
        if len(raw) != total:
            raise _err(
                "value", f"has {len(raw)} entries but the dimensions give {total} cells", source
            )
        return [_number(v, f"value[{i}]", source) for i, v in enumerate(raw)]
    if isinstance(raw, dict):
        values: list[float | None] = [None] * total
        for key, v in raw.items():
            values[_cell_index(key, total, "value", source)] = _number(v, f'value["{key}"]', source)
        return values
    raise _err("value", f"expected an array or an object, got {describe(raw)}", source)


def _statuses(doc: Mapping[str, Any], total: int, source: str | None) -> list[str | None]:
    raw = doc.get("status")
    if raw is None:
        return [None] * total
    if isinstance(raw, str):
        return [raw] * total
    if isinstance(raw, list):
        if len(raw) == 1 and total != 1:
            return [_status_text(raw[0], "status[0]", source)] * total
        if len(raw) != total:
            raise _err(
                "status", f"has {len(raw)} entries; expected 1 or {total} (one per cell)", source
            )
        return [_status_text(v, f"status[{i}]", source) for i, v in enumerate(raw)]
    if isinstance(raw, dict):
        statuses: list[str | None] = [None] * total
        for key, v in raw.items():
            statuses[_cell_index(key, total, "status", source)] = _status_text(
                v, f'status["{key}"]', source
            )
        return statuses
    raise _err("status", f"expected a string, an array or an object, got {describe(raw)}", source)


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------


def parse_metadata(doc: Any, *, source: str | None = None) -> Dataset:
    """Parse the structure of a dataset (dimensions, labels, roles); ignore ``value``.

    PxWebApi 2.0 answers ``/tables/{id}/metadata`` with a JSON-stat 2.0
    dataset whose ``value`` is empty; this reads such documents.
    """
    dataset, _ = _structure(doc, source)
    return dataset


def parse_dataset(
    doc: Any, *, source: str | None = None, max_cells: int = DEFAULT_MAX_CELLS
) -> Dataset:
    """Parse a JSON-stat 2.0 dataset into tidy :class:`Row` objects (one per cell)."""
    dataset, sizes = _structure(doc, source)
    total = math.prod(sizes)
    if total > max_cells:
        raise _err(
            "size", f"the dimensions give {total} cells, more than the allowed {max_cells}", source
        )
    values = _values(doc, total, source)
    statuses = _statuses(doc, total, source)
    ids = dataset.ids
    code_lists = [dim.codes for dim in dataset.dimensions]
    rows = tuple(
        Row(coordinates=dict(zip(ids, combo)), value=values[i], status=statuses[i])
        for i, combo in enumerate(itertools.product(*code_lists))
    )
    return Dataset(
        label=dataset.label,
        source=dataset.source,
        updated=dataset.updated,
        dimensions=dataset.dimensions,
        rows=rows,
        notes=dataset.notes,
        extension=dataset.extension,
        roles=dataset.roles,
    )
