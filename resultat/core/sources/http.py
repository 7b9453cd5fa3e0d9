"""Small shared HTTP layer for the Kolada and SCB connectors (plain httpx, sync).

What it adds on top of :class:`httpx.Client`:

* **Timeouts** on every request (connect/read/write/pool).
* **Retries with exponential backoff** on HTTP 429, on every 5xx and on
  transport errors (timeouts, refused or reset connections).  ``Retry-After``
  is honoured in both of its forms (delay in seconds or an HTTP date).  Other
  4xx answers are not retried: they will not get better by asking again.
* A **pluggable sleep function** (and clock), so tests never wait.
* **Pacing**: :class:`RateLimiter` allows at most *N* calls per time window
  (SCB publishes its window in ``/config``; Kolada documents none, so the
  Kolada client paces itself conservatively).
* **Provenance**: every successful call returns a :class:`RawResponse` with the
  URL, query parameters, request body, UTC fetch time, HTTP status, body text
  and the SHA-256 of the body bytes, so callers can store the raw response
  next to the figures derived from it.

Errors are :class:`~resultat.core.sources.errors.SourceError` subclasses whose
messages say which URL, which attempt and what status.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from .errors import (
    BatchAborted,
    HttpStatusError,
    ParseError,
    RequestFailed,
    SourceError,
    TransportError,
)

__all__ = [
    "BatchAborted",
    "HttpClient",
    "HttpStatusError",
    "ParseError",
    "RateLimiter",
    "RawResponse",
    "RequestFailed",
    "SourceError",
    "TransportError",
    "decode_json",
    "parse_retry_after",
    "utc_now",
]

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
DEFAULT_USER_AGENT = "Resultat (regional strategy follow-up; python-httpx)"

Sleep = Callable[[float], None]
Clock = Callable[[], float]
Now = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


# ---------------------------------------------------------------------------
# Provenance record
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RawResponse:
    """One HTTP response exactly as received, for provenance and replay.

    ``params`` are the query parameters sent (in order), ``request_body`` the
    JSON body of a POST (``None`` for GET).  ``sha256`` is computed over the
    body *bytes*; ``body`` is the decoded text.
    """

    method: str
    url: str
    params: tuple[tuple[str, str], ...]
    request_body: str | None
    fetched_at: datetime
    status: int
    body: str
    sha256: str
    content_type: str | None = None

    def json(self) -> Any:
        """The body parsed as JSON; :class:`ParseError` naming the URL if it is not."""
        return decode_json(self.body, source=self.url)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"non-finite number {name} is not valid JSON")


def decode_json(text: str, *, source: str | None = None) -> Any:
    """Strict JSON decoding (no NaN/Infinity) with a :class:`ParseError` on failure."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        problem = f"invalid or truncated JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        raise ParseError(problem, "$", source) from None
    except (ValueError, RecursionError) as exc:
        raise ParseError(f"invalid JSON ({exc})", "$", source) from None


# ---------------------------------------------------------------------------
# Retry-After and pacing
# ---------------------------------------------------------------------------


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait according to a ``Retry-After`` header, or ``None``.

    Accepts ``delay-seconds`` (``"120"``; decimals are tolerated) and an
    HTTP-date (``"Wed, 21 Oct 2015 07:28:00 GMT"``).  A date in the past means
    "now" (0 seconds).  Unparseable values give ``None`` so the caller falls
    back to its own backoff.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        if math.isfinite(seconds) and seconds >= 0:
            return seconds
        return None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    reference = now or utc_now()
    return max(0.0, (when - reference).total_seconds())


