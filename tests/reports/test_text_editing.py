"""The edition's own texts edited by analysts in the app: who may, revisions with author
and diff, optimistic locking (409 and the conflict page), restore, and that a frozen
edition does not change."""

import pytest
from django.urls import reverse

from resultat.reports import editing
from resultat.reports.builder import build_report
from resultat.reports.models import ReportSection, ReportSectionRevision
from resultat.reports.services import edition_report, freeze_edition


@pytest.fixture
def texts(cycle):
    foreword = ReportSection.objects.create(cycle=cycle, code="forord", title="Förord", body="<p>Gammalt förord.</p>",
                                            signature="Patrik Sällström, Regional utvecklingsdirektör", order=0, revision=1)
    ReportSectionRevision.objects.create(section=foreword, number=1, title="Förord", body=foreword.body, signature=foreword.signature, note="Importerad")
    intro = ReportSection.objects.create(cycle=cycle, code="tredje-aret", title="Tredje året", level=2, body="<p>Ett stycke.</p>", order=1, revision=1)
    ReportSectionRevision.objects.create(section=intro, number=1, title=intro.title, body=intro.body, note="Importerad")
    guide = ReportSection.objects.create(cycle=cycle, code="las-rapporten", title="Hur ska rapporten läsas?", body="<p>Läs så här.</p>", order=2, revision=1)
    ReportSectionRevision.objects.create(section=guide, number=1, title=guide.title, body=guide.body, note="Importerad")
    return {"forord": foreword, "intro": intro, "guide": guide}


def _url(name, cycle, *args):
    return reverse(f"reports:{name}", args=[cycle.year, *args])


@pytest.mark.parametrize("who", ["editor_a", "reviewer", None])
def test_only_analysts_reach_the_texts(client, cycle, people, texts, who):
    if who:
        client.force_login(people[who])
    for url in (_url("texts", cycle), _url("text_edit", cycle, "forord"), _url("text_revision", cycle, "forord", 1)):
        response = client.get(url)
        assert response.status_code == (302 if who is None else 403), url
    response = client.post(_url("text_edit", cycle, "forord"), {"body": "Kapat", "signature": "X", "base_revision": 1})
    assert response.status_code == (302 if who is None else 403)
    assert ReportSection.objects.get(pk=texts["forord"].pk).body == "<p>Gammalt förord.</p>"
    with pytest.raises(Exception, match="Bara analytiker"):
        editing.save_section(texts["forord"], user=people["editor_a"], body_html="<p>x</p>", base_revision=1)


def test_analyst_lists_edits_and_reads_the_revision_diff(client, cycle, people, texts):
    client.force_login(people["analyst"])
    page = client.get(_url("texts", cycle)).content.decode()
    assert page.index("Förord") < page.index("Tredje året") < page.index("Hur ska rapporten läsas?")
    form = client.get(_url("text_edit", cycle, "forord")).content.decode()
    assert "Gammalt förord." in form and 'name="signature"' in form and 'name="title"' not in form  # the foreword's heading is fixed
    response = client.post(_url("text_edit", cycle, "forord"), {
        "body": "Nytt förord med **fetstil**.\n\n- ett\n- två", "signature": "Anna Analytiker,  Regional utvecklingsdirektör",
        "base_revision": 1})
    assert response.status_code == 302
    s = ReportSection.objects.get(pk=texts["forord"].pk)
    assert s.revision == 2 and s.body.replace("\n", "") == "<p>Nytt förord med <strong>fetstil</strong>.</p><ul><li>ett</li><li>två</li></ul>"
    assert s.signature == "Anna Analytiker, Regional utvecklingsdirektör"
    rev = s.revisions.get(number=2)
    assert rev.author == people["analyst"] and rev.body == s.body
    diff = client.get(_url("text_revision", cycle, "forord", 2)).content.decode()
    assert "<del" in diff and "Gammalt" in diff and "<ins" in diff and "anna" in diff.lower()
    assert "Underskriften ändrades" in diff
    # the built (live) report has the analyst's text
    r = build_report(cycle)
    assert r.foreword_html == s.body and r.foreword_signature == "Anna Analytiker, Regional utvecklingsdirektör"
    # saving the same text again writes no revision
    client.post(_url("text_edit", cycle, "forord"), {"body": "Nytt förord med **fetstil**.\n\n- ett\n- två",
                                                      "signature": "Anna Analytiker, Regional utvecklingsdirektör", "base_revision": 2})
    assert ReportSection.objects.get(pk=s.pk).revision == 2


