"""Spreadsheets in Swedish formats, plain Python (no Django).

- ``numbers``: "12 000,50 kr", "1.234,5", "−5", "N/A" → ``Decimal`` or ``None`` (missing).
- ``dates``: "2025-03-01", "1/3 2025", "20250301", "1 mars 2025" → ``date``.
- ``codes``: municipality codes as 4-digit strings ("480" → "0480", 2480 → "2480").
- ``reader``: CSV (";" or "," sniffed; UTF-8 with/without BOM, cp1252) and XLSX (openpyxl,
  read-only) → a ``Table`` of rows with their spreadsheet row numbers.
- ``template``: an XLSX template with Swedish headers, validation lists and an
  instructions sheet.

Errors are ``CellError`` objects: row, column, message.
"""

from resultat.core.tabular.codes import parse_municipality_code
from resultat.core.tabular.dates import format_date, parse_date
from resultat.core.tabular.errors import CellError, TabularError
from resultat.core.tabular.numbers import format_number, parse_number
from resultat.core.tabular.reader import Table, read_csv, read_table, read_xlsx

__all__ = [
    "CellError", "TabularError", "Table", "format_date", "format_number", "parse_date",
    "parse_municipality_code", "parse_number", "read_csv", "read_table", "read_xlsx",
]
