"""Swedish numbers and dates for people: the one formatter behind the pages, the charts,
the report (HTML, PDF, DOCX) and the human-readable cells of the CSV/XLSX exports.

* Thousands are grouped with a narrow no-break space (U+202F): ``12 345 678``.
* The decimal mark is a comma, a negative number has the minus sign U+2212: ``−3,5``.
* A unit ("kr", "%", "procent" …) follows after a no-break space (U+00A0): ``45,3 %``,
  ``12 000 kr``.
* Rounding is half away from zero on the number's exact value, which is what the charts'
  d3-format (JavaScript ``toFixed``) does, so a label in a chart and the same value in a
  table agree to the last digit.
* A missing value prints as an en dash ``–`` (or what ``missing=`` says; "" in exports).

Numbers are Swedish in the English interface too: the figures are Swedish statistics, the
charts are drawn with the Swedish locale and the report is Swedish, so one value is written
one way wherever it appears (docs/architecture.md, "One format").

The chart specs take their d3 locale from :data:`NUMBER_LOCALE` here, so a chart axis
groups and marks decimals with the same characters.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

GROUP = "\u202f"  # narrow no-break space between groups of three digits
UNIT_SPACE = "\u00a0"  # no-break space between a number and its unit
MINUS = "\u2212"
DECIMAL = ","
MISSING = "–"
SYNTHETIC_LABEL = "Syntetiska demovärden"
"""The one label for synthetic demo values (charts, tables, the report, open data)."""

MONTH_NAMES = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
               "september", "oktober", "november", "december")
SHORT_MONTHS = ("jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec")
DAY_NAMES = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")

# d3-format / d3-time-format locales (Vega-Lite ``config.locale`` and vl-convert's
# ``format_locale``/``time_format_locale``): the same characters as format_number.
NUMBER_LOCALE = {
    "decimal": DECIMAL,
    "thousands": GROUP,
    "grouping": [3],
    "currency": ["", UNIT_SPACE + "kr"],
    "minus": MINUS,
    "percent": UNIT_SPACE + "%",
}
TIME_LOCALE = {
    "dateTime": "%A %e %B %Y kl. %X",
    "date": "%Y-%m-%d",
    "time": "%H:%M:%S",
    "periods": ["fm", "em"],
    "days": [DAY_NAMES[6], *DAY_NAMES[:6]],
    "shortDays": ["sön", "mån", "tis", "ons", "tor", "fre", "lör"],
    "months": list(MONTH_NAMES),
    "shortMonths": list(SHORT_MONTHS),
}


def _decimal(value) -> Decimal | None:
    """The exact value of ``value`` as a Decimal; None for missing or not finite."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, float):
        return Decimal(value) if math.isfinite(value) else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str) and not value.strip():
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValueError(f"format_number: {value!r} är inget tal") from exc
    return number if number.is_finite() else None


def group_digits(digits: str, separator: str = GROUP) -> str:
    """``"1234567"`` -> ``"1 234 567"`` (groups of three from the right)."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return separator.join(parts)


def format_number(value, decimals: int = 0, *, unit: str = "", missing: str = MISSING) -> str:
    """A number for people: ``1234567.25`` with 1 decimal -> ``"1 234 567,3"``.

    ``value`` is an int, float, Decimal or a plain numeric string; None, NaN and
    infinities print ``missing``. ``decimals`` is the number of decimals shown (fixed).
    ``unit`` ("kr", "%", "år" …) is appended after a no-break space."""
    if decimals < 0:
        raise ValueError(f"format_number: decimals måste vara 0 eller fler, inte {decimals}")
    number = _decimal(value)
    if number is None:
        return missing
    q = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{abs(q):f}".partition(".")
    text = group_digits(whole) + (DECIMAL + frac if frac else "")
    if q < 0:  # "-0,0" is written 0,0
        text = MINUS + text
    return f"{text}{UNIT_SPACE}{unit}" if unit else text


def format_percent(value, decimals: int = 1, *, missing: str = MISSING) -> str:
    """A value already in percent (45.25 means 45,25 %): ``"45,3 %"``."""
    return format_number(value, decimals, unit="%", missing=missing)


def format_share(value, decimals: int = 1, *, missing: str = MISSING) -> str:
    """A share 0–1 as percent: ``0.4525`` -> ``"45,3 %"``."""
    number = _decimal(value)
    return format_percent(None if number is None else number * 100, decimals, missing=missing)


def format_kronor(value, decimals: int = 0, *, missing: str = MISSING) -> str:
    """Kronor: ``12000`` -> ``"12 000 kr"``."""
    return format_number(value, decimals, unit="kr", missing=missing)


def format_date(value: date | datetime | None, style: str = "iso", *, missing: str = "") -> str:
    """A date: ``iso`` 2025-03-01, ``long`` 1 mars 2025, ``slash`` 1/3 2025, ``compact``
    20250301, ``month`` mars 2025. A datetime is written as its date."""
    if value is None:
        return missing
    if isinstance(value, datetime):
        value = value.date()
    if style == "iso":
        return value.isoformat()
    if style == "long":
        return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
    if style == "slash":
        return f"{value.day}/{value.month} {value.year}"
    if style == "compact":
        return value.strftime("%Y%m%d")
    if style == "month":
        return f"{MONTH_NAMES[value.month - 1]} {value.year}"
    raise ValueError(f"format_date: okänd stil {style!r} (iso, long, slash, compact, month)")


def format_plain(value, decimals: int | None = None, *, missing: str = "") -> str:
    """A number for a spreadsheet cell in a Swedish CSV: decimal comma, no grouping, ASCII
    minus (``-1234,5``), so Excel and LibreOffice set to Swedish read it as a number, and
    :func:`resultat.core.tabular.parse_number` reads back exactly the value
    :func:`format_number` shows. ``decimals=None`` keeps the value's own decimals."""
    number = _decimal(value)
    if number is None:
        return missing
    if decimals is not None:
        if decimals < 0:
            raise ValueError(f"format_plain: decimals måste vara 0 eller fler, inte {decimals}")
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    if number == 0:
        number = abs(number)  # never "-0"
    return f"{number:f}".replace(".", DECIMAL)
