"""The region profile: parsing, contrast checks with the failing key, the shipped
Västerbotten profile, and its use by the three renderers (logo, imprint, running heads
from the first chapter, back cover, line length)."""

from pathlib import Path

import pytest
import yaml

from resultat.core.report.profile import ProfileError, contrast, parse_profile

DATA = Path(__file__).resolve().parents[3] / "data" / "reports" / "vasterbotten"


def _shipped(year=2025):
    data = yaml.safe_load((DATA / "profile.yaml").read_text(encoding="utf-8"))
    logo = (DATA / data.pop("logo")).read_text(encoding="utf-8")
    return parse_profile(data, "profile.yaml", logo_svg=logo, year=year)


def test_contrast_ratio():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#4f81bd", "#ffffff"), 1) == 4.0  # Word's caption blue: the 4.0:1 of the review


def test_the_shipped_profile_passes_and_has_its_imprint():
    p = _shipped()
    assert p.name == "Region Västerbotten" and "<svg" in p.logo_svg and p.logo_alt
    for key in ("text", "muted", "primary", "accent", "link"):
        assert contrast(getattr(p.colours, key), p.colours.background) >= 4.5, key
    labels = [label for label, _v in p.imprint_lines()]
    assert labels[:1] == ["Utgivare"] and "Diarienummer" not in labels  # empty for 2025: not invented
    assert "PDF/UA-1" in p.imprint.accessibility


@pytest.mark.parametrize("colours, message", [
    ({"muted": "#8a8a8a"}, r"colours\.muted #8a8a8a har kontrasten 3\.4\d:1"),
    ({"link": "blue"}, r"colours\.link: ska vara en färg #rrggbb"),
    ({"primary": "#7fc8a9"}, r"colours\.primary #7fc8a9 har kontrasten"),
    ({"shade": "#000000"}, r"colours: okända nycklar shade"),
])
def test_a_bad_profile_is_refused_naming_the_key(colours, message):
    with pytest.raises(ProfileError, match=message):
        parse_profile({"format": "resultat-region-profile/1", "name": "Region X", "colours": colours}, "x.yaml")


def test_a_logo_needs_alt_text_and_the_format_is_checked():
    with pytest.raises(ProfileError, match="logo_alt"):
        parse_profile({"format": "resultat-region-profile/1", "name": "Region X"}, "x.yaml", logo_svg="<svg></svg>")
    with pytest.raises(ProfileError, match="format ska vara"):
        parse_profile({"name": "Region X"}, "x.yaml")


def test_per_edition_imprint_goes_over_the_general_one():
    data = {"format": "resultat-region-profile/1", "name": "Region X", "imprint": {"publisher": "Region X"},
            "editions": {2025: {"diarienummer": "RUN 2025/17", "date": "2026-03-15"}}}
    p = parse_profile(data, "x.yaml", year=2025)
    assert p.imprint_lines() == [("Utgivare", "Region X"), ("Diarienummer", "RUN 2025/17"), ("Datum", "2026-03-15")]
    assert parse_profile(data, "x.yaml", year=2024).imprint.diarienummer == ""


def test_renderers_use_the_profile():
    import io
    import re
    import subprocess

    from docx import Document

    from resultat.core.report.docx import render_docx
    from resultat.core.report.html import profile_css, render_standalone
    from resultat.core.report.model import Report
    from resultat.core.report.pdf import render_pdf
    from tests.core.report.sample import sample_report

    report = sample_report(hostile=False)
    report.profile = _shipped()
    assert Report.from_json(report.to_json()) == report  # the profile is frozen with the edition
    html = render_standalone(report)
    assert 'role="img" aria-label="Resultat Västerbotten: fjäll och älv (symbol)"' in html
    assert "Diarienummer" not in html and "report-imprint" in html and "Tillgänglighet" in html
    assert profile_css(report.profile) in html and "--r-muted:#4a4a4a" in html

    pdf = render_pdf(report)
    pages = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode().split("\f")
    first_chapter = next(i for i, page in enumerate(pages) if report.chapters[0].title in page and i > 2)
    # running heads ("Resultat … 2025" at the top) from the first chapter on, not before
    heads = [i for i, page in enumerate(pages) if re.match(re.escape(report.title) + r" {3,}\S", page.strip())]
    assert heads and min(heads) == first_chapter
    assert "Utgivare" in pages[1] and "901 89 Umeå" in [p for p in pages if p.strip()][-1]
    body = [len(line) for page in pages[first_chapter:] for line in page.split("\n") if len(line.strip()) > 40 and "..." not in line]
    assert 60 <= sum(body) / len(body) <= 76  # characters per full line

    doc = Document(io.BytesIO(render_docx(report)))
    assert len(doc.sections) == 3  # front matter, chapters (running head), back cover
    assert [s.header.paragraphs[0].text for s in doc.sections] == ["", report.title, ""]
    assert str(doc.styles["Caption"].font.color.rgb) == "4A4A4A"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert re.search(r"Utgivare: Region Västerbotten", text) and "Tillgänglighet" in text
