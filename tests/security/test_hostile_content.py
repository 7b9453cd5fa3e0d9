"""Hostile content where users write: stored safely, rendered escaped in HTML.

(PDF and DOCX rendering of the same texts is tested with the report renderers.)"""

import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resultat.core.markup import markup_to_html
from resultat.core.richtext import sanitize
from resultat.followup import services
from resultat.followup.models import Contribution

HOSTILE = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">klicka</a>',
    '<iframe src="https://evil.example"></iframe>',
    '"><svg onload=alert(1)>',
    '#set page(width: 1cm) #import "x.typ": * $x^2$ \\ [*fet*] @ref <label>',
    "{\\rtf1 w:t </w:t><w:p> &amp; ]]> <![CDATA[",
    "مرحبا بالعالم \u202eabc\u202c שלום",
    "🎉👩🏽‍💻🇸🇪 e\u0301 \u200b\ufeff",
    "x" * 60_000,
]


def executable(html: str) -> list[str]:
    """Things in rendered HTML that would run: script tags, event attributes, javascript: URLs."""
    found = re.findall(r"<script(?![^>]*\bsrc=\"/static/)[^>]*>", html, re.I)
    found += re.findall(r"<[^>]+\son[a-z]+\s*=", html, re.I)
    found += re.findall(r"<[^>]*\b(?:href|src)\s*=\s*[\"']?\s*javascript:", html, re.I)
    found += re.findall(r"<(?:iframe|svg|object|embed)\b", html, re.I)
    return found


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_is_stored_safely_and_rendered_escaped(client, contribution, people, text):
    c = services.save_contribution(contribution, user=people["editor_a"], body=markup_to_html(text), base_revision=0)
    stored = Contribution.objects.get(pk=c.pk).body
    assert executable(stored) == []
    client.force_login(people["editor_a"])
    page = client.get(reverse("followup:contribution", args=[c.pk])).content.decode()
    assert executable(page) == [], executable(page)
    if len(text) < 1000 and "<" not in text and "&" not in text:
        assert text.split()[0] in page  # the words themselves survive


def test_hostile_comment_and_assignee_are_escaped(client, contribution, people):
    services.comment(contribution, people["reviewer"], '<script>alert("k")</script> 🎉 مرحبا')
    client.force_login(people["editor_a"])
    page = client.get(reverse("followup:contribution", args=[contribution.pk])).content.decode()
    assert executable(page) == []
    assert "&lt;script&gt;alert(&quot;k&quot;)&lt;/script&gt; 🎉 مرحبا" in page


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400) | st.sampled_from(HOSTILE[:6]))
def test_sanitised_html_never_executes(text):
    for html in (sanitize(text), markup_to_html(text), sanitize(markup_to_html(text))):
        assert executable(html) == []
