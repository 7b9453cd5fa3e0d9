"""PDF renderer: Typst (``typst`` package), PDF/UA-1, Swedish.

The template ``report.typ`` is fixed; the report travels as one JSON document in
``sys_inputs["data"]`` and the template reads it with ``json(bytes(...))``. User text is
therefore never Typst source: ``#``, ``$``, ``*`` and ``@`` print as themselves. Charts are
passed as SVG text (``image(bytes(svg), format: "svg", alt: …)``). Typst checks PDF/UA-1
while compiling and raises ``typst.TypstError`` on a violation (for example an image
without alt text).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import typst

from resultat.core import charts
from resultat.core.report.blocks import html_to_blocks
from resultat.core.report.model import Report, Table, source_line

TEMPLATE = Path(__file__).with_name("report.typ")

# Pictographs (emoji) have no glyph in the fonts Typst can embed here, and PDF/UA-1 forbids
# text that cannot be shown; they are written as their Unicode name in brackets instead.
_PICTOGRAPH = re.compile("[\U0001F000-\U0001FAFF\u2700-\u27BF]")
_INVISIBLE = re.compile("[\uFE0F\u200D]")


def _name(m: re.Match) -> str:
    return "[" + unicodedata.name(m.group(0), f"U+{ord(m.group(0)):04X}").lower() + "]"


def pdf_safe(value):
    """Strings with pictographs replaced by their Unicode names (recursively)."""
    if isinstance(value, str):
        return _PICTOGRAPH.sub(_name, _INVISIBLE.sub("", value))
    if isinstance(value, list):
        return [pdf_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: (v if k == "svg" else pdf_safe(v)) for k, v in value.items()}
    return value


def _no_break_after_dash(text: str) -> str:
    """A spaced dash ("2025 - 2031") binds to the words on both sides: a line that ended
    in " -" reads as a hyphenated word (and text extraction drops the dash)."""
    # a no-break space alone is not enough: Unicode line breaking (UAX 14, LB12a) allows a
    # break between a hyphen and a following no-break space; the word joiner forbids it
    return text.replace(" - ", "\u00a0-\u2060\u00a0").replace(" – ", "\u00a0–\u2060\u00a0")


def _blocks(html: str, english: set[str]) -> list[dict]:
    """The text's blocks; a heading written in English gets ``en`` (``lang: "en"``)."""

    def mark(blocks):
        for b in blocks:
            if b["t"] in ("h3", "h4"):
                b["en"] = "".join(r["s"] for r in b["c"]).strip() in english
            for item in b.get("items", []):
                mark(item)
        return blocks

    return mark(html_to_blocks(html))


def _table(t: dict, table: Table) -> dict:
    return dict(t, numeric=table.numeric_columns())


def typst_data(report: Report) -> dict:
    """The report as the template's JSON: HTML texts as blocks, charts as SVG."""
    d = report.to_dict()
    english = set(report.english_titles)
    d["foreword"] = _blocks(report.foreword_html, english) if report.foreword_html else None
    for t_d, t in zip(d["introduction"], report.introduction, strict=True):
        t_d["body"] = _blocks(t.body_html, english)
    for ch_d, ch in zip(d["chapters"], report.chapters, strict=True):
        for s_d, s in zip(ch_d["sections"], ch.sections, strict=True):
            for b_d, b in zip(s_d["blocks"], s.blocks, strict=True):
                b_d["heading"] = b.heading
                b_d["body"] = _blocks(b.body_html, english)
                b_d["subtitle_en"] = b.subtitle in english
                for g_d, g in zip(b_d["groups"], b.groups, strict=True):
                    for it_d, it in zip(g_d["items"], g.items, strict=True):
                        it_d["label"] = _no_break_after_dash(it.label)
                        it_d["en"] = it.label in english
        for i_d, ind in zip(ch_d["indicators"], ch.indicators, strict=True):
            i_d["svg"] = charts.svg(ind.chart.spec)
            i_d["alt"] = ind.chart.alt
            i_d["caption"] = ind.finding or ind.chart.alt
            i_d["source_line"] = pdf_safe(source_line(ind))
            i_d["table"] = _table(i_d["chart"]["table"], ind.chart.table)
            del i_d["chart"]
    if report.annex.is_empty():
        d["annex"] = None
    else:
        a = d["annex"]
        a["funding_tables"] = [_table(t_d, t) for t_d, t in zip(a["funding_tables"], report.annex.funding_tables, strict=True)]
        if report.annex.impact_matrix is not None:
            a["impact_matrix"] = _table(a["impact_matrix"], report.annex.impact_matrix)
    if report.profile is not None:
        d["profile"]["imprint_rows"] = report.profile.imprint_lines()
    return d


def render_pdf(report: Report) -> bytes:
    data = json.dumps(pdf_safe(typst_data(report)), ensure_ascii=False)
    return typst.compile(str(TEMPLATE), sys_inputs={"data": data}, pdf_standards="ua-1")
