"""Vega-Lite 6 specs for indicator charts.

Every spec is a plain ``dict`` that vega-embed (browser) and vl-convert (server,
files) both accept.  Every spec

* carries a ``description`` (read by screen readers as the SVG's
  ``aria-label``) that also states the latest values in words;
* formats numbers the Swedish way (decimal comma, narrow no-break space as
  thousands separator) through ``config.locale``, with the characters and the rounding
  of :mod:`resultat.core.formats` (its labels come from ``formats.format_number``);
* says "Syntetiska demovärden" in its subtitle when any of its data is synthetic;
* never relies on colour alone: series differ in dash pattern and point shape too.

Its words (axis titles, tooltip fields, the description, "Kvinnor"/"Män") are Swedish
msgids marked with ``N_`` and written through a :class:`ChartText`: :data:`SWEDISH` (the
default: the report, the downloads) writes them as they are; the Django side passes
``ChartText(gettext, ENGLISH_TIME_LOCALE)`` for a page in English. Numbers are written the
Swedish way in every language (``resultat.core.formats``: one value, one way); the month
names of a sub-annual time axis follow the language (``config.locale.time``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from resultat.core.formats import NUMBER_LOCALE, SYNTHETIC_LABEL, TIME_LOCALE, format_number
from resultat.core.i18n import N_
from resultat.core.sources.periods import Period

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
SYNTHETIC_NOTE = SYNTHETIC_LABEL  # the one label, from resultat.core.formats

# Colour-blind safe (Okabe-Ito) with the county first.
PALETTE = ["#0b5394", "#7f7f7f", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"]
DASHES = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 2], [3, 6]]
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "circle", "square"]

_SV_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzåäö"
_SV_RANK = {ch: i for i, ch in enumerate(_SV_ALPHABET)}
# Letters Swedish sorts as another letter (ü as y, æ as ä, ø as ö); other accents drop.
_SV_FOLD = {"ü": "y", "æ": "ä", "ø": "ö", "w": "w"}


ENGLISH_TIME_LOCALE = {
    "dateTime": "%a %e %b %Y %X",
    "date": "%Y-%m-%d",
    "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
    "months": ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"],
    "shortMonths": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
"""d3 time locale of a chart in English (month names on a sub-annual axis)."""


def _same(text: str) -> str:
    return text


UNIT_MSGIDS = {
    "antal": N_("antal"),
    "procent": N_("procent"),
    "år": N_("antal år"),
    "dagar": N_("dagar"),
    "per 1 000 inv": N_("per 1 000 inv"),
    "ton/inv": N_("ton/inv"),
    "tkr/inv": N_("tkr/inv"),
    "kr/inv": N_("kr/inv"),
}
"""The units the sources use, as msgids: a chart in English says "per cent", not "procent".
A unit not listed is shown as the source wrote it. ("år" is the msgid "antal år": the
plain "år" is the word "year" elsewhere in the catalogue.)"""


@dataclass(frozen=True)
class ChartText:
    """The language of a chart's words: ``gettext`` translates a Swedish msgid (the
    identity for Swedish), ``time_locale`` is the d3 time locale of its axes."""

    gettext: Callable[[str], str] = _same
    time_locale: Mapping[str, Any] = field(default_factory=lambda: TIME_LOCALE)

    def __call__(self, msgid: str, /, **params: Any) -> str:
        """``msgid`` translated, with ``%(name)s`` placeholders filled from ``params``."""
        text = self.gettext(msgid)
        return text % params if params else text

    def period(self, key: Any) -> str:
        """A point's key as a label in this language: a year as it is, a
        :class:`~resultat.core.sources.periods.Period` through its message ("2026 kv. 1" is
        "2026 Q1" in English, "maj 2026" "May 2026")."""
        if isinstance(key, Period):
            return key.message.translate(self.gettext)
        return str(int(key))

    def unit(self, unit: str) -> str:
        """An indicator's unit in this language (:data:`UNIT_MSGIDS`; others, and every unit
        in Swedish or without a translation, as written)."""
        msgid = UNIT_MSGIDS.get(unit.strip()) if unit else None
        translated = self(msgid) if msgid else msgid
        return translated if translated and translated != msgid else unit

    def synthetic_line(self) -> str:
        """The subtitle line of a chart with demo values (begins with the translated label)."""
        return self(SYNTHETIC_NOTE) + " – " + self(N_("inte verkliga uppgifter"))


SWEDISH = ChartText()
"""Swedish words, as written in the code: the report and the downloads."""


def swedish_sort_key(text: str) -> tuple:
    """Sort key for Swedish collation: å, ä, ö after z; é sorts as e; case ignored."""
    out = []
    for ch in text.casefold():
        if ch in _SV_FOLD:
            ch = _SV_FOLD[ch]
        elif ch not in _SV_RANK:
            base = unicodedata.normalize("NFD", ch)[0]
            ch = base if base in _SV_RANK else ch
        out.append((0, _SV_RANK[ch]) if ch in _SV_RANK else ((1, 0) if ch.isspace() else (2, ord(ch))))
    return (tuple(out), text)


def _config(text: ChartText = SWEDISH) -> dict:
    return {
        "locale": {"number": NUMBER_LOCALE, "time": dict(text.time_locale)},
        "font": "DejaVu Sans, Verdana, sans-serif",
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#1a1a1a", "titleColor": "#1a1a1a"},
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "labelLimit": 320},
        "title": {"fontSize": 15, "anchor": "start", "subtitleColor": "#5a1a00", "subtitleFontSize": 12},
        "view": {"stroke": None},
    }


def _title(title: str, subtitle: str | None, synthetic: bool, text: ChartText = SWEDISH) -> dict:
    lines = [s for s in (subtitle, text.synthetic_line() if synthetic else None) if s]
    spec: dict = {"text": title}
    if lines:
        spec["subtitle"] = lines
    return spec


def _number_format(decimals: int) -> str:
    return f",.{decimals}f"


@dataclass(frozen=True)
class ChartSeries:
    """One line: a label ("Västerbottens län"), its points (year -> value)."""

    label: str
    points: Mapping[int, float | None]
    role: str = "area"  # "county", "country", "municipality", "women", "men"
    synthetic: bool = False
    extra: dict = field(default_factory=dict)


def _latest(points: Mapping[int, float | None]) -> tuple[int, float] | None:
    years = [y for y, v in points.items() if v is not None]
    if not years:
        return None
    y = max(years)
    return y, float(points[y])


def _period_fields(key: Any, text: ChartText = SWEDISH) -> tuple[str, str]:
    """(start date for the time axis, label in ``text``'s language) of a point's key: a year
    (int) or a :class:`~resultat.core.sources.periods.Period` (month, quarter, half-year …)."""
    if isinstance(key, Period):
        return key.start.isoformat(), text.period(key)
    return f"{int(key)}-01-01", str(int(key))


def _sub_annual(keys: Iterable[Any]) -> bool:
    return any(isinstance(k, Period) and not k.is_annual for k in keys)


def _time_axis(sub_annual: bool, n_rows: int, text: ChartText = SWEDISH) -> tuple[dict, dict]:
    """x encoding and tooltip field: whole years, or the periods' start dates with their labels."""
    if not sub_annual:
        x = {"field": "år", "type": "temporal", "timeUnit": "year", "title": text(N_("År")),
             "axis": {"format": "%Y", "tickCount": {"interval": "year", "step": 1} if n_rows < 12 else None}}
        if x["axis"]["tickCount"] is None:
            del x["axis"]["tickCount"]
        return x, {"field": "år", "type": "temporal", "timeUnit": "year", "title": text(N_("År")), "format": "%Y"}
    x = {"field": "år", "type": "temporal", "timeUnit": "yearmonthdate", "title": text(N_("Period")), "axis": {"format": "%b %Y"}}
    return x, {"field": "period", "type": "nominal", "title": text(N_("Period"))}


def _when(key: Any, text: ChartText = SWEDISH) -> str:
    return text.period(key) if isinstance(key, Period) and not key.is_annual else text(N_("år %(year)s"), year=key)


def _describe_series(series: Sequence[ChartSeries], unit: str, decimals: int, text: ChartText = SWEDISH) -> str:
    parts = []
    for s in series:
        latest = _latest(s.points)
        years = sorted(y for y, v in s.points.items() if v is not None)
        if latest is None:
            parts.append(text(N_("%(series)s: inga värden"), series=s.label))
            continue
        first = years[0]
        if first == latest[0]:
            parts.append(f"{s.label}: {format_number(latest[1], decimals)} {_when(first, text)}")
            continue
        parts.append(
            f"{s.label}: {format_number(s.points[first], decimals)} {_when(first, text)}, "
            f"{format_number(latest[1], decimals)} {_when(latest[0], text)}"
        )
    unit_text = f" ({unit})" if unit else ""
    return "; ".join(parts) + unit_text + "."


def _segments(keys: Sequence[Any]) -> list[int]:
    """Run number of each sorted key: a new run starts after a gap (a whole year with no
    value between two that have one), so the line breaks there instead of drawing a
    straight line through a year nobody measured. Sub-annual periods are one run."""
    runs, run = [], 0
    for i, key in enumerate(keys):
        if i and isinstance(key, int) and isinstance(keys[i - 1], int) and key - keys[i - 1] > 1:
            run += 1
        runs.append(run)
    return runs


def _gaps(points: Mapping[Any, float | None]) -> list[int]:
    """The whole years without a value between a series' first and last value."""
    years = sorted(k for k, v in points.items() if v is not None and isinstance(k, int))
    return [y for a, b in zip(years, years[1:]) for y in range(a + 1, b)]


def _series_rows(series: Sequence[ChartSeries], text: ChartText = SWEDISH) -> list[dict]:
    rows = []
    for s in series:
        keys = sorted(k for k, v in s.points.items() if v is not None)
        for key, run in zip(keys, _segments(keys)):
            start, label = _period_fields(key, text)
            rows.append({"år": start, "period": label, "serie": s.label, "del": f"{s.label}\u241f{run}",
                         "värde": float(s.points[key]), "syntetisk": s.synthetic})
    return rows


def _series_scales(order: list[str]) -> dict:
    n = max(1, len(order))
    scale = {"type": "nominal", "title": None, "sort": order}
    return {
        "color": {"field": "serie", **scale, "scale": {"domain": order, "range": (PALETTE * (n // len(PALETTE) + 1))[:n]}},
        "strokeDash": {"field": "serie", **scale, "scale": {"domain": order, "range": (DASHES * (n // len(DASHES) + 1))[:n]}},
        "shape": {"field": "serie", **scale, "scale": {"domain": order, "range": (SHAPES * (n // len(SHAPES) + 1))[:n]}},
    }


def _single_period_layer(rows: list[dict], order: list[str], unit: str, decimals: int, text: ChartText = SWEDISH) -> dict:
    """One period only: a line through one point says nothing, so each series is a bar
    from zero with its value written above it (the period is the axis title)."""
    fmt = _number_format(decimals)
    for row in rows:
        row["etikett"] = format_number(row["värde"], decimals)
    period = rows[0]["period"]
    x = {"field": "serie", "type": "nominal", "sort": order,
         "title": period if not period.isdigit() else text(N_("År %(year)s"), year=period),
         "axis": {"labelAngle": 0, "labelLimit": 160}}
    value_title = unit or text(N_("Värde"))
    y = {"field": "värde", "type": "quantitative", "title": value_title, "axis": {"format": fmt}, "scale": {"zero": True}}
    colour = _series_scales(order)["color"]
    return {
        "data": {"values": rows},
        "layer": [
            {"mark": {"type": "bar", "width": {"band": 0.6}},
             "encoding": {"x": x, "y": y, "color": {**colour, "legend": None},
                          "tooltip": [{"field": "serie", "type": "nominal", "title": text(N_("Serie"))},
                                      {"field": "period", "type": "nominal",
                                       "title": text(N_("Period")) if not period.isdigit() else text(N_("År"))},
                                      {"field": "värde", "type": "quantitative", "title": value_title, "format": fmt}]}},
            # the value above its bar, on a white halo so a target rule behind it stays readable
            *({"mark": {"type": "text", "baseline": "bottom", "dy": -4, "fontSize": 13, **paint},
               "encoding": {"x": x, "y": {"field": "värde", "type": "quantitative"}, "text": {"field": "etikett"}}}
              for paint in ({"stroke": "#ffffff", "strokeWidth": 4, "strokeJoin": "round"}, {"color": "#1a1a1a"})),
        ],
    }


def _lines_layer(rows: list[dict], order: list[str], unit: str, decimals: int, sub_annual: bool,
                 text: ChartText = SWEDISH) -> dict:
    x_encoding, x_tooltip = _time_axis(sub_annual, len(rows), text)
    fmt = _number_format(decimals)
    return {
        "data": {"values": rows},
        "mark": {"type": "line", "point": {"filled": True, "size": 50}, "strokeWidth": 2.5},
        "encoding": {
            "x": x_encoding,
            "y": {"field": "värde", "type": "quantitative", "title": unit or text(N_("Värde")),
                  "axis": {"format": fmt}, "scale": {"zero": False}},
            **_series_scales(order),
            # one path per unbroken run of years: a gap breaks the line
            "detail": {"field": "del", "type": "nominal"},
            "tooltip": [
                {"field": "serie", "type": "nominal", "title": text(N_("Serie"))},
                x_tooltip,
                {"field": "värde", "type": "quantitative", "title": unit or text(N_("Värde")), "format": fmt},
            ],
        },
    }


def time_series(
    *,
    title: str,
    series: Sequence[ChartSeries],
    unit: str = "",
    decimals: int = 1,
    target: tuple[float, int | None] | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    width: int = 560,
    height: int = 280,
    text: ChartText = SWEDISH,
) -> dict:
    """Lines over years: the county, the country and optional municipalities, plus a target line.

    With values for one period only, bars with their values written out instead of lines
    (a line with one point is meaningless); a year without a value breaks its line."""
    synthetic = any(s.synthetic for s in series)
    order = [s.label for s in series]
    rows = _series_rows(series, text)
    single = len({r["period"] for r in rows}) == 1
    if single:
        layers = [_single_period_layer(rows, order, unit, decimals, text)]
        description = text(N_("Stapeldiagram, ett enda år: %(title)s."), title=title) + " "
    else:
        layers = [_lines_layer(rows, order, unit, decimals, _sub_annual(k for s in series for k in s.points), text)]
        description = text(N_("Linjediagram: %(title)s."), title=title) + " "
    description += _describe_series(series, unit, decimals, text)
    gaps = [f"{s.label} {', '.join(map(str, g))}" for s in series if (g := _gaps(s.points))]
    if gaps:
        description += " " + text(N_("Värde saknas för %(list)s."), list="; ".join(gaps))
    if target is not None:
        value, year = target
        target_label = (text(N_("Målvärde %(value)s år %(year)s"), value=format_number(value, decimals), year=year) if year
                        else text(N_("Målvärde %(value)s"), value=format_number(value, decimals)))
        rule = {"mark": {"type": "rule", "strokeDash": [3, 3], "color": "#1a1a1a", "strokeWidth": 1.5},
                "encoding": {"y": {"field": "mål", "type": "quantitative"}}}
        label = {"mark": {"type": "text", "align": "left", "dx": 4, "dy": -6, "color": "#1a1a1a", "x": 0},
                "encoding": {"y": {"field": "mål", "type": "quantitative"}, "text": {"field": "etikett"}}}
        target_layer = {"data": {"values": [{"mål": float(value), "etikett": target_label}]},
                        "layer": [rule] if single else [rule, label]}
        if single:
            # the bars' value labels sit where the target's label would: it goes in the
            # subtitle, and the rule under the bars' labels
            dashed = text(N_("Streckad linje: %(target)s"), target=target_label[:1].lower() + target_label[1:])
            subtitle = "; ".join(p for p in (subtitle, dashed) if p)
            layers.insert(0, target_layer)
        else:
            layers.append(target_layer)
        description += f" {target_label}."
    if synthetic:
        description += f" {text(SYNTHETIC_NOTE)}."
    spec = {
        "$schema": SCHEMA,
        "title": _title(title, subtitle, synthetic, text),
        "description": description,
        "width": width,
        "height": height,
        "layer": layers,
        "config": _config(text),
    }
    if source:
        spec["usermeta"] = {"source": source}
    return spec


def municipality_comparison(
    *,
    title: str,
    values: Mapping[str, float | None],
    year: int | str,  # a year, or a period label in the language of ``text``
    unit: str = "",
    decimals: int = 1,
    references: Mapping[str, float | None] | None = None,
    synthetic: bool = False,
    subtitle: str | None = None,
    descending: bool = True,
    width: int = 520,
    text: ChartText = SWEDISH,
) -> dict:
    """Horizontal bars, one per municipality, sorted by value (ties in Swedish name order).

    ``references`` (e.g. {"Västerbottens län": 71.2, "Riket": 70.1}) are drawn as
    labelled vertical rules.
    """
    present = [(name, float(v)) for name, v in values.items() if v is not None]
    present.sort(key=lambda nv: swedish_sort_key(nv[0]))
    present.sort(key=lambda nv: -nv[1] if descending else nv[1])
    order = [name for name, _ in present]
    missing = sorted((name for name, v in values.items() if v is None), key=swedish_sort_key)
    fmt = _number_format(decimals)
    rows = [{"namn": n, "värde": v, "etikett": format_number(v, decimals)} for n, v in present]
    bars = {
        "data": {"values": rows},
        "layer": [
            {"mark": {"type": "bar", "color": PALETTE[0]},
             "encoding": {
                 "y": {"field": "namn", "type": "nominal", "title": None, "sort": order},
                 "x": {"field": "värde", "type": "quantitative", "title": unit or text(N_("Värde")), "axis": {"format": fmt}},
                 "tooltip": [{"field": "namn", "title": text(N_("Kommun"))},
                             {"field": "värde", "type": "quantitative", "title": unit or text(N_("Värde")), "format": fmt}],
             }},
            {"mark": {"type": "text", "align": "left", "dx": 3, "color": "#1a1a1a"},
             "encoding": {"y": {"field": "namn", "type": "nominal", "sort": order},
                          "x": {"field": "värde", "type": "quantitative"},
                          "text": {"field": "etikett"}}},
        ],
    }
    layers = [bars]
    ref_rows = [{"namn": k, "värde": float(v), "etikett": f"{k} {format_number(v, decimals)}"}
                for k, v in (references or {}).items() if v is not None]
    if ref_rows:
        ref_dashes = DASHES[1:1 + len(ref_rows)]
        layers.append({
            "data": {"values": ref_rows},
            "layer": [
                {"mark": {"type": "rule", "strokeWidth": 2},
                 "encoding": {"x": {"field": "värde", "type": "quantitative"},
                              "color": {"field": "etikett", "type": "nominal", "title": None,
                                        "scale": {"range": ["#d55e00", "#1a1a1a"][: len(ref_rows)]}},
                              "strokeDash": {"field": "etikett", "type": "nominal", "title": None,
                                             "scale": {"range": ref_dashes}}}},
            ],
        })
    description = (
        text(N_("Stapeldiagram: %(title)s, %(year)s."), title=title, year=year) + " "
        + "; ".join(f"{n} {format_number(v, decimals)}" for n, v in present)
        + (f" ({unit})" if unit else "")
        + "."
    )
    if ref_rows:
        description += " " + text(N_("Jämförelse: %(list)s."), list="; ".join(r["etikett"] for r in ref_rows))
    if missing:
        description += " " + text(N_("Värde saknas för %(list)s."), list=", ".join(missing))
    if synthetic:
        description += f" {text(SYNTHETIC_NOTE)}."
    return {
        "$schema": SCHEMA,
        "title": _title(f"{title}, {year}", subtitle, synthetic, text),
        "description": description,
        "width": width,
        "height": {"step": 20},
        "layer": layers,
        "config": _config(text),
    }


def gender_gap(
    *,
    title: str,
    women: Mapping[int, float | None],
    men: Mapping[int, float | None],
    unit: str = "",
    decimals: int = 1,
    area: str = "",
    synthetic: bool = False,
    subtitle: str | None = None,
    width: int = 560,
    text: ChartText = SWEDISH,
) -> dict:
    """Women and men over the years, with the gap (women − men) per year as bars below."""
    series = gender_series(women, men, synthetic, text)
    upper = time_series(title=title, series=series, unit=unit, decimals=decimals, width=width, height=220, text=text)
    gap_rows = [
        {"år": _period_fields(y, text)[0], "period": _period_fields(y, text)[1], "skillnad": float(women[y]) - float(men[y])}
        for y in sorted(women) if women.get(y) is not None and men.get(y) is not None
    ]
    x_encoding, x_tooltip = _time_axis(_sub_annual(women), len(gap_rows), text)
    fmt = _number_format(decimals)
    gap_title = text(N_("Kvinnor − män"))
    lower = {
        "data": {"values": gap_rows},
        "width": width,
        "height": 100,
        "mark": {"type": "bar", "color": "#7f7f7f"},
        "encoding": {
            "x": {**x_encoding, "axis": {"format": x_encoding["axis"]["format"]}},
            "y": {"field": "skillnad", "type": "quantitative", "title": gap_title, "axis": {"format": fmt}},
            "tooltip": [x_tooltip,
                        {"field": "skillnad", "type": "quantitative", "title": gap_title, "format": fmt}],
        },
    }
    latest = gap_rows[-1] if gap_rows else None
    if area:
        description = text(N_("Diagram över kvinnor och män i %(area)s: %(title)s."), area=area, title=title)
        full_title = text(N_("%(title)s i %(area)s"), title=title, area=area)
    else:
        description = text(N_("Diagram över kvinnor och män: %(title)s."), title=title)
        full_title = title
    description += " " + _describe_series(series, unit, decimals, text)
    if latest:
        description += " " + text(N_("Skillnad kvinnor minus män %(period)s: %(value)s."),
                                  period=latest["period"], value=format_number(latest["skillnad"], decimals))
    if synthetic:
        description += f" {text(SYNTHETIC_NOTE)}."
    return {
        "$schema": SCHEMA,
        "title": _title(full_title, subtitle, synthetic, text),
        "description": description,
        "vconcat": [{"layer": upper["layer"], "width": width, "height": 220}, lower],
        "config": _config(text),
    }


def gender_series(women: Mapping[Any, float | None], men: Mapping[Any, float | None], synthetic: bool = False,
                  text: ChartText = SWEDISH) -> list[ChartSeries]:
    """The two series of :func:`gender_gap` ("Kvinnor", "Män" in the language of ``text``)."""
    return [ChartSeries(text(N_("Kvinnor")), women, "women", synthetic), ChartSeries(text(N_("Män")), men, "men", synthetic)]


def data_rows(series: Iterable[ChartSeries], decimals: int = 1,
              text: ChartText = SWEDISH) -> tuple[list[str], list[list[str]]]:
    """A table beside a chart: header (År, series…) and one row per year, formatted
    (numbers the Swedish way in every language; the header's words in ``text``'s)."""
    series = list(series)
    years = sorted({y for s in series for y, v in s.points.items() if v is not None})
    header = [text(N_("Period")) if _sub_annual(years) else text(N_("År"))] + [s.label for s in series]
    rows = [[text.period(y)] + [format_number(s.points.get(y), decimals) for s in series] for y in years]
    return header, rows


def synthetic_spec(title: str, values: list[tuple[int, float]], unit: str = "") -> dict:
    """A small line chart of (year, value) pairs labelled "Syntetiska demovärden" (the
    report's tests and bench/report.py draw it; a real indicator uses :func:`time_series`)."""
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "subtitle": SYNTHETIC_LABEL},
        "width": 420,
        "height": 180,
        "data": {"values": [{"år": y, "värde": v} for y, v in values]},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "år", "type": "ordinal", "title": "År"},
            "y": {"field": "värde", "type": "quantitative", "title": unit or "Värde", "axis": {"format": ",.1f"}},
        },
        "config": _config(),
    }
