import html
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resultat.core.markup import _inline, html_to_markup, markup_to_html
from resultat.core.richtext import sanitize


def test_round_trip_of_every_construct():
    text = "Stycke med **fet**, *kursiv* och [länk](https://www.kolada.se).\n\n### Rubrik\n\n#### Under\n\n- ett\n- två\n\n1. a\n2. b\n"
    html = markup_to_html(text)
    assert html == (
        '<p>Stycke med <strong>fet</strong>, <em>kursiv</em> och <a href="https://www.kolada.se">länk</a>.</p>'
        "<h3>Rubrik</h3><h4>Under</h4><ul><li>ett</li><li>två</li></ul><ol><li>a</li><li>b</li></ol>"
    )
    assert html_to_markup(html) == text


def test_markup_characters_and_html_are_text():
    html = markup_to_html("<script>alert(1)</script> # $ @ _ 100 %")
    assert html == "<p>&lt;script&gt;alert(1)&lt;/script&gt; # $ @ _ 100 %</p>"


def test_javascript_links_are_not_links():
    assert "<a" not in markup_to_html("[x](javascript:alert(1))")


@given(st.text(max_size=400))
def test_any_text_gives_html_that_the_sanitiser_keeps_safe(text):
    html = markup_to_html(text)
    assert "<script" not in sanitize(html).lower()
    # editing the stored text again and saving it gives the same HTML
    assert markup_to_html(html_to_markup(html)) == markup_to_html(html_to_markup(markup_to_html(html_to_markup(html))))


# The patterns the inline markup used to be parsed with (quadratic on a long line of
# unclosed markers); the linear scanners must give exactly their result.
_OLD_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?://|mailto:|/)[^\s)]+)\)")
_OLD_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_OLD_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")


def _old_inline(text: str) -> str:
    out = html.escape(text, quote=False)
    out = _OLD_LINK.sub(lambda m: f'<a href="{html.escape(html.unescape(m.group(2)), quote=True)}">{m.group(1)}</a>', out)
    out = _OLD_BOLD.sub(r"<strong>\1</strong>", out)
    return _OLD_ITALIC.sub(r"<em>\1</em>", out)


_MARKUP_ALPHABET = st.sampled_from(list("**[]()/ a_é\t\n") + ["http://", "https://", "mailto:", "&", "<"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_MARKUP_ALPHABET, max_size=40).map("".join))
def test_linear_inline_parser_gives_what_the_patterns_gave(text):
    assert _inline(text) == _old_inline(text)


@pytest.mark.parametrize("unit", ["**a ", "*a ", "[a", "[a](http://x ", "[", "**", "*a*a", "a](/", "***a "])
def test_inline_markup_is_linear_on_one_hostile_line(unit):
    text = unit * (200_000 // len(unit))
    started = time.process_time()
    markup_to_html(text)
    html_to_markup(markup_to_html(text))
    elapsed = time.process_time() - started
    assert elapsed < 2.0, f"{unit!r} × {len(text)} characters took {elapsed:.1f} s"
