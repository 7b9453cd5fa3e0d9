"""One value, one string: the template filter, the chart (its label and the SVG Vega
draws), the report's HTML, PDF and DOCX and the export cells write a number the same way
(core/formats.py)."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal

import pytest

from resultat.core import formats
from resultat.core.charts import render
from resultat.core.charts.specs import ChartSeries, data_rows, time_series
from resultat.core.report.model import Chart, IndicatorSection, Table
from resultat.core.tabular import format_number as cell_number
from resultat.core.tabular import parse_number
from tests.core.report.sample import sample_report

VALUE = 1234567.25  # an exact half in binary: the rounding rule decides the last digit
EXPECTED = "1\u202f234\u202f567,3"
NEGATIVE = "\u22121\u202f234\u202f567,3"


def _report():
    series = [ChartSeries("Västerbottens län", {2023: 1200000.0, 2024: VALUE}, "county")]
    spec = time_series(title="Invånare", series=series, unit="antal", decimals=1)
    header, rows = data_rows(series, 1)
    report = sample_report(hostile=False, indicators=0)
    report.chapters[0].indicators = [IndicatorSection(
        id="p-1-ind-0", title="Invånare", chart=Chart(spec=spec, alt=spec["description"], table=Table("p-1-ind-0-tabell", "Invånare per år", header, rows)),
        source="Källa: SCB", date="2025-01-01", assessment=f"Länet hade {formats.format_number(VALUE, 1)} invånare 2024.")]
    return report, spec, rows


def test_the_formatter():
    assert formats.format_number(VALUE, 1) == EXPECTED
    assert formats.format_number(-VALUE, 1) == NEGATIVE
    assert formats.format_number(Decimal("1234567.25"), 1) == EXPECTED
    assert formats.format_number(None) == "–" and formats.format_number(float("nan")) == "–" and formats.format_number("") == "–"
    assert formats.format_number(-0.04, 1) == "0,0"
    assert formats.format_kronor(12000) == "12\u202f000\u00a0kr"
    assert formats.format_percent(45.25) == "45,3\u00a0%" and formats.format_share(0.4525) == "45,3\u00a0%"
    with pytest.raises(ValueError, match="inget tal"):
        formats.format_number("tolv")
    with pytest.raises(ValueError, match="decimals"):
        formats.format_number(1, -1)


def test_template_filter():
    from django.template import Context, Template

    page = Template('{% load formats %}[{{ v|number:1 }}][{{ n|number:1 }}][{{ kr|kronor }}][{{ none|number }}][{{ d|swedish_date:"long" }}]')
    from datetime import date

    out = page.render(Context({"v": VALUE, "n": -VALUE, "kr": 12000, "none": None, "d": date(2025, 3, 1)}))
    assert out == f"[{EXPECTED}][{NEGATIVE}][12\u202f000\u00a0kr][–][1 mars 2025]"


def test_template_filter_is_swedish_in_english_too():
    from django.template import Context, Template
    from django.utils import translation

    with translation.override("en"):
        assert Template("{% load formats %}{{ v|number:1 }}").render(Context({"v": VALUE})) == EXPECTED


def test_chart_label_and_the_svg_vega_draws():
    report, spec, rows = _report()
    assert f"{EXPECTED} år 2024" in spec["description"]
    assert rows[-1] == ["2024", EXPECTED]
    # Vega formats with d3 and the locale from core/formats: the same string
    text_spec = {"data": {"values": [{"v": VALUE}, {"v": -VALUE}]}, "mark": "text",
                 "encoding": {"text": {"field": "v", "type": "quantitative", "format": ",.1f"}, "y": {"field": "v", "type": "nominal"}}}
    svg = render.svg(text_spec)
    assert f">{EXPECTED}<" in svg and f">{NEGATIVE}<" in svg


def test_report_html_pdf_docx():
    from docx import Document

    from resultat.core.report.docx import render_docx
    from resultat.core.report.html import render_standalone
    from resultat.core.report.pdf import render_pdf

    report, _spec, _rows = _report()
    html = render_standalone(report)
    assert f"<td>{EXPECTED}</td>" in html or f'<td class="num">{EXPECTED}</td>' in html
    assert f"Länet hade {EXPECTED} invånare" in html

    doc = Document(io.BytesIO(render_docx(report)))
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert EXPECTED in cells
    assert any(f"Länet hade {EXPECTED} invånare" in p.text for p in doc.paragraphs)

    # the PDF: Typst receives the same strings; pdftotext writes the narrow no-break space
    # it reads back as a plain space, so the page text is compared with spaces normalised
    import json

    from resultat.core.report.pdf import typst_data

    assert EXPECTED in json.dumps(typst_data(report), ensure_ascii=False)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=render_pdf(report), capture_output=True, check=True).stdout.decode()
    plain = EXPECTED.replace("\u202f", " ")
    assert f"Länet hade {plain} invånare" in text.replace("\u202f", " ")
    assert f"\n2024\n\n{plain}\n" in text.replace("\u202f", " ")


def test_export_cells():
    # a human-readable cell (XLSX/CSV tables of a chart) and a number cell for a Swedish
    # spreadsheet: the second reads back as the value the first shows
    assert cell_number(Decimal("1234567.3"), 1) == EXPECTED
    plain = formats.format_plain(VALUE, 1)
    assert plain == "1234567,3"
    assert parse_number(plain) == parse_number(EXPECTED) == Decimal("1234567.3")
    assert formats.format_plain(-VALUE, 1) == "-1234567,3" and parse_number(NEGATIVE) == Decimal("-1234567.3")


def test_template_filter_negative_decimals_as_floatformat():
    from django.template import Context, Template

    page = Template('{% load formats %}[{{ a|number:"-2" }}][{{ b|number:"-2" }}][{{ c|number:"-4" }}]')
    assert page.render(Context({"a": 12345.0, "b": 12345.678, "c": Decimal("0.5")})) == "[12\u202f345][12\u202f345,68][0,5000]"
