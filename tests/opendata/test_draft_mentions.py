"""The year and area filters of /api/arenas/ and /api/initiatives/ stay inside the
published mentions: a draft item in the open 2026 cycle that mentions an arena or an
initiative (also one mentioned publicly in 2025) must not make it match."""

import pytest
from django.test import Client

from resultat.followup import visibility as selectors
from resultat.followup.models import Contribution, ContributionItem, StandingArena
from resultat.initiatives.models import Initiative

pytestmark = pytest.mark.usefixtures("published")


@pytest.fixture
def client():
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def draft_mentions():
    draft = Contribution.objects.get(cycle__year=2026)
    assert draft.state == Contribution.State.DRAFT
    arena = selectors.public_arenas().order_by("code").first()
    initiative = selectors.public_initiatives().order_by("code").first()
    assert arena and initiative
    hidden_arena = StandingArena.objects.create(code="utkast-arena", name="Utkastarena")
    hidden_initiative = Initiative.objects.create(code="utkast-insats", name="Utkastinsats")
    for i, (a, ini) in enumerate([(arena, None), (None, initiative), (hidden_arena, None), (None, hidden_initiative)]):
        ContributionItem.objects.create(contribution=draft, kind="arena" if a else "initiative", order=i, title="utkast", arena=a, initiative=ini)
    return {"arena": arena, "initiative": initiative, "hidden_arena": hidden_arena, "hidden_initiative": hidden_initiative, "area": draft.area}


def _ids(client, url):
    body = client.get(url).json()
    return {r["id"] for r in body["results"]}


def test_year_filter_ignores_draft_mentions(client, draft_mentions):
    m = draft_mentions
    assert _ids(client, "/api/arenas/?year=2026") == set()
    assert _ids(client, "/api/initiatives/?year=2026") == set()
    # still found for the published year, and the draft-only ones nowhere
    assert m["arena"].code in _ids(client, "/api/arenas/?year=2025&limit=500")
    assert m["initiative"].code in _ids(client, "/api/initiatives/?year=2025&limit=500")
    for url in ("/api/arenas/?limit=500", "/api/initiatives/?limit=500"):
        assert not {"utkast-arena", "utkast-insats"} & _ids(client, url)


def test_arena_area_filter_ignores_draft_mentions(client, draft_mentions):
    m = draft_mentions
    area = m["area"].code
    published_areas = {i.contribution.area.code for i in selectors.published_items().filter(arena=m["arena"]).select_related("contribution__area")}
    found = m["arena"].code in _ids(client, f"/api/arenas/?area={area}&limit=500")
    assert found == (area in published_areas)
    assert found == (area in client.get(f"/api/arenas/{m['arena'].code}/").json()["areas"])
