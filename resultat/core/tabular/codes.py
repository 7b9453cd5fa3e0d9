"""Codes that spreadsheets like to turn into numbers: municipality codes keep four digits."""

from __future__ import annotations

import re

from resultat.core.i18n import N_, Message
from resultat.core.tabular.errors import TabularError


def parse_municipality_code(value) -> str | None:
    """"2480", 2480, "480" (lost leading zero) → 4-digit string; "" → None.

    Also accepts "2480 Umeå"."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not text:
        return None
    m = re.match(r"^(\d{1,4})(?:\.0)?(?:\s+\S.*)?$", text)
    if not m:
        raise TabularError(Message(N_("”%(text)s” är ingen kommunkod (fyra siffror, t.ex. 2480)"), text=text))
    return m[1].zfill(4)


def parse_code_list(value) -> list[str]:
    """Several municipality codes in one cell, separated by comma, semicolon or space."""
    if value is None or str(value).strip() == "":
        return []
    if isinstance(value, (int, float)):
        return [parse_municipality_code(value)]
    parts = [p for p in re.split(r"[,;\s]+", str(value).strip()) if p]
    return [parse_municipality_code(p) for p in parts]
