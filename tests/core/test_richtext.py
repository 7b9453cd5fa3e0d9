"""Rich text of contributions: sanitising to the schema, plain text, word counts (plain Python)."""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resultat.core.richtext import (
    ALLOWED_TAGS,
    from_plain_text,
    is_empty,
    sanitize,
    to_plain_text,
    word_count,
)

# ----------------------------------------------------------------------------- helpers


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.comments: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_data(self, data):
        self.text.append(data)


def parsed(html: str) -> _Collect:
    c = _Collect()
    c.feed(html)
    c.close()
    return c


def hrefs(html: str) -> list[str]:
    return [v or "" for tag, attrs in parsed(html).tags for k, v in attrs if k == "href"]


_BAD_SCHEME = re.compile(r"^(javascript|data|vbscript)", re.IGNORECASE)


def browser_scheme_start(href: str) -> str:
    """What a browser would read as the start of the URL (tabs/newlines dropped, C0 trimmed)."""
    return re.sub(r"[\t\n\r]", "", href).lstrip("".join(map(chr, range(0x21))))


def assert_schema(html: str) -> None:
    """Every safety property of sanitised output."""
    assert "<script" not in html.lower()
    assert "<!--" not in html
    c = parsed(html)
    assert not c.comments
    for tag, attrs in c.tags:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert tag == "a" and name in ("href", "rel"), (tag, name)
            if name == "href":
                start = browser_scheme_start(value or "")
                assert not _BAD_SCHEME.match(start), value
                assert "javascript:" not in re.sub(r"\s", "", (value or "").lower())
            if name == "rel":
                assert value == "noopener noreferrer"


# ------------------------------------------------------------------------ sanitising


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Hej <strong>världen</strong></p>", "<p>Hej <strong>världen</strong></p>"),
        ("<p><b>fet</b> och <i>kursiv</i></p>", "<p><strong>fet</strong> och <em>kursiv</em></p>"),
        ("<h3>Rubrik</h3><h4>Under</h4>", "<h3>Rubrik</h3>\n<h4>Under</h4>"),
        (
            "<h1>Ett</h1><h2>Två</h2><h5>Fem</h5><h6>Sex</h6>",
            "<h3>Ett</h3>\n<h3>Två</h3>\n<h4>Fem</h4>\n<h4>Sex</h4>",
        ),
        ("<ul><li>a</li><li>b</li></ul>", "<ul><li>a</li><li>b</li></ul>"),
        ("<ol><li>ett</li></ol>", "<ol><li>ett</li></ol>"),
        ("<p>rad<br>rad</p>", "<p>rad<br>rad</p>"),
        ("bara text", "<p>bara text</p>"),
        ("", ""),
    ],
)
def test_schema_is_kept(dirty, clean):
    assert sanitize(dirty) == clean


def test_none_is_empty():
    assert sanitize(None) == ""
    assert to_plain_text(None) == ""
    assert word_count(None) == 0
    assert is_empty(None)


@pytest.mark.parametrize(
    "dirty",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<style>body{display:none}</style>",
        "<iframe src='https://evil.example'>fallback text</iframe>",
        "<object data='x.swf'>fallback</object>",
        "<embed src='x.swf'>",
        "<svg onload=alert(1)><text>svg text</text></svg>",
        "<math><mtext><script>alert(1)</script></mtext></math>",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        "<template><script>alert(1)</script></template>",
    ],
)
def test_dangerous_elements_go_with_their_content(dirty):
    out = sanitize(f"<p>före</p>{dirty}<p>efter</p>")
    assert_schema(out)
    text = to_plain_text(out)
    for gone in ("alert", "display", "fallback", "svg text", "swf", "evil"):
        assert gone not in text
    assert text.startswith("före")
    assert text.endswith("efter")


def test_split_script_tag_stays_text():
    # "<scr<script>" is one (unknown) tag named "scr<script"; what follows is plain text.
    out = sanitize("<scr<script>ipt>alert(1)</script>")
    assert out == "<p>ipt&gt;alert(1)</p>"
    assert_schema(out)


