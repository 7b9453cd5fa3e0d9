"""The report of the imported 2025 edition: builder, formats, editions, pages, CLI."""

from django.core.management import call_command
from django.urls import reverse

from resultat.accounts.models import Role
from resultat.core.report import summary
from resultat.core.report.docx import render_docx
from resultat.core.report.html import render_standalone
from resultat.core.report.model import Report
from resultat.core.report.pdf import render_pdf
from resultat.followup import services as followup_services
from resultat.followup.models import Contribution, Cycle
from resultat.reports import services
from resultat.reports.builder import CLOSING, build_report
from resultat.reports.models import ReportEdition
from tests.core.report.formats import docx_body_text, html_text, pdf_text
from tests.factories import make_user


def test_model_follows_the_seed_structure(imported):
    r = build_report(imported)
    assert r.title == "Resultat Västerbotten 2025"
    assert [c.code for c in r.chapters] == ["p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "ru"]
    for ch in r.chapters:
        assert [s.code for s in ch.sections] == [q.code for q in r.questions], ch.code
    assert len(r.questions) == 8
    areas = {code for ch in r.chapters for s in ch.sections for b in s.blocks for code in b.area_codes}
    assert len(areas) == 22
    joint = [b for ch in r.chapters for s in ch.sections for b in s.blocks if len(b.area_codes) == 2]
    assert joint and all(" och " in b.heading for b in joint)
    for ch in r.chapters:  # a joint text is printed once, not once per area
        for s in ch.sections:
            codes = [c for b in s.blocks for c in b.area_codes]
            assert len(codes) == len(set(codes))
    headings = {g.heading for ch in r.chapters for s in ch.sections for b in s.blocks for g in b.groups}
    assert {"Aktuella omvärldsfaktorer", "Exempel på aktiviteter", "Fasta samverkansytor", "Aktuella Agenda 2030-mål", "Ett urval av insatser"} <= headings
    sdg = next(it for ch in r.chapters for s in ch.sections for b in s.blocks for g in b.groups for it in g.items if it.kind == "sdg")
    assert sdg.label.startswith(f"Mål {sdg.goal}: ") and sdg.goal_name
    assert r.contacts and all(g.contacts for g in r.contacts)
    assert not any(ch.indicators for ch in r.chapters)  # no indicator or funding data in this fixture
    assert not (r.annex.funding_tables or r.annex.impact_matrix or r.annex.goal_conflicts)
    assert r.annex.notes == [  # the annex says what the register lacks instead of vanishing
        "Insatsregistret har inga verkliga finansieringsbeslut för 2025; sammanställningen av finansiering saknas därför.",
        "Insatsregistret har ingen verklig registrerad påverkan på Agenda 2030; påverkansmatris och målkonflikter saknas därför.",
    ]
    assert Report.from_json(r.to_json()) == r


def test_all_three_formats_carry_the_same_content(imported):
    r = build_report(imported)
    expected = summary.content_summary(r)
    texts = {
        "html": summary.split_chapters(r, html_text(render_standalone(r)), CLOSING),
        "pdf": summary.split_chapters(r, pdf_text(render_pdf(r)), CLOSING),
        "docx": summary.split_chapters(r, docx_body_text(render_docx(r)), CLOSING),
    }
    for fmt, chapter_texts in texts.items():
        assert summary.text_summary(r, chapter_texts) == expected, fmt
    for code in expected:
        counts = {fmt: summary.citations(t[code]) for fmt, t in texts.items()}
        assert len(set(counts.values())) == 1, (code, counts)


def test_publishing_freezes_an_edition_and_rebuilding_ignores_later_changes(imported):
    analyst = make_user("anna", Role.ANALYST)
    cycle = imported
    cycle.state = Cycle.State.LOCKED
    cycle.save()
    followup_services.publish_cycle(cycle, analyst)
    cycle.refresh_from_db()
    edition = ReportEdition.objects.get(cycle=cycle)
    assert edition.number == 1 and len(edition.content_hash) == 64
    first = services.render(services.edition_report(edition), "html").content
    c = Contribution.objects.filter(cycle=cycle).exclude(body="").first()
    c.body = "<p>Ändrad efter publiceringen.</p>"
    c.save()
    report, again = services.report_for(cycle)
    assert again.pk == edition.pk and report.content_hash() == edition.content_hash
    assert services.render(report, "html").content == first
    assert build_report(cycle).content_hash() != edition.content_hash  # the live data did change
    # a new freeze makes edition 2; the difference shows the changed text
    second = services.freeze_edition(cycle, analyst)
    assert second.number == 2
    from resultat.core.report.diff import diff_reports

    d = diff_reports(services.edition_report(edition), services.edition_report(second))
    assert len(d.texts) == 1 and "Ändrad efter publiceringen" in d.texts[0].diff_html


def test_pages_and_downloads(client, imported):
    page = client.get(reverse("reports:page", args=[2025]))
    assert page.status_code == 200 and 'id="p-1-omvarldsanalys"' in page.content.decode()
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK"), ("html", b"<!DOCTYPE")):
        response = client.get(reverse("reports:download", args=[2025, fmt]) + "?utdrag=omvarldsanalys")
        assert response.status_code == 200 and response.content.startswith(magic), fmt
        assert "attachment" in response["Content-Disposition"]
    assert client.get(reverse("reports:download", args=[2025, "odt"])).status_code == 404
    assert client.get(reverse("reports:page", args=[2025]) + "?utdrag=okand").status_code == 404
    assert reverse("reports:download", args=[2025, "pdf"]) in client.get("/resultat/2025/").content.decode()
    diff = client.get(reverse("reports:diff", args=[2025, 2025]))
    assert diff.status_code == 200 and "Texter (0 ändrade)" in diff.content.decode()


def test_unpublished_cycle_is_not_public(client, imported):
    # never published (a cycle published once stays public while it is reopened)
    imported.state, imported.published_at = Cycle.State.LOCKED, None
    imported.save()
    assert client.get(reverse("reports:page", args=[2025])).status_code == 404


def test_cli_builds_all_formats(imported, tmp_path, capsys):
    call_command("report", "build", "--year", "2025", "--format", "html,pdf,docx", "--out", str(tmp_path))
    names = sorted(p.suffix for p in tmp_path.iterdir())
    assert names == [".docx", ".html", ".pdf"]
    assert "utgåva 1" in capsys.readouterr().out


def test_chapters_carry_their_indicators_in_all_three_formats(imported):
    call_command("indicators", "load-sets")
    call_command("indicators", "demo")
    r = build_report(imported, include_synthetic=True)  # as a draft shows them, labelled
    for ch in r.chapters:
        assert ch.indicators, f"kapitel {ch.code} saknar indikatorer"
        ids = [i.id for i in ch.indicators]
        assert len(ids) == len(set(ids)), ch.code
        for ind in ch.indicators:
            assert ind.chart.spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
            assert ind.chart.table.rows and ind.chart.alt and ind.source
            if ind.synthetic:
                assert "syntetiska demovärden" in ind.chart.alt.lower() and "syntetiska demovärden" in ind.source.lower()
    assert sum(len(ch.indicators) for ch in r.chapters) >= 25  # the example's 19 indicators, some in several chapters
    expected = summary.content_summary(r)
    texts = {
        "html": summary.split_chapters(r, html_text(render_standalone(r)), CLOSING),
        "pdf": summary.split_chapters(r, pdf_text(render_pdf(r)), CLOSING),
        "docx": summary.split_chapters(r, docx_body_text(render_docx(r)), CLOSING),
    }
    for fmt, chapter_texts in texts.items():
        assert summary.text_summary(r, chapter_texts) == expected, fmt



def test_readable_cycle_shows_drafts_to_analysts_only(imported):
    from resultat.reports import selectors

    analyst, editor = make_user("anna", Role.ANALYST), make_user("bo", Role.EDITOR)
    assert selectors.readable_cycle(None, 2025) == imported  # published: everyone
    imported.state, imported.published_at = Cycle.State.LOCKED, None  # never published
    imported.save()
    assert selectors.readable_cycle(None, 2025) is None
    assert selectors.readable_cycle(editor, 2025) is None
    assert selectors.readable_cycle(analyst, 2025) == imported
    assert selectors.readable_cycle(analyst, 2031) is None
