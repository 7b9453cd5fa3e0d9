"""While a published cycle is reopened, the public keeps reading the last published
texts (issue 18): the results page (marked "Uppdatering pågår"), the API, search and
the report; texts approved during the reopening become public only when the cycle is
published again."""

import pytest
from django.urls import reverse

from resultat.followup import services, visibility
from resultat.followup.models import Contribution, Cycle

State = Contribution.State
PUBLISHED_TEXT = "Länets fibernät byggdes ut till Sorsele och Dorotea."
LATER_TEXT = "Samverkan med kommunerna om e-tjänster fördjupades."


def approve(contribution, people, text):
    c = services.save_contribution(contribution, user=people["editor_a"], body=f"<p>{text}</p>", base_revision=contribution.revision)
    services.submit(c, people["editor_a"])
    return services.approve(c, people["reviewer"], "Bra")


@pytest.fixture
def reopened(cycle, contribution, people):
    """The cycle published with one text, then reopened; a second text is approved."""
    analyst = people["analyst"]
    approve(contribution, people, PUBLISHED_TEXT)
    services.lock_cycle(cycle, analyst, reason="Ett bidrag i testet")
    services.publish_cycle(cycle, analyst, reason="Ett bidrag i testet")
    services.reopen_cycle(cycle, analyst, "Två områden kompletterar")
    later = Contribution.objects.get(cycle=cycle, area=people["area"], question__code="samverkan")
    approve(later, people, LATER_TEXT)
    return Cycle.objects.get(pk=cycle.pk), Contribution.objects.get(pk=contribution.pk), Contribution.objects.get(pk=later.pk)


def test_the_rule_keeps_the_published_texts_public(reopened):
    cycle, published, later = reopened
    assert cycle.state == Cycle.State.OPEN and cycle.published_at is not None
    assert visibility.is_published_cycle(cycle) and visibility.is_being_updated(cycle)
    assert published.state == State.PUBLISHED and visibility.is_published(published)
    assert not visibility.is_published(later)
    assert list(visibility.published_contributions()) == [published]
    assert list(visibility.published_cycles()) == [cycle]


def test_public_page_api_and_report_keep_the_last_published_version(client, reopened):
    cycle, published, later = reopened
    page = client.get(reverse("results:public_cycle_all", args=[cycle.year]))
    assert page.status_code == 200
    text = page.content.decode()
    assert PUBLISHED_TEXT in text and LATER_TEXT not in text
    assert "Uppdatering pågår" in text
    api = client.get("/api/contributions/", {"year": cycle.year}).json()
    bodies = " ".join(str(row) for row in api["results"])
    assert api["count"] == 1 and "fibernät" in bodies and "e-tjänster" not in bodies
    report = client.get(reverse("reports:page", args=[cycle.year]))
    assert report.status_code == 200 and "fibernät" in report.content.decode() and "e-tjänster" not in report.content.decode()


def test_search_keeps_finding_the_published_text(reopened):
    from resultat.search import indexing
    from resultat.search.selectors import matching_keys

    cycle, published, later = reopened
    indexing.rebuild()  # a full rebuild asks the rule afresh
    assert f"contribution:{published.pk}" in matching_keys("fibernät", public=True)
    assert not matching_keys("e-tjänster", public=True)


def test_publishing_again_adds_the_new_texts_and_drops_the_marker(client, reopened, people):
    cycle, published, later = reopened
    services.lock_cycle(cycle, people["analyst"], reason="Kompletterad")
    assert visibility.is_published(Contribution.objects.select_related("cycle").get(pk=published.pk))  # locked: still public
    assert services.publish_cycle(cycle, people["analyst"], reason="Kompletterad") == 1  # only the newly approved one changes
    text = client.get(reverse("results:public_cycle_all", args=[cycle.year])).content.decode()
    assert PUBLISHED_TEXT in text and LATER_TEXT in text and "Uppdatering pågår" not in text


def test_a_cycle_locked_but_never_published_stays_private(client, cycle, contribution, people):
    approve(contribution, people, PUBLISHED_TEXT)
    services.lock_cycle(cycle, people["analyst"], reason="Test")
    services.reopen_cycle(cycle, people["analyst"], "Inte klar")
    assert client.get(reverse("results:public_cycle", args=[cycle.year])).status_code == 404
    assert not visibility.published_contributions().exists()


def test_confirmation_page_of_a_reopened_cycle_counts_only_the_new_texts(client, reopened, people):
    cycle, published, later = reopened
    services.lock_cycle(cycle, people["analyst"], reason="Kompletterad")
    client.force_login(people["analyst"])
    page = client.get(reverse("followup:cycle_confirm", args=[cycle.year, "publish"])).content.decode()
    assert "Ja, publicera 1 bidrag" in page  # the newly approved one; the published one is public already
    assert "2 av 176 bidrag är godkända" in page
    assert "är öppnad igen" in page and "den senast publicerade utgåvan" in page