def test_img_onerror_is_removed():
    out = sanitize('<p>bild<img src=x onerror="alert(1)"> text</p>')
    assert out == "<p>bild text</p>"


def test_event_handlers_style_and_class_are_dropped():
    out = sanitize(
        '<p style="color:red" class="x" id="y" onclick="alert(1)" onmouseover=alert(2)>'
        '<strong style="font-size:90px" data-x="1">s</strong></p>'
    )
    assert out == "<p><strong>s</strong></p>"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "  javascript:alert(1)",
        "\tjavascript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "jav&#9;ascript:alert(1)",
        "jav\nascript:alert(1)",
        "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
        "&#x6A;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "java\x01script:alert(1)",
        "&#0;javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "DATA:text/html,x",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.org/",
    ],
)
def test_bad_link_targets_are_dropped_and_the_text_kept(href):
    out = sanitize(f'<p><a href="{href}">länktext</a></p>')
    assert out == "<p>länktext</p>"
    assert_schema(out)


@pytest.mark.parametrize(
    ("href", "rel"),
    [
        ("https://www.regionvasterbotten.se/", True),
        ("HTTP://example.org/a?b=1&c=2", True),
        ("mailto:info@example.se", True),
        ("//example.org/x", True),
        ("/strategi/2024/", False),
        ("../bidrag/12", False),
        ("#avsnitt-2", False),
        ("?sida=2", False),
    ],
)
def test_good_link_targets_are_kept(href, rel):
    out = sanitize(f'<p><a href="{href}" target="_blank" title="t" rel="opener">x</a></p>')
    assert hrefs(out) == [href]
    (_, attrs), *_ = [t for t in parsed(out).tags if t[0] == "a"]
    assert dict(attrs).get("rel") == ("noopener noreferrer" if rel else None)
    assert sanitize(out) == out


def test_script_scheme_anywhere_in_a_link_drops_it():
    # Relative as written (the U+FFFD makes it a path), so harmless, but never wanted.
    assert sanitize('<a href="\ufffdjavascript:alert(1)">x</a>') == "<p>x</p>"
    assert sanitize('<a href="https://ex.se/?next=javascript:alert(1)">x</a>') == "<p>x</p>"
    assert hrefs(sanitize('<a href="/metadata:x">x</a>')) == ["/metadata:x"]


def test_link_without_target_is_unwrapped():
    assert (
        sanitize('<p><a name="x">ankare</a> och <a href="">tom</a></p>') == "<p>ankare och tom</p>"
    )


def test_comments_are_removed():
    assert (
        sanitize("<p>a<!-- hemlig --> b</p><!--[if IE]><script>x</script><![endif]-->")
        == "<p>a b</p>"
    )


def test_unknown_tags_are_unwrapped_text_kept():
    out = sanitize(
        "<p><span><font color=red><u>under</u><x-widget>streck</x-widget></font></span></p>"
    )
    assert out == "<p>understreck</p>"


def test_nested_unknown_tags():
    deep = "<custom>" * 50 + "djupt" + "</custom>" * 50
    assert sanitize(deep) == "<p>djupt</p>"


def test_block_containers_keep_words_apart():
    assert sanitize("<div>ett</div><div>två</div>") == "<p>ett</p>\n<p>två</p>"
    assert sanitize("<table><tr><td>a</td><td>b</td></tr></table>") == "<p>a</p>\n<p>b</p>"
    assert sanitize("<blockquote><p>citat</p></blockquote>") == "<p>citat</p>"
    assert word_count("<div>ett</div><section>två</section><td>tre</td>") == 3


def test_formatting_around_blocks_is_pushed_into_them():
    out = sanitize("<strong><p>a</p><p>b</p></strong>")
    assert out == "<p><strong>a</strong></p>\n<p><strong>b</strong></p>"


def test_unclosed_tags():
    assert sanitize("<p>öppen <b>fet <i>båda") == "<p>öppen <strong>fet <em>båda</em></strong></p>"
    assert sanitize("<ul><li>a<li>b") == "<ul><li>a</li><li>b</li></ul>"
    assert sanitize('<a href="/x">länk utan slut') == '<p><a href="/x">länk utan slut</a></p>'
    assert sanitize("<p>trasig <") == "<p>trasig &lt;</p>"


