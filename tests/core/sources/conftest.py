"""Shared helpers for the connector tests: fixtures on disk, a fake clock and a
request router for ``httpx.MockTransport``.  Nothing here touches the network."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from resultat.core.sources.http import HttpClient
from tests.factories import subset_jsonstat  # noqa: F401  (used by this package's tests)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
START = datetime(2026, 1, 15, 12, 0, 0, tzinfo=UTC)


def fixture_text(source: str, name: str) -> str:
    return (FIXTURES / source / name).read_text(encoding="utf-8")


def fixture_json(source: str, name: str) -> Any:
    return json.loads(fixture_text(source, name))


def json_response(
    payload: Any, status: int = 200, headers: dict[str, str] | None = None
) -> httpx.Response:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    all_headers = {"content-type": "application/json; charset=utf-8"}
    all_headers.update(headers or {})
    return httpx.Response(status, content=body, headers=all_headers)


def text_response(
    text: str, status: int = 200, headers: dict[str, str] | None = None
) -> httpx.Response:
    all_headers = {"content-type": "application/json; charset=utf-8"}
    all_headers.update(headers or {})
    return httpx.Response(status, content=text.encode("utf-8"), headers=all_headers)


class FakeTime:
    """A monotonic clock and wall clock that only move when someone sleeps."""

    def __init__(self) -> None:
        self.t = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.sleeps.append(seconds)
        self.t += seconds

    def now(self) -> datetime:
        return START + timedelta(seconds=self.t)


Reply = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class Router:
    """Answers requests from queues registered per method + path (+ query subset).

    Each queue is consumed in order; its last reply is repeated.  Unmatched
    requests fail the test loudly.
    """

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self._rules: list[tuple[str, str, dict[str, str], deque[Reply]]] = []

    def add(
        self, method: str, path: str, *replies: Reply, query: dict[str, str] | None = None
    ) -> Router:
        assert replies, "give at least one reply"
        self._rules.append((method.upper(), path, dict(query or {}), deque(replies)))
        return self

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        for method, path, query, replies in self._rules:
            if request.method != method or request.url.path != path:
                continue
            if any(request.url.params.get(k) != v for k, v in query.items()):
                continue
            reply = replies.popleft() if len(replies) > 1 else replies[0]
            if isinstance(reply, Exception):
                raise reply
            if callable(reply) and not isinstance(reply, httpx.Response):
                return reply(request)
            return reply
        raise AssertionError(f"unexpected request {request.method} {request.url}")

    def count(self, path: str | None = None) -> int:
        return sum(1 for r in self.requests if path is None or r.url.path == path)


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def router() -> Router:
    return Router()


@pytest.fixture
def make_http(router: Router, fake_time: FakeTime) -> Callable[..., HttpClient]:
    clients: list[HttpClient] = []

    def factory(**kwargs: Any) -> HttpClient:
        options: dict[str, Any] = dict(
            transport=httpx.MockTransport(router),
            sleep=fake_time.sleep,
            clock=fake_time.clock,
            now=fake_time.now,
            jitter=0.0,
        )
        options.update(kwargs)
        client = HttpClient(**options)
        clients.append(client)
        return client

    yield factory
    for client in clients:
        client.close()
