"""Reading CSV and XLSX into a ``Table``: the header row and data rows keyed by header,
each with the row number the user sees in their spreadsheet program."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from resultat.core.i18n import N_, Message
from resultat.core.tabular.errors import TabularError
from resultat.core.tabular.fastxlsx import column_letter


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
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise TabularError(Message(N_("filen börjar som UTF-16 men är trasig vid byte %(byte)s"), byte=exc.start)) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            raise TabularError(Message(N_("filen är varken UTF-8 eller Windows-1252 (cp1252)"))) from exc


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


MAX_FIELD_CHARS = 131_072  # Python's csv field limit; a longer field is refused, not raised


NUL = "\x00"  # cannot be stored in a PostgreSQL text column; refused in every import


def _nul_error(row: int, column: str) -> TabularError:
    return TabularError(Message(N_("innehåller ett NUL-tecken (\\0), som inte kan sparas; är det verkligen en textfil?")), row=row, column=column)


def read_csv(data: bytes, header_row: int = 1, *, max_rows: int | None = None) -> Table:
    text, encoding = decode(data)
    has_nul = NUL in text
    lines = text.splitlines()
    if not lines:
        raise TabularError(Message(N_("filen är tom")))
    delimiter = sniff_delimiter(lines[header_row - 1] if len(lines) >= header_row else lines[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = Table(headers=[], encoding=encoding, delimiter=delimiter)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            if number < header_row:
                continue
            if has_nul:
                for i, c in enumerate(cells):
                    if NUL in c:
                        header = table.headers[i] if i < len(table.headers) and table.headers[i] else ""
                        raise _nul_error(number, header or column_letter(i))
            if number == header_row:
                table.headers = [_clean_header(c) for c in cells]
                continue
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(table.headers) and any(c.strip() for c in cells[len(table.headers):]):
                raise TabularError(Message(N_("fler värden (%(values)s) än rubriker (%(headers)s) – fel avgränsare eller citattecken?"), values=len(cells), headers=len(table.headers)), row=number)
            if max_rows is not None and len(table.rows) >= max_rows:
                raise TabularError(Message(N_("filen har fler än %(max)s rader; dela upp den"), max=max_rows), row=number)
            values = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(table.headers) if h}
            table.rows.append(Row(number, values))
    except csv.Error as exc:
        # The reader fails inside a record: the row is the one after the last complete one.
        row = number + 1
        if "field larger than field limit" in str(exc):
            raise TabularError(Message(N_("ett värde är längre än %(max)s tecken (saknas ett avslutande citattecken?)"), max=MAX_FIELD_CHARS), row=row) from None
        raise TabularError(Message(N_("kan inte läsas som CSV (%(error)s)"), error=exc), row=row) from None
    return table


def read_xlsx(data: bytes, sheet: str | None = None, header_row: int = 1, *, max_rows: int | None = None, seconds: float | None = None) -> Table:
    """XLSX through the fast streaming reader (``fastxlsx``); ``seconds`` bounds the time."""
    import time
    import zipfile
    import zlib
    from xml.etree.ElementTree import ParseError

    from resultat.core.tabular.fastxlsx import MAX_ROW, read_rows

    table = Table(headers=[], encoding="xlsx")
    try:
        deadline = time.monotonic() + seconds if seconds is not None else None
        rows = read_rows(data, sheet, max_rows=MAX_ROW, deadline=deadline)
        title, titles = next(rows)
        if sheet and sheet not in titles and len(titles) > 1:
            raise TabularError(Message(N_("bladet ”%(sheet)s” saknas (filen har %(sheets)s)"), sheet=sheet, sheets=', '.join(titles)))
        table.sheet = title
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
            if max_rows is not None and len(table.rows) >= max_rows:
                raise TabularError(Message(N_("filen har fler än %(max)s rader; dela upp den"), max=max_rows), row=number)
            values = {h: (cells[i] if i < len(cells) else None) for i, h in enumerate(table.headers) if h}
            table.rows.append(Row(number, values))
        return table
    except TabularError as exc:
        if exc.row is not None and exc.column and table.headers:
            # Name the column by its header, as the rest of the import does.
            letters = {column_letter(i): h for i, h in enumerate(table.headers) if h}
            if exc.column in letters:
                raise TabularError(exc.message, row=exc.row, column=letters[exc.column]) from None
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, ParseError, zlib.error, EOFError,
            NotImplementedError, RuntimeError, OverflowError, AttributeError, TypeError, IndexError, OSError) as exc:
        raise TabularError(Message(N_("filen kan inte läsas som XLSX: %(error)s"), error=exc)) from exc


def read_table(data: bytes, filename: str = "", sheet: str | None = None, *, max_rows: int | None = None, seconds: float | None = None) -> Table:
    """CSV or XLSX, by content (an XLSX is a ZIP file) and then by name.

    ``max_rows`` refuses a file with more data rows; ``seconds`` bounds the time spent
    reading an XLSX (CSV is read at C speed)."""
    if data[:2] == b"PK" or Path(filename).suffix.lower() in {".xlsx", ".xlsm"}:
        return read_xlsx(data, sheet=sheet, max_rows=max_rows, seconds=seconds)
    return read_csv(data, max_rows=max_rows)
