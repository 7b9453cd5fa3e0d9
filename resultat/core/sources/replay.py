"""Stored responses instead of the network: an ``httpx`` transport that replays a
directory of recorded answers, and one that records them.

A replay directory holds ``manifest.json``::

    {"responses": [
      {"method": "GET", "url": "https://api.kolada.se/v3/kpi/N01951?per_page=5000",
       "status": 200, "file": "kpi_N01951.json"},
      {"method": "POST", "url": "https://statistikdatabasen.scb.se/api/v2/tables/TAB638/data?lang=sv&outputFormat=json-stat2",
       "body": {"selection": [...]}, "status": 200, "file": "tab638.json"},
      {"method": "GET", "url": "...", "status": 429, "headers": {"Retry-After": "1"}, "text": "slow down"}
    ]}

A request matches an entry when method, scheme, host, path and the *set* of query
parameters are equal (order ignored), and - if the entry has a ``body`` - the JSON
body is equal.  Several entries for the same request are answered in order (the
last one is repeated), so "429, then 200" is two entries.  A request with no entry
gets HTTP 404 with a message naming it; it is never sent anywhere.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict, deque
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx

from resultat.core.i18n import N_, Message

__all__ = ["RecordingTransport", "ReplayTransport", "request_key"]

MANIFEST = "manifest.json"


def _key(method: str, url: str, body: Any) -> tuple:
    parts = urlsplit(url)
    query = tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    body_key = json.dumps(body, sort_keys=True, ensure_ascii=False) if body is not None else None
    return (method.upper(), parts.scheme, parts.netloc.lower(), parts.path.rstrip("/"), query, body_key)


def request_key(request: httpx.Request) -> tuple:
    body = None
    content = request.content
    if content:
        try:
            body = json.loads(content.decode("utf-8"))
        except ValueError:
            body = content.decode("utf-8", "replace")
    return _key(request.method, str(request.url), body)


class ReplayTransport(httpx.BaseTransport):
    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        manifest = self.directory / MANIFEST
        if not manifest.is_file():
            raise FileNotFoundError(Message(N_("Ingen %(MANIFEST)s i %(directory)s (katalog med lagrade svar)"), MANIFEST=MANIFEST, directory=self.directory))
        try:
            doc = json.loads(manifest.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ValueError(Message(N_("%(manifest)s: ogiltig JSON (%(exc)s)"), manifest=manifest, exc=exc)) from None
        entries = doc.get("responses") if isinstance(doc, dict) else None
        if not isinstance(entries, list):
            raise ValueError(Message(N_("%(manifest)s: förväntade {\"responses\": [...]}"), manifest=manifest))
        self._with_body: dict[tuple, deque] = defaultdict(deque)
        self._any_body: dict[tuple, deque] = defaultdict(deque)
        for i, entry in enumerate(entries):
            where = f"{manifest}, responses[{i}]"
            if not isinstance(entry, dict) or "url" not in entry:
                raise ValueError(Message(N_("%(where)s: förväntade ett objekt med url"), where=where))
            method = entry.get("method", "GET")
            if "body" in entry:
                self._with_body[_key(method, entry["url"], entry["body"])].append(entry)
            else:
                self._any_body[_key(method, entry["url"], None)[:5]].append(entry)
            if "file" in entry and not (self.directory / entry["file"]).is_file():
                raise ValueError(Message(N_("%(where)s: filen %(file)r finns inte"), where=where, file=entry['file']))
        self.requests: list[httpx.Request] = []

    def _take(self, queue: deque) -> dict:
        return queue.popleft() if len(queue) > 1 else queue[0]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        key = request_key(request)
        entry = None
        if self._with_body.get(key):
            entry = self._take(self._with_body[key])
        elif self._any_body.get(key[:5]):
            entry = self._take(self._any_body[key[:5]])
        if entry is None:
            return httpx.Response(
                404,
                text=f"Inget lagrat svar för {request.method} {request.url} i {self.directory}",
                request=request,
            )
        if "file" in entry:
            content = (self.directory / entry["file"]).read_bytes()
        elif "json" in entry:
            content = json.dumps(entry["json"], ensure_ascii=False).encode("utf-8")
        else:
            content = str(entry.get("text", "")).encode("utf-8")
        headers = {"content-type": "application/json; charset=utf-8", **entry.get("headers", {})}
        return httpx.Response(int(entry.get("status", 200)), content=content, headers=headers, request=request)


class RecordingTransport(httpx.BaseTransport):
    """Sends requests through ``inner`` and writes every answer to ``directory``."""

    def __init__(self, directory: str | Path, inner: httpx.BaseTransport | None = None) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.inner = inner or httpx.HTTPTransport()
        manifest = self.directory / MANIFEST
        self.entries: list[dict] = (
            json.loads(manifest.read_text(encoding="utf-8"))["responses"] if manifest.is_file() else []
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        content = response.read()
        name = re.sub(r"[^A-Za-z0-9]+", "_", urlsplit(str(request.url)).path).strip("_")[:60]
        digest = hashlib.sha256(str(request.url).encode() + (request.content or b"")).hexdigest()[:10]
        filename = f"{name}_{digest}.json"
        (self.directory / filename).write_bytes(content)
        entry: dict[str, Any] = {"method": request.method, "url": str(request.url), "status": response.status_code, "file": filename}
        if request.content:
            try:
                entry["body"] = json.loads(request.content.decode("utf-8"))
            except ValueError:
                pass
        if "retry-after" in response.headers:
            entry["headers"] = {"Retry-After": response.headers["retry-after"]}
        self.entries.append(entry)
        (self.directory / MANIFEST).write_text(
            json.dumps({"responses": self.entries}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        return httpx.Response(response.status_code, headers=response.headers, content=content, request=request)
