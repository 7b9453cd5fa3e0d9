"""NUL characters in posted texts are refused and nothing is written (PostgreSQL cannot store
them: a typed item's title or a review comment with NUL was a 500 there). The staff forms of
a contribution show the form again with an error on the field (tests/followup/test_editor_items.py);
everything else answers 400."""

import pytest
from django.urls import reverse

from resultat.followup.models import Contribution, ContributionItem, ReviewComment

pytestmark = pytest.mark.django_db


def test_a_review_comment_with_nul_is_refused(client, contribution, people):
    client.force_login(people["reviewer"])
    r = client.post(reverse("followup:contribution_action", args=[contribution.pk, "comment"]), {"comment": "bra\x00text"})
    assert r.status_code == 422 and ReviewComment.objects.count() == 0
    assert "otillåtet tecken (NUL" in r.content.decode()


def test_a_typed_item_title_with_nul_is_refused(client, contribution, people):
    client.force_login(people["editor_a"])
    before = Contribution.objects.get(pk=contribution.pk).revision
    r = client.post(reverse("followup:contribution_save", args=[contribution.pk]), {
        "body": "Text", "base_revision": before, "items-TOTAL": "1", "items-0-title": "Arena\x00", "items-0-text": "x",
    })
    assert r.status_code == 422 and "otillåtet tecken (NUL" in r.content.decode()
    assert ContributionItem.objects.count() == 0 and Contribution.objects.get(pk=contribution.pk).revision == before


def test_a_nul_in_the_query_string_is_a_400(client, vasterbotten):
    assert client.get("/sok/", {"q": "kultur\x00"}).status_code == 400


def test_a_typed_item_title_longer_than_its_column_is_a_form_error(client, contribution, people):
    client.force_login(people["editor_a"])
    before = Contribution.objects.get(pk=contribution.pk).revision
    r = client.post(reverse("followup:contribution_save", args=[contribution.pk]), {
        "body": "Text", "base_revision": before, "items-TOTAL": "1", "items-0-title": "x" * 401, "items-0-text": "x",
    })
    assert r.status_code == 422 and "högst 400 tecken" in r.content.decode()
    assert ContributionItem.objects.count() == 0 and Contribution.objects.get(pk=contribution.pk).revision == before
