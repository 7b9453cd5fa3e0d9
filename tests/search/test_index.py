"""The index: complete, current after every save, permission-aware, filterable."""

import re

from django.core.management import call_command
from django.test import Client

from resultat.followup import services, visibility
from resultat.followup.models import Contribution, Cycle
from resultat.initiatives.models import Initiative
from resultat.search import indexing
from resultat.search.models import SearchDocument
from resultat.search.selectors import Filters, matching_keys, search, visible_documents


def snapshot():
    return sorted(SearchDocument.objects.values_list("key", "kind", "title", "text", "shadow", "url", "visibility", "year", "areas", "sdg_goals"))


def test_incremental_index_equals_a_full_rebuild(edition, db):
    incremental = snapshot()
    counts = indexing.rebuild()
    assert snapshot() == incremental
    assert set(counts) == {"strategy", "contribution", "initiative", "arena", "area", "municipality", "indicator"}
    assert all(n for kind, n in counts.items() if kind != "indicator")  # the edition has no indicators


def test_every_kind_is_indexed_with_a_link(edition, db):
    kinds = set(SearchDocument.objects.values_list("kind", flat=True))
    assert kinds == {"strategy", "contribution", "item", "initiative", "arena", "area", "municipality"}
    assert not SearchDocument.objects.filter(kind__in=["strategy", "contribution", "item", "area", "municipality"], url="").exists()
    need = SearchDocument.objects.filter(subkind="need").first()
    assert "#" in need.url and need.url.split("#")[1] in need.key


def test_saving_a_contribution_updates_the_index(users, django_capture_on_commit_callbacks):
    c = Contribution.objects.get(cycle__year=2026, area__code="a-digitalisering", question__code="samverkan")
    editor = users["redaktor"]
    assert not matching_keys("fjällräddningsövning", user=users["analytiker"])
    with django_capture_on_commit_callbacks(execute=True):
        services.save_contribution(c, user=editor, body="<p>En fjällräddningsövning i Storuman.</p>", base_revision=c.refresh_from_db() or c.revision)
    assert matching_keys("fjällräddningsövningen", user=users["analytiker"]) == {f"contribution:{c.pk}"}
    doc = SearchDocument.objects.get(key=f"contribution:{c.pk}")
    assert doc.visibility == "draft" and "|2421|" in doc.municipalities  # Storuman
    assert not matching_keys("fjällräddningsövning", public=True)


