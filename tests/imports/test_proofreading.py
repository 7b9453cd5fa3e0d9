"""The proof-reading worklist: suspects per contribution, one-click corrections saved as
revisions with their provenance, and corrections that survive a re-import."""

import pytest

from resultat.accounts.models import User
from resultat.followup.models import Contribution, Cycle, Revision
from resultat.imports import proofreading, services
from resultat.imports.models import ProofDecision
from tests.factories import REPORT_2025, committed_edition, load_edition

edition = committed_edition(lambda: load_edition(demo_cycle=False), scope="module")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("edition")]


@pytest.fixture
def analyst():
    return User.objects.get(username="analytiker")


def _with_suspect(kind: str):
    """A 2025 contribution with a suspect of ``kind`` in its body, and that entry."""
    for c in Contribution.objects.filter(cycle__year=2025).order_by("chapter__order", "question__order", "area_order"):
        for e in proofreading.suspects(c):
            if e.field == "body" and e.suspect.kind == kind and e.suspect.suggestions:
                return c, e
    raise AssertionError(f"no {kind} suspect in the 2025 edition")


def test_worklist_page_lists_contributions_with_suspects_for_analysts_only(client, analyst):
    response = client.get("/korrektur/2025/")
    assert response.status_code == 302  # login first
    client.force_login(User.objects.get(username="redaktor"))
    assert client.get("/korrektur/2025/").status_code == 403
    client.force_login(analyst)
    page = client.get("/korrektur/2025/").content.decode()
    assert "Korrekturläsning 2025" in page and "/korrektur/2025/bidrag/" in page


def test_one_click_correction_is_a_revision_and_survives_a_reimport(client, analyst):
    c, e = _with_suspect("case")  # e.g. "betydlig Ökad kunskap"
    wrong, right = e.suspect.word, e.suspect.suggestions[0]
    before_body, before_rev = c.body, c.revision
    client.force_login(analyst)
    page = client.get(f"/korrektur/2025/bidrag/{c.pk}/").content.decode()
    assert f"<mark>{wrong}</mark>" in page and 'name="right"' in page  # plain form: no script needed
    response = client.post(f"/korrektur/2025/bidrag/{c.pk}/", {
        "field": "body", "item": "", "word": wrong, "occurrence": e.suspect.occurrence, "kind": "case", "right": right,
    })
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.revision == before_rev + 1 and c.body != before_body
    assert c.body == proofreading.apply_correction(before_body, wrong, right, e.suspect.occurrence)
    revision = Revision.objects.get(contribution=c, number=c.revision)
    assert revision.note == f"korrektur: {wrong} -> {right}" and revision.author == analyst and revision.body == c.body
    assert ProofDecision.objects.filter(contribution=c, decision="corrected", wrong=wrong, right=right).count() == 1
    # the corrected word is not on the list any more
    assert not any(x.suspect.start == e.suspect.start and x.field == "body" for x in proofreading.suspects(c) if x.suspect.word == right)

    # re-importing the same file keeps the correction and writes nothing new
    result = services.import_report(REPORT_2025, year=2025)
    c.refresh_from_db()
    assert c.revision == before_rev + 1
    assert c.body == revision.body
    assert result.totals["bidrag uppdaterade"] == 0 and not [w for w in result.warnings if "korrektur" in w]


def test_accepting_a_word_takes_it_off_the_list_without_a_revision(client, analyst):
    c, e = _with_suspect("unknown")
    n_before = len(proofreading.suspects(c))
    client.force_login(analyst)
    client.post(f"/korrektur/2025/bidrag/{c.pk}/", {
        "field": "body", "item": "", "word": e.suspect.word, "occurrence": e.suspect.occurrence, "kind": "unknown", "accept": "1",
    })
    c.refresh_from_db()
    assert not Revision.objects.filter(contribution=c, note__startswith="korrektur").exists()
    assert len(proofreading.suspects(c)) == n_before - 1


def test_a_correction_of_a_word_that_is_not_there_is_refused_and_writes_nothing(client, analyst):
    c = Contribution.objects.filter(cycle__year=2025).exclude(body="").first()
    before = (c.body, c.revision, Revision.objects.count())
    client.force_login(analyst)
    response = client.post(f"/korrektur/2025/bidrag/{c.pk}/", {
        "field": "body", "item": "", "word": "Xyzzyqq", "occurrence": "0", "right": "Plugh"}, follow=True)
    assert "Kunde inte rätta" in response.content.decode()
    c.refresh_from_db()
    assert (c.body, c.revision, Revision.objects.count()) == before
    assert not ProofDecision.objects.exists()


def test_an_item_correction_survives_a_reimport(analyst):
    cycle = Cycle.objects.get(year=2025)
    for c in cycle.contributions.order_by("pk"):
        found = [e for e in proofreading.suspects(c) if e.field in ("title", "text") and e.suspect.suggestions]
        if found:
            break
    else:
        raise AssertionError("no item suspect")
    e = found[0]
    d = proofreading.correct(c, user=analyst, field=e.field, item_index=e.item_index, wrong=e.suspect.word,
                             right=e.suspect.suggestions[0], occurrence=e.suspect.occurrence, kind=e.suspect.kind)
    item = list(c.items.order_by("pk"))[e.item_index]
    corrected = getattr(item, e.field)
    services.import_report(REPORT_2025, year=2025)
    item = list(Contribution.objects.get(pk=c.pk).items.order_by("pk"))[e.item_index]
    assert getattr(item, e.field) == corrected and d.right in corrected


def test_an_own_word_is_posted_from_its_own_form(client, analyst):
    c, e = _with_suspect("unknown")
    client.force_login(analyst)
    page = client.get(f"/korrektur/2025/bidrag/{c.pk}/").content.decode()
    assert page.count('name="custom"') == page.count("<mark>")  # one own-word form per suspect
    client.post(f"/korrektur/2025/bidrag/{c.pk}/", {
        "field": "body", "item": "", "word": e.suspect.word, "occurrence": e.suspect.occurrence, "kind": "unknown",
        "custom": "  egetord  ",
    })
    c.refresh_from_db()
    assert Revision.objects.get(contribution=c, number=c.revision).note == f"korrektur: {e.suspect.word} -> egetord"
