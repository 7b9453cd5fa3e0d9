"""Error objects that say exactly where: row (as the spreadsheet numbers it), column, message."""

from __future__ import annotations

from dataclasses import dataclass

from resultat.core.i18n import N_, Message


class TabularError(ValueError):
    """A value or a file that cannot be read. ``str()`` is a Swedish message.

    A reader that knows where the problem is also sets ``row`` (the row number the user
    sees) and ``column`` (the header, or the column letter when the header is unknown);
    ``str()`` then starts with them ("rad 7, kolumn ”C”: …") and ``message`` is the rest."""

    def __init__(self, message: str, *, row: int | None = None, column: str = ""):
        self.message, self.row, self.column = message, row, column
        if row is not None:
            message = _located(row, column, message)
        super().__init__(message)

    def cell_error(self) -> CellError:
        """The same problem as a ``CellError`` (row 0 = the whole file)."""
        return CellError(self.row or 0, self.column, self.message if self.row is not None else str(self))


@dataclass(frozen=True, order=True)
class CellError:
    row: int          # spreadsheet row number (the header is row 1)
    column: str       # the column's header as written in the file ("" = the whole row/file)
    message: str
    value: str = ""

    def __str__(self) -> str:
        return _located(self.row, self.column, self.message)

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message, "value": self.value}


def _located(row: int, column: str, message: str) -> Message:
    """``message`` after its place: "rad 7, kolumn ”C”: …" (translatable as a whole)."""
    if column:
        return Message(N_("rad %(row)s, kolumn ”%(column)s”: %(message)s"), row=row, column=column, message=message)
    return Message(N_("rad %(row)s: %(message)s"), row=row, message=message)