class RateLimiter:
    """At most ``max_calls`` calls in any sliding window of ``period`` seconds.

    ``acquire()`` blocks (through the injected ``sleep``) until a call is
    allowed and returns the number of seconds it waited.
    """

    def __init__(
        self,
        max_calls: int,
        period: float,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
    ) -> None:
        if not isinstance(max_calls, int) or isinstance(max_calls, bool) or max_calls < 1:
            raise ValueError(f"max_calls must be a positive integer, got {max_calls!r}")
        if not (isinstance(period, (int, float)) and period > 0 and math.isfinite(period)):
            raise ValueError(f"period must be a positive number of seconds, got {period!r}")
        self.max_calls = max_calls
        self.period = float(period)
        self._clock = clock
        self._sleep = sleep
        self._calls: deque[float] = deque()

    def acquire(self) -> float:
        waited = 0.0
        while True:
            now = self._clock()
            while self._calls and now - self._calls[0] >= self.period:
                self._calls.popleft()
            if len(self._calls) < self.max_calls:
                self._calls.append(now)
                return waited
            delay = self.period - (now - self._calls[0])
            if delay <= 0:  # pragma: no cover - guarded by the popleft above
                continue
            self._sleep(delay)
            waited += delay

    def __repr__(self) -> str:
        return f"RateLimiter({self.max_calls} calls / {self.period:g} s)"


# ---------------------------------------------------------------------------
# Client
# ---------------------------------------------------------------------------


def _is_retryable_status(status: int) -> bool:
    return status == 429 or 500 <= status <= 599


def _query_pairs(
    params: Mapping[str, Any] | Sequence[tuple[str, Any]] | None,
) -> list[tuple[str, str]]:
    if params is None:
        return []
    items = params.items() if isinstance(params, Mapping) else params
    pairs: list[tuple[str, str]] = []
    for key, value in items:
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        pairs.append((str(key), str(value)))
    return pairs


@dataclass
class _Attempt:
    failure: RequestFailed
    delay: float