def test_lists():
    assert sanitize("<li>lös</li><li>punkt</li>") == "<ul><li>lös</li><li>punkt</li></ul>"
    nested = "<ul><li>a<ul><li>b</li></ul></li><li><p>c</p></li></ul>"
    assert sanitize(nested) == nested
    # An old editor's sublist directly in the list belongs to the item before it.
    assert (
        sanitize("<ul><li>a</li><ul><li>b</li></ul></ul>")
        == "<ul><li>a<ul><li>b</li></ul></li></ul>"
    )
    assert sanitize("<ul><li></li><li> </li></ul>") == ""


def test_very_deep_lists_are_flattened_safely():
    deep = "<ul><li>x" * 40 + "</li></ul>" * 40
    out = sanitize(deep)
    assert_schema(out)
    assert out.count("<ul>") <= 6
    assert word_count(out) == 40
    assert sanitize(out) == out


@pytest.mark.parametrize(
    "bomb",
    [
        "<div>" * 200_000 + "x",  # html5ever alone needs minutes for this
        "<b><i><div><span>" * 60_000 + "x",
        "<ul><li>" * 100_000 + "x",
        "<x>" * 50_000 + "<div>" * 50_000 + "x",
        "<b><i><u><s>" * 60_000 + "</p>" * 50_000 + "x",
        "<blockquote>" * 80_000 + "x",
    ],
)
def test_nesting_bombs_are_cheap(bomb):
    assert len(bomb) > 400_000
    started = time.monotonic()
    out = sanitize(bomb)
    assert time.monotonic() - started < 15
    assert_schema(out)
    assert word_count(out) == 1 and to_plain_text(out).endswith("x")
    assert sanitize(out) == out


@pytest.mark.parametrize(
    "flat",
    [
        "x<strong> </strong>" * 50_000,
        "x<a> </a>" * 100_000,
        "<p>" + "<br>" * 200_000 + "x",
        "<a" * 500_000,
    ],
)
def test_many_small_pieces_are_cheap(flat):
    started = time.monotonic()
    out = sanitize(flat)
    assert time.monotonic() - started < 15
    assert_schema(out)
    assert sanitize(out) == out


def test_empty_blocks_are_dropped():
    assert sanitize("<p></p><p><br></p><p>&nbsp;</p><h3> </h3><p><strong></strong></p>") == ""
    assert sanitize("<p>text<br></p>") == "<p>text</p>"


def test_markup_characters_of_typst_and_word_are_text():
    text = "# Rubrik $x^2$ *fet* _kursiv_ @ref <label> `kod` \\ [x](y) {z} ~ & 100 %"
    out = sanitize(f"<p>{text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</p>")
    assert to_plain_text(out) == text
    assert "&lt;label&gt;" in out and "&amp;" in out


def test_right_to_left_and_emoji_are_kept_intact():
    text = "שלום עולם · مرحبا بالعالم · 👩‍👩‍👧‍👦 🇸🇪 👍🏽 \u200fRTL-märke"
    out = sanitize(f"<p>{text}</p>")
    assert out == f"<p>{text}</p>"
    assert to_plain_text(out) == text


def test_surrogates_and_control_characters_do_not_break_anything():
    out = sanitize("<p>a\ud800b\x00c\x01d\x0be</p>")
    assert_schema(out)
    assert sanitize(out) == out
    assert "\x00" not in out and "\x01" not in out


