"""The structure tree of the built 2025 PDF, read object by object
(tests/core/report/pdfstruct.py): /Lang, headings H1–H6 without skipped levels, lists
as L/LI, table headers with scope, figures with alt text, bookmarks down to the areas,
and link annotations for the contacts' e-mail addresses and the imprint's web address;
on the published 2025 edition as the demo leaves it: its tables, /Lang en on its English
titles and decoration as artifacts."""

import re

import pytest
from django.core.management import call_command

from resultat.core.report.pdf import render_pdf
from resultat.initiatives import demo as initiatives_demo
from resultat.initiatives.programmes import seed_programmes
from resultat.reports import services
from resultat.reports.builder import build_report
from tests.core.report.pdfstruct import (
    PdfFile,
    language_of,
    link_uris,
    mcid_owners,
    outline,
    page_marks,
    role,
    struct_elements,
)
from tests.plugins.snapshots import replay


def test_structure_tree_of_the_2025_pdf(imported):
    report = build_report(imported)
    pdf = PdfFile(render_pdf(report))
    assert pdf.catalog["Lang"] == "sv-SE"
    assert pdf.catalog["MarkInfo"] == {"Marked": True, "Suspects": False}
    els = [(d, e, p, role(pdf, e)) for d, e, p in struct_elements(pdf)]
    roles = [r for *_, r in els]

    # headings in order: the first is H1 and none goes down more than one level at a time
    levels = [int(r[1]) for r in roles if re.fullmatch(r"H[1-6]", r)]
    assert levels[0] == 1 and len(levels) > 400
    jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert jumps == []
    assert {1, 2, 3, 4} <= set(levels)

    # lists: every LI in an L, every L holds LI (typed items, texts' lists, the eight questions)
    assert roles.count("L") > 100 and roles.count("LI") > 450
    for _d, e, parent, r in els:
        if r == "LI":
            assert parent is not None and role(pdf, parent) == "L"
        if r == "L":
            kids = [role(pdf, k) for k in (pdf.resolve(x) for x in (e["K"] if isinstance(e["K"], list) else [e["K"]])) if isinstance(k, dict) and "S" in k]
            assert kids and set(kids) <= {"LI", "Caption"}, kids

    # figures (the logo, the charts) have alt text
    figures = [e for _d, e, _p, r in els if r == "Figure"]
    assert figures and all(str(f.get("Alt", "")).strip() for f in figures)

    # bookmarks: chapters → question sections → areas
    marks = outline(pdf)
    assert max(d for d, _t in marks) >= 3
    titles = [(d, t) for d, t in marks]
    i = titles.index((1, "Västerbotten — En nytänkande och smart region"))
    assert titles[i + 1] == (2, "Omvärldsanalys") and titles[i + 2] == (3, "Digitalisering")

    # links: every contact's e-mail address and the imprint's web address
    uris = link_uris(pdf)
    emails = {c.email for g in report.contacts for c in g.contacts if c.email}
    assert emails and emails <= {u.removeprefix("mailto:") for u in uris if u.startswith("mailto:")}
    assert "https://www.regionvasterbotten.se" in uris
    assert roles.count("Link") >= len(uris)


def _has_table_scope(th: dict) -> bool:
    attrs = th.get("A")
    attrs = attrs if isinstance(attrs, list) else [attrs]
    return any(isinstance(a, dict) and a.get("O") == "Table" and a.get("Scope") in ("Column", "Row", "Both") for a in attrs)


def test_table_headers_have_scope():
    """The sample report has every kind of table (indicator tables, the annex's funding
    and impact tables); the published 2025 edition's own tables are checked below."""
    from tests.core.report.sample import sample_report

    pdf = PdfFile(render_pdf(sample_report()))
    els = [(e, role(pdf, e)) for _d, e, _p in struct_elements(pdf)]
    tables = [e for e, r in els if r == "Table"]
    ths = [e for e, r in els if r == "TH"]
    assert len(tables) >= 2 and len(ths) >= 2 * len(tables)
    assert all(_has_table_scope(th) for th in ths), [th for th in ths if not _has_table_scope(th)][:1]


# -- the published 2025 edition as `resultat demo setup` leaves it --------------------------


