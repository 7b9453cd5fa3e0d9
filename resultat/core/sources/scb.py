"""SCB PxWebApi 2.0 client: table search, table metadata and data (JSON-stat 2.0).

API facts this module relies on (PxTools/PxApiSpecs ``PxAPI-2.yml``; see
docs/indicator-sources.md):

* Base URL ``https://statistikdatabasen.scb.se/api/v2``.
* ``GET /config`` -> ``{"apiVersion", "maxDataCells", "maxCallsPerTimeWindow",
  "timeWindow", "defaultLanguage", "languages", "license", "sourceReferences",
  "defaultDataFormat", "dataFormats", ...}``.  A data call may return at most
  ``maxDataCells`` cells (more gives HTTP 403) and a client may make at most
  ``maxCallsPerTimeWindow`` calls per ``timeWindow`` seconds (more gives 429).
* ``GET /tables?query=&pastDays=&includeDiscontinued=&pageNumber=&pageSize=&lang=``
  -> ``{"language", "tables": [...], "page": {"pageNumber", "pageSize",
  "totalElements", "totalPages", "links"}}``.
* ``GET /tables/{id}/metadata`` -> a JSON-stat 2.0 dataset with an empty
  ``value``; dimensions carry ``extension.elimination`` (may be left out of a
  selection) and ``extension.eliminationValueCode``.
* ``POST /tables/{id}/data?outputFormat=json-stat2&lang=sv`` with
  ``{"selection": [{"variableCode": "Region", "valueCodes": ["24", "2480"]}, ...]}``
  -> a JSON-stat 2.0 dataset.

Limits are read from ``/config`` at run time, never hard-coded: they size the
chunks (cells per request) and the pacing (calls per window).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from resultat.core.i18n import N_, Message

from . import jsonread, jsonstat
from .errors import BatchAborted, ParseError, SourceError, describe
from .http import HttpClient, RateLimiter, RawResponse

__all__ = [
    "BASE_URL",
    "ScbClient",
    "ScbConfig",
    "ScbData",
    "ScbResult",
    "TableInfo",
    "TableMetadata",
    "TableSearch",
    "parse_config",
    "parse_table_metadata",
    "parse_tables_page",
    "plan_selection_chunks",
]

BASE_URL = "https://statistikdatabasen.scb.se/api/v2"
_TABLE_ID = re.compile(r"[A-Za-z0-9_]{1,40}")

T = TypeVar("T")


# ---------------------------------------------------------------------------
# Result types
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ScbResult(Generic[T]):
    """A parsed value plus every raw response used to produce it, in order."""

    value: T
    responses: tuple[RawResponse, ...]


@dataclass(frozen=True)
class ScbConfig:
    api_version: str
    max_data_cells: int
    max_calls_per_time_window: int
    time_window: int  # seconds
    default_language: str | None = None
    languages: tuple[str, ...] = ()
    app_version: str | None = None
    license: str | None = None
    source_references: Mapping[str, str] = field(default_factory=dict)
    default_data_format: str | None = None
    data_formats: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableInfo:
    id: str
    label: str
    description: str | None = None
    updated: str | None = None
    first_period: str | None = None
    last_period: str | None = None
    time_unit: str | None = None
    variable_names: tuple[str, ...] = ()
    subject_code: str | None = None
    source: str | None = None
    category: str | None = None
    discontinued: bool | None = None
    paths: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class TableSearch:
    tables: tuple[TableInfo, ...]
    total: int


@dataclass(frozen=True)
class TableMetadata:
    table_id: str
    label: str | None
    source: str | None
    updated: str | None
    dimensions: tuple[jsonstat.Dimension, ...]
    notes: tuple[str, ...] = ()

    def dimension(self, code: str) -> jsonstat.Dimension:
        for d in self.dimensions:
            if d.id == code:
                return d
        raise KeyError(code)

    def eliminable(self, code: str) -> bool:
        ext = self.dimension(code).extension or {}
        return ext.get("elimination") is True


@dataclass(frozen=True)
class ScbData:
    table_id: str
    dimensions: tuple[jsonstat.Dimension, ...]
    rows: tuple[jsonstat.Row, ...]
    chunks: tuple[Mapping[str, tuple[str, ...]], ...]
    label: str | None = None
    updated: str | None = None
    source: str | None = None
    # Codes asked for in a ``partial`` variable that the table does not have (left out).
    skipped: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


# ---------------------------------------------------------------------------
# Strict parsing
# ---------------------------------------------------------------------------


_err = jsonread.fail
_obj = jsonread.obj


def _int(doc: dict[str, Any], key: str, path: str, source: str | None, *, minimum: int = 0) -> int:
    if key not in doc:
        raise _err(f"{path}{key}", "missing", source)
    value = doc[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _err(
            f"{path}{key}", f"expected an integer >= {minimum}, got {describe(value)}", source
        )
    return value


def _str(
    doc: dict[str, Any], key: str, path: str, source: str | None, *, required: bool = False
) -> str | None:
    if key not in doc or doc[key] is None:
        if required:
            raise _err(f"{path}{key}", "missing", source)
        return None
    value = doc[key]
    if not isinstance(value, str):
        raise _err(f"{path}{key}", f"expected a string, got {describe(value)}", source)
    return value


def _str_list(doc: dict[str, Any], key: str, path: str, source: str | None) -> tuple[str, ...]:
    value = doc.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _err(f"{path}{key}", f"expected an array of strings, got {describe(value)}", source)
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise _err(f"{path}{key}[{i}]", f"expected a string, got {describe(item)}", source)
    return tuple(value)


def parse_config(doc: Any, *, source: str | None = None) -> ScbConfig:
    """Parse ``GET /config``; the three limits are required."""
    doc = _obj(doc, "$", source)
    languages = []
    raw_languages = doc.get("languages") or []
    if not isinstance(raw_languages, list):
        raise _err("languages", f"expected an array, got {describe(raw_languages)}", source)
    for i, lang in enumerate(raw_languages):
        lang = _obj(lang, f"languages[{i}]", source)
        languages.append(_str(lang, "id", f"languages[{i}].", source, required=True))
    references: dict[str, str] = {}
    raw_refs = doc.get("sourceReferences") or []
    if not isinstance(raw_refs, list):
        raise _err("sourceReferences", f"expected an array, got {describe(raw_refs)}", source)
    for i, ref in enumerate(raw_refs):
        ref = _obj(ref, f"sourceReferences[{i}]", source)
        language = _str(ref, "language", f"sourceReferences[{i}].", source, required=True)
        references[language] = _str(ref, "text", f"sourceReferences[{i}].", source, required=True)
    return ScbConfig(
        api_version=_str(doc, "apiVersion", "", source, required=True),
        max_data_cells=_int(doc, "maxDataCells", "", source, minimum=1),
        max_calls_per_time_window=_int(doc, "maxCallsPerTimeWindow", "", source, minimum=1),
        time_window=_int(doc, "timeWindow", "", source, minimum=1),
        default_language=_str(doc, "defaultLanguage", "", source),
        languages=tuple(languages),
        app_version=_str(doc, "appVersion", "", source),
        license=_str(doc, "license", "", source),
        source_references=references,
        default_data_format=_str(doc, "defaultDataFormat", "", source),
        data_formats=_str_list(doc, "dataFormats", "", source),
    )


def _table_info(doc: Any, path: str, source: str | None) -> TableInfo:
    doc = _obj(doc, path, source)
    p = f"{path}."
    discontinued = doc.get("discontinued")
    if discontinued is not None and not isinstance(discontinued, bool):
        raise _err(
            f"{p}discontinued", f"expected true/false/null, got {describe(discontinued)}", source
        )
    paths: list[tuple[str, ...]] = []
    raw_paths = doc.get("paths") or []
    if not isinstance(raw_paths, list):
        raise _err(f"{p}paths", f"expected an array, got {describe(raw_paths)}", source)
    for i, trail in enumerate(raw_paths):
        if not isinstance(trail, list):
            raise _err(f"{p}paths[{i}]", f"expected an array, got {describe(trail)}", source)
        ids = []
        for j, element in enumerate(trail):
            element = _obj(element, f"{p}paths[{i}][{j}]", source)
            ids.append(_str(element, "id", f"{p}paths[{i}][{j}].", source, required=True))
        paths.append(tuple(ids))
    return TableInfo(
        id=_str(doc, "id", p, source, required=True),
        label=_str(doc, "label", p, source, required=True),
        description=_str(doc, "description", p, source),
        updated=_str(doc, "updated", p, source),
        first_period=_str(doc, "firstPeriod", p, source),
        last_period=_str(doc, "lastPeriod", p, source),
        time_unit=_str(doc, "timeUnit", p, source),
        variable_names=_str_list(doc, "variableNames", p, source),
        subject_code=_str(doc, "subjectCode", p, source),
        source=_str(doc, "source", p, source),
        category=_str(doc, "category", p, source),
        discontinued=discontinued,
        paths=tuple(paths),
    )


def parse_tables_page(
    doc: Any, *, source: str | None = None
) -> tuple[list[TableInfo], int, int, int]:
    """Parse ``GET /tables``; returns (tables, pageNumber, totalPages, totalElements)."""
    doc = _obj(doc, "$", source)
    raw_tables = doc.get("tables")
    if not isinstance(raw_tables, list):
        raise _err("tables", f"expected an array, got {describe(raw_tables)}", source)
    tables = [_table_info(t, f"tables[{i}]", source) for i, t in enumerate(raw_tables)]
    page = _obj(doc.get("page"), "page", source)
    number = _int(page, "pageNumber", "page.", source, minimum=1)
    total_pages = _int(page, "totalPages", "page.", source, minimum=0)
    total = _int(page, "totalElements", "page.", source, minimum=0)
    return tables, number, total_pages, total


def parse_table_metadata(doc: Any, table_id: str, *, source: str | None = None) -> TableMetadata:
    dataset = jsonstat.parse_metadata(doc, source=source)
    for dim in dataset.dimensions:
        ext = dim.extension or {}
        if "elimination" in ext and not isinstance(ext["elimination"], bool):
            raise _err(
                f"dimension.{dim.id}.extension.elimination",
                f"expected true/false, got {describe(ext['elimination'])}",
                source,
            )
        code = ext.get("eliminationValueCode")
        if code is not None and not isinstance(code, str):
            raise _err(
                f"dimension.{dim.id}.extension.eliminationValueCode",
                f"expected a string, got {describe(code)}",
                source,
            )
    return TableMetadata(
        table_id=table_id,
        label=dataset.label,
        source=dataset.source,
        updated=dataset.updated,
        dimensions=dataset.dimensions,
        notes=dataset.notes,
    )


# ---------------------------------------------------------------------------
# Chunk planning
# ---------------------------------------------------------------------------


def _block_sizes(sizes: Sequence[int], max_cells: int, order: Sequence[int]) -> list[int]:
    """Shrink dimensions in ``order`` until one block has at most ``max_cells`` cells."""
    blocks = list(sizes)
    for d in order:
        cells = math.prod(blocks)
        if cells <= max_cells:
            break
        others = cells // blocks[d]
        if others <= max_cells:
            blocks[d] = max_cells // others
            break
        blocks[d] = 1
    return blocks


def plan_selection_chunks(
    selection: Mapping[str, Sequence[str]], max_cells: int
) -> list[dict[str, tuple[str, ...]]]:
    """Split a selection (variable -> value codes) into requests of at most ``max_cells`` cells.

    The cells of a request are the product of its value counts.  Every
    variable is cut into equal-sized blocks; among the ways of choosing which
    variables to cut (all orders are tried; tables have few variables) the
    plan with the fewest requests wins.  When one variable can absorb the
    whole cut this reaches the lower bound ``ceil(total / max_cells)``.
    """
    if not isinstance(max_cells, int) or isinstance(max_cells, bool) or max_cells < 1:
        raise ValueError(f"max_cells must be a positive integer, got {max_cells!r}")
    names = list(selection)
    values = [tuple(selection[name]) for name in names]
    for name, codes in zip(names, values):
        if not codes:
            raise ValueError(Message(N_("Variabeln %(name)r har inga valda värden"), name=name))
        if len(set(codes)) != len(codes):
            raise ValueError(Message(N_("Variabeln %(name)r har dubbletter bland värdena"), name=name))
    if not names:
        raise ValueError(Message(N_("Tomt urval")))
    sizes = [len(v) for v in values]
    if math.prod(sizes) <= max_cells:
        return [dict(zip(names, values))]

    candidates = (
        itertools.permutations(range(len(names)))
        if len(names) <= 7
        else [tuple(sorted(range(len(names)), key=lambda i: -sizes[i]))]
    )
    best: tuple[int, list[int]] | None = None
    for order in candidates:
        blocks = _block_sizes(sizes, max_cells, order)
        requests = math.prod(math.ceil(n / b) for n, b in zip(sizes, blocks))
        if best is None or requests < best[0]:
            best = (requests, blocks)
    assert best is not None
    # Even out the blocks: same number of pieces per variable, sizes differ by at most one.
    pieces_per_variable = []
    for codes, block in zip(values, best[1]):
        pieces = math.ceil(len(codes) / block)
        base, extra = divmod(len(codes), pieces)
        cut, start = [], 0
        for p in range(pieces):
            length = base + (1 if p < extra else 0)
            cut.append(codes[start : start + length])
            start += length
        pieces_per_variable.append(cut)
    chunks = [dict(zip(names, combo)) for combo in itertools.product(*pieces_per_variable)]
    assert all(math.prod(len(v) for v in c.values()) <= max_cells for c in chunks)
    return chunks


# ---------------------------------------------------------------------------
# Client
# ---------------------------------------------------------------------------


class ScbClient:
    """SCB PxWebApi 2.0 client.

    The first call fetches ``/config``; its ``maxCallsPerTimeWindow`` and
    ``timeWindow`` install a :class:`RateLimiter` on the HTTP client (unless
    one was given) and ``maxDataCells`` sizes data chunks.
    """

    def __init__(
        self,
        http: HttpClient | None = None,
        *,
        base_url: str = BASE_URL,
        language: str = "sv",
        max_cells: int | None = None,
    ) -> None:
        self.http = http if http is not None else HttpClient()
        self.base_url = base_url.rstrip("/")
        self.language = language
        self._max_cells_override = max_cells
        self._config: ScbResult[ScbConfig] | None = None
        self._install_pacer = self.http.pacer is None

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> ScbClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- config -------------------------------------------------------------
    def config(self, *, refresh: bool = False) -> ScbResult[ScbConfig]:
        if self._config is None or refresh:
            raw = self.http.get(f"{self.base_url}/config")
            cfg = parse_config(raw.json(), source=raw.url)
            self._config = ScbResult(cfg, (raw,))
            if self._install_pacer:
                self.http.pacer = RateLimiter(
                    cfg.max_calls_per_time_window,
                    float(cfg.time_window),
                    clock=self.http.clock,
                    sleep=self.http.sleep,
                )
        return self._config

    def max_cells(self) -> int:
        cfg = self.config().value.max_data_cells
        if self._max_cells_override is not None:
            return min(cfg, self._max_cells_override)
        return cfg

    # -- tables -------------------------------------------------------------
    def search_tables(
        self,
        query: str | None = None,
        *,
        past_days: int | None = None,
        include_discontinued: bool = False,
        page_size: int = 100,
        max_pages: int = 20,
    ) -> ScbResult[TableSearch]:
        """Tables matching ``query`` (all pages up to ``max_pages``)."""
        cfg = self.config()
        responses = list(cfg.responses)
        tables: list[TableInfo] = []
        page_number, total = 1, 0
        while True:
            params = [
                ("lang", self.language),
                ("query", query),
                ("pastDays", past_days),
                ("includeDiscontinued", include_discontinued),
                ("pageNumber", page_number),
                ("pageSize", page_size),
            ]
            try:
                raw = self.http.get(f"{self.base_url}/tables", params=params)
                found, number, total_pages, total = parse_tables_page(raw.json(), source=raw.url)
                if number != page_number:
                    raise ParseError(
                        f"asked for page {page_number}, got page {number}",
                        "page.pageNumber",
                        raw.url,
                    )
            except SourceError as exc:
                raise BatchAborted(
                    Message(N_("SCB: tabellsökning avbruten på sida %(page_number)s: %(exc)s. Inget returneras."), page_number=page_number, exc=exc),
                    completed_requests=page_number - 1,
                    planned_requests=page_number,
                ) from exc
            responses.append(raw)
            tables.extend(found)
            if page_number >= total_pages or page_number >= max_pages or not found:
                break
            page_number += 1
        return ScbResult(TableSearch(tuple(tables), total), tuple(responses))

    def get_metadata(self, table_id: str) -> ScbResult[TableMetadata]:
        table_id = self._check_table(table_id)
        cfg = self.config()
        raw = self.http.get(
            f"{self.base_url}/tables/{table_id}/metadata", params=[("lang", self.language)]
        )
        meta = parse_table_metadata(raw.json(), table_id, source=raw.url)
        return ScbResult(meta, cfg.responses + (raw,))

    # -- data ---------------------------------------------------------------
    def resolve_selection(
        self,
        metadata: TableMetadata,
        selection: Mapping[str, Sequence[str] | str],
        *,
        partial: Collection[str] = (),
        skipped: dict[str, tuple[str, ...]] | None = None,
    ) -> dict[str, tuple[str, ...]]:
        """Validate a selection against the table; expand ``"*"`` to all values.

        Variables left out must be eliminable (``extension.elimination``). For the
        variables named in ``partial`` (e.g. the region, when a table has counties
        only) codes the table lacks are left out and listed in ``skipped``; at least
        one code must remain.
        """
        resolved: dict[str, tuple[str, ...]] = {}
        known = {d.id: d for d in metadata.dimensions}
        for name, wanted in selection.items():
            if name not in known:
                raise ValueError(
                    Message(N_("Tabell %(table_id)s har ingen variabel %(name)r (finns: %(known)s)"), table_id=metadata.table_id, name=name, known=', '.join(known))
                )
            codes = (wanted,) if isinstance(wanted, str) else tuple(wanted)
            if codes == ("*",):
                resolved[name] = known[name].codes
                continue
            valid = set(known[name].codes)
            bad = [c for c in codes if c not in valid]
            if bad and name in partial and len(bad) < len(codes):
                if skipped is not None:
                    skipped[name] = tuple(bad)
                codes = tuple(c for c in codes if c in valid)
                bad = []
            if bad:
                raise ValueError(
                    Message(N_("Tabell %(table_id)s, variabel %(name)r: okända värden %(bad)s"), table_id=metadata.table_id, name=name, bad=bad)
                )
            resolved[name] = tuple(dict.fromkeys(codes))
        for name in known:
            if name not in resolved and not metadata.eliminable(name):
                raise ValueError(
                    Message(N_("Tabell %(table_id)s: variabeln %(name)r kan inte elimineras och måste väljas"), table_id=metadata.table_id, name=name)
                )
        return resolved

    def get_data(
        self, table_id: str, selection: Mapping[str, Sequence[str] | str], *, partial: Collection[str] = ()
    ) -> ScbResult[ScbData]:
        """Fetch a selection as JSON-stat 2.0, in as few calls as the cell limit allows.

        All or nothing: if any chunk fails (after retries) :class:`BatchAborted`
        is raised and no rows are returned. ``partial``: see :meth:`resolve_selection`.
        """
        meta = self.get_metadata(table_id)
        skipped: dict[str, tuple[str, ...]] = {}
        resolved = self.resolve_selection(meta.value, selection, partial=partial, skipped=skipped)
        chunks = plan_selection_chunks(resolved, self.max_cells())
        responses = list(meta.responses)
        rows: list[jsonstat.Row] = []
        dataset: jsonstat.Dataset | None = None
        url = f"{self.base_url}/tables/{meta.value.table_id}/data"
        params = [("lang", self.language), ("outputFormat", "json-stat2")]
        for number, chunk in enumerate(chunks, start=1):
            body = {
                "selection": [{"variableCode": k, "valueCodes": list(v)} for k, v in chunk.items()]
            }
            try:
                raw = self.http.post_json(url, body, params=params)
                dataset = jsonstat.parse_dataset(raw.json(), source=raw.url)
                self._check_chunk(dataset, chunk, raw.url)
            except SourceError as exc:
                raise BatchAborted(
                    Message(N_("SCB: hämtning från %(table_id)s avbruten - del %(number)s av %(total)s: %(exc)s. Inget från den här hämtningen returneras."), table_id=meta.value.table_id, number=number, total=len(chunks), exc=exc),
                    completed_requests=number - 1,
                    planned_requests=len(chunks),
                ) from exc
            responses.append(raw)
            rows.extend(dataset.rows)
        dimensions = tuple(
            jsonstat.Dimension(
                id=d.id,
                label=d.label,
                categories=tuple(c for c in d.categories if c.code in set(resolved[d.id])),
                role=d.role,
                extension=d.extension,
            )
            for d in meta.value.dimensions
            if d.id in resolved
        )
        data = ScbData(
            table_id=meta.value.table_id,
            dimensions=dimensions,
            rows=tuple(rows),
            chunks=tuple(chunks),
            label=dataset.label if dataset else meta.value.label,
            updated=dataset.updated if dataset else meta.value.updated,
            source=dataset.source if dataset else meta.value.source,
            skipped=skipped,
        )
        return ScbResult(data, tuple(responses))

    # -- internals ------------------------------------------------------------
    @staticmethod
    def _check_table(table_id: str) -> str:
        if not isinstance(table_id, str) or not _TABLE_ID.fullmatch(table_id):
            raise ValueError(Message(N_("Ogiltigt tabell-id %(table_id)r: förväntade t.ex. 'TAB638'"), table_id=table_id))
        return table_id

    @staticmethod
    def _check_chunk(
        dataset: jsonstat.Dataset, chunk: Mapping[str, Sequence[str]], url: str
    ) -> None:
        """The answer must hold exactly the requested values.

        Variables left out of the selection (eliminated) may appear with one value.
        """
        for dim in dataset.dimensions:
            if dim.id in chunk:
                if set(dim.codes) != set(chunk[dim.id]):
                    raise ParseError(
                        f"returned values {sorted(dim.codes)} do not match "
                        f"the requested {sorted(chunk[dim.id])}",
                        f"dimension.{dim.id}",
                        url,
                    )
            elif dim.size != 1:
                raise ParseError(
                    f"variable was not selected but came back with {dim.size} values",
                    f"dimension.{dim.id}",
                    url,
                )
        missing = [name for name in chunk if name not in dataset.ids]
        if missing:
            raise ParseError(
                f"requested variable(s) {missing} are missing from the answer", "id", url
            )
