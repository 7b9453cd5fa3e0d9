"""A re-index after a commit can fail (a lock time-out, a bug in a document kind): the
request whose writes are committed still answers normally, the failure is logged and
the object is marked, and `resultat search reindex --pending` catches up."""

import pytest
from django.core.management import call_command

from resultat.search import indexing
from resultat.search.models import PendingReindex, SearchDocument

pytestmark = pytest.mark.django_db


def test_a_failing_reindex_never_fails_the_committed_save(contribution, people, client, monkeypatch, django_capture_on_commit_callbacks, caplog):
    client.force_login(people["editor_a"])

    def broken(source, ids):
        raise RuntimeError("sökindexet är låst")

    monkeypatch.setattr(indexing, "index_source", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/uppfoljning/bidrag/{contribution.pk}/spara/", {"body": "Text om Umeå.", "base_revision": 0})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.revision == 1 and "Umeå" in contribution.body
    assert PendingReindex.objects.filter(source="contribution", source_id=contribution.pk).exists()
    assert "sökindexet är låst" in caplog.text
    monkeypatch.undo()
    call_command("search", "reindex", "--pending", verbosity=0)
    assert "Umeå" in SearchDocument.objects.get(key=f"contribution:{contribution.pk}").text
    assert not PendingReindex.objects.exists()


def test_reindexing_twice_is_idempotent(contribution, people, django_capture_on_commit_callbacks):
    from resultat.followup import services

    with django_capture_on_commit_callbacks(execute=True):
        services.save_contribution(contribution, user=people["editor_a"], body="<p>Text om Skellefteå.</p>", base_revision=0)
    first = list(SearchDocument.objects.filter(source="contribution", source_id=contribution.pk).values_list("pk", "key", "text"))
    assert indexing.index_source("contribution", [contribution.pk]) == 1
    assert indexing.index_source("contribution", [contribution.pk]) == 1
    # rewritten in place (upsert on the key), not deleted and inserted again
    assert list(SearchDocument.objects.filter(source="contribution", source_id=contribution.pk).values_list("pk", "key", "text")) == first


def test_an_autosave_rewrites_its_document_and_survives_a_failure_there(contribution, people, client, monkeypatch, django_capture_on_commit_callbacks):
    client.force_login(people["editor_a"])
    autosave = {"HTTP_HX_REQUEST": "true"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/uppfoljning/bidrag/{contribution.pk}/spara/", {"body": "Första texten.", "base_revision": 0}, **autosave)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/uppfoljning/bidrag/{contribution.pk}/spara/", {"body": "Andra texten om Umeå.", "base_revision": 1}, **autosave)
    assert response.status_code == 200
    doc = SearchDocument.objects.get(key=f"contribution:{contribution.pk}")
    assert doc.text == "Andra texten om Umeå." and doc.municipalities == "|2480|"

    def broken(bodies):
        raise RuntimeError("trasigt index")

    monkeypatch.setattr(indexing, "_rewrite_bodies", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/uppfoljning/bidrag/{contribution.pk}/spara/", {"body": "Tredje texten.", "base_revision": 2}, **autosave)
    assert response.status_code == 200  # the save committed; the full re-index after the commit caught up
    contribution.refresh_from_db()
    assert contribution.revision == 3
    assert SearchDocument.objects.get(key=f"contribution:{contribution.pk}").text == "Tredje texten."
