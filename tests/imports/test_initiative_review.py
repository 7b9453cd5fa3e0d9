"""The report import's uncertain initiatives: kept out of the register until an analyst
confirms them on the initiative's page (a plain form, no JavaScript), or rejects them."""

import pytest

from resultat.accounts.models import User
from resultat.followup.models import ContributionItem
from resultat.initiatives.models import Initiative, InitiativeEdit
from tests.factories import committed_edition, load_edition

edition = committed_edition(lambda: load_edition(demo_cycle=False), scope="module")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("edition")]


@pytest.fixture
def analyst():
    return User.objects.get(username="analytiker")


def _candidate(**extra):
    return Initiative.objects.filter(review_status=Initiative.Review.NEEDS_REVIEW, **extra).order_by("pk").first()


def test_the_register_lists_confirmed_initiatives_and_offers_the_candidates_to_analysts(client, analyst):
    candidate = _candidate()
    confirmed = Initiative.objects.filter(review_status=Initiative.Review.CONFIRMED, acronym="DIN").get()
    page = client.get("/insatser/?q=" + confirmed.name).content.decode()
    assert confirmed.name in page
    assert client.get(f"/insatser/?q={candidate.name}").content.decode().count(f"/insatser/{candidate.code}/") == 0
    assert client.get(f"/insatser/{candidate.code}/").status_code == 404  # not public before confirmation
    client.force_login(analyst)
    page = client.get("/insatser/").content.decode()
    assert "att granska" in page and "?review=needs_review" in page
    assert f"/insatser/{candidate.code}/" in client.get("/insatser/?review=needs_review").content.decode()
    detail = client.get(f"/insatser/{candidate.code}/").content.decode()
    assert 'name="decision" value="confirm"' in detail and 'name="decision" value="reject"' in detail
    assert "Säkerhet" in detail or "säkerhet" in detail


def test_confirming_links_the_items_and_rejecting_unlinks_everything(client, analyst):
    client.force_login(analyst)
    candidate = _candidate(mentioned_in__isnull=False)
    response = client.post(f"/insatser/{candidate.code}/granska/", {"decision": "confirm"})
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.review_status == Initiative.Review.CONFIRMED and candidate.updated_by == analyst
    assert InitiativeEdit.objects.filter(initiative=candidate, author=analyst).exists()
    other = _candidate(mentioned_in__isnull=False)
    client.post(f"/insatser/{other.code}/granska/", {"decision": "reject"})
    other.refresh_from_db()
    assert other.review_status == Initiative.Review.REJECTED
    assert not other.mentioned_in.exists() and not ContributionItem.objects.filter(initiative=other).exists()


def test_only_analysts_review_and_a_missing_decision_is_a_clear_400(client, analyst):
    candidate = _candidate()
    client.force_login(User.objects.get(username="redaktor"))
    assert client.post(f"/insatser/{candidate.code}/granska/", {"decision": "confirm"}).status_code == 403
    candidate.refresh_from_db()
    assert candidate.review_status == Initiative.Review.NEEDS_REVIEW
    client.force_login(analyst)
    response = client.post(f"/insatser/{candidate.code}/granska/", {"decision": "kanske"})
    assert response.status_code == 400 and "bekräfta eller avvisa" in response.content.decode()
