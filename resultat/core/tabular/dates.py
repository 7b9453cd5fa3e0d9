"""Swedish dates: ISO (2025-03-01), day/month year (1/3 2025, 1/3/2025), compact
(20250301), written out (1 mars 2025), and spreadsheet dates."""

from __future__ import annotations

import re
from datetime import date, datetime

from resultat.core import formats
from resultat.core.i18n import N_, Message
from resultat.core.tabular.errors import TabularError

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}


def _make(y: int, m: int, d: int, original: str) -> date:
    try:
        return date(y, m, d)
    except ValueError as exc:
        raise TabularError(Message(N_("”%(original)s” är inget giltigt datum"), original=original)) from exc


def parse_date(value) -> date | None:
    """A date, or ``None`` for an empty cell; ``TabularError`` for anything else."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text or text in {"-", "–"}:
        return None
    original = text
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).lower()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?", text):
        return _make(int(m[1]), int(m[2]), int(m[3]), original)
    if m := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text):
        return _make(int(m[1]), int(m[2]), int(m[3]), original)
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})[ /-]?(\d{4})", text):
        return _make(int(m[3]), int(m[2]), int(m[1]), original)
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
        return _make(int(m[3]), int(m[2]), int(m[1]), original)
    if m := re.fullmatch(r"(\d{1,2})\.? ([a-zåäö]+)\.? (\d{4})", text):
        if m[2] not in MONTHS:
            raise TabularError(Message(N_("”%(original)s”: okänd månad ”%(month)s”"), original=original, month=m[2]))
        return _make(int(m[3]), MONTHS[m[2]], int(m[1]), original)
    raise TabularError(Message(N_("”%(original)s” är inget datum (skriv t.ex. 2025-03-01, 1/3 2025 eller 1 mars 2025)"), original=original))


def format_date(value: date | None, style: str = "iso") -> str:
    """Written by :func:`resultat.core.formats.format_date` ("" for missing)."""
    return formats.format_date(value, style)