def test_one_megabyte():
    para = (
        "<p>Regionen har <strong>ökat</strong> andelen förnybar energi med 12 %. "
        + "ord " * 60
        + "</p>"
    )
    html = para * (1_000_000 // len(para) + 1)
    assert len(html) > 1_000_000
    started = time.monotonic()
    out = sanitize(html)
    assert sanitize(out) == out
    assert word_count(html) == word_count(out) > 150_000
    assert time.monotonic() - started < 30


def test_one_megabyte_of_hostile_markup():
    chunk = '<script>x</script><img src=x onerror=alert(1)><a href="javascript:x">l</a><div>t</div>'
    html = chunk * (1_000_000 // len(chunk) + 1)
    out = sanitize(html)
    assert_schema(out)
    assert set(to_plain_text(out).split()) == {"l", "t"}


# -------------------------------------------------------------- plain text and counts


def test_plain_text_is_paragraph_aware():
    html = (
        "<h3>Rubrik</h3><p>Första   stycket\nmed radbrytning<br>här.</p>"
        "<ul><li>ett<ul><li>under</li></ul></li><li><p>två</p><p>mer</p></li></ul><p>Slut</p>"
    )
    assert to_plain_text(html) == (
        "Rubrik\n\nFörsta stycket med radbrytning\nhär.\n\n- ett\n  - under\n- två\n  mer\n\nSlut"
    )


def test_plain_text_has_nothing_of_removed_elements():
    assert (
        to_plain_text("<p>a</p><script>var x = 1;</script><style>p{}</style><p>b</p>") == "a\n\nb"
    )


@pytest.mark.parametrize(
    ("html", "count"),
    [
        ("<p>Agenda 2030-mål</p>", 2),
        ("<p>Agenda 2030</p>", 2),
        ("<p>Vi når 2030-målen till år 2030.</p>", 6),
        ("<p>t.ex. EU:s och SCB:s siffror</p>", 5),
        ("<p>Budgeten är 10 000 kr, 1 500 000 kr eller 4,5 miljoner.</p>", 9),
        ("<p>50 % – § 5</p>", 2),
        ("<p>och/eller e-post</p>", 2),
        ("<p># * @ _ – — …</p>", 0),
        ("<ul><li>ett</li><li>två</li></ul>", 2),
        ("<p>Ett<br>två</p><p>tre</p>", 3),
        ("<p>hej<strong>då</strong></p>", 1),
        ("<p>Skellefteå, Umeå och Åsele.</p>", 4),
        ("<p>שלום עולם 👍</p>", 2),
        ("", 0),
    ],
)
def test_word_count(html, count):
    assert word_count(html) == count


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<p></p>",
        "<p><br></p>",
        "<p>&nbsp;</p>",
        "<script>x</script>",
        "<ul><li> </li></ul>",
        "<!-- x -->",
    ],
)
def test_is_empty(html):
    assert is_empty(html)


@pytest.mark.parametrize("html", ["x", "<p>0</p>", "<ul><li>a</li></ul>", "<h3>R</h3>", "👍"])
def test_is_not_empty(html):
    assert not is_empty(html)


# ------------------------------------------------------------------- from plain text


def test_from_plain_text():
    text = (
        "Rubrik\n\nFörsta raden\nandra raden\n\n- ett\n• två\n  fortsättning\n\n\n"
        "<script>alert(1)</script> & co"
    )
    assert from_plain_text(text) == (
        "<p>Rubrik</p>\n<p>Första raden<br>andra raden</p>\n"
        "<ul><li>ett</li><li>två<br>fortsättning</li></ul>\n"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>"
    )


def test_from_plain_text_windows_newlines_and_list_after_text():
    assert from_plain_text("Inledning:\r\n- a\r\n- b\r\nSlut") == (
        "<p>Inledning:</p>\n<ul><li>a</li><li>b</li></ul>\n<p>Slut</p>"
    )


def test_from_plain_text_keeps_markup_characters():
    text = "#hashtag $pris$ *stjärna* @nämnd _under_ -minus utan mellanslag"
    assert to_plain_text(from_plain_text(text)) == text


def test_plain_text_round_trip():
    html = "<p>Ett</p>\n<ul><li>a</li><li>b</li></ul>\n<p>Två<br>tre</p>"
    assert from_plain_text(to_plain_text(html)) == html


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "- ", "•  "])
def test_from_plain_text_empty(text):
    assert from_plain_text(text) == ""


# ------------------------------------------------------------------ property tests

