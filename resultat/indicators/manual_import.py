"""Manual indicator values from a CSV or XLSX file, all or nothing: every problem is
reported with row number and column before anything is written."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from resultat.core.sources import areacodes
from resultat.core.tabular.fastxlsx import column_letter
from resultat.indicators.models import Indicator, Source, SourceResponse
from resultat.indicators.store import (
    Counts,
    IndicatorError,
    Point,
    apply_points,
    refresh_synthetic_flags,
)

REQUIRED_COLUMNS = ("indikator", "område", "år", "värde")
OPTIONAL_COLUMNS = ("kön", "titel", "enhet", "beskrivning", "riktning", "status", "decimaler")


@dataclass
class ImportResult:
    indicators: list[str]
    counts: Counts
    rows: int
    response: SourceResponse | None = None


def parse_swedish_number(text: Any) -> float | None:
    """``"1 234,5"`` / ``"73"`` / ``73.0`` -> float; empty -> None; ValueError otherwise."""
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    s = str(text).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("\u2212", "-")
    if s in ("", "..", "-"):
        return None
    if "," in s and "." in s:
        raise ValueError(f"tvetydigt tal {text!r} (både komma och punkt)")
    s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        raise ValueError(f"inte ett tal: {text!r} (skriv t.ex. 73,5)") from None


def _read_table(path: Path, content: bytes) -> list[list[Any]]:
    """The file's rows (row n of the file is item n - 1). XLSX through the bounded streaming
    reader (``core/tabular/fastxlsx``: Excel's sheet limits, zip-bomb and string caps); a
    NUL (PostgreSQL cannot store it) or a malformed file is an error with row and column."""
    from resultat.core.tabular import TabularError
    from resultat.core.tabular.fastxlsx import read_rows

    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import zipfile
        from xml.etree.ElementTree import ParseError

        rows: list[list[Any]] = []
        try:
            reader = read_rows(content)
            next(reader)
            for number, values in reader:
                rows.extend([] for _ in range(number - 1 - len(rows)))
                rows.append(values)
        except TabularError as exc:
            raise IndicatorError(f"{path.name}, {exc}") from None
        except (zipfile.BadZipFile, KeyError, ValueError, ParseError, EOFError, OSError) as exc:
            raise IndicatorError(f"{path.name}: kan inte läsa Excel-filen ({exc})") from None
        return rows
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IndicatorError(f"{path.name}: filen är inte UTF-8") from None
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ";", delimiters=";,\t")
    reader = csv.reader(io.StringIO(text), dialect)
    rows = []
    try:
        for row in reader:
            for i, value in enumerate(row):
                if "\x00" in value:
                    raise IndicatorError(f"{path.name}, rad {reader.line_num}, kolumn {column_letter(i)}: innehåller ett NUL-tecken (\\0), som inte kan sparas")
            rows.append(row)
    except csv.Error as exc:
        raise IndicatorError(f"{path.name}, rad {len(rows) + 1}: kan inte läsas som CSV ({exc})") from None
    return rows


@dataclass
class _Columns:
    """Where each named column is in the file, and how to name a cell in an error."""

    path: Path
    col: dict[str, int]

    def cell(self, row: list[Any], name: str) -> Any:
        i = self.col.get(name)
        return row[i] if i is not None and i < len(row) else None

    def where(self, rownum: int, name: str) -> str:
        return f"{self.path.name}, rad {rownum}, kolumn {column_letter(self.col[name])} ({name})"


def _columns(path: Path, table: list[list[Any]]) -> _Columns:
    if not table:
        raise IndicatorError(f"{path.name}: filen är tom")
    header = [str(h or "").strip().lower() for h in table[0]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise IndicatorError(f"{path.name}, rad 1: kolumn(er) saknas: {', '.join(missing)} (finns: {', '.join(h for h in header if h)})")
    return _Columns(path, {name: header.index(name) for name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if name in header})


def _area_of(raw_area: str, names: dict[str, str]) -> str | None:
    if areacodes.is_valid(raw_area):
        return areacodes.normalise(raw_area)
    return names.get(raw_area.casefold())


def _year_of(cols: _Columns, row: list[Any]) -> int:
    year_value = parse_swedish_number(cols.cell(row, "år"))
    if year_value is None or year_value != int(year_value) or not 1900 <= year_value <= 2100:
        raise ValueError(f"förväntade ett år, fick {cols.cell(row, 'år')!r}")
    return int(year_value)


def _parse_row(cols: _Columns, rownum: int, row: list[Any], names: dict[str, str], errors: list[str]) -> tuple | None:
    """One data row as ``(rownum, indicator, area, year, gender, value, status)``; its problems go to ``errors``."""
    ind = str(cols.cell(row, "indikator") or "").strip()
    if not ind:
        errors.append(f"{cols.where(rownum, 'indikator')}: tomt")
        return None
    raw_area = str(cols.cell(row, "område") or "").strip()
    area = _area_of(raw_area, names)
    if area is None:
        errors.append(f"{cols.where(rownum, 'område')}: okänt område {raw_area!r} (ange SCB-kod som 24 eller 2480, eller namn)")
    try:
        year = _year_of(cols, row)
    except ValueError as exc:
        errors.append(f"{cols.where(rownum, 'år')}: {exc}")
        year = None
    try:
        value = parse_swedish_number(cols.cell(row, "värde"))
    except ValueError as exc:
        errors.append(f"{cols.where(rownum, 'värde')}: {exc}")
        value = None
    gender = str(cols.cell(row, "kön") or "T").strip().upper() if "kön" in cols.col else "T"
    if gender not in ("T", "K", "M"):
        errors.append(f"{cols.where(rownum, 'kön')}: förväntade T, K eller M, fick {gender!r}")
    status = str(cols.cell(row, "status") or "").strip()[:20]
    return (rownum, ind, area, year, gender, value, status)


def _parse_rows(cols: _Columns, table: list[list[Any]], errors: list[str]) -> tuple[list[tuple], dict[str, dict[str, Any]]]:
    """The data rows and, per indicator, the first value of each metadata column (with its row)."""
    names = {a.name.casefold(): a.scb_code for a in areacodes.all_areas()}
    names["sverige"] = "00"
    parsed = []
    meta: dict[str, dict[str, Any]] = {}
    for rownum, row in enumerate(table[1:], start=2):
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        item = _parse_row(cols, rownum, row, names, errors)
        if item is None:
            continue
        info = meta.setdefault(item[1], {})
        for name in ("titel", "enhet", "beskrivning", "riktning", "decimaler"):
            v = cols.cell(row, name)
            if v not in (None, "") and name not in info:
                info[name] = (str(v).strip(), rownum)
        parsed.append(item)
    return parsed, meta


def _check(cols: _Columns, parsed: list[tuple], meta: dict[str, dict[str, Any]], errors: list[str], source: str = Source.MANUAL) -> None:
    """Checks across rows: the direction, a title for a new indicator (for Kolada or SCB
    values: the indicator exists), no duplicate rows."""
    name = cols.path.name
    for ind, info in meta.items():
        direction = info.get("riktning", ("högre", 0))
        if direction[0].lower() not in ("högre", "lägre", "higher", "lower"):
            errors.append(f"{cols.where(direction[1], 'riktning')}: förväntade 'högre' eller 'lägre', fick {direction[0]!r}")
        exists = Indicator.objects.filter(source=source, external_id=ind).exists()
        if source != Source.MANUAL and not exists:
            errors.append(f"{name}: indikatorn {ind!r} finns inte för källan {source} (läs in indikatoruppsättningen först)")
        elif "titel" not in info and not exists:
            errors.append(f"{name}: indikatorn {ind!r} är ny och behöver en titel (kolumn titel)")
    seen = {}
    for rownum, ind, area, year, gender, *_ in parsed:
        key = (ind, area, year, gender)
        if None not in key and key in seen:
            errors.append(f"{name}, rad {rownum}: samma indikator, område, år och kön som rad {seen[key]}")
        seen.setdefault(key, rownum)


def _store_file(path: Path, content: bytes, table: list[list[Any]], source_label: str, synthetic: bool, source: str = Source.MANUAL) -> SourceResponse:
    """The file as a source response (an XLSX file is kept as its CSV text)."""
    if table and path.suffix.lower() in (".xlsx", ".xlsm"):
        buf = io.StringIO()
        csv.writer(buf, delimiter=";").writerows([["" if v is None else v for v in r] for r in table])
        body = buf.getvalue()
    else:
        body = content.decode("utf-8-sig")
    return SourceResponse.objects.create(
        source=source, method="FILE", url=path.name, citation=source_label.strip(), fetched_at=timezone.now(),
        sha256=hashlib.sha256(content).hexdigest(), content_type="text/csv" if path.suffix.lower() == ".csv" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        body=body, synthetic=synthetic,
    )


def _upsert_indicators(meta: dict[str, dict[str, Any]], source: str = Source.MANUAL) -> dict[str, Indicator]:
    if source != Source.MANUAL:  # a download from Kolada or SCB: the indicator set defines the indicator
        return {ind_id: Indicator.objects.get(source=source, external_id=ind_id) for ind_id in meta}
    indicators: dict[str, Indicator] = {}
    for ind_id, info in meta.items():
        defaults = {}
        if "titel" in info:
            defaults["title"] = info["titel"][0]
        if "enhet" in info:
            defaults["unit"] = info["enhet"][0]
        if "beskrivning" in info:
            defaults["description"] = info["beskrivning"][0]
        if "riktning" in info:
            defaults["direction"] = "lower" if info["riktning"][0].lower() in ("lägre", "lower") else "higher"
        if "decimaler" in info:
            defaults["decimals"] = int(parse_swedish_number(info["decimaler"][0]) or 0)
        indicator, _ = Indicator.objects.update_or_create(source=Source.MANUAL, external_id=ind_id, defaults=defaults)
        indicators[ind_id] = indicator
    return indicators


def _write_values(parsed: list[tuple], indicators: dict[str, Indicator], response: SourceResponse, synthetic: bool) -> Counts:
    genders: dict[str, set[str]] = {}
    points = []
    for _rownum, ind, area, year, gender, value, status in parsed:
        genders.setdefault(ind, set()).add(gender)
        points.append(Point(indicators[ind].pk, area, year, gender, value, status, response.pk, synthetic=synthetic))
    counts = apply_points(points)
    for ind, gs in genders.items():
        if {"K", "M"} <= gs and not indicators[ind].has_gender_split:
            Indicator.objects.filter(pk=indicators[ind].pk).update(has_gender_split=True)
    return counts


def import_manual(path: str | Path, *, source_label: str = "", synthetic: bool = False, source: str = Source.MANUAL) -> ImportResult:
    """Read manual indicator values from CSV (``;`` or ``,``) or XLSX; all or nothing.

    Columns (first row, case-insensitive): indikator, område, år, värde, and
    optionally kön (T/K/M), titel, enhet, beskrivning, riktning (högre/lägre),
    status, decimaler.  ``område`` is an SCB or Kolada code or an area name.
    Every problem is reported with row number and column.

    ``source`` other than ``manual`` (``kolada``, ``scb``) reads values downloaded from that
    source into its existing indicators (``indikator`` is the source's id, e.g. N01982); the
    file is kept as the source response with ``source_label`` as its citation.
    """
    path = Path(path)
    content = path.read_bytes()
    table = _read_table(path, content)
    cols = _columns(path, table)
    errors: list[str] = []
    parsed, meta = _parse_rows(cols, table, errors)
    _check(cols, parsed, meta, errors, source)
    if errors:
        raise IndicatorError(f"{len(errors)} fel i {path.name}:\n" + "\n".join(errors))
    with transaction.atomic():
        response = _store_file(path, content, table, source_label, synthetic, source)
        indicators = _upsert_indicators(meta, source)
        counts = _write_values(parsed, indicators, response, synthetic)
        refresh_synthetic_flags(i.pk for i in indicators.values())
    return ImportResult(sorted(indicators), counts, len(parsed), response)
