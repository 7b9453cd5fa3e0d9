"""Reading CSV and XLSX into a ``Table``: the header row and data rows keyed by header,
each with the row number the user sees in their spreadsheet program."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from resultat.core.tabular.errors import TabularError


@dataclass
class Row:
    number: int
    values: dict[str, object]

    def get(self, column: str):
        return self.values.get(column)


@dataclass
class Table:
    headers: list[str]
    rows: list[Row] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""


def _clean_header(h) -> str:
    return " ".join(str(h or "").replace("\ufeff", "").split())


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM) when it decodes, otherwise cp1252 (Excel's Swedish CSV)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            raise TabularError("filen är varken UTF-8 eller Windows-1252 (cp1252)") from exc


def sniff_delimiter(first_line: str) -> str:
    counts = {d: 0 for d in ";,\t"}
    in_quotes = False
    for ch in first_line:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: (counts[d], d == ";"))
    return best if counts[best] else ";"


def read_csv(data: bytes, header_row: int = 1) -> Table:
    text, encoding = decode(data)
    lines = text.splitlines()
    if not lines:
        raise TabularError("filen är tom")
    delimiter = sniff_delimiter(lines[header_row - 1] if len(lines) >= header_row else lines[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = Table(headers=[], encoding=encoding, delimiter=delimiter)
    for number, cells in enumerate(reader, start=1):
        if number < header_row:
            continue
        if number == header_row:
            table.headers = [_clean_header(c) for c in cells]
            continue
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(table.headers) and any(c.strip() for c in cells[len(table.headers):]):
            raise TabularError(f"rad {number}: fler värden ({len(cells)}) än rubriker ({len(table.headers)}) – fel avgränsare eller citattecken?")
        values = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(table.headers) if h}
        table.rows.append(Row(number, values))
    return table


def read_xlsx(data: bytes, sheet: str | None = None, header_row: int = 1) -> Table:
    """XLSX through the fast streaming reader (``fastxlsx``)."""
    import zipfile

    from resultat.core.tabular.fastxlsx import read_rows

    try:
        rows = read_rows(data, sheet)
        title, titles = next(rows)
        if sheet and sheet not in titles and len(titles) > 1:
            raise TabularError(f"bladet ”{sheet}” saknas (filen har {', '.join(titles)})")
        table = Table(headers=[], encoding="xlsx", sheet=title)
        for number, cells in rows:
            if number < header_row:
                continue
            if number == header_row:
                table.headers = [_clean_header(c) for c in cells]
                while table.headers and not table.headers[-1]:
                    table.headers.pop()
                continue
            if not any(c is not None and str(c).strip() for c in cells):
                continue
            values = {h: (cells[i] if i < len(cells) else None) for i, h in enumerate(table.headers) if h}
            table.rows.append(Row(number, values))
        return table
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        if isinstance(exc, TabularError):
            raise
        raise TabularError(f"filen kan inte läsas som XLSX: {exc}") from exc


def read_table(data: bytes, filename: str = "", sheet: str | None = None) -> Table:
    """CSV or XLSX, by content (an XLSX is a ZIP file) and then by name."""
    if data[:2] == b"PK" or Path(filename).suffix.lower() in {".xlsx", ".xlsm"}:
        return read_xlsx(data, sheet=sheet)
    return read_csv(data)
