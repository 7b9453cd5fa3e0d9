"""Writing an XLSX import template: a data sheet with Swedish headers, notes and
validation lists, and an instructions sheet describing every column."""

from __future__ import annotations

import io
from dataclasses import dataclass, field


@dataclass
class Column:
    header: str
    description: str
    required: bool = False
    choices: list[str] = field(default_factory=list)
    example: object = ""
    width: int = 18


def write_template(columns: list[Column], *, sheet: str, title: str, instructions: list[str], examples: list[list] | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    lists = wb.create_sheet("Listor")
    bold = Font(bold=True)
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i, value=col.header)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDEBF7" if col.required else "F2F2F2")
        cell.comment = Comment(col.description + (" (obligatorisk)" if col.required else ""), "Resultat")
        ws.column_dimensions[get_column_letter(i)].width = col.width
        if col.choices:
            letter = get_column_letter(i)
            lists.cell(row=1, column=i, value=col.header).font = bold
            for j, choice in enumerate(col.choices, start=2):
                lists.cell(row=j, column=i, value=choice)
            dv = DataValidation(
                type="list", formula1=f"=Listor!${letter}$2:${letter}${len(col.choices) + 1}", allow_blank=not col.required,
                showErrorMessage=True, errorTitle="Ogiltigt värde", error=f"Välj ett värde ur listan för {col.header}.",
            )
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}20000")
    ws.freeze_panes = "A2"
    for r, row in enumerate(examples or [], start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    info = wb.create_sheet("Instruktioner", 0)
    info.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    r = 3
    for line in instructions:
        info.cell(row=r, column=1, value=line)
        r += 1
    r += 1
    for c, h in enumerate(["Kolumn", "Obligatorisk", "Beskrivning", "Tillåtna värden", "Exempel"], start=1):
        info.cell(row=r, column=c, value=h).font = bold
    for col in columns:
        r += 1
        info.cell(row=r, column=1, value=col.header)
        info.cell(row=r, column=2, value="ja" if col.required else "nej")
        info.cell(row=r, column=3, value=col.description)
        info.cell(row=r, column=4, value=", ".join(col.choices))
        info.cell(row=r, column=5, value=str(col.example) if col.example != "" else "")
    info.column_dimensions["A"].width = 28
    info.column_dimensions["C"].width = 80
    info.column_dimensions["D"].width = 50
    wb.active = 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
