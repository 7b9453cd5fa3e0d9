import csv
import io

import pytest
from django.test import Client

from resultat.followup.models import Contribution
from resultat.learning import selectors


@pytest.fixture
def analyst_client(users):
    client = Client()
    client.force_login(users["analytiker"])
    return client


def rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("url", [
    "/larande/", "/larande/tackning/", "/larande/inriktningar/", "/larande/agenda-2030/",
    # an area and years with changed words (where nothing changed the page says so instead of a chart)
    "/larande/forandring/?omrade=a-digitalisering&fran=2025&till=2026",
])
def test_pages_are_for_analysts(url, users, analyst_client):
    assert Client().get(url).status_code == 302
    editor = Client()
    editor.force_login(users["redaktor"])
    assert editor.get(url).status_code == 403
    page = analyst_client.get(url)
    assert page.status_code == 200
    if url != "/larande/":
        html = page.content.decode()
        assert "<svg" in html and "<table" in html and "<caption>" in html and "format=csv" in html


def test_coverage_matrix_matches_the_contributions(edition, db):
    from resultat.followup.models import Cycle

    cycle = Cycle.objects.get(year=2025)
    matrix = selectors.area_question_matrix(cycle)
    contributions = Contribution.objects.filter(cycle=cycle)
    assert len(matrix.rows) == 22 and len(matrix.columns) == 8
    joint = sum(1 for v in matrix.cells.values() if v == "joint")
    assert joint == contributions.exclude(joint_with=None).count() + contributions.filter(joint_parts__isnull=False).distinct().count()
    missing = sum(1 for v in matrix.cells.values() if v == "missing")
    assert missing == 22 * 8 - contributions.count()
    assert not matrix.synthetic
    assert selectors.area_question_matrix(Cycle.objects.get(year=2026)).synthetic


def test_coverage_csv(analyst_client):
    table = rows(analyst_client.get("/larande/tackning/?ar=2025&format=csv"))
    assert table[0][0] == "strategiskt område" and len(table) == 23 and len(table[0]) == 9
    subs = rows(analyst_client.get("/larande/tackning/?ar=2025&format=csv&tabell=delprioriteringar"))
    assert "Syntetiska demovärden" in subs[0][0]  # the years include the 2026 demo cycle
    subs = subs[1:]
    assert subs[0][2:4] == ["2025 bidrag", "2025 insatser"] and len(subs) > 10
    assert sum(int(r[2]) for r in subs[1:]) > 0
    needs = rows(analyst_client.get("/larande/tackning/?ar=2025&format=csv&tabell=behov"))
    assert needs[0][3] == "adresserat" and {r[3] for r in needs[1:]} == {"ja", "nej"}
    demo = rows(analyst_client.get("/larande/tackning/?ar=2026&format=csv"))
    assert "Syntetiska demovärden" in demo[0][0]


