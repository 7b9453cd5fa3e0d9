"""A locked cycle is frozen: no save, submit, approve or return until it is reopened
(docs/followup.md). The page says so and offers none of these actions."""

import pytest

from resultat.followup import services
from resultat.followup.models import Contribution, Cycle, StateChange

State = Contribution.State


@pytest.fixture
def submitted(cycle, contribution, people):
    c = services.save_contribution(contribution, user=people["editor_a"], body="<p>Klar text.</p>", base_revision=0)
    return services.submit(c, people["editor_a"])


@pytest.mark.parametrize("act", ["approve", "return"])
def test_reviewers_cannot_decide_in_a_locked_cycle(cycle, submitted, people, act):
    services.lock_cycle(cycle, people["analyst"], reason="Ofullständig cykel i testet")
    before = StateChange.objects.count()
    with pytest.raises(services.FollowupError, match="låst"):
        if act == "approve":
            services.approve(submitted, people["reviewer"])
        else:
            services.return_for_revision(submitted, people["reviewer"], "Mer, tack.")
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED and StateChange.objects.count() == before
    services.reopen_cycle(Cycle.objects.get(pk=cycle.pk), people["analyst"], "Granskningen var inte klar")
    services.approve(submitted, people["reviewer"])  # reopened: allowed again
    submitted.refresh_from_db()
    assert submitted.state == State.APPROVED


def test_editors_cannot_save_or_submit_in_a_locked_cycle(cycle, contribution, people):
    c = services.save_contribution(contribution, user=people["editor_a"], body="<p>Utkast.</p>", base_revision=0)
    services.lock_cycle(cycle, people["analyst"], reason="Ofullständig cykel i testet")
    with pytest.raises(services.FollowupError, match="låst"):
        services.save_contribution(c, user=people["editor_a"], body="<p>Sent.</p>", base_revision=1)
    with pytest.raises(services.FollowupError, match="låst"):
        services.submit(c, people["editor_a"])
    c.refresh_from_db()
    assert (c.body, c.revision, c.state) == ("<p>Utkast.</p>", 1, State.DRAFT)


def test_the_page_of_a_locked_cycle_offers_no_review_and_says_why(cycle, submitted, people, client):
    client.force_login(people["reviewer"])
    page = client.get(f"/uppfoljning/bidrag/{submitted.pk}/").content.decode()
    assert "Godkänn" in page
    services.lock_cycle(cycle, people["analyst"], reason="Ofullständig cykel i testet")
    page = client.get(f"/uppfoljning/bidrag/{submitted.pk}/").content.decode()
    assert "Cykeln är låst" in page
    assert f"/uppfoljning/bidrag/{submitted.pk}/approve/" not in page and f"/uppfoljning/bidrag/{submitted.pk}/return/" not in page
    response = client.post(f"/uppfoljning/bidrag/{submitted.pk}/approve/", follow=True)
    assert "låst" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED
