"""The report model, its three renderers and their equal content (constructed data)."""

import io
import json
import subprocess
import tempfile
import zipfile

import docx
import pytest

from resultat.core.report import diff, summary
from resultat.core.report.docx import render_docx
from resultat.core.report.html import render_fragment, render_standalone
from resultat.core.report.model import Report
from resultat.core.report.pdf import render_pdf
from resultat.core.report.slices import make_slice
from tests.core.report.formats import docx_body_text, html_text, pdf_text
from tests.core.report.sample import CLOSING, HOSTILE, sample_report


@pytest.fixture(scope="module")
def rendered():
    r = sample_report(indicators=2)
    return r, render_standalone(r), render_pdf(r), render_docx(r)


def test_json_round_trip_and_hash():
    r = sample_report()
    again = Report.from_json(r.to_json())
    assert again == r and again.content_hash() == r.content_hash()
    again.chapters[0].sections[0].blocks[0].body_html += "<p>x</p>"
    assert again.content_hash() != r.content_hash()
    with pytest.raises(ValueError, match="okända fält"):
        Report.from_json(json.dumps({**r.to_dict(), "extra": 1}))


def test_toc_and_anchors_are_stable_and_unique():
    r = sample_report()
    anchors = [a for _, a, _ in r.toc()]
    assert len(anchors) == len(set(anchors))
    html = render_fragment(r)
    for a in anchors:
        assert f'id="{a}"' in html and f'href="#{a}"' in html


def test_html_names_only_chapter_level_regions():
    """Every <section> with an accessible name is a region landmark; the 2025 edition had
    247 (one per question, area and indicator). Chapters, front matter, annex and contacts
    are the landmarks; the rest is reached by headings."""
    import re

    r = sample_report()
    html = render_fragment(r)
    named = re.findall(r'<section class="([a-z-]+)" aria-labelledby=', html)
    assert set(named) <= {"front", "chapter", "indicators", "annex", "contacts"}, set(named)
    assert named.count("chapter") == len(r.chapters)
    assert 'class="area-block"' in html and 'class="question"' in html  # the sections are still there, unnamed


def _chapters(r, text, after):
    return summary.split_chapters(r, text, start_after=after)


def test_three_formats_carry_the_same_content(rendered):
    r, html, pdf, docx_bytes = rendered
    expected = summary.content_summary(r)
    assert expected["p-1"]["citations"] == 2 and expected["p-1"]["areas"] == 3 and expected["p-1"]["indicators"] == 2
    texts = {
        "html": _chapters(r, html_text(html), CLOSING),
        "pdf": _chapters(r, pdf_text(pdf), CLOSING),
        "docx": _chapters(r, docx_body_text(docx_bytes), CLOSING),
    }
    for fmt, chapter_texts in texts.items():
        assert summary.text_summary(r, chapter_texts) == expected, fmt
    for code in expected:
        counts = {fmt: summary.citations(t[code]) for fmt, t in texts.items()}
        assert set(counts.values()) == {expected[code]["citations"]}, counts


def test_hostile_characters_print_as_themselves(rendered):
    r, html, pdf, docx_bytes = rendered
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for marker in ("#strong[x]", "$a+b$", "*fet*", "@ref", "مرحبا", "🌲"):
        assert marker in html_text(html), marker
        assert marker in docx_body_text(docx_bytes), marker
    text = summary.norm(pdf_text(pdf).replace("\u202b", "").replace("\u202c", ""))
    for marker in ("#strong[x]", "$a+b$", "*fet*", "@ref", "<script>alert(1)</script>", "Donaudampfschifffahrts"):
        assert marker in text, marker
    assert "مرحبا" in text or "ابحرم" in text  # pdftotext may give visual order
    assert "evergreen tree]" in text  # no emoji font: its Unicode name (see docs/report.md)
    assert "Vindkraft mot rennäring: #$*@" in text


def test_pdf_is_pdf_ua_1_with_title_language_outline_and_alt_text(rendered):
    r, _, pdf, _ = rendered
    assert b"pdfuaid" in pdf and b"<pdfuaid:part>1</pdfuaid:part>" in pdf
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=True).stdout
    assert "Resultat Västerbotten 2025" in info and "Tagged:          yes" in info
    assert b"/Lang(sv-SE)" in pdf
    assert b"/Outlines" in pdf and b"/Alt" in pdf