def test_needs_addressed_by_text_match(edition, db):
    from resultat.followup.models import Cycle

    statuses = selectors.needs_status(Cycle.objects.get(year=2025))
    assert statuses
    for s in statuses:
        assert s.addressed == (bool(s.words) and len(s.matched) >= max(1, -(-len(s.words) // 2)))
        assert set(s.matched) <= set(s.words)


def test_perspectives_threshold(analyst_client):
    table = rows(analyst_client.get("/larande/inriktningar/?ar=2025&format=csv"))
    assert len(table[0]) == 7
    for r in table[1:]:
        for words, verdict in zip(r[1:4], r[4:7]):
            assert (int(words) >= selectors.SUBSTANTIVE_WORDS) == (verdict == "ja")


def test_agenda_counts_citations(edition, db, analyst_client):
    from resultat.followup.models import ContributionItem

    years, areas, goals, counts, never, _synthetic = selectors.sdg_citations()
    assert sum(counts.values()) == ContributionItem.objects.filter(kind="sdg").exclude(sdg_goal=None).count()
    cited = {g for (_y, _a, g) in counts}
    assert {g.number for g in never} == set(range(1, 18)) - cited
    table = rows(analyst_client.get("/larande/agenda-2030/?format=csv"))
    assert "Syntetiska demovärden" in table[0][0]  # the 2026 demo cycle cites goal 9
    assert table[1][2] == "mål 1" and len(table[1]) == 19


def test_agenda_marks_demo_texts(edition, db, analyst_client):
    # The 2026 demo cycle's Agenda 2030 text (resultat.followup.demo) cites goal 9.
    *_rest, synthetic = selectors.sdg_citations()
    assert synthetic
    page = analyst_client.get("/larande/agenda-2030/?ar=2026").content.decode()
    assert "Syntetiska demovärden" in page
    table = rows(analyst_client.get("/larande/agenda-2030/?format=csv"))
    assert "Syntetiska demovärden" in table[0][0] and table[1][2] == "mål 1"


def test_agenda_without_demo_texts_has_no_label(edition, db, analyst_client):
    from resultat.followup.demo import DEMO_LABEL
    from resultat.followup.models import ContributionItem

    ContributionItem.objects.filter(kind="sdg", contribution__body__contains=DEMO_LABEL).delete()
    assert not selectors.sdg_citations()[-1]
    assert "Syntetiska demovärden" not in analyst_client.get("/larande/agenda-2030/").content.decode()
    assert "Syntetiska demovärden" not in rows(analyst_client.get("/larande/agenda-2030/?format=csv"))[0][0]


def test_change_csv_without_areas_is_404(analyst_client, monkeypatch):
    from resultat.learning import views

    class NoAreas:
        class objects:
            @staticmethod
            def order_by(*_args):
                return []

    monkeypatch.setattr(views, "StrategicArea", NoAreas)
    response = analyst_client.get("/larande/forandring/?format=csv")
    assert response.status_code == 404
    assert analyst_client.get("/larande/forandring/").status_code == 200


def test_change_between_years(analyst_client):
    page = analyst_client.get("/larande/forandring/?omrade=a-digitalisering&fran=2025&till=2026").content.decode()
    assert "Syntetiska demovärden" in page
    table = rows(analyst_client.get("/larande/forandring/?omrade=a-digitalisering&fran=2025&till=2026&format=csv"))
    assert "Syntetiska demovärden" in table[0][0]
    by_question = {r[0]: r for r in table[2:] if not r[0].startswith("insats")}
    assert int(by_question["Omvärldsanalys"][3]) > 0  # the demo text was added in 2026
    same = rows(analyst_client.get("/larande/forandring/?omrade=a-energi&fran=2025&till=2025&format=csv"))
    assert all(r[3] == "0" and r[4] == "0" for r in same[1:] if not r[0].startswith("insats"))


def test_tag_suggestions_for_a_contribution(users):
    c = Contribution.objects.get(cycle__year=2026, area__code="a-energi", question__code="agenda-2030")
    c.area.units.first().editors.add(users["redaktor"])
    assert c.state == "draft"  # carried over from 2025
    editor = Client()
    editor.force_login(users["redaktor"])
    editor_page = editor.get(f"/uppfoljning/bidrag/{c.pk}/").content.decode()
    assert f"/larande/forslag/bidrag/{c.pk}/" in editor_page  # the button in the Agenda 2030 section
    page = editor.get(f"/larande/forslag/bidrag/{c.pk}/").content.decode()
    assert "Troliga Agenda 2030-mål" in page and "Ord som talar för" in page
    partial = editor.get(f"/larande/forslag/bidrag/{c.pk}/", {"body": "Förnybar energi, vindkraft och solel i hela länet."}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "7. " in partial.split("Troliga delprioriteringar")[0]
    other = Contribution.objects.get(cycle__year=2026, area__code="a-folkhalsa", question__code="agenda-2030")
    assert editor.get(f"/larande/forslag/bidrag/{other.pk}/").status_code == 403
