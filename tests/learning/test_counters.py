"""The coverage page's counts per sub-priority and year come from the content apps through
the ``learning.counters`` hook (issue 16): followup registers "bidrag", the initiative
register "insatser"; learning imports neither's counting code and adds a column for
every registered counter."""

from collections import Counter

from django.test import Client

from resultat.followup.models import Contribution
from resultat.infrastructure.hooks import hook
from resultat.learning import selectors


def _by_hand() -> tuple[Counter, dict]:
    """The definitions of docs/learning.md, counted straight from the rows."""
    contributions, initiatives = Counter(), {}
    for c in Contribution.objects.select_related("cycle").prefetch_related("items", "area__subpriorities"):
        text = c.body.replace("<p>", "").replace("</p>", "").strip()
        items = list(c.items.all())
        if not (text or items):
            continue
        for sp in c.area.subpriorities.all():
            key = (sp.code, c.cycle.year)
            contributions[key] += 1
            initiatives.setdefault(key, set()).update(i.initiative_id for i in items if i.initiative_id)
    return contributions, {k: len(v) for k, v in initiatives.items()}


def test_the_content_apps_register_the_columns(edition, db):
    counters = hook("learning.counters")
    assert counters.served and selectors.counter_names() == ["bidrag", "insatser"]
    assert counters["bidrag"].__module__ == "resultat.followup.learning_counters"
    assert counters["insatser"].__module__ == "resultat.initiatives.learning_counters"
    contributions, initiatives = _by_hand()
    years, rows, _synthetic = selectors.subpriority_years()
    assert years == [2025, 2026] and rows
    for row in rows:
        for year in years:
            assert row.counts[year] == {"bidrag": contributions[(row.code, year)], "insatser": initiatives.get((row.code, year), 0)}, (row.code, year)
    assert sum(r.counts[2025]["bidrag"] for r in rows) > 0 and sum(r.counts[2025]["insatser"] for r in rows) > 0


def test_a_registered_counter_is_one_more_column(users, db):
    counters = hook("learning.counters")
    counters.register(lambda cycles: {("dp-1.1", c.year): c.year - 2000 for c in cycles}, key="prov")
    try:
        client = Client()
        client.force_login(users["analytiker"])
        html = client.get("/larande/tackning/?ar=2025").content.decode()
        assert '<th scope="col">prov</th>' in html
        _years, rows, _synthetic = selectors.subpriority_years()
        row = next(r for r in rows if r.code == "dp-1.1")
        assert row.counts[2025]["prov"] == 25 and row.counts[2026]["prov"] == 26
        assert all(r.counts[2025]["prov"] == 0 for r in rows if r.code != "dp-1.1")
    finally:
        counters.unregister("prov")
