import hashlib
from datetime import UTC, timedelta
from email.utils import format_datetime

import httpx
import pytest

from resultat.core.sources.errors import HttpStatusError, ParseError, SourceError, TransportError
from resultat.core.sources.http import RateLimiter, parse_retry_after

from .conftest import START, json_response, text_response

URL = "https://api.example.test/v3/kpi"


def test_success_returns_a_provenance_record(router, make_http, fake_time):
    body = '{"values": [], "count": 0}'
    router.add("GET", "/v3/kpi", text_response(body))
    raw = make_http().get(URL, params={"title": "Invånare", "per_page": 5000, "skip": None})
    assert raw.status == 200
    assert raw.method == "GET"
    assert raw.url == "https://api.example.test/v3/kpi?title=Inv%C3%A5nare&per_page=5000"
    assert raw.params == (("title", "Invånare"), ("per_page", "5000"))
    assert raw.request_body is None
    assert raw.body == body
    assert raw.sha256 == hashlib.sha256(body.encode()).hexdigest()
    assert raw.fetched_at == START and raw.fetched_at.tzinfo is UTC
    assert raw.json() == {"values": [], "count": 0}
    assert fake_time.sleeps == []


def test_post_records_the_request_body(router, make_http):
    router.add("POST", "/v3/kpi", json_response({"ok": True}))
    raw = make_http().post_json(
        URL, {"selection": [{"variableCode": "Tid", "valueCodes": ["2023"]}]}
    )
    assert raw.request_body == '{"selection":[{"variableCode":"Tid","valueCodes":["2023"]}]}'
    assert router.requests[0].headers["content-type"].startswith("application/json")
    assert router.requests[0].content == raw.request_body.encode()


def test_429_with_retry_after_seconds_then_success(router, make_http, fake_time):
    router.add(
        "GET",
        "/v3/kpi",
        json_response({"title": "Too many requests"}, 429, {"Retry-After": "3"}),
        json_response({"values": []}),
    )
    raw = make_http().get(URL)
    assert raw.status == 200
    assert fake_time.sleeps == [3.0]
    assert router.count() == 2
    assert raw.fetched_at == START + timedelta(seconds=3)


def test_429_with_retry_after_http_date(router, make_http, fake_time):
    when = format_datetime(START + timedelta(seconds=7), usegmt=True)
    router.add(
        "GET",
        "/v3/kpi",
        json_response({}, 429, {"Retry-After": when}),
        json_response({"values": []}),
    )
    make_http().get(URL)
    assert fake_time.sleeps == [7.0]


def test_retry_after_longer_than_allowed_fails_at_once(router, make_http, fake_time):
    router.add("GET", "/v3/kpi", json_response({}, 429, {"Retry-After": "3600"}))
    with pytest.raises(HttpStatusError) as info:
        make_http(max_retry_after=120).get(URL)
    assert "3600 s" in str(info.value) and info.value.status == 429
    assert fake_time.sleeps == [] and router.count() == 1


def test_500_repeatedly_gives_a_clear_failure(router, make_http, fake_time):
    router.add("GET", "/v3/kpi", text_response("Internal Server Error", 500))
    with pytest.raises(HttpStatusError) as info:
        make_http(max_attempts=4, backoff_base=0.5).get(URL, params={"title": "x"})
    error = info.value
    assert error.status == 500 and error.attempt == 4 and error.max_attempts == 4
    assert error.url == URL + "?title=x"
    message = str(error)
    assert URL in message and "attempt 4 of 4" in message and "HTTP 500" in message
    assert router.count() == 4
    assert fake_time.sleeps == [0.5, 1.0, 2.0]  # exponential backoff, no sleep after the last try


def test_backoff_is_capped_and_jitter_is_bounded(router, make_http, fake_time):
    router.add("GET", "/v3/kpi", text_response("busy", 503))
    with pytest.raises(HttpStatusError):
        make_http(max_attempts=6, backoff_base=1, backoff_max=5, jitter=0.5, rng=lambda: 1.0).get(
            URL
        )
    assert fake_time.sleeps == [1.5, 3.0, 6.0, 7.5, 7.5]


