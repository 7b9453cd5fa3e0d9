"""Indicator pages that inform, in the three formats: the caption states the finding (not
the chart's description, which stays its alt text), the table's numbers are right-aligned,
the heading never leaves its chart, and short indicators share a page."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from resultat.core.report.docx import render_docx
from resultat.core.report.html import render_standalone
from resultat.core.report.pdf import render_pdf
from tests.core.report.formats import pdf_text
from tests.core.report.pdfstruct import PdfFile, role, struct_elements
from tests.core.report.sample import sample_report


def test_caption_states_the_finding_and_the_alt_text_describes_the_chart():
    report = sample_report(hostile=False, indicators=3)
    ind = report.chapters[0].indicators[0]
    html = render_standalone(report)
    assert f"<figcaption>{ind.finding}</figcaption>" in html
    assert f'aria-label="{ind.chart.alt}"' in html and f"<figcaption>{ind.chart.alt}" not in html
    text = " ".join(pdf_text(render_pdf(report)).split())
    assert ind.finding in text
    docx = Document(io.BytesIO(render_docx(report)))
    captions = [p.text for p in docx.paragraphs if p.style.name == "Caption"]
    assert ind.finding in captions and ind.chart.alt not in captions
    assert any(ind.chart.alt == el.get("descr") for el in docx.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"))


def test_numbers_in_tables_are_right_aligned():
    report = sample_report(hostile=False)
    html = render_standalone(report)
    assert '<th scope="row">2020</th><td class="num">10</td>' in html
    assert '<th scope="col" class="num">Belopp (kr)</th>' in html and '<td class="num">5 000 000</td>' in html
    assert '<th scope="row">Anslag 1:1</th><td class="num">3</td>' in html
    docx = Document(io.BytesIO(render_docx(report)))
    table = next(t for t in docx.tables if t.rows[0].cells[-1].text == "Belopp (kr)")
    assert table.rows[1].cells[0].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT
    assert all(r.cells[-1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for r in table.rows)


def test_indicator_heading_stays_with_its_chart_and_two_share_a_page():
    """In the PDF each indicator's heading is on the page of its chart, and short
    indicators (five years, real values: no demo label) are set two to a page."""
    report = sample_report(hostile=False, indicators=4)
    for ind in report.chapters[0].indicators:
        ind.synthetic = False
    pdf = PdfFile(render_pdf(report))
    pages = {id(p): n for n, p in enumerate(pdf.pages())}
    titles = [ind.title for ind in report.chapters[0].indicators]
    order = [(role(pdf, e), e) for _d, e, _p in struct_elements(pdf)]

    def page(el):
        return pages[id(pdf.resolve(el["Pg"]))] if "Pg" in el else page(pdf.resolve(next(k for k in (el["K"] if isinstance(el["K"], list) else [el["K"]]) if not isinstance(k, int))))

    heads = [(i, e) for i, (r, e) in enumerate(order) if r == "H3" and e.get("T") in titles]
    assert [e["T"] for _i, e in heads] == titles
    on_page = []
    for i, head in heads:
        figure = next(e for r, e in order[i:] if r == "Figure")
        assert page(head) == page(figure), head["T"]
        on_page.append(page(head))
    assert len(set(on_page)) < len(on_page)  # at least two indicators share a page
