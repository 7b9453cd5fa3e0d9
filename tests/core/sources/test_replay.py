import json

import httpx
import pytest

from resultat.core.sources.http import HttpClient
from resultat.core.sources.kolada import KoladaClient
from resultat.core.sources.replay import RecordingTransport, ReplayTransport

from .conftest import FIXTURES, FakeTime


def _dir(tmp_path, entries, files=()):
    for name in files:
        (tmp_path / name).write_bytes((FIXTURES / "kolada" / name).read_bytes())
    (tmp_path / "manifest.json").write_text(json.dumps({"responses": entries}), encoding="utf-8")
    return tmp_path


def test_replay_serves_in_order_ignoring_query_order(tmp_path):
    url = "https://api.kolada.se/v3/kpi/N01951?per_page=5000&x=1"
    d = _dir(tmp_path, [
        {"url": url, "status": 429, "headers": {"Retry-After": "2"}, "text": "vänta"},
        {"url": url, "file": "kpi_N01951.json"},
    ], ["kpi_N01951.json"])
    t = FakeTime()
    http = HttpClient(transport=ReplayTransport(d), sleep=t.sleep, clock=t.clock, now=t.now)
    raw = http.get("https://api.kolada.se/v3/kpi/N01951", params=[("x", "1"), ("per_page", "5000")])
    assert raw.status == 200 and "Invånare totalt" in raw.body
    assert t.sleeps == [2.0]  # Retry-After honoured


def test_replay_unknown_request_is_a_404_naming_it(tmp_path):
    d = _dir(tmp_path, [])
    client = KoladaClient(HttpClient(transport=ReplayTransport(d)))
    with pytest.raises(Exception) as exc:
        client.get_kpis(["N00001"])
    assert "N00001" in str(exc.value) and "404" in str(exc.value)


def test_replay_matches_post_bodies(tmp_path):
    url = "https://example.test/data?a=1"
    d = _dir(tmp_path, [
        {"method": "POST", "url": url, "body": {"q": 1}, "json": {"answer": 1}},
        {"method": "POST", "url": url, "body": {"q": 2}, "json": {"answer": 2}},
    ])
    http = HttpClient(transport=ReplayTransport(d))
    assert http.post_json("https://example.test/data", {"q": 2}, params={"a": "1"}).json() == {"answer": 2}
    assert http.post_json("https://example.test/data", {"q": 1}, params={"a": "1"}).json() == {"answer": 1}


def test_manifest_errors_are_clear(tmp_path):
    with pytest.raises(FileNotFoundError, match="manifest.json"):
        ReplayTransport(tmp_path)
    (tmp_path / "manifest.json").write_text('{"responses": [{"url": "https://x/", "file": "missing.json"}]}')
    with pytest.raises(ValueError, match="missing.json"):
        ReplayTransport(tmp_path)


def test_recording_then_replay_round_trip(tmp_path):
    def handler(request):
        return httpx.Response(200, json={"values": [], "count": 0, "next_url": None})

    rec = RecordingTransport(tmp_path, inner=httpx.MockTransport(handler))
    HttpClient(transport=rec).get("https://api.kolada.se/v3/kpi/N01951", params={"per_page": 5})
    replayed = HttpClient(transport=ReplayTransport(tmp_path)).get("https://api.kolada.se/v3/kpi/N01951", params={"per_page": 5})
    assert replayed.json()["count"] == 0
