"""The public default is the strategy in force (the newest adopted version), not the
remissutkast; a draft says it is a draft and links to the version in force."""

import pytest

from resultat.strategy import selectors
from resultat.strategy.models import StrategyVersion

pytestmark = pytest.mark.django_db


def test_the_yaml_marks_the_version_in_force(vasterbotten):
    statuses = dict(StrategyVersion.objects.values_list("code", "status"))
    assert statuses == {"uppfoljning-2025": "adopted", "aktualisering-2025-26": "draft"}


def test_strategi_opens_the_version_in_force(client, vasterbotten):
    response = client.get("/strategi/")
    assert response.status_code == 302
    assert response["Location"] == "/strategi/rus/uppfoljning-2025/"
    html = client.get(response["Location"]).content.decode()
    assert "draft-notice" not in html
    assert "gällande" in html  # the switcher names the version in force


def test_draft_is_marked_and_links_to_the_version_in_force(client, vasterbotten):
    for url in [vasterbotten.get_absolute_url(), f"{vasterbotten.get_absolute_url()}prioritering/p-1/"]:
        html = client.get(url).content.decode()
        assert 'class="notice draft-notice"' in html, url
        assert "ett utkast som inte är beslutat" in html
        assert 'href="/strategi/rus/uppfoljning-2025/"' in html
        assert ", utkast)" in html  # in the version switcher


def test_newest_adopted_wins_and_a_draft_only_without_one(vasterbotten):
    strategy = vasterbotten.strategy
    assert selectors.version_in_force(strategy).code == "uppfoljning-2025"
    # the working version for follow-up is unchanged: the newest not superseded
    assert selectors.current_version(strategy).code == "aktualisering-2025-26"
    StrategyVersion.objects.filter(code="aktualisering-2025-26").update(status="adopted")
    assert selectors.version_in_force(strategy).code == "aktualisering-2025-26"
    StrategyVersion.objects.filter(strategy=strategy).update(status="draft")
    assert selectors.version_in_force(strategy).code == "aktualisering-2025-26"


def test_start_page_marks_a_draft(client, vasterbotten):
    html = client.get("/").content.decode()
    assert 'class="notice draft-notice"' in html and "ett utkast som inte är beslutat" in html
    StrategyVersion.objects.filter(code="aktualisering-2025-26").update(status="adopted")
    from django.core.cache import cache

    cache.clear()
    assert "draft-notice" not in client.get("/").content.decode()
