"""Integers from query strings, forms and URLs, bounded before they reach the database.

``int("99999999999999999999")`` is a fine Python int, but PostgreSQL's integer columns
overflow on it (a 500), and ``date(year, 1, 1)`` raises past 9999. Views read such
values with ``int_param`` (an out-of-range integer is a 400, ``BadRequest``) and check
URL years with ``check_year`` (a 404: that page does not exist)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

INT_MAX = 2_147_483_647      # PostgreSQL integer (and AutoField before BigAutoField)
YEARS = (1000, 9999)         # four-digit years: what DateField and the cycles can hold


def _integer_text(value) -> str | None:
    text = str(value if value is not None else "").strip()
    digits = text[1:] if text[:1] in "+-" else text
    return text if digits and digits.isascii() and digits.isdigit() else None


def parse_int(value, *, lo: int, hi: int) -> int | None:
    """A plain decimal integer within [lo, hi], else ``None`` (no exception, no big-int work)."""
    text = _integer_text(value)
    if text is None or len(text) > 20:
        return None
    number = int(text)
    return number if lo <= number <= hi else None


def int_param(params, name: str, *, lo: int = 0, hi: int = INT_MAX, default: int | None = None) -> int | None:
    """``params[name]`` as an int within [lo, hi].

    Absent, empty or not an integer at all ("abc"): ``default``, as the filters always
    treated words; an integer outside [lo, hi] (or one with more than 20 digits) is a
    400 (``BadRequest``): it would overflow the database or the date functions."""
    text = _integer_text(params.get(name))
    if text is None:
        return default
    number = parse_int(text, lo=lo, hi=hi)
    if number is None:
        raise BadRequest(_("Ogiltigt värde för %(name)s: ett heltal %(lo)s–%(hi)s väntas.") % {"name": name, "lo": lo, "hi": hi})
    return number


def check_year(year: int) -> int:
    """A year from a URL (``<int:year>``): outside four digits there is no such page."""
    if not YEARS[0] <= year <= YEARS[1]:
        raise Http404(_("Inget sådant år"))
    return year


BIGINT_MAX = 9_223_372_036_854_775_807


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field checks posted ids with ``pk__in``, which overflows the database
    (a 500) on an id past 64 bits; such an id is refused as any unknown choice."""

    def _check_values(self, value):
        for pk in value:
            if parse_int(pk, lo=-BIGINT_MAX, hi=BIGINT_MAX) is None and str(pk).strip().lstrip("+-").isdigit():
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": str(pk)[:40]})
        return super()._check_values(value)
