"""One read rule for strategy versions (issue 16): ``strategy.selectors.public_versions``
says which versions anyone may read, and every reader of versions follows it – the
strategy pages and their version switcher, the version in force, the open data and API
(strategy versions, priorities, sub-priorities) and search.

The second test narrows the rule (only adopted versions) and checks that each reader
narrows with it, so a reader that keeps its own copy of the rule fails here."""

import pytest
from django.core.cache import cache
from django.test import Client

from resultat.search.indexing import index_source
from resultat.search.models import SearchDocument
from resultat.strategy import selectors
from resultat.strategy.models import StrategyVersion

pytestmark = pytest.mark.django_db

DRAFT = "rus.aktualisering-2025-26"
ADOPTED = "rus.uppfoljning-2025"


def _api_ids(client, name: str) -> set[str]:
    return {row["id"] for row in client.get(f"/api/{name}/?limit=500").json()["results"]}


def _readers(client, strategy) -> dict:
    """What each reader of strategy versions shows now."""
    cache.clear()
    index_source("strategy", [v.pk for v in StrategyVersion.objects.all()])
    return {
        "api versions": _api_ids(client, "strategy-versions"),
        "api priority versions": {i.rsplit(".", 1)[0] for i in _api_ids(client, "priorities")},
        "api sub-priority versions": {".".join(i.split(".")[:2]) for i in _api_ids(client, "subpriorities")},
        "api draft detail": client.get(f"/api/strategy-versions/{DRAFT}/").status_code,
        "draft page": client.get("/strategi/rus/aktualisering-2025-26/").status_code,
        "switcher": {f"rus.{v.code}" for v in selectors.versions_of(strategy)},
        "in force": selectors.version_in_force(strategy).code,
        "search": {
            f"rus.{StrategyVersion.objects.get(pk=pk).code}"
            for pk in SearchDocument.objects.filter(kind="strategy").values_list("source_id", flat=True)
        },
    }


def test_every_version_is_public_drafts_included(vasterbotten):
    rule = {f"{v.strategy.code}.{v.code}" for v in selectors.public_versions()}
    assert rule == {ADOPTED, DRAFT}
    seen = _readers(Client(HTTP_HOST="localhost"), vasterbotten.strategy)
    for reader in ("api versions", "api priority versions", "switcher", "search"):
        assert seen[reader] == rule, reader
    assert seen["api sub-priority versions"] == {DRAFT}  # the 2025 follow-up version has none
    assert seen["api draft detail"] == 200 and seen["draft page"] == 200
    assert seen["in force"] == "uppfoljning-2025"


def test_every_reader_follows_the_one_rule_when_it_changes(vasterbotten, monkeypatch):
    everything = selectors.public_versions

    def adopted_only():
        return everything().filter(status=StrategyVersion.Status.ADOPTED)

    monkeypatch.setattr(selectors, "public_versions", adopted_only)
    seen = _readers(Client(HTTP_HOST="localhost"), vasterbotten.strategy)
    for reader in ("api versions", "api priority versions", "switcher", "search"):
        assert seen[reader] == {ADOPTED}, reader
    assert seen["api sub-priority versions"] == set()  # only the draft has sub-priorities
    assert seen["api draft detail"] == 404 and seen["draft page"] == 404
    assert seen["in force"] == "uppfoljning-2025"
    # with nothing adopted, the in-force version is still chosen among the readable ones
    StrategyVersion.objects.filter(code="uppfoljning-2025").update(status=StrategyVersion.Status.SUPERSEDED)
    monkeypatch.setattr(selectors, "public_versions", lambda: everything().exclude(code="aktualisering-2025-26"))
    assert selectors.version_in_force(vasterbotten.strategy).code == "uppfoljning-2025"
