"""The edition's own texts imported from the 2025 report: foreword with signature, the
introduction's sections (with the inriktningar described), the reading guide and the
contacts' introduction, in the model and in all three formats."""

from pathlib import Path

import pytest

from resultat.core.report.docx import render_docx
from resultat.core.report.html import render_standalone
from resultat.core.report.pdf import render_pdf
from resultat.imports import frontmatter
from resultat.imports import services as import_services
from resultat.reports.builder import CONTACTS_INTRO, READING_GUIDE, build_report
from resultat.reports.models import ReportSection, ReportSectionRevision
from tests.core.report.formats import docx_text, html_text, pdf_text
from tests.reports.conftest import REPORT

INTRODUCTION = [
    (1, "Översikt över rapporten"), (2, "Tredje året med Resultat Västerbotten"), (2, "Gemensamt framtagande"),
    (2, "Strategiskt lärande i samverkan"),
    (1, "Övergripande hållbarhetsmål och vägen dit – sex prioriteringar och tre inriktningar"),
    (2, "Uppdrag från regeringen"), (2, "Två övergripande hållbarhetsmål"), (2, "Vägen till ett hållbart Västerbotten år 2030"),
]


def test_front_matter_is_imported_as_the_editions_own_text(imported):
    r = build_report(imported)
    assert r.foreword_html.startswith("<p>Denna rapport, Resultat Västerbotten 2025, är en del i uppföljningen")
    assert r.foreword_signature == "Patrik Sällström, Regional utvecklingsdirektör"
    assert [(t.level, t.title) for t in r.introduction] == INTRODUCTION
    vagen = r.introduction[-1].body_html
    assert vagen.count("<li>") == 3 and "<li>Jämlik och jämställd inkludering - Regionala utvecklingsinsatser" in vagen
    assert "totalt 20 tillhörande delprioriteringarna" in vagen
    assert "I Västerbotten kommer det regionala utvecklingsarbetet" in r.introduction[-2].body_html  # OCR "|" read as "I"
    assert r.reading_guide != READING_GUIDE and "svar på åtta olika frågeställningar" in r.reading_guide
    assert r.contacts_intro != CONTACTS_INTRO and r.contacts_intro.startswith("Resultat Västerbotten innehåller bidrag från alla verksamheter")
    toc = [title for _level, _anchor, title in r.toc()]
    assert toc[:3] == ["Förord", "Översikt över rapporten", "Tredje året med Resultat Västerbotten"]
    # each text has its import as revision 1; importing again changes nothing
    assert ReportSection.objects.filter(cycle=imported).count() == 11
    assert set(ReportSectionRevision.objects.values_list("number", flat=True)) == {1}
    result = import_services.import_report(REPORT, year=2025)
    assert result.totals["texter oförändrade"] == 11 and ReportSectionRevision.objects.count() == 11


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_front_matter_in_every_format(imported, fmt):
    r = build_report(imported)
    text = {"html": lambda: html_text(render_standalone(r)), "pdf": lambda: pdf_text(render_pdf(r)),
            "docx": lambda: docx_text(render_docx(r))}[fmt]()
    flat = " ".join(text.split())
    for needle in ("Patrik Sällström", "Tredje året med Resultat Västerbotten", "Gemensamt framtagande",
                   "Föregångare i omställning - Regionala utvecklingsinsatser", "enheten för folkhälsa och FoU socialtjänst"):
        assert needle in flat, (fmt, needle)


def test_bad_line_range_is_an_error_saying_where(imported, tmp_path):
    spec = tmp_path / "front.yaml"
    spec.write_text("format: resultat-front-matter/1\nsections:\n  - {code: x, title: X, lines: [5, 99999]}\n", encoding="utf-8")
    lines = Path(REPORT).read_text(encoding="utf-8").split("\n")
    with pytest.raises(frontmatter.FrontMatterError, match=r"sections\[0\]: lines ska vara"):
        frontmatter.import_front_matter(imported, lines, spec, "x.txt")
