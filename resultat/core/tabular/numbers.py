"""Swedish numbers: space (also non-breaking and thin) as thousands separator, comma as
decimal mark, "kr"/"SEK"/"%" suffixes, the Unicode minus. Missing ("", "-", "N/A") is
``None``, never 0."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from resultat.core import formats
from resultat.core.i18n import N_, Message
from resultat.core.tabular.errors import TabularError

MISSING = {"", "-", "–", "—", "n/a", "na", "saknas", "uppgift saknas", "..", "…", "x"}
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f\u2002\u2003\u2004\u2005\u2006\u2008\u200a']+")
_MINUS = {"\u2212": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-", "\uff0d": "-"}
_SUFFIX = re.compile(r"(?i)\s*(kr|kronor|sek|:-|%|procent)\.?\s*$")
_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")


def parse_number(value, *, allow_percent: bool = False) -> Decimal | None:
    """Parse a number written the Swedish way (or a number already typed by a spreadsheet).

    Raises ``TabularError`` with a message that says why; returns ``None`` for missing."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise TabularError(Message(N_("ett sanningsvärde är inte ett tal")))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise TabularError(Message(N_("inte ett ändligt tal")))
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    text = str(value).strip()
    if text.lower() in MISSING:
        return None
    original = text
    for k, v in _MINUS.items():
        text = text.replace(k, v)
    percent = "%" in text or "procent" in text.lower()
    if percent and not allow_percent:
        raise TabularError(Message(N_("”%(original)s” är ett procenttal, här väntas ett belopp eller tal"), original=original))
    text = _SUFFIX.sub("", text)
    text = _SPACES.sub("", text)
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    if "," in text and "." in text:
        # "1.234,5": dots group thousands, the comma is the decimal mark.
        if text.rfind(",") > text.rfind("."):
            if not re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+,\d+", text):
                raise TabularError(Message(N_("”%(original)s” är inte ett tal (punkt och komma blandade)"), original=original))
            text = text.replace(".", "").replace(",", ".")
        else:
            raise TabularError(Message(N_("”%(original)s”: skriv decimaler med komma (12 000,50)"), original=original))
    elif "," in text:
        if text.count(",") > 1:
            raise TabularError(Message(N_("”%(original)s” har flera decimalkomman"), original=original))
        text = text.replace(",", ".")
    elif text.count(".") > 1:
        if not re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", text):
            raise TabularError(Message(N_("”%(original)s” är inte ett tal"), original=original))
        text = text.replace(".", "")
    if not _PLAIN.match(text):
        raise TabularError(Message(N_("”%(original)s” är inte ett tal"), original=original))
    try:
        number = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the regex guards this
        raise TabularError(Message(N_("”%(original)s” är inte ett tal"), original=original)) from exc
    return -number if negative else number


def format_number(value: Decimal | int | None, decimals: int = 0, unit: str = "") -> str:
    """The Swedish way, from :func:`resultat.core.formats.format_number` ("12 000,50",
    narrow no-break spaces between groups); "" for missing (a blank cell)."""
    return formats.format_number(value, decimals, unit=unit, missing="")
