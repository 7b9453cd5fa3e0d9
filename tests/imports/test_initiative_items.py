"""Items outside "Ett urval av insatser" that name an initiative link to it themselves
(issue 19): the initiative's page lists that exact item, and the public page only the
published ones (followup.visibility decides)."""

import pytest

from resultat.accounts.models import User
from resultat.core.reportparse.initiatives import fold, name_key
from resultat.followup.models import Contribution, ContributionItem
from resultat.initiatives.models import Initiative
from tests.factories import committed_edition, load_edition

edition = committed_edition(lambda: load_edition(demo_cycle=False), scope="module")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("edition")]


def _named(init: Initiative, text: str) -> bool:
    """Does ``text`` name ``init`` (its name, an alias the import stored, or its acronym)?"""
    folded, keyed = f" {fold(text)} ", f" {name_key(text)} "
    for k in [*(init.match_keys or []), name_key(init.name)]:
        if (k.startswith("acr:") and f" {k[4:]} " in folded) or (not k.startswith("acr:") and f" {k} " in keyed):
            return True
    return False


def test_list_items_of_other_kinds_link_to_the_initiative_they_name():
    linked = ContributionItem.objects.exclude(kind="initiative").filter(initiative__isnull=False).select_related("initiative")
    assert linked.count() >= 20
    assert {"activity", "arena"} <= set(linked.values_list("kind", flat=True))
    for item in linked:
        init = item.initiative
        assert init.review_status == Initiative.Review.CONFIRMED, item
        assert _named(init, item.title + " " + item.text), (item.title, init.name)
        assert init.mentioned_in.filter(pk=item.contribution_id).exists()
    # an "Ett urval" entry links to the initiative it is: named in its title (or the
    # quoted name that continues it on the next line), never one named later in its text
    for item in ContributionItem.objects.filter(kind="initiative", initiative__isnull=False).select_related("initiative"):
        assert _named(item.initiative, item.title + " " + item.text[:100]), (item.title, item.initiative.name)


def test_the_initiative_page_lists_the_exact_item_and_the_public_only_published_ones(client):
    candidates = ContributionItem.objects.exclude(kind="initiative").filter(initiative__isnull=False).select_related("initiative").order_by("pk")
    item = next(i for i in candidates if ContributionItem.objects.filter(initiative=i.initiative, title=i.title).count() == 1)
    init = item.initiative
    page = client.get(f"/insatser/{init.code}/").content.decode()
    assert item.title in page.split("Nämnd i uppföljningen", 1)[1]
    # the contribution goes back to a draft: the public page no longer lists the item, staff see it marked
    Contribution.objects.filter(pk=item.contribution_id).update(state=Contribution.State.DRAFT)
    page = client.get(f"/insatser/{init.code}/").content.decode()
    assert item.title not in page.split("Nämnd i uppföljningen", 1)[1]
    client.force_login(User.objects.get(username="analytiker"))
    staff = client.get(f"/insatser/{init.code}/").content.decode().split("Nämnd i uppföljningen", 1)[1]
    assert item.title in staff and "ej publicerat" in staff
