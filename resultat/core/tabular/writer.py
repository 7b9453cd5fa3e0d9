"""Writing plain tables to CSV (Swedish Excel: ";" and UTF-8 with BOM) and XLSX."""

from __future__ import annotations

import csv
import io


def write_csv(headers: list[str], rows: list[list], *, delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(headers)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    return buf.getvalue().encode(encoding)


def write_xlsx(sheets: list[tuple[str, list[str], list[list]]], *, notes: list[str] | None = None) -> bytes:
    """Several sheets of (title, headers, rows); ``notes`` go above the first table
    (e.g. "Syntetiska demovärden")."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=False)
    wb.remove(wb.active)
    for title, headers, rows in sheets:
        ws = wb.create_sheet(title[:31])
        offset = 0
        for note in notes or []:
            ws.append([note])
            ws.cell(row=ws.max_row, column=1).font = Font(bold=True, color="8A1C1C")
            offset += 1
        ws.append(headers)
        for cell in ws[offset + 1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
