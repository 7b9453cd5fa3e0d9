"""Lists as lists and joint blocks once (import, model, every renderer) and real structure
in the PDF (structure tree) and the DOCX (heading styles, list numbering, visible table of
contents, no running head on the cover, caption contrast) for the imported 2025 edition."""

import io
import re
import subprocess
import tempfile
from collections import Counter

import docx
import pytest
from docx.oxml.ns import qn

from resultat.core.report.blocks import html_to_blocks, merge_adjacent_lists
from resultat.core.report.docx import render_docx
from resultat.core.report.html import render_standalone
from resultat.core.report.pdf import render_pdf
from resultat.followup.models import Contribution
from resultat.reports.builder import build_report

ADJACENT = re.compile(r"</(ul|ol)>\s*<\1>")
DIGITAL_STRATEGY = ["Digital kompetens", "Digitalisering av näringslivet", "Digitalisering av offentlig förvaltning",
                    "Digitalisering av välfärden", "Konnektivitet"]


def test_merge_adjacent_lists():
    html = "<p>a</p><ol><li>1</li></ol><ol><li>2</li></ol>\n<ol><li>3</li></ol><ul><li>x</li></ul><ul><li>y<ul><li>z</li></ul></li></ul>"
    assert merge_adjacent_lists(html) == "<p>a</p><ol><li>1</li><li>2</li><li>3</li></ol><ul><li>x</li><li>y<ul><li>z</li></ul></li></ul>"
    blocks = html_to_blocks("<ol><li>1</li></ol><ol><li>2</li></ol><p>mellan</p><ol><li>ny</li></ol>")
    assert [(b["t"], len(b.get("items", []))) for b in blocks] == [("ol", 2), ("p", 0), ("ol", 1)]


def _items(report):
    return [(b.id, it.kind, it.label, it.text) for ch in report.chapters for s in ch.sections for b in s.blocks for g in b.groups for it in g.items]


def test_import_stores_lists_as_lists_and_joint_blocks_print_items_once(imported):
    bodies = list(Contribution.objects.filter(cycle=imported).values_list("body", flat=True))
    assert not [b for b in bodies if ADJACENT.search(b)]  # no run of one-item lists
    digital = next(b for b in bodies if "Konnektivitet" in b and "Digital kompetens" in b)
    ol = re.search(r"<ol>(.*?)</ol>", digital, re.DOTALL).group(1)
    assert ol.count("<li>") == 5 and all(name in ol for name in DIGITAL_STRATEGY)

    report = build_report(imported)
    items = _items(report)
    assert [k for k, n in Counter(items).items() if n > 1] == []  # no item twice in a block
    assert sum(1 for _b, kind, _l, _t in items if kind == "sdg") == 93  # the original's 93 citations
    joint = next(b for ch in report.chapters for s in ch.sections for b in s.blocks if b.id == "p-2-insatser-a-foretagsstod-a-kommersiell-service")
    labels = [it.label for g in joint.groups for it in g.items]
    assert len(labels) == len(set(labels)) == 3

    html = render_standalone(report)
    assert not ADJACENT.search(html)
    assert re.search(r"<ol><li>Digital kompetens", html)