class HttpClient:
    """Sync HTTP client with timeouts, retries, pacing and provenance records.

    Pass ``transport=httpx.MockTransport(handler)`` in tests.  ``sleep`` and
    ``clock`` are used for backoff and pacing; ``now`` stamps
    :attr:`RawResponse.fetched_at`.  ``max_attempts`` counts the first try,
    so ``max_attempts=5`` means up to four retries.
    """

    def __init__(
        self,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        max_attempts: int = 5,
        backoff_base: float = 1.0,
        backoff_max: float = 60.0,
        jitter: float = 0.1,
        max_retry_after: float = 600.0,
        sleep: Sleep = time.sleep,
        clock: Clock = time.monotonic,
        now: Now = utc_now,
        pacer: RateLimiter | None = None,
        headers: Mapping[str, str] | None = None,
        rng: Callable[[], float] = random.random,
    ) -> None:
        if not isinstance(max_attempts, int) or max_attempts < 1:
            raise ValueError("max_attempts must be a positive integer")
        self.max_attempts = max_attempts
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.jitter = jitter
        self.max_retry_after = max_retry_after
        self.sleep = sleep
        self.clock = clock
        self.now = now
        self.pacer = pacer
        self.rng = rng
        all_headers = {"User-Agent": DEFAULT_USER_AGENT, "Accept": "application/json"}
        all_headers.update(headers or {})
        self._client = httpx.Client(
            transport=transport,
            timeout=timeout,
            headers=all_headers,
            follow_redirects=True,
        )

    # -- context management -------------------------------------------------
    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public API -----------------------------------------------------------
    def get(
        self, url: str, *, params: Mapping[str, Any] | Sequence[tuple[str, Any]] | None = None
    ) -> RawResponse:
        return self.request("GET", url, params=params)

    def post_json(
        self,
        url: str,
        body: Any,
        *,
        params: Mapping[str, Any] | Sequence[tuple[str, Any]] | None = None,
    ) -> RawResponse:
        return self.request("POST", url, params=params, json_body=body)

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | Sequence[tuple[str, Any]] | None = None,
        json_body: Any = None,
    ) -> RawResponse:
        """Send a request, retrying what is worth retrying; return a :class:`RawResponse`.

        Raises :class:`HttpStatusError` (non-retryable status, or retryable
        status on the last attempt) or :class:`TransportError`.
        """
        method = method.upper()
        pairs = _query_pairs(params)
        body_text = None
        headers = {}
        if json_body is not None:
            body_text = json.dumps(json_body, ensure_ascii=False, separators=(",", ":"))
            headers["Content-Type"] = "application/json; charset=utf-8"
        shown_url = str(httpx.URL(url, params=pairs)) if pairs else url

        for attempt in range(1, self.max_attempts + 1):
            if self.pacer is not None:
                self.pacer.acquire()
            outcome = self._attempt(method, url, pairs, body_text, headers, shown_url, attempt)
            if isinstance(outcome, RawResponse):
                return outcome
            if attempt >= self.max_attempts:
                raise outcome.failure
            self.sleep(outcome.delay)
        raise AssertionError("unreachable")  # pragma: no cover

    # -- internals --------------------------------------------------------------
    def _backoff(self, attempt: int) -> float:
        delay = min(self.backoff_max, self.backoff_base * (2 ** (attempt - 1)))
        if self.jitter:
            delay += delay * self.jitter * self.rng()
        return delay

    def _attempt(
        self,
        method: str,
        url: str,
        pairs: list[tuple[str, str]],
        body_text: str | None,
        headers: dict[str, str],
        shown_url: str,
        attempt: int,
    ) -> RawResponse | _Attempt:
        try:
            response = self._client.request(
                method,
                url,
                params=pairs or None,
                content=body_text.encode("utf-8") if body_text is not None else None,
                headers=headers or None,
            )
            content = response.content
        except httpx.TimeoutException as exc:
            return self._transport_failure(method, shown_url, attempt, "timeout", exc)
        except httpx.TransportError as exc:
            return self._transport_failure(method, shown_url, attempt, "transport error", exc)

        final_url = str(response.request.url) if response.request is not None else shown_url
        status = response.status_code
        if 200 <= status < 300:
            return RawResponse(
                method=method,
                url=final_url,
                params=tuple(pairs),
                request_body=body_text,
                fetched_at=self.now(),
                status=status,
                body=response.text,
                sha256=hashlib.sha256(content).hexdigest(),
                content_type=response.headers.get("content-type"),
            )
        return self._status_failure(method, final_url, attempt, response)

    def _transport_failure(self, method: str, shown_url: str, attempt: int, what: str, exc: Exception) -> _Attempt:
        failure = TransportError(
            method=method,
            url=shown_url,
            attempt=attempt,
            max_attempts=self.max_attempts,
            status=None,
            detail=f"{what} ({type(exc).__name__}: {exc or 'no detail'})",
        )
        return _Attempt(failure, self._backoff(attempt))

    def _status_failure(self, method: str, final_url: str, attempt: int, response: httpx.Response) -> _Attempt:
        """A non-2xx answer: raised when not worth retrying, else a failed attempt with its delay."""
        status = response.status_code
        snippet = response.text.strip().replace("\n", " ")
        if len(snippet) > 200:
            snippet = snippet[:197] + "..."
        reason = response.reason_phrase or "error"
        detail = f"{reason}" + (f" - {snippet}" if snippet else "")

        if not _is_retryable_status(status):
            raise HttpStatusError(
                method=method,
                url=final_url,
                attempt=attempt,
                max_attempts=self.max_attempts,
                status=status,
                detail=detail + " (not retried: client error)",
            )

        retry_after = parse_retry_after(response.headers.get("retry-after"), now=self.now())
        if retry_after is not None and retry_after > self.max_retry_after:
            raise HttpStatusError(
                method=method,
                url=final_url,
                attempt=attempt,
                max_attempts=self.max_attempts,
                status=status,
                detail=(
                    f"{detail}; server asks to wait {retry_after:.0f} s (Retry-After), "
                    f"more than the allowed {self.max_retry_after:.0f} s"
                ),
            )
        delay = retry_after if retry_after is not None else self._backoff(attempt)
        failure = HttpStatusError(
            method=method,
            url=final_url,
            attempt=attempt,
            max_attempts=self.max_attempts,
            status=status,
            detail=detail
            + (" (gave up: no attempts left)" if attempt >= self.max_attempts else ""),
        )
        return _Attempt(failure, delay)
