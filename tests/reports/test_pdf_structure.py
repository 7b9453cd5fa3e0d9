"""The structure tree of the built 2025 PDF, read object by object
(tests/core/report/pdfstruct.py): /Lang, headings H1–H6 without skipped levels, lists
as L/LI, table headers with scope, figures with alt text, bookmarks down to the areas,
and link annotations for the contacts' e-mail addresses and the imprint's web address."""

import re

from resultat.core.report.pdf import render_pdf
from resultat.reports.builder import build_report
from tests.core.report.pdfstruct import PdfFile, link_uris, outline, role, struct_elements


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
    """The imported 2025 edition has no tables without loaded indicator values, so the
    tables are checked on the sample report (indicator tables and the annex)."""
    from tests.core.report.sample import sample_report

    pdf = PdfFile(render_pdf(sample_report()))
    els = [(e, role(pdf, e)) for _d, e, _p in struct_elements(pdf)]
    tables = [e for e, r in els if r == "Table"]
    ths = [e for e, r in els if r == "TH"]
    assert len(tables) >= 2 and len(ths) >= 2 * len(tables)
    assert all(_has_table_scope(th) for th in ths), [th for th in ths if not _has_table_scope(th)][:1]