_HOSTILE = [
    "<script>", "</script>", "<SCRIPT>", "<scr", "ipt>", "<p>", "</p>", "<b>", "</b>", "<i>",
    "<strong>", "<em>", "<h1>", "<h3>", "<h4>", "</h4>", "<ul>", "</ul>", "<ol>", "<li>", "</li>",
    "<div>", "</div>", "<span>", "<table><tr><td>", "</td>", "<br>", "<br/>", "<hr>",
    '<a href="', '<a href=', "<a href='", '">', "'>", ">", "<", "</", '"', "'", "=", "/",
    "javascript:", "JaVaScRiPt:", "jav&#x09;ascript:", "&#106;avascript:", "java\nscript:",
    "data:text/html,", "vbscript:", "https://example.org/", "mailto:a@b.se", "//evil.example",
    "/relativ", "#frag", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", " onclick=",
    " onmouseover=", " style=", "color:red", " class=x", "<style>", "</style>", "<iframe>",
    "<object>", "<math>", "<noscript>", "<template>", "<xmp>", "<textarea>", "<title>",
    "<plaintext>", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "&amp;", "&lt;", "&#",
    "&#x3c;", "&nbsp;", "\u00a0", "\n", "\n\n", " ", "\t", "\r", "\x00", "\x0c", "\ufffd",
    "#", "$", "*", "@", "_", "- ", "• ", "שלום", "مرحبا", "👩‍👩‍👧", "Agenda 2030-mål", "10 000",
]  # fmt: skip

hostile_html = st.lists(st.one_of(st.sampled_from(_HOSTILE), st.text(max_size=8)), max_size=40).map(
    "".join
)

_TAGS = ["p", "b", "strong", "i", "em", "a", "h1", "h3", "h4", "h6", "ul", "ol", "li", "div",
         "span", "table", "td", "script", "style", "svg", "iframe", "img", "br", "x-y",
         "blockquote"]  # fmt: skip
_ATTRS = st.sampled_from(
    ['href="javascript:alert(1)"', 'href="jav&#x09;ascript:x"', 'href="https://x.se"',
     'href="/r"', 'href="mailto:a@b.se"', "onclick=alert(1)", 'style="x:y"', "class=c",
     'onerror="alert(1)"', 'src="x"', "rel=opener", 'href=" JAVASCRIPT:x"', "data-x=1"]
)  # fmt: skip


def _element(children):
    return st.builds(
        lambda tag, attrs, kids, close: (
            f"<{tag}{''.join(' ' + a for a in attrs)}>{''.join(kids)}"
            + (f"</{tag}>" if close else "")
        ),
        st.sampled_from(_TAGS),
        st.lists(_ATTRS, max_size=3),
        st.lists(children, max_size=4),
        st.booleans(),
    )


tree_html = st.recursive(
    st.one_of(st.text(max_size=12), st.sampled_from(_HOSTILE)), _element, max_leaves=30
)
any_html = st.one_of(hostile_html, tree_html, st.text())

_PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_PROPERTY
@given(any_html)
def test_sanitize_is_safe(html):
    assert_schema(sanitize(html))


@_PROPERTY
@given(any_html)
def test_sanitize_is_idempotent(html):
    once = sanitize(html)
    assert sanitize(once) == once


@_PROPERTY
@given(any_html)
def test_text_functions_never_raise_and_agree(html):
    plain = to_plain_text(html)
    assert plain == to_plain_text(sanitize(html))
    assert word_count(html) == word_count(sanitize(html)) >= 0
    assert is_empty(html) == (plain.strip() == "") == (sanitize(html) == "")


# Text without control characters (removed by the sanitiser) and without list markers.
plain_texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="-•")
    | st.sampled_from("\n \t\r"),
    max_size=200,
)


@_PROPERTY
@given(plain_texts)
def test_from_plain_text_keeps_every_word(text):
    html = from_plain_text(text)
    assert_schema(html)
    assert sanitize(html) == html
    assert to_plain_text(html).split() == text.split()


@_PROPERTY
@given(st.text(max_size=200))
def test_from_plain_text_never_raises(text):
    html = from_plain_text(text)
    assert_schema(html)
    assert sanitize(html) == html
