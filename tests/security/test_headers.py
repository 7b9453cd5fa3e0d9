"""Security headers, the Content-Security-Policy and templates that obey it."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from resultat.reference import stylesheet
from tests.security.test_hostile_content import executable

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_has_a_strict_policy(client, db):
    response = client.get(reverse("accounts:login"))
    csp = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    # nothing from another host, no inline code, no eval anywhere in the policy
    assert "http" not in csp and "unsafe" not in csp and "*" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_errors_and_admin_have_the_policy_too(client, db):
    assert "Content-Security-Policy" in client.get("/finns-inte/").headers
    assert "Content-Security-Policy" in client.get(reverse("admin:login")).headers


def template_files():
    dirs = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    dirs += sorted((ROOT / "resultat").glob("*/templates"))
    for directory in dirs:
        yield from sorted(directory.rglob("*.html"))


INLINE = [
    (re.compile(r"\sstyle\s*=", re.I), "style-attribut"),
    (re.compile(r"<style[\s>]", re.I), "<style>-element"),
    (re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "händelseattribut (onclick=…)"),
    (re.compile(r"\shx-on[:-]", re.I), "hx-on (kräver eval)"),
    (re.compile(r"javascript:", re.I), "javascript:-länk"),
    (re.compile(r"(src|href)\s*=\s*[\"']?(https?:)?//", re.I), "resurs från annan värd"),
]


def test_no_template_needs_inline_code_or_other_hosts():
    problems = []
    for path in template_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for pattern, what in INLINE:
                if pattern.search(line) and not (what == "resurs från annan värd" and "<a " in line):
                    problems.append(f"{path.relative_to(ROOT)}:{number}: {what}: {line.strip()[:120]}")
    assert not problems, "Mallar som bryter mot Content-Security-Policy:\n" + "\n".join(problems)


def test_htmx_is_configured_without_eval_and_inline_styles():
    base = (ROOT / "resultat" / "templates" / "base.html").read_text()
    assert '"allowEval": false' in base and '"includeIndicatorStyles": false' in base


def test_sdg_stylesheet_is_up_to_date():
    assert stylesheet.TARGET.read_text(encoding="utf-8") == stylesheet.render(), (
        "css/sdg.css är inaktuell: kör python -m resultat.reference.stylesheet"
    )


def test_base_template_renders(client, db):
    """A real page through base.html: no inline script or style, htmx served from /static/."""
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "base.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert executable(html) == []
    assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", html, re.I) == [], "inline <script> utan src"
    assert re.findall(r"<[^>]+\sstyle\s*=", html, re.I) == [], "style=-attribut"
    assert re.findall(r"<style\b", html, re.I) == [], "<style>-block"
    assert re.search(r'<script[^>]*\ssrc="/static/[^"]*htmx[^"]*\.js"', html), "htmx laddas inte från /static/"