def _struct(pdf: bytes) -> list[tuple[int, str, str]]:
    """The PDF's structure tree as (depth, element type, text) from poppler's reader
    (`pdfinfo -struct-text`): element lines are `TYPE (block)` or `TYPE "text"`."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run(["pdfinfo", "-struct-text", f.name], capture_output=True, check=True).stdout.decode("utf-8", "replace")
    rows = []
    for line in out.splitlines():
        m = re.match(r"^( *)([A-Za-z][A-Za-z0-9]*)\b(?: \"(.*)\")?", line)
        if m:
            rows.append((len(m.group(1)) // 2, m.group(2), m.group(3) or ""))
        else:
            m = re.match(r'^( *)"(.*)"', line)
            if m and rows:
                rows.append((len(m.group(1)) // 2, "#text", m.group(2)))
    return rows


def _text_after(rows, i):
    depth = rows[i][0]
    out = []
    for d, kind, text in rows[i + 1:]:
        if d <= depth:
            break
        if kind == "#text":
            out.append(text)
    return "".join(out)


def test_pdf_structure_tree_tags_text_headings_and_typed_lists(imported):
    report = build_report(imported)
    rows = _struct(render_pdf(report))
    kinds = Counter(k for _d, k, _t in rows)
    text_headings = len(re.findall(r"<h3>", "".join(b.body_html for ch in report.chapters for s in ch.sections for b in s.blocks)))
    groups = sum(len(b.groups) for ch in report.chapters for s in ch.sections for b in s.blocks)
    assert text_headings > 50
    assert kinds["H4"] >= text_headings + groups  # headings inside texts are headings, not bold text
    h4 = {_text_after(rows, i) for i, (_d, k, _t) in enumerate(rows) if k == "H4"}
    assert "Digital Impact North" in h4 and "Aktuella omvärldsfaktorer" in h4
    n_items = len(_items(report))
    assert kinds["LI"] >= n_items and kinds["L"] >= groups  # typed items are list items
    # the five points of the digitalisation strategy are one list of five, numbered 1–5
    lists = [i for i, (_d, k, _t) in enumerate(rows) if k == "L"]
    digital = next(i for i in lists if "Digital kompetens" in _text_after(rows, i) and "Konnektivitet" in _text_after(rows, i))
    depth = rows[digital][0]
    end = next((j for j in range(digital + 1, len(rows)) if rows[j][0] <= depth), len(rows))
    children = [k for d, k, _t in rows[digital + 1:end] if d == depth + 1]
    labels = [_text_after(rows, j) for j in range(digital + 1, end) if rows[j][1] == "Lbl"]
    assert children.count("LI") == 5 and labels == ["1.", "2.", "3.", "4.", "5."]


def _num_id(paragraph) -> str | None:
    el = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    return el.get(qn("w:val")) if el is not None else None


def test_docx_lists_restart_headings_are_styles_toc_is_visible_cover_has_no_header(imported):
    report = build_report(imported)
    d = docx.Document(io.BytesIO(render_docx(report)))
    paragraphs = d.paragraphs
    numbering = d.part.numbering_part.element
    # every numbered list is its own numbering instance starting at 1
    numbered = [(i, _num_id(p)) for i, p in enumerate(paragraphs) if p.style.name.startswith("List Number")]
    assert numbered and all(n is not None for _i, n in numbered)
    runs: list[tuple[str, list[int]]] = []
    for i, n in numbered:
        if runs and runs[-1][0] == n:
            runs[-1][1].append(i)
        else:
            runs.append((n, [i]))
    assert len({n for n, _ in runs}) == len(runs)  # no instance shared by two lists
    for n, _ in runs:
        num = numbering.find(f"{qn('w:num')}[@{qn('w:numId')}='{n}']")
        start = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        assert start is not None and start.get(qn("w:val")) == "1"
    digital = next(idx for n, idx in runs if paragraphs[idx[0]].text.startswith("Digital kompetens"))
    assert [paragraphs[i].text.split(" — ")[0].split(" – ")[0] for i in digital] == DIGITAL_STRATEGY
    questions = next(idx for n, idx in runs if len(idx) == len(report.questions))
    assert [paragraphs[i].text for i in questions] == [q.title for q in report.questions]
    # headings inside texts are heading styles; typed items are list paragraphs
    styles = {p.text: p.style.name for p in paragraphs if p.text in ("Digital Impact North", "Framflyttningar under året")}
    assert styles and set(styles.values()) <= {"Heading 4", "Heading 5"}
    assert sum(1 for p in paragraphs if p.style.name == "List Bullet") >= len(_items(report))
    # the table of contents shows its entries before any field update
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Innehåll")
    toc = [p.text for p in paragraphs[start + 1:start + 1 + len([e for e in report.toc() if e[0] <= 2])]]
    assert toc == [t for level, _a, t in report.toc() if level <= 2]
    assert paragraphs[start + 1]._p.find(f".//{qn('w:instrText')}").text.startswith("TOC ")
    # no running head or page number on the cover
    section = d.sections[0]
    assert section.different_first_page_header_footer and not section.first_page_header.paragraphs[0].text
    # captions and the subtitle have at least 4.5:1 contrast on white
    for name in ("Caption", "Subtitle"):
        assert _contrast(str(d.styles[name].font.color.rgb)) >= 4.5, name


def _contrast(hex_colour: str) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (lum + 0.05)


@pytest.mark.parametrize("colour, expected", [("4F81BD", 4.0), ("0B3A5B", 11.9)])
def test_contrast_helper(colour, expected):
    assert _contrast(colour) == pytest.approx(expected, abs=0.1)