def test_publishing_a_cycle_makes_its_texts_public(users, django_capture_on_commit_callbacks):
    analyst = users["analytiker"]
    cycle = Cycle.objects.get(year=2026)
    approved = Contribution.objects.get(cycle=cycle, area__code="a-digitalisering", question__code="agenda-2030")
    assert approved.state == "approved"
    assert f"contribution:{approved.pk}" not in matching_keys("digitaliseringsarbetet", public=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.lock_cycle(cycle, analyst, reason="Ofullständig cykel i testet")
        services.publish_cycle(cycle, analyst, reason="Ofullständig cykel i testet")
    assert f"contribution:{approved.pk}" in matching_keys("digitaliseringsarbetet", public=True)


def test_initiatives_are_indexed_on_save(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        i = Initiative.objects.create(code="test-snoskoterled", name="Snöskoterleder i fjällen", description="Nya leder.")
    assert matching_keys("snöskoterled", user=users["analytiker"]) == {f"initiative:{i.pk}"}
    # never mentioned in a published text: not public
    assert not matching_keys("snöskoterled", public=True)
    with django_capture_on_commit_callbacks(execute=True):
        i.delete()
    assert not matching_keys("snöskoterled", user=users["analytiker"])


def test_draft_visibility_follows_followup_permissions(users):
    from django.contrib.auth.models import Group

    from resultat.accounts.models import Role, User
    from resultat.followup.models import StrategicArea

    other_editor = User.objects.create_user("olle", password="x" * 16)
    other_editor.groups.add(Group.objects.get(name=Role.EDITOR))
    StrategicArea.objects.get(code="a-energi").units.first().editors.add(other_editor)
    people = [None, users["analytiker"], users["redaktor"], users["granskare"], users["admin"], other_editor]
    contributions = Contribution.objects.select_related("cycle", "area").filter(cycle__year__in=[2025, 2026])
    docs = {d.source_id: d for d in SearchDocument.objects.filter(kind="contribution")}
    for user in people:
        visible = set(visible_documents(user).filter(kind="contribution").values_list("source_id", flat=True))
        for c in contributions:
            if c.pk in docs:
                assert (c.pk in visible) == visibility.can_read(user, c), (user, c)


def test_filters(users):
    analyst = users["analytiker"]
    for filters, check in [
        (Filters(year=2026), lambda d: d.year == 2026),
        (Filters(kind="item"), lambda d: d.kind == "item"),
        (Filters(area="a-digitalisering"), lambda d: "|a-digitalisering|" in d.areas),
        (Filters(question="agenda-2030"), lambda d: d.question == "agenda-2030"),
        (Filters(sdg=9), lambda d: "|9|" in d.sdg_goals),
        (Filters(priority="p-1"), lambda d: "|p-1|" in d.priorities),
        (Filters(subpriority="dp-1.1"), lambda d: "|dp-1.1|" in d.subpriorities),
        (Filters(municipality="2480"), lambda d: "|2480|" in d.municipalities),
    ]:
        res = search("utveckling OR region OR mål OR Umeå", filters, analyst, limit=10_000)
        assert res.total > 0, filters
        assert all(check(h.document) for h in res.hits), filters
        unfiltered = search("utveckling OR region OR mål OR Umeå", Filters(), analyst, limit=10_000)
        assert res.total < unfiltered.total


def test_results_are_marked_and_paged(edition, db):
    first = search("kommunerna", public=True, limit=5)
    second = search("kommunerna", public=True, limit=5, offset=5)
    assert first.total == second.total > 10
    assert not {h.document.pk for h in first.hits} & {h.document.pk for h in second.hits}
    assert all("<mark>" in h.snippet_html + h.title_html for h in first.hits)


def test_malformed_query_comes_back_as_an_error(edition, db):
    res = search('"hållbar', public=True)
    assert res.error is not None and res.error.code == "unclosed_quote" and not res.hits


def test_public_page(edition, db):
    client = Client()
    page = client.get("/sok/", {"q": "kommunerna", "ar": "2025"}).content.decode()
    assert "<mark>kommunerna</mark>" in page.lower() or "<mark>kommuner</mark>" in page.lower()
    assert "träffar" in page and re.search(r'href="/resultat/2025/[a-z0-9-]+/#bidrag-', page)  # on its chapter page
    assert "NIS2" not in client.get("/sok/", {"q": "NIS2"}).content.decode().split("<main")[1].split("</form>")[1]
    error = client.get("/sok/", {"q": 'klimat "hållbar'}).content.decode()
    assert "Citattecknet stängs aldrig" in error and "vid tecken 8" in error
    assert client.get("/sok/", {"q": "x", "ar": "inte-ett-år", "mal": "x"}).status_code == 200


def test_staff_page_needs_login_and_shows_drafts(users):
    client = Client()
    assert client.get("/sok/intern/", {"q": "NIS2"}).status_code == 302
    client.force_login(users["analytiker"])
    page = client.get("/sok/intern/", {"q": "NIS2"}).content.decode()
    assert "Ej publicerad" in page and "/uppfoljning/bidrag/" in page
    partial = client.get("/sok/intern/", {"q": "NIS2"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "<mark>NIS2</mark>" in partial


def test_reindex_command(edition, db, capsys):
    before = SearchDocument.objects.count()
    call_command("search", "reindex")
    out = capsys.readouterr().out
    assert "Sökindexet är ombyggt" in out
    assert out.strip().splitlines()[-1].split() == ["totalt", str(before)]
    assert SearchDocument.objects.count() == before