def test_pdf_ua_check_rejects_an_image_without_alt_text(tmp_path):
    import typst

    src = tmp_path / "t.typ"
    src.write_text('#set document(title: "x")\n#set text(lang: "sv")\n#image(bytes("<svg xmlns=\'http://www.w3.org/2000/svg\' width=\'4\' height=\'4\'/>"), format: "svg")\n')
    with pytest.raises(typst.TypstError, match="(?i)alt"):
        typst.compile(str(src), pdf_standards="ua-1")


def test_first_pdf_pages_are_not_blank(rendered, tmp_path):
    _, _, pdf, _ = rendered
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-f", "1", "-l", "3", "-gray", str(path), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.pgm"))
    assert len(pages) == 3
    for page in pages:
        data = page.read_bytes()
        pixels = data.split(b"\n", 3)[3]
        dark = sum(1 for b in pixels if b < 200)
        # 0.3 %: the sample's foreword page (two short lines and a page number on the
        # 12.6 cm measure of the region profile) has about 0.44 %; a page with only its
        # number has under 0.1 %
        assert dark > len(pixels) * 0.003, page.name


def test_docx_has_headings_toc_field_alt_text_tables_and_properties(rendered):
    r, _, _, data = rendered
    d = docx.Document(io.BytesIO(data))
    styles = {p.style.name for p in d.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3"} <= styles
    assert d.core_properties.title == r.title and d.core_properties.language == "sv-SE"
    z = zipfile.ZipFile(io.BytesIO(data))
    assert 'w:updateFields w:val="true"' in z.read("word/settings.xml").decode()
    document = z.read("word/document.xml").decode()
    assert "TOC \\o" in document and 'descr="Linjediagram: indikator 1' in document
    assert any(n.startswith("word/media/") and n.endswith(".png") for n in z.namelist())
    assert len(d.tables) >= 4 and d.tables[0].rows[0].cells[0].text == "År"
    assert 'w:lang w:val="sv-SE"' in z.read("word/styles.xml").decode()


def test_html_standalone_is_one_file_with_inline_svg(rendered):
    _, html, _, _ = rendered
    assert "<style>" in html and "<svg" in html and 'role="img" aria-label="Linjediagram' in html
    assert "http" not in html.split("<body>")[0].replace("https://vega.github.io", "")
    assert "Syntetiska demovärden" in html


def test_slices():
    r = sample_report(hostile=False)
    scan = make_slice(r, "omvarldsanalys")
    assert [s.code for ch in scan.chapters for s in ch.sections] == ["omvarldsanalys", "omvarldsanalys"]
    assert not any(ch.indicators for ch in scan.chapters) and scan.annex.is_empty()
    gov = make_slice(r, "arlig-resultatredovisning")
    assert "omvarldsanalys" not in {s.code for ch in gov.chapters for s in ch.sections}
    for fmt in (render_standalone, render_pdf, render_docx):
        assert fmt(scan)


def test_edition_diff():
    old = sample_report(hostile=False)
    new = Report.from_json(old.to_json())
    new.chapters[0].sections[0].blocks[0].body_html = "<p>Helt ny text om omvärlden.</p>"
    new.chapters[0].sections[-1].blocks[1].groups[0].items.append(new.chapters[0].sections[-1].blocks[1].groups[0].items[0].__class__("initiative", "Ny insats", "x"))
    new.chapters[0].indicators[0].assessment = "Utvecklingen går åt fel håll."
    d = diff.diff_reports(old, new)
    assert len(d.texts) == 1 and d.texts[0].status == "ändrad" and "<ins>" in d.texts[0].diff_html
    assert d.initiatives_new == ["Ny insats"] and not d.initiatives_ended
    assert d.assessments == [("Indikator 1", "Utvecklingen går åt rätt håll.", "Utvecklingen går åt fel håll.")]
    assert "Ny insats" in diff.diff_standalone(d)
    assert HOSTILE  # imported for the sample's hostile variant
