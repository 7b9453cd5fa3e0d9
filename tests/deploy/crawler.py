"""A small crawler for the production smoke test: follows every internal link of a
running server as one visitor (anonymous or logged in) and records each answer.

Plain Python with httpx; cookies are kept by hand because the production cookies are
``Secure`` and the test talks plain http to gunicorn while saying, as the TLS proxy in
front of it would, ``X-Forwarded-Proto: https``.
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

SKIP = re.compile(r"/logga-ut/|/logout/|/sprak/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "link" and a.get("href") and a.get("rel") in ("stylesheet", "icon", "preload", "manifest"):
            self.assets.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.assets.append(a["src"])


@dataclass
class Visit:
    url: str
    status: int
    via: str


@dataclass
class Crawl:
    visits: list[Visit] = field(default_factory=list)
    skipped_by_pattern: int = 0

    def errors(self) -> list[Visit]:
        return [v for v in self.visits if v.status >= 500]

    def broken(self) -> list[Visit]:
        return [v for v in self.visits if v.status == 404]


class Visitor:
    """One browser-like session against ``base`` (``http://127.0.0.1:PORT``)."""

    def __init__(self, base: str, timeout: float = 60.0) -> None:
        self.base = base.rstrip("/")
        self.host = urlsplit(self.base).netloc
        self.cookies: dict[str, str] = {}
        self.client = httpx.Client(timeout=timeout, follow_redirects=False)

    def close(self) -> None:
        self.client.close()

    def _headers(self, referer: str | None = None) -> dict[str, str]:
        headers = {"X-Forwarded-Proto": "https", "Accept-Language": "sv"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if referer:
            headers["Referer"] = f"https://{self.host}{referer}"
        return headers

    def _keep_cookies(self, response: httpx.Response) -> None:
        for raw in response.headers.get_list("set-cookie"):
            jar = SimpleCookie()
            jar.load(raw)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def get(self, path: str) -> httpx.Response:
        response = self.client.get(self.base + path, headers=self._headers())
        self._keep_cookies(response)
        return response

    def login(self, login_path: str, username: str, password: str) -> str:
        """Log in through the login form; returns the path the login redirected to."""
        form = self.get(login_path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        assert token, f"ingen CSRF-token på {login_path} ({form.status_code})"
        response = self.client.post(
            self.base + login_path,
            data={"csrfmiddlewaretoken": token.group(1), "username": username, "password": password},
            headers=self._headers(referer=login_path),
        )
        self._keep_cookies(response)
        assert response.status_code == 302, f"inloggningen som {username} misslyckades: {response.status_code}"
        return _local(response.headers["location"], self.host) or "/"


def _local(url: str, host: str) -> str | None:
    """The path and query of an internal URL, or None for other hosts and schemes."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != host):
        return None
    return urlunsplit(("", "", parts.path or "/", parts.query, ""))


def crawl(
    visitor: Visitor,
    starts: list[str],
    pattern_of: Callable[[str], str],
    per_pattern: int = 3,
    max_pages: int = 800,
    budget_seconds: float = 240.0,
    exclude: re.Pattern | None = None,
) -> Crawl:
    """Breadth first from ``starts``; at most ``per_pattern`` URLs of each URL pattern.

    Every internal link is looked at; of URLs that resolve to the same view with the
    same query keys only the first ``per_pattern`` are fetched, so a crawl covers every
    kind of page without fetching all 300 municipality pages. Assets (CSS, JS, images)
    are all fetched once.
    """
    result = Crawl()
    seen: set[str] = set()
    per: dict[str, int] = {}
    queue: deque[tuple[str, str]] = deque((s, "start") for s in starts)
    deadline = time.monotonic() + budget_seconds
    while queue and len(result.visits) < max_pages and time.monotonic() < deadline:
        path, via = queue.popleft()
        if path in seen or SKIP.search(path) or (exclude and exclude.search(path)):
            continue
        seen.add(path)
        is_asset = path.startswith("/static/")
        if not is_asset:
            key = pattern_of(path)
            if per.get(key, 0) >= per_pattern:
                result.skipped_by_pattern += 1
                continue
            per[key] = per.get(key, 0) + 1
        response = visitor.get(path)
        result.visits.append(Visit(path, response.status_code, via))
        if is_asset or "text/html" not in response.headers.get("content-type", ""):
            continue
        parser = _Links()
        parser.feed(response.text)
        for href in parser.links + parser.assets:
            target = _local(urljoin(path, href), visitor.host)
            if target and target not in seen:
                queue.append((target, path))
    return result
