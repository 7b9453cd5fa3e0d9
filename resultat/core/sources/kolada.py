"""Kolada API v3 client: KPI metadata, areas, organisational units and data.

API facts this module relies on (see docs/indicator-sources.md for sources):

* Base URL ``https://api.kolada.se/v3``; no key.  v2 is shut down.
* Every answer is an envelope ``{"values": [...], "count": n, "next_url": ...}``;
  pages hold at most 5000 items (``per_page``).  v3 clients follow
  ``next_url``; the v2 key was ``next_page`` - both are accepted here.
* Data routes take comma-separated id lists in the path,
  ``/data/kpi/{kpi}/municipality/{m}/year/{y}`` (and the OU twin
  ``/oudata/kpi/{kpi}/ou/{ou}/year/{y}``); at least two of the three must be
  given, and v3 refuses more than 25 ids per path parameter.
* A data item is ``{"kpi", "municipality" | "ou", "period", "values": [
  {"gender": "T"|"K"|"M", "value": number|null, "status": str, "count": int}]}``.
* ``from_date=YYYY-MM-DD`` turns a data query into "changes since": each
  entry in ``values`` then carries ``is_deleted`` (0/1); a deleted entry has
  ``value`` null.

Everything a method fetched is returned with its :class:`RawResponse` records.
A batch (one method call) is all or nothing: if any page of any planned
request fails after the HTTP layer's retries, :class:`BatchAborted` is raised
and none of the batch's data is returned.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar
from urllib.parse import urljoin, urlsplit, urlunsplit

from resultat.core.i18n import N_, Message

from . import areacodes, jsonread
from .errors import BatchAborted, ParseError, SourceError, describe
from .http import HttpClient, RateLimiter, RawResponse

__all__ = [
    "BASE_URL",
    "MAX_IDS_PER_PARAMETER",
    "Fetched",
    "Kpi",
    "KoladaClient",
    "Municipality",
    "Observation",
    "OrganisationalUnit",
    "OuObservation",
    "Page",
    "PlannedRequest",
    "expected_request_count",
    "parse_data_page",
    "parse_kpi_page",
    "parse_municipality_page",
    "parse_ou_data_page",
    "parse_ou_page",
    "plan_data_requests",
]

BASE_URL = "https://api.kolada.se/v3"
MAX_IDS_PER_PARAMETER = 25
DEFAULT_PER_PAGE = 5000
GENDERS = ("T", "K", "M")

_KPI_ID = re.compile(r"[A-Z][0-9]{5}")
# Real OU ids are letters and digits, and a few end in dots ("V11E26..", "V11E61..").
# No comma (the list separator in paths) and never a bare dot segment.
_OU_ID = re.compile(r"[A-Z0-9][A-Z0-9.]{3,19}")
# Kolada lists the country as "municipality" 0000 with type L, like the regions.
COUNTRY_ID = "0000"
_GROUP_ID = re.compile(r"G[0-9]+")
_YEAR = re.compile(r"[0-9]{4}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

T = TypeVar("T")


# ---------------------------------------------------------------------------
# Result types
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Kpi:
    id: str
    title: str
    description: str | None = None
    operating_area: str | None = None
    municipality_type: str | None = None
    is_divided_by_gender: bool = False
    has_ou_data: bool = False
    publication_date: str | None = None
    prel_publication_date: str | None = None
    auspice: str | None = None
    perspective: str | None = None
    publ_period: str | None = None


@dataclass(frozen=True)
class Municipality:
    """A Kolada "municipality": a kommun (type ``K``), a region (``L``) or riket.

    ``id`` is Kolada's id (``"0024"``); ``code`` the project's normal SCB code
    (``"24"``), or ``None`` if the id is not a geographic area we know.
    """

    id: str
    code: str | None
    title: str
    type: str


@dataclass(frozen=True)
class OrganisationalUnit:
    id: str
    title: str
    municipality: str | None  # normal (SCB) code of the municipality, if given


@dataclass(frozen=True)
class Observation:
    """One value of one KPI for one area, year and gender.

    ``area`` is the normal (SCB) code - ``"24"`` for Västerbotten, ``"00"`` for
    riket, ``"2480"`` for Umeå - or a Kolada municipality-group id (``"G…"``),
    which has no SCB equivalent and is passed through unchanged.
    ``deleted`` is only ever true in incremental (``from_date``) answers.
    """

    kpi: str
    area: str
    period: int
    gender: str
    value: float | None
    status: str | None
    count: int | None = None
    deleted: bool = False


@dataclass(frozen=True)
class OuObservation:
    kpi: str
    ou: str
    period: int
    gender: str
    value: float | None
    status: str | None
    count: int | None = None
    deleted: bool = False


@dataclass(frozen=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    next_url: str | None
    count: int | None


@dataclass(frozen=True)
class Fetched(Generic[T]):
    """Parsed items plus every raw response they were parsed from, in order."""

    items: tuple[T, ...]
    responses: tuple[RawResponse, ...]


@dataclass(frozen=True)
class PlannedRequest:
    path: str
    params: tuple[tuple[str, str], ...]
    kpis: tuple[str, ...]
    units: tuple[str, ...]
    years: tuple[int, ...]


# ---------------------------------------------------------------------------
# Strict parsing
# ---------------------------------------------------------------------------


_err = jsonread.fail
_item = jsonread.obj
_number = jsonread.number


def _require(item: dict[str, Any], key: str, path: str, source: str | None) -> Any:
    if key not in item:
        raise _err(f"{path}.{key}", "missing", source)
    return item[key]


def _req_str(item: dict[str, Any], key: str, path: str, source: str | None) -> str:
    value = _require(item, key, path, source)
    if not isinstance(value, str) or not value:
        raise _err(f"{path}.{key}", f"expected a non-empty string, got {describe(value)}", source)
    return value


def _opt_str(item: dict[str, Any], key: str, path: str, source: str | None) -> str | None:
    return jsonread.opt_str(item, key, f"{path}.{key}", source)


def _opt_flag(item: dict[str, Any], keys: Sequence[str], path: str, source: str | None) -> bool:
    """A boolean that v2 sent as 0/1 and v3 sends as true/false."""
    for key in keys:
        if key in item:
            value = item[key]
            if value is None:
                return False
            if isinstance(value, bool):
                return value
            if isinstance(value, int) and value in (0, 1):
                return bool(value)
            raise _err(
                f"{path}.{key}", f"expected true/false or 0/1, got {describe(value)}", source
            )
    return False


def _envelope(doc: Any, source: str | None) -> tuple[list[Any], str | None, int | None]:
    if not isinstance(doc, dict):
        raise _err("$", f"expected a Kolada response object, got {describe(doc)}", source)
    if "values" not in doc:
        raise _err("values", "missing (not a Kolada response envelope)", source)
    values = doc["values"]
    if not isinstance(values, list):
        raise _err("values", f"expected an array, got {describe(values)}", source)
    count = doc.get("count")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 0):
        raise _err("count", f"expected a non-negative integer, got {describe(count)}", source)
    next_url: str | None = None
    for key in ("next_url", "next_page"):
        value = doc.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise _err(key, f"expected a URL string or null, got {describe(value)}", source)
        if next_url is not None and value != next_url:
            raise _err(key, f"disagrees with next_url ({next_url!r} vs {value!r})", source)
        next_url = value
    return values, next_url, count


def _period(item: dict[str, Any], path: str, source: str | None) -> int:
    value = _require(item, "period", path, source)
    if isinstance(value, bool):
        raise _err(f"{path}.period", f"expected a year, got {describe(value)}", source)
    if isinstance(value, int) and 1000 <= value <= 9999:
        return value
    if isinstance(value, str) and _YEAR.fullmatch(value):
        return int(value)
    raise _err(f"{path}.period", f"expected a four-digit year, got {describe(value)}", source)


def _area(item: dict[str, Any], path: str, source: str | None) -> str:
    raw = _req_str(item, "municipality", path, source)
    if _GROUP_ID.fullmatch(raw):
        return raw
    try:
        return areacodes.normalise(raw)
    except ValueError as exc:
        raise _err(f"{path}.municipality", str(exc), source) from None


def _gender_values(
    item: dict[str, Any], path: str, source: str | None
) -> list[tuple[str, float | None, str | None, int | None, bool]]:
    raw = _require(item, "values", path, source)
    if not isinstance(raw, list):
        raise _err(f"{path}.values", f"expected an array, got {describe(raw)}", source)
    seen: set[str] = set()
    out = []
    for j, entry in enumerate(raw):
        where = f"{path}.values[{j}]"
        entry = _item(entry, where, source)
        gender = _require(entry, "gender", where, source)
        if gender not in GENDERS:
            raise _err(
                f"{where}.gender", f"expected one of T, K, M, got {describe(gender)}", source
            )
        if gender in seen:
            raise _err(
                f"{where}.gender",
                f"gender {gender!r} appears twice for the same KPI, area and year",
                source,
            )
        seen.add(gender)
        value = _number(entry.get("value"), f"{where}.value", source)
        status = _opt_str(entry, "status", where, source) or None
        count = entry.get("count")
        if count is not None and (
            isinstance(count, bool) or not isinstance(count, int) or count < 0
        ):
            raise _err(
                f"{where}.count", f"expected a non-negative integer, got {describe(count)}", source
            )
        deleted = _opt_flag(entry, ("is_deleted", "isdeleted"), where, source)
        if deleted:
            value = None  # the API documents value as null for deleted entries
        out.append((gender, value, status, count, deleted))
    return out


def parse_data_page(doc: Any, *, source: str | None = None) -> Page[Observation]:
    """Parse one page of ``/data/...``; :class:`ParseError` on any deviation."""
    values, next_url, count = _envelope(doc, source)
    observations: list[Observation] = []
    for i, raw in enumerate(values):
        path = f"values[{i}]"
        item = _item(raw, path, source)
        kpi = _req_str(item, "kpi", path, source)
        area = _area(item, path, source)
        period = _period(item, path, source)
        for gender, value, status, n, deleted in _gender_values(item, path, source):
            observations.append(Observation(kpi, area, period, gender, value, status, n, deleted))
    return Page(tuple(observations), next_url, count)


def parse_ou_data_page(doc: Any, *, source: str | None = None) -> Page[OuObservation]:
    """Parse one page of ``/oudata/...``."""
    values, next_url, count = _envelope(doc, source)
    observations: list[OuObservation] = []
    for i, raw in enumerate(values):
        path = f"values[{i}]"
        item = _item(raw, path, source)
        kpi = _req_str(item, "kpi", path, source)
        ou = _req_str(item, "ou", path, source)
        period = _period(item, path, source)
        for gender, value, status, n, deleted in _gender_values(item, path, source):
            observations.append(OuObservation(kpi, ou, period, gender, value, status, n, deleted))
    return Page(tuple(observations), next_url, count)


def parse_kpi_page(doc: Any, *, source: str | None = None) -> Page[Kpi]:
    values, next_url, count = _envelope(doc, source)
    kpis = []
    for i, raw in enumerate(values):
        path = f"values[{i}]"
        item = _item(raw, path, source)
        publ_period = item.get("publ_period")
        if isinstance(publ_period, int) and not isinstance(publ_period, bool):
            publ_period = str(publ_period)
        elif publ_period is not None and not isinstance(publ_period, str):
            raise _err(
                f"{path}.publ_period",
                f"expected a string or null, got {describe(publ_period)}",
                source,
            )
        auspice = _opt_str(item, "auspice", path, source)
        if auspice is None:
            auspice = _opt_str(item, "auspices", path, source)  # v2 name
        kpis.append(
            Kpi(
                id=_req_str(item, "id", path, source),
                title=_req_str(item, "title", path, source),
                description=_opt_str(item, "description", path, source),
                operating_area=_opt_str(item, "operating_area", path, source),
                municipality_type=_opt_str(item, "municipality_type", path, source),
                is_divided_by_gender=_opt_flag(item, ("is_divided_by_gender",), path, source),
                has_ou_data=_opt_flag(item, ("has_ou_data",), path, source),
                publication_date=_opt_str(item, "publication_date", path, source),
                prel_publication_date=_opt_str(item, "prel_publication_date", path, source),
                auspice=auspice,
                perspective=_opt_str(item, "perspective", path, source),
                publ_period=publ_period,
            )
        )
    return Page(tuple(kpis), next_url, count)


def parse_municipality_page(doc: Any, *, source: str | None = None) -> Page[Municipality]:
    values, next_url, count = _envelope(doc, source)
    result = []
    for i, raw in enumerate(values):
        path = f"values[{i}]"
        item = _item(raw, path, source)
        kolada_id = _req_str(item, "id", path, source)
        code = areacodes.normalise(kolada_id) if areacodes.is_valid(kolada_id) else None
        result.append(
            Municipality(
                id=kolada_id,
                code=code,
                title=_req_str(item, "title", path, source),
                type=_req_str(item, "type", path, source),
            )
        )
    return Page(tuple(result), next_url, count)


def parse_ou_page(doc: Any, *, source: str | None = None) -> Page[OrganisationalUnit]:
    values, next_url, count = _envelope(doc, source)
    result = []
    for i, raw in enumerate(values):
        path = f"values[{i}]"
        item = _item(raw, path, source)
        municipality = _opt_str(item, "municipality", path, source)
        if municipality is not None:
            try:
                municipality = areacodes.normalise(municipality)
            except ValueError as exc:
                raise _err(f"{path}.municipality", str(exc), source) from None
        result.append(
            OrganisationalUnit(
                id=_req_str(item, "id", path, source),
                title=_req_str(item, "title", path, source),
                municipality=municipality,
            )
        )
    return Page(tuple(result), next_url, count)


# ---------------------------------------------------------------------------
# Request planning
# ---------------------------------------------------------------------------


def _unique(values: Iterable[T]) -> list[T]:
    seen: set[T] = set()
    out: list[T] = []
    for v in values:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


def _chunks(values: Sequence[T], size: int) -> list[tuple[T, ...]]:
    return [tuple(values[i : i + size]) for i in range(0, len(values), size)]


def _check_kpis(kpis: Iterable[str]) -> list[str]:
    if isinstance(kpis, str):
        kpis = [kpis]
    kpis = list(kpis)
    for kpi in kpis:
        if not isinstance(kpi, str) or not _KPI_ID.fullmatch(kpi):
            raise ValueError(
                Message(N_("Ogiltigt Kolada-nyckeltal %(kpi)r: förväntade en bokstav och fem siffror, t.ex. 'N01951'"), kpi=kpi)
            )
    return _unique(kpis)


def _check_years(years: Iterable[int]) -> list[int]:
    years = list(years)
    for year in years:
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100:
            raise ValueError(Message(N_("Ogiltigt år %(year)r: förväntade ett heltal 1900-2100"), year=year))
    return sorted(set(years))


def _check_ous(ous: Iterable[str]) -> list[str]:
    if isinstance(ous, str):
        ous = [ous]
    ous = list(ous)
    for ou in ous:
        if not isinstance(ou, str) or not _OU_ID.fullmatch(ou):
            raise ValueError(Message(N_("Ogiltigt enhets-id (OU) %(ou)r: förväntade t.ex. 'V15E144001301'"), ou=ou))
    return _unique(ous)


def _from_date_param(from_date: date | str | None) -> str | None:
    if from_date is None:
        return None
    if isinstance(from_date, date):
        return from_date.isoformat()
    if isinstance(from_date, str) and _DATE.fullmatch(from_date):
        try:
            date.fromisoformat(from_date)
        except ValueError:
            pass
        else:
            return from_date
    raise ValueError(Message(N_("Ogiltigt from_date %(from_date)r: förväntade ett datum ÅÅÅÅ-MM-DD"), from_date=from_date))


def plan_data_requests(
    kpis: Iterable[str] | None,
    units: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    *,
    unit_kind: str = "municipality",
    from_date: date | str | None = None,
    per_page: int = DEFAULT_PER_PAGE,
    max_ids: int = MAX_IDS_PER_PARAMETER,
) -> list[PlannedRequest]:
    """Split a KPI × unit × year selection into the fewest allowed requests.

    Each given dimension is split into ``ceil(n / 25)`` chunks and every chunk
    combination becomes one request, so the count is the product of the
    ceilings (60 KPIs × 17 areas × 10 years -> 3 × 1 × 1 = 3).  That is the
    minimum for any plan of non-overlapping requests, because every request
    can name at most 25 ids per dimension.  ``None`` leaves a dimension out of
    the path ("all"), but Kolada requires at least two of the three.

    ``units`` are area codes in either Kolada or SCB form (converted to
    Kolada form) for ``unit_kind="municipality"``, or OU ids for ``"ou"``.
    """
    if unit_kind not in ("municipality", "ou"):
        raise ValueError(f"unit_kind must be 'municipality' or 'ou', got {unit_kind!r}")
    if not isinstance(max_ids, int) or max_ids < 1:
        raise ValueError("max_ids must be a positive integer")
    kpi_list = _check_kpis(kpis) if kpis is not None else None
    if units is None:
        unit_list = None
    elif unit_kind == "municipality":
        if isinstance(units, str):
            units = [units]
        unit_list = _unique(areacodes.to_kolada(code) for code in units)
    else:
        unit_list = _check_ous(units)
    year_list = _check_years(years) if years is not None else None

    given = [x for x in (kpi_list, unit_list, year_list) if x is not None]
    if len(given) < 2:
        raise ValueError(Message(N_("Kolada kräver minst två av: nyckeltal, område/enhet och år")))
    for name, values in (
        ("nyckeltal", kpi_list),
        ("områden/enheter", unit_list),
        ("år", year_list),
    ):
        if values is not None and not values:
            raise ValueError(Message(N_("Tom lista med %(name)s; ange minst ett värde eller None för 'alla'"), name=name))

    params: list[tuple[str, str]] = [("per_page", str(per_page))]
    date_param = _from_date_param(from_date)
    if date_param is not None:
        params.append(("from_date", date_param))

    root = "data" if unit_kind == "municipality" else "oudata"
    kpi_chunks = _chunks(kpi_list, max_ids) if kpi_list is not None else [None]
    unit_chunks = _chunks(unit_list, max_ids) if unit_list is not None else [None]
    year_chunks = _chunks(year_list, max_ids) if year_list is not None else [None]

    planned: list[PlannedRequest] = []
    for k, u, y in itertools.product(kpi_chunks, unit_chunks, year_chunks):
        parts = [root]
        if k is not None:
            parts += ["kpi", ",".join(k)]
        if u is not None:
            parts += [unit_kind, ",".join(u)]
        if y is not None:
            parts += ["year", ",".join(str(year) for year in y)]
        planned.append(
            PlannedRequest(
                path="/" + "/".join(parts),
                params=tuple(params),
                kpis=tuple(k or ()),
                units=tuple(u or ()),
                years=tuple(y or ()),
            )
        )
    return planned


def expected_request_count(
    n_kpis: int | None,
    n_units: int | None,
    n_years: int | None,
    max_ids: int = MAX_IDS_PER_PARAMETER,
) -> int:
    """``prod(ceil(n / 25))`` over the given dimensions (``None`` = not in the path)."""
    return math.prod(math.ceil(n / max_ids) for n in (n_kpis, n_units, n_years) if n is not None)


# ---------------------------------------------------------------------------
# Client
# ---------------------------------------------------------------------------


class KoladaClient:
    """Kolada v3 client.  Pass an :class:`HttpClient` (e.g. with a mock transport in tests)."""

    def __init__(
        self,
        http: HttpClient | None = None,
        *,
        base_url: str = BASE_URL,
        per_page: int = DEFAULT_PER_PAGE,
        max_pages: int = 1000,
    ) -> None:
        # Kolada documents no rate limit; 5 calls/s is what maintained clients use.
        self.http = http if http is not None else HttpClient(pacer=RateLimiter(5, 1.0))
        self.base_url = base_url.rstrip("/")
        self.per_page = per_page
        self.max_pages = max_pages
        self._base_parts = urlsplit(self.base_url)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> KoladaClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- metadata -----------------------------------------------------------
    def search_kpis(self, title: str) -> Fetched[Kpi]:
        """KPIs whose title contains ``title`` (``GET /kpi?title=...``)."""
        if not isinstance(title, str) or not title.strip():
            raise ValueError(Message(N_("Ange en söktext för nyckeltalets titel")))
        request = PlannedRequest(
            "/kpi", (("title", title.strip()), ("per_page", str(self.per_page))), (), (), ()
        )
        return self._fetch_batch([request], parse_kpi_page, "KPI-sökning")

    def get_kpis(self, ids: Iterable[str]) -> Fetched[Kpi]:
        """Metadata for the given KPI ids (``GET /kpi/{id,id,...}``, 25 ids per request)."""
        kpis = _check_kpis(ids)
        if not kpis:
            raise ValueError(Message(N_("Ange minst ett nyckeltal")))
        requests = [
            PlannedRequest(
                f"/kpi/{','.join(chunk)}", (("per_page", str(self.per_page)),), chunk, (), ()
            )
            for chunk in _chunks(kpis, MAX_IDS_PER_PARAMETER)
        ]
        return self._fetch_batch(requests, parse_kpi_page, "KPI-metadata")

    def list_municipalities(self, type: str | None = None) -> Fetched[Municipality]:
        """All Kolada "municipalities"; ``type="K"`` kommuner, ``"L"`` regioner.

        The type filter is applied locally (one request either way).
        """
        request = PlannedRequest("/municipality", (("per_page", str(self.per_page)),), (), (), ())
        fetched = self._fetch_batch([request], parse_municipality_page, "områdeslista")
        if type is None:
            return fetched
        return Fetched(tuple(m for m in fetched.items if m.type == type), fetched.responses)

    def list_regions(self) -> Fetched[Municipality]:
        """The 21 regions (type ``L``), without Riket (``0000``, which Kolada also types ``L``)."""
        fetched = self.list_municipalities(type="L")
        return Fetched(tuple(m for m in fetched.items if m.id != COUNTRY_ID), fetched.responses)

    def list_ous(
        self, municipalities: Iterable[str], title: str | None = None
    ) -> Fetched[OrganisationalUnit]:
        """Organisational units in the given municipalities (``GET /ou?municipality=...``)."""
        if isinstance(municipalities, str):
            municipalities = [municipalities]
        codes = _unique(areacodes.to_kolada(code) for code in municipalities)
        if not codes:
            raise ValueError(Message(N_("Ange minst en kommun")))
        requests = []
        for chunk in _chunks(codes, MAX_IDS_PER_PARAMETER):
            params = [("municipality", ",".join(chunk))]
            if title:
                params.append(("title", title))
            params.append(("per_page", str(self.per_page)))
            requests.append(PlannedRequest("/ou", tuple(params), (), chunk, ()))
        return self._fetch_batch(requests, parse_ou_page, "enhetslista")

    # -- data ------------------------------------------------------------------
    def plan(
        self,
        kpis: Iterable[str] | None,
        areas: Iterable[str] | None = None,
        years: Iterable[int] | None = None,
        *,
        from_date: date | str | None = None,
    ) -> list[PlannedRequest]:
        return plan_data_requests(kpis, areas, years, from_date=from_date, per_page=self.per_page)

    def get_data(
        self,
        kpis: Iterable[str] | None,
        areas: Iterable[str] | None = None,
        years: Iterable[int] | None = None,
        *,
        from_date: date | str | None = None,
    ) -> Fetched[Observation]:
        """Values for KPIs × areas × years; all or nothing.

        ``from_date`` asks only for changes since that date; deleted entries
        come back as observations with ``deleted=True`` and ``value=None``.
        """
        return self._fetch_batch(self.plan(kpis, areas, years, from_date=from_date), parse_data_page, "Kolada-data")

    def get_ou_data(
        self,
        kpis: Iterable[str] | None,
        ous: Iterable[str] | None = None,
        years: Iterable[int] | None = None,
        *,
        from_date: date | str | None = None,
    ) -> Fetched[OuObservation]:
        planned = plan_data_requests(
            kpis, ous, years, unit_kind="ou", from_date=from_date, per_page=self.per_page
        )
        return self._fetch_batch(planned, parse_ou_data_page, "Kolada-enhetsdata")

    # -- internals ---------------------------------------------------------------
    def _next(self, current_url: str, next_url: str) -> str:
        absolute = urljoin(current_url, next_url)
        parts = urlsplit(absolute)
        if parts.netloc != self._base_parts.netloc:
            raise ParseError(
                f"next_url points to another host ({parts.netloc!r}); refusing to follow it",
                "next_url",
                current_url,
            )
        if parts.scheme != self._base_parts.scheme:
            parts = parts._replace(scheme=self._base_parts.scheme)
        return urlunsplit(parts)

    def _fetch_batch(
        self,
        planned: list[PlannedRequest],
        parse_page: Callable[..., Page[T]],
        what: str,
    ) -> Fetched[T]:
        items: list[T] = []
        responses: list[RawResponse] = []
        for number, request in enumerate(planned, start=1):
            url: str | None = self.base_url + request.path
            params: tuple[tuple[str, str], ...] | None = request.params
            seen_urls: set[str] = set()
            page_number = 0
            while url is not None:
                page_number += 1
                try:
                    if page_number > self.max_pages:
                        raise ParseError(
                            f"more than {self.max_pages} pages; stopping", "next_url", url
                        )
                    raw = self.http.get(url, params=params)
                    if raw.url in seen_urls:
                        raise ParseError(
                            "pagination loops back to a page already fetched", "next_url", raw.url
                        )
                    seen_urls.add(raw.url)
                    page = parse_page(raw.json(), source=raw.url)
                    next_url = self._next(raw.url, page.next_url) if page.next_url else None
                except SourceError as exc:
                    raise BatchAborted(
                        Message(N_("Kolada: %(what)s avbruten - förfrågan %(number)s av %(total)s (%(path)s), sida %(page_number)s: %(exc)s. Inget från den här hämtningen returneras."), what=what, number=number, total=len(planned), path=request.path, page_number=page_number, exc=exc),
                        completed_requests=number - 1,
                        planned_requests=len(planned),
                    ) from exc
                responses.append(raw)
                items.extend(page.items)
                url, params = next_url, None
        return Fetched(tuple(items), tuple(responses))