def test_5xx_then_success(router, make_http, fake_time):
    router.add(
        "GET",
        "/v3/kpi",
        text_response("", 502),
        text_response("", 504),
        json_response({"values": []}),
    )
    assert make_http().get(URL).status == 200
    assert fake_time.sleeps == [1.0, 2.0]


@pytest.mark.parametrize("status", [400, 403, 404, 410])
def test_client_errors_are_not_retried(router, make_http, fake_time, status):
    router.add("GET", "/v3/kpi", json_response({"title": "nope"}, status))
    with pytest.raises(HttpStatusError) as info:
        make_http().get(URL)
    assert info.value.status == status and info.value.attempt == 1
    assert "not retried" in str(info.value)
    assert router.count() == 1 and fake_time.sleeps == []


def test_timeouts_are_retried_then_succeed(router, make_http, fake_time):
    router.add(
        "GET",
        "/v3/kpi",
        httpx.ReadTimeout("read timed out"),
        httpx.ConnectTimeout("connect timed out"),
        json_response({"values": []}),
    )
    assert make_http().get(URL).status == 200
    assert fake_time.sleeps == [1.0, 2.0]


def test_timeouts_every_time_give_a_transport_error(router, make_http):
    router.add("GET", "/v3/kpi", httpx.ReadTimeout("read timed out"))
    with pytest.raises(TransportError) as info:
        make_http(max_attempts=3).get(URL)
    assert info.value.status is None and info.value.attempt == 3
    assert "timeout" in str(info.value) and "no response" in str(info.value)
    assert isinstance(info.value, SourceError)


def test_connection_errors_are_retried(router, make_http):
    router.add("GET", "/v3/kpi", httpx.ConnectError("refused"), json_response({"values": []}))
    assert make_http().get(URL).status == 200


def test_truncated_json_is_a_parse_error(router, make_http):
    router.add("GET", "/v3/kpi", text_response('{"values": [{"kpi": "N01'))
    raw = make_http().get(URL)
    with pytest.raises(ParseError) as info:
        raw.json()
    assert "truncated" in str(info.value) and URL in str(info.value)


def test_nan_is_not_json(router, make_http):
    router.add("GET", "/v3/kpi", text_response('{"value": NaN}'))
    with pytest.raises(ParseError):
        make_http().get(URL).json()


@pytest.mark.parametrize(
    "header, expected",
    [
        ("5", 5.0),
        (" 2.5 ", 2.5),
        ("0", 0.0),
        ("-3", None),
        ("soon", None),
        ("", None),
        (None, None),
        ("Thu, 15 Jan 2026 12:00:10 GMT", 10.0),
        ("Thu, 15 Jan 2026 11:00:00 GMT", 0.0),
    ],
)
def test_parse_retry_after(header, expected):
    assert parse_retry_after(header, now=START) == expected


def test_rate_limiter_allows_n_calls_per_window(fake_time):
    limiter = RateLimiter(3, 10.0, clock=fake_time.clock, sleep=fake_time.sleep)
    for _ in range(3):
        assert limiter.acquire() == 0.0
    assert limiter.acquire() == 10.0  # the fourth call waits for the window to slide
    fake_time.t += 4
    assert limiter.acquire() == 0.0  # only one call left in the window 4..14
    assert fake_time.sleeps == [10.0]


def test_rate_limiter_spaces_a_burst(fake_time):
    limiter = RateLimiter(2, 1.0, clock=fake_time.clock, sleep=fake_time.sleep)
    starts = []
    for _ in range(6):
        limiter.acquire()
        starts.append(fake_time.t)
    assert starts == [0.0, 0.0, 1.0, 1.0, 2.0, 2.0]


@pytest.mark.parametrize("args", [(0, 1.0), (1, 0), (1, float("inf")), (True, 1.0)])
def test_rate_limiter_rejects_nonsense(args):
    with pytest.raises(ValueError):
        RateLimiter(*args)


def test_client_paces_every_attempt(router, make_http, fake_time):
    router.add("GET", "/v3/kpi", json_response({"values": []}))
    limiter = RateLimiter(2, 5.0, clock=fake_time.clock, sleep=fake_time.sleep)
    http = make_http(pacer=limiter)
    for _ in range(5):
        http.get(URL)
    assert fake_time.sleeps == [5.0, 5.0]
