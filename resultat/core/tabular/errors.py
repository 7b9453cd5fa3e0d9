"""Error objects that say exactly where: row (as the spreadsheet numbers it), column, message."""

from __future__ import annotations

from dataclasses import dataclass


class TabularError(ValueError):
    """A value or a file that cannot be read. ``str()`` is a Swedish message."""


@dataclass(frozen=True, order=True)
class CellError:
    row: int          # spreadsheet row number (the header is row 1)
    column: str       # the column's header as written in the file ("" = the whole row/file)
    message: str
    value: str = ""

    def __str__(self) -> str:
        where = f"rad {self.row}" + (f", kolumn ”{self.column}”" if self.column else "")
        return f"{where}: {self.message}"

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message, "value": self.value}
