"""The report's annex (funding compilation, Agenda 2030 impact matrix, goal conflicts) from
the initiatives register, and the rule that a published edition holds only real values."""

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse

from resultat.accounts.models import Role
from resultat.core.formats import format_number
from resultat.core.report.docx import render_docx
from resultat.core.report.html import render_standalone
from resultat.core.report.model import Chart, IndicatorSection, Table
from resultat.core.report.pdf import render_pdf
from resultat.followup import services as followup_services
from resultat.followup.models import Cycle
from resultat.initiatives import demo as initiatives_demo
from resultat.initiatives.models import FundingDecision
from resultat.initiatives.programmes import seed_programmes
from resultat.reports import adapters, services
from resultat.reports.builder import build_report
from resultat.reports.models import ReportEdition
from tests.core.report.formats import docx_text, html_text, pdf_text
from tests.factories import make_user


class _Tables(HTMLParser):
    """Every table of a page as (caption, rows of cell texts)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.cell, self.caption = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append(["", []])
        elif tag == "caption":
            self.caption = ""
        elif tag == "tr" and self.tables:
            self.tables[-1][1].append([])
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "caption":
            self.tables[-1][0], self.caption = self.caption.strip(), None
        elif tag in ("td", "th") and self.cell is not None:
            self.tables[-1][1][-1].append(" ".join(self.cell.split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        elif self.caption is not None:
            self.caption += data


def _page_tables(html: str) -> dict[str, list[list[str]]]:
    p = _Tables()
    p.feed(html)
    return {caption: [r for r in rows if r] for caption, rows in p.tables}


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _table(tables: dict, start: str) -> list[list[str]]:
    return next(rows for caption, rows in tables.items() if caption.startswith(start))


@pytest.fixture
def register(imported):
    seed_programmes(*_programme_models())
    initiatives_demo.load(n=60, year=2025)
    return imported


def _programme_models():
    from resultat.initiatives.models import FundingProgramme, FundingSource

    return FundingSource, FundingProgramme


def test_annex_totals_match_the_registers_own_pages(client, register):
    cycle = register
    cycle.state = Cycle.State.LOCKED  # unpublished: the demo's synthetic decisions may show, labelled
    cycle.published_at = None  # never published (a cycle published before stays public while reopened)
    cycle.save()
    annex = build_report(cycle).annex
    assert annex.synthetic and any("Syntetiska demovärden" in n for n in annex.notes)
    tables = {t.caption.split(" – ")[0]: t for t in annex.funding_tables}
    assert set(tables) == {"Beviljat per program 2025 (kr)", "Beviljat per delprioritering och stödform 2025 (kr)",
                           "Beviljat per kommun 2025, totalt och per invånare"}
    assert all(t.caption.endswith("– Syntetiska demovärden") for t in annex.funding_tables)

    page = _page_tables(client.get(reverse("initiatives:compilation_year", args=[2025])).content.decode())
    by_programme = {r[0]: _digits(r[1]) for r in _table(page, "Beviljat per program")[1:]}
    report_programme = tables["Beviljat per program 2025 (kr)"].rows
    assert {r[0]: _digits(r[1]) for r in report_programme[:-1]} == by_programme
    by_municipality = {r[0]: _digits(r[1]) for r in _table(page, "Beviljat per kommun")[1:]}
    report_municipality = tables["Beviljat per kommun 2025, totalt och per invånare"].rows
    assert {r[0]: _digits(r[1]) for r in report_municipality[:-1]} == by_municipality
    total = sum(d.granted_amount for d in FundingDecision.objects.filter(decision_date__year=2025))
    assert report_programme[-1] == ["Totalt", format_number(int(total))]
    assert _digits(report_municipality[-1][1]) == _digits(report_programme[-1][1])
    sub_rows = tables["Beviljat per delprioritering och stödform 2025 (kr)"].rows
    assert sum(int(_digits(r[2])) for r in sub_rows[:-1]) == pytest.approx(int(total), abs=len(sub_rows))

    matrix_page = _page_tables(client.get(reverse("initiatives:matrix")).content.decode())
    per_goal = _table(matrix_page, "Antal insatser och beviljade medel per mål")[1:]
    assert annex.impact_matrix is not None and len(annex.impact_matrix.rows) == len(per_goal) == 17
    for mine, theirs in zip(annex.impact_matrix.rows, per_goal, strict=True):
        assert [_digits(c) for c in mine[1:]] == [_digits(c) for c in theirs[1:]], mine[0]
    assert annex.goal_conflicts and all(c.startswith("Mål ") and "målkonflikt" in c for c in annex.goal_conflicts)


def test_annex_in_all_three_formats(register):
    cycle = register
    cycle.state = Cycle.State.LOCKED
    cycle.published_at = None  # never published
    cycle.save()
    r = build_report(cycle)
    amount = r.annex.funding_tables[0].rows[0][1].replace("\u202f", " ")
    texts = {
        "html": html_text(render_standalone(r)),
        "pdf": pdf_text(render_pdf(r)),
        "docx": docx_text(render_docx(r)),
    }
    for fmt, text in texts.items():
        flat = " ".join(text.replace("\u00a0", " ").split())
        for needle in ("Bilaga", "Sammanställning av finansiering", "Beviljat per kommun 2025", "Agenda 2030: påverkansmatris",
                       "Målkonflikter", "Syntetiska demovärden", amount, "Mål 17: Genomförande och globalt partnerskap"):
            assert needle in flat, (fmt, needle)


def test_published_2025_edition_holds_no_synthetic_value(register):
    """The edition as `resultat demo setup` leaves it: indicator sets with the real Kolada
    snapshot, the seed figures and synthetic values for the rest, synthetic funding
    decisions and impacts."""
    call_command("indicators", "load-sets")
    call_command("indicators", "demo")
    cycle = register
    assert cycle.state == Cycle.State.PUBLISHED
    draft = build_report(cycle, include_synthetic=True)
    assert draft.synthetic_parts()  # the live data does hold synthetic values
    edition = services.freeze_edition(cycle)
    report = services.edition_report(edition)
    assert report.synthetic_parts() == []
    indicators = [ind for ch in report.chapters for ind in ch.indicators]
    assert indicators and not any(ind.synthetic for ind in indicators)  # the real series: the Kolada snapshot, BRP+
    for ind in indicators:
        assert ind.source.startswith("Källa: ") and ".txt" not in ind.source and "seeds/" not in ind.source, ind.source
        if ind.source.startswith("Källa: Kolada, "):  # the example's snapshot: its own citation and retrieval date
            assert "hämtat ur Koladas API 2024-08-30" in ind.source, ind.source
        else:  # the seed figures: the strategy that quotes them
            assert "Regional utvecklingsstrategi" in ind.source, ind.source
    assert any("Indikatorer utan verkliga värden visas inte" in ch.indicators_note for ch in report.chapters)
    assert not report.annex.synthetic and not report.annex.funding_tables and report.annex.impact_matrix is None
    assert any("inga verkliga finansieringsbeslut för 2025" in n for n in report.annex.notes)
    html = render_standalone(report)
    assert "Syntetiska demovärden" not in html and 'class="synthetic"' not in html
    assert "Syntetiska demovärden" not in report.to_json()


def test_published_edition_keeps_real_funding_and_leaves_out_synthetic(register):
    real = FundingDecision.objects.filter(decision_date__year=2025).order_by("pk").first()
    FundingDecision.objects.filter(pk=real.pk).update(synthetic=False)
    r = build_report(register)  # published cycle: real values only
    rows = r.annex.funding_tables[0].rows
    assert len(rows) == 2 and rows[-1] == ["Totalt", format_number(int(real.granted_amount))]
    assert not r.annex.synthetic and "Syntetiska demovärden" not in r.annex.funding_tables[0].caption
    left_out = FundingDecision.objects.filter(decision_date__year=2025, synthetic=True).count()
    assert any(f"{left_out} beslut med syntetiska demovärden är inte med" in n for n in r.annex.notes)


def _synthetic_section(cycle, chapter, *, include_synthetic=True):
    table = Table(id=f"{chapter.code}-t", caption="Demo", columns=["År", "Värde"], rows=[["2024", "1"]])
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "mark": "bar", "data": {"values": []}}
    section = IndicatorSection(id=f"{chapter.code}-demo", title="Påhittad indikator", chart=Chart(spec, "Demo", table),
                               source="Syntetiska demovärden", date="", synthetic=True)
    return [section], []


def test_freezing_or_publishing_synthetic_values_is_refused(imported, monkeypatch):
    monkeypatch.setattr(adapters, "indicator_sections", _synthetic_section)
    with pytest.raises(services.EditionRefused, match="syntetiska demovärden.*Påhittad indikator"):
        services.freeze_edition(imported)
    assert not ReportEdition.objects.exists()
    cycle = imported
    cycle.state = Cycle.State.LOCKED
    cycle.save()
    with pytest.raises(services.EditionRefused):
        followup_services.publish_cycle(cycle, make_user("anna", Role.ANALYST))
    cycle.refresh_from_db()
    assert cycle.state == Cycle.State.LOCKED and not ReportEdition.objects.exists()


def test_freeze_command_says_why_it_refuses(imported, monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.setattr(adapters, "indicator_sections", _synthetic_section)
    with pytest.raises(CommandError, match="syntetiska demovärden"):
        call_command("report", "freeze", "--year", "2025")