def test_stale_base_revision_is_a_409_conflict_page_and_overwrites_nothing(client, cycle, people, texts):
    client.force_login(people["analyst"])
    first = client.post(_url("text_edit", cycle, "tredje-aret"), {"title": "Tredje året", "body": "Annas version.", "base_revision": 1})
    assert first.status_code == 302
    stale = client.post(_url("text_edit", cycle, "tredje-aret"), {"title": "Tredje året", "body": "Min egen version.", "base_revision": 1})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Min egen version." in page and "Annas version." in page and "Sparad version 2" in page
    assert f'href="{_url("text_edit", cycle, "tredje-aret")}"' in page
    s = ReportSection.objects.get(pk=texts["intro"].pk)
    assert s.revision == 2 and s.body == "<p>Annas version.</p>"
    with pytest.raises(editing.TextConflict):
        editing.save_section(s, user=people["analyst"], body_html="<p>x</p>", base_revision=1)


def test_title_is_required_where_it_is_edited_and_restore_is_a_new_revision(client, cycle, people, texts):
    client.force_login(people["analyst"])
    bad = client.post(_url("text_edit", cycle, "tredje-aret"), {"title": "  ", "body": "Text", "base_revision": 1})
    assert bad.status_code == 422 and "Rubriken får inte vara tom" in bad.content.decode()
    assert ReportSection.objects.get(pk=texts["intro"].pk).revision == 1
    client.post(_url("text_edit", cycle, "tredje-aret"), {"title": "Fjärde året", "body": "Ny text.", "base_revision": 1})
    restored = client.post(_url("text_restore", cycle, "tredje-aret", 1), {"base_revision": 2})
    assert restored.status_code == 302
    s = ReportSection.objects.get(pk=texts["intro"].pk)
    assert (s.revision, s.title, s.body) == (3, "Tredje året", "<p>Ett stycke.</p>")
    assert s.revisions.get(number=3).note == "Återställd från version 1"
    # a restore from a stale page is refused like a save
    client.post(_url("text_restore", cycle, "tredje-aret", 2), {"base_revision": 2})
    assert ReportSection.objects.get(pk=s.pk).revision == 3


def test_a_frozen_edition_does_not_change_when_a_text_is_edited(cycle, people, texts):
    edition = freeze_edition(cycle)
    editing.save_section(texts["forord"], user=people["analyst"], body_html="<p>Efter frysningen.</p>", base_revision=1)
    assert edition_report(edition).foreword_html == "<p>Gammalt förord.</p>"
    assert build_report(cycle).foreword_html == "<p>Efter frysningen.</p>"


def test_an_analysts_text_survives_a_new_import(imported):
    from resultat.accounts.models import Role
    from resultat.imports import services as import_services
    from tests.factories import make_user
    from tests.reports.conftest import REPORT

    foreword = ReportSection.objects.get(cycle=imported, code="forord")
    editing.save_section(foreword, user=make_user("alva", Role.ANALYST), body_html="<p>Eget förord.</p>",
                         base_revision=foreword.revision)
    import_services.import_report(REPORT, year=2025)
    assert ReportSection.objects.get(pk=foreword.pk).body == "<p>Eget förord.</p>"


def test_profile_css_of_the_report_page(client, imported):
    from resultat.reports.services import freeze_edition

    freeze_edition(imported)
    css = client.get(reverse("reports:profile_css", args=[2025]))
    assert css.status_code == 200 and css["Content-Type"].startswith("text/css")
    assert "--r-muted:#4a4a4a" in css.content.decode()
    page = client.get(reverse("reports:page", args=[2025])).content.decode()
    assert reverse("reports:profile_css", args=[2025]) in page and "report-imprint" in page
