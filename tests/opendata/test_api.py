"""The read-only API: lists, pagination, filters, details, errors, ETag/304, CORS,
and that nothing unpublished is ever shown – also not to a logged-in analyst."""

import pytest
from django.test import Client

from resultat.accounts.models import Role
from tests.factories import make_user
from tests.opendata.conftest import SECRET

pytestmark = pytest.mark.usefixtures("published")


@pytest.fixture
def client():
    return Client(HTTP_HOST="localhost")


def test_lists_every_registered_resource(client):
    from resultat.opendata import registry

    counts = {}
    for entry in registry.entries():
        r = client.get(f"/api/{entry.name}/")
        assert r.status_code == 200, entry.name
        assert r["Content-Type"].startswith("application/json")
        body = r.json()
        counts[entry.name] = body["count"]
        for row in body["results"]:
            assert list(row) == entry.dataset.field_names()
    assert counts["sdg-goals"] == 17 and counts["sdg-targets"] == 169
    assert counts["cycles"] == 1  # 2026 is open, not published
    assert counts["contributions"] == 173  # 174 imported, one taken back to approved
    assert counts["strategy-versions"] == 2
    assert counts["subpriorities"] == 20


def test_pagination_with_next_and_previous_links(client):
    first = client.get("/api/contributions/?limit=50&year=2025").json()
    assert first["count"] == 173 and len(first["results"]) == 50 and first["previous"] is None
    assert "offset=50" in first["next"] and "year=2025" in first["next"] and first["next"].startswith("http")
    seen = [r["id"] for r in first["results"]]
    url = first["next"]
    while url:
        page = client.get(url).json()
        seen += [r["id"] for r in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 173
    last = client.get("/api/contributions/?limit=50&offset=150").json()
    assert last["next"] is None and "offset=100" in last["previous"]


def test_filters(client):
    digital = client.get("/api/contributions/?area=a-digitalisering").json()
    assert digital["count"] == 8 and {r["area"] for r in digital["results"]} == {"a-digitalisering"}
    assert client.get("/api/contributions/?year=2024").json()["count"] == 0
    by_sub = client.get("/api/contributions/?subpriority=dp-1.2").json()
    assert by_sub["count"] > 0 and {r["area"] for r in by_sub["results"]} == {"a-digitalisering"}
    sdg = client.get("/api/contribution-items/?sdg=9&kind=sdg").json()
    assert sdg["count"] > 0 and all(r["sdg_goal"] == 9 for r in sdg["results"])
    assert client.get("/api/geography/?municipality=2480").json()["results"][0]["name"] == "Umeå"
    assert client.get("/api/subpriorities/?sdg=9").json()["count"] > 0


@pytest.mark.parametrize(
    "query, word",
    [("limit=0", "limit"), ("limit=501", "limit"), ("offset=-1", "offset"), ("year=abc", "year"), ("sdg=18", "sdg"), ("area=%00x", "area"), ("kind=foo", "kind")],
)
def test_bad_parameters_give_400_saying_what(client, query, word):
    resource = "contribution-items" if word == "kind" else "contributions"
    r = client.get(f"/api/{resource}/?{query}")
    assert r.status_code == 400
    assert r.json()["error"] == "bad_request" and r.json()["detail"].startswith(word)
    assert r["Access-Control-Allow-Origin"] == "*"


def test_details_by_stable_code(client):
    c = client.get("/api/contributions/2025.a-digitalisering.omvarldsanalys/").json()
    assert c["area"] == "a-digitalisering" and c["year"] == 2025 and isinstance(c["items"], list)
    assert all(i["contribution"] == c["id"] for i in c["items"])
    v = client.get("/api/strategy-versions/rus.aktualisering-2025-26/").json()
    assert len(v["tree"]["priorities"]) == 6 and sum(len(p["subpriorities"]) for p in v["tree"]["priorities"]) == 20
    sub = client.get("/api/subpriorities/rus.aktualisering-2025-26.dp-1.2/").json()
    assert sub["code"] == "dp-1.2"
    assert client.get("/api/contributions/2025.nope.nope/").status_code == 404
    assert client.get("/api/contributions/2025.nope.nope/").json()["error"] == "not_found"
    assert client.get("/api/nothing-here/").status_code == 404


def test_etag_and_conditional_get(client):
    r = client.get("/api/sdg-goals/")
    etag = r["ETag"]
    assert etag.startswith('"') and "public" in r["Cache-Control"]
    again = client.get("/api/sdg-goals/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    other = client.get("/api/sdg-goals/?limit=5")
    assert other["ETag"] != etag
    assert client.get("/api/sdg-goals/", HTTP_IF_NONE_MATCH='"stale"').status_code == 200


def test_cors_for_get_and_preflight(client):
    r = client.get("/api/cycles/", HTTP_ORIGIN="https://example.org")
    assert r["Access-Control-Allow-Origin"] == "*" and "ETag" in r["Access-Control-Expose-Headers"]
    pre = client.options("/api/cycles/", HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert pre.status_code == 204 and "GET" in pre["Access-Control-Allow-Methods"] and "If-None-Match" in pre["Access-Control-Allow-Headers"]
    assert client.post("/api/cycles/").status_code == 405


@pytest.mark.parametrize("logged_in", [False, True])
def test_never_shows_unpublished_texts(client, logged_in):
    from resultat.opendata import registry

    if logged_in:
        user = make_user("analytiker", Role.ANALYST)
        user.is_superuser = True
        user.save()
        client.force_login(user)
    for entry in registry.entries():
        for url in (f"/api/{entry.name}/?limit=500", f"/oppna-data/{entry.name}.csv", f"/oppna-data/{entry.name}.json"):
            assert SECRET.encode() not in client.get(url).content, url
    for year in (2026,):
        assert client.get(f"/api/cycles/{year}/").status_code == 404
        assert client.get(f"/api/contributions/?year={year}").json()["count"] == 0


def test_openapi_document_lists_every_resource(client):
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    assert "/api/contributions/" in doc["paths"] and "/api/contributions/{id}/" in doc["paths"]
    params = {p["name"] for p in doc["paths"]["/api/contributions/"]["get"]["parameters"]}
    assert {"limit", "offset", "year", "area", "subpriority", "sdg"} <= params
    assert doc["info"]["license"]["url"] == "https://creativecommons.org/licenses/by/4.0/"


def test_documentation_page(client):
    r = client.get("/api/")
    assert r.status_code == 200 and b"/api/contributions/" in r.content and b"<script" not in r.content.split(b"<main")[1]
