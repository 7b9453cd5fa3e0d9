"""The descriptive area headings of the 2025 original ("Omvärlden påverkar
digitalisering") kept as the areas' sub-titles, in the model and in all three formats."""

import pytest

from resultat.core.report.docx import render_docx
from resultat.core.report.html import render_standalone
from resultat.core.report.pdf import render_pdf
from resultat.imports import services as import_services
from resultat.reports.builder import build_report
from resultat.reports.models import AreaHeading
from tests.core.report.formats import docx_text, html_text, pdf_text
from tests.reports.conftest import REPORT

SAMPLES = {
    ("p-1", "omvarldsanalys", "a-digitalisering"): "Omvärlden påverkar digitalisering",
    ("p-1", "bidrag", "a-innovationsledning"): "Regional innovationsledning",
    ("p-2", "sammanhallen-region", "a-foretagsstod"): "Företagsstöd och kommersiell service för en sammanhållen region",
    ("p-6", "samverkan", "a-kompetensforsorjning"): "Samverkan inom kompetensförsörjningsfrågorna i Västerbotten",
}


def _blocks(report):
    return {(ch.code, s.code, b.area_codes[0]): b for ch in report.chapters for s in ch.sections for b in s.blocks}


def test_descriptive_headings_are_kept_as_subtitles(imported):
    report = build_report(imported)
    blocks = _blocks(report)
    subtitles = [b.subtitle for b in blocks.values() if b.subtitle]
    # 60 printed headings say more than the area's name; a joint block counts once
    assert 55 <= len(subtitles) <= 60, len(subtitles)
    for key, heading in SAMPLES.items():
        assert blocks[key].subtitle == heading, key
    assert blocks[("p-1", "bidrag", "a-digitalisering")].subtitle == ""  # printed heading is the name
    assert not any(s.startswith("Samhillbyggnad") for s in subtitles)  # OCR-damaged name is not a sub-title
    # a new import changes nothing
    before = list(AreaHeading.objects.order_by("pk").values_list("pk", "heading"))
    import_services.import_report(REPORT, year=2025)
    assert list(AreaHeading.objects.order_by("pk").values_list("pk", "heading")) == before


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_subtitles_in_every_format(imported, fmt):
    r = build_report(imported)
    text = {"html": lambda: html_text(render_standalone(r)), "pdf": lambda: pdf_text(render_pdf(r)),
            "docx": lambda: docx_text(render_docx(r))}[fmt]()
    flat = " ".join(text.split())
    for heading in SAMPLES.values():
        assert heading in flat, (fmt, heading)