@pytest.fixture
def published_2025(imported):
    """The frozen 2025 edition of the demo: the imported report, the demo's indicator sets
    (synthetic values and the real BRP+ 2025 seed figures) and the register's synthetic
    decisions; published, so only real values are in it."""
    from resultat.initiatives.models import FundingProgramme, FundingSource

    def build():
        seed_programmes(FundingSource, FundingProgramme)
        initiatives_demo.load(n=20, year=2025)
        call_command("indicators", "load-sets")
        call_command("indicators", "demo")
        return services.freeze_edition(imported)

    # loaded once per process, then replayed as rows (tests/plugins/snapshots.py)
    edition = replay("published_2025_edition", build)
    report = services.edition_report(edition)
    return report, PdfFile(render_pdf(report))


def _squash(text: str) -> str:
    return re.sub(r"[\s\u00a0\u2060]+", "", text)


def test_tables_of_the_published_2025_edition_have_header_cells_with_scope(published_2025):
    """The edition's real tables (the BRP+ indicator tables; the annex has none because the
    register holds no real decision) are Table elements with TH cells that have a scope."""
    report, pdf = published_2025
    expected = sum(len(ch.indicators) for ch in report.chapters) + len(report.annex.funding_tables) + (report.annex.impact_matrix is not None)
    assert expected >= 2  # BRP+ 2025 in chapter 4 and in the overarching chapter
    els = [(e, role(pdf, e)) for _d, e, _p in struct_elements(pdf)]
    tables = [e for e, r in els if r == "Table"]
    assert len(tables) == expected
    ths = [e for e, r in els if r == "TH"]
    assert len(ths) >= 3 * len(tables)  # År, Västerbottens län, Riket
    assert all(_has_table_scope(th) for th in ths)


def test_english_titles_are_marked_english_in_the_pdf(published_2025):
    """Every English title (items, headings in texts) is read as English: /Lang en on its
    marked content or its structure element; nothing else is."""
    report, pdf = published_2025
    english = report.english_titles
    assert len(english) >= 10 and "Digital Impact North" in english and "Youth Up North" in english
    marked, swedish_text = [], []
    for page in pdf.pages():
        owners = mcid_owners(pdf, page)
        for m in page_marks(pdf, page):
            if m.text and not m.artifact:
                lang = language_of(pdf, m, owners)
                (marked if lang.startswith("en") else swedish_text).append((lang, m.text))
    assert marked and {lang for lang, _t in marked} == {"en"}
    in_english = "".join(_squash(t) for _l, t in marked)
    titles = [_squash(t) for t in english]
    assert [t for t, s in zip(english, titles, strict=True) if s not in in_english] == []
    assert [t for _l, t in marked if not any(_squash(t) in s for s in titles)] == []
    assert any("Västerbotten" in t for _l, t in swedish_text)


def test_decoration_is_artifact_in_the_pdf(published_2025):
    """Nothing is painted outside marked content; the cover's bands, the running heads and
    their rules, and the page numbers are artifacts; no tagged content sits in the margins
    where they are."""
    report, pdf = published_2025
    pages = pdf.pages()
    height = float(pages[0]["MediaBox"][3])
    marks = [page_marks(pdf, p) for p in pages]
    assert [(n + 1, m.op) for n, ms in enumerate(marks) for m in ms if m.tag is None] == []

    # the cover: filled shapes are artifacts, except the logo (a Figure with alt text)
    owners = mcid_owners(pdf, pages[0])
    cover_fills = [m for m in marks[0] if m.op == "f"]
    assert sum(m.artifact for m in cover_fills) >= 2
    assert all(m.artifact or role(pdf, owners[m.mcid]) == "Figure" for m in cover_fills)

    # the margins' outer parts (2.6 cm top and 2.4 cm bottom margins; the body's last
    # baseline can sit a little inside the bottom margin)
    top, bottom = height - 60, 55

    start = next(n for n, ms in enumerate(marks) if any(m.artifact and m.text == report.title and m.y > top for m in ms))
    assert start > 3  # running heads from the first chapter on, not on the cover or the contents
    for n, ms in enumerate(marks[1:-1], start=1):
        footer = [m for m in ms if m.y < bottom]
        assert footer and all(m.artifact for m in footer), n + 1
        assert "".join(m.text for m in footer if m.text) == str(n + 1)  # the page number
        header = [m for m in ms if m.y > top]
        assert all(m.artifact for m in header), n + 1
        if n >= start:
            assert any(m.text == report.title for m in header) and any(m.op == "S" for m in header), n + 1
        else:
            assert header == [], n + 1
    # the back cover: the page colour and the address are decoration
    assert any(m.artifact and m.op == "f" for m in marks[-1])
