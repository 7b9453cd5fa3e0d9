"""Word diffs of contribution texts (plain Python)."""

from __future__ import annotations

import time
from html.parser import HTMLParser
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resultat.core.textdiff import (
    LINE_BREAK,
    PARAGRAPH_BREAK,
    Segment,
    change_summary,
    diff_html,
    diff_tokens,
    diff_words,
    join_tokens,
    render_segments,
    tokenize,
)


def ops(segments: list[Segment]) -> list[tuple[str, str]]:
    return [(s.op, s.text) for s in segments]


def old_side(segments: list[Segment]) -> list[str]:
    return [t for s in segments if s.op in ("equal", "delete") for t in s.tokens]


def new_side(segments: list[Segment]) -> list[str]:
    return [t for s in segments if s.op in ("equal", "insert") for t in s.tokens]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def tags_of(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    p.close()
    return p


# ---------------------------------------------------------------------- tokenising


def test_tokenize():
    text = "  Första stycket,\tmed ord.\r\nNy rad\n\n\n  Andra   stycket \n \n"
    assert tokenize(text) == [
        "Första", "stycket,", "med", "ord.", LINE_BREAK, "Ny", "rad", PARAGRAPH_BREAK,
        "Andra", "stycket",
    ]  # fmt: skip
    assert tokenize("") == tokenize(None) == tokenize("\n\n  \n") == []


def test_join_tokens():
    assert join_tokens(["a", "b", LINE_BREAK, "c", PARAGRAPH_BREAK, "d"]) == "a b\nc\n\nd"


# --------------------------------------------------------------------------- diffs


def test_identical_texts_are_one_equal_segment():
    text = "Ett stycke.\n\nEtt till."
    assert ops(diff_words(text, text)) == [("equal", "Ett stycke.\n\nEtt till.")]
    assert diff_words("", "") == []


def test_word_changes():
    segments = diff_words(
        "Vi har byggt en skola. Den är stor. Vi är glada.",
        "Vi har byggt en skola. Den är mycket stor. Vi är nöjda.",
    )
    assert ops(segments) == [
        ("equal", "Vi har byggt en skola. Den är"),
        ("insert", "mycket"),
        ("equal", "stor. Vi är"),
        ("delete", "glada."),
        ("insert", "nöjda."),
    ]


def test_from_and_to_empty():
    assert ops(diff_words("", "Ny text")) == [("insert", "Ny text")]
    assert ops(diff_words("Gammal text", "")) == [("delete", "Gammal text")]


def test_whitespace_alone_is_no_change():
    assert ops(diff_words("a  b\tc", "a b c")) == [("equal", "a b c")]


def test_paragraph_breaks_are_tokens():
    assert ops(diff_words("a b\n\nc", "a b c")) == [
        ("equal", "a b"),
        ("delete", "\n\n"),
        ("equal", "c"),
    ]
    assert ops(diff_words("a b c", "a b\n\nc")) == [
        ("equal", "a b"),
        ("insert", "\n\n"),
        ("equal", "c"),
    ]


def test_inserted_paragraph_lines_up_with_breaks():
    assert ops(diff_words("a\n\nb", "a\n\nNytt stycke\n\nb")) == [
        ("equal", "a\n\n"),
        ("insert", "Nytt stycke\n\n"),
        ("equal", "b"),
    ]


def test_inserted_list_item_lines_up_with_lines():
    assert ops(diff_words("- ett\n- tre", "- ett\n- två\n- tre")) == [
        ("equal", "- ett\n"),
        ("insert", "- två\n"),
        ("equal", "- tre"),
    ]


def test_rewritten_sentence_is_one_change_not_confetti():
    segments = diff_words(
        "Regionen och kommunerna har arbetat med frågan.",
        "Länsstyrelsen och näringslivet har diskuterat frågan.",
    )
    assert ops(segments) == [
        ("delete", "Regionen och kommunerna har arbetat med"),
        ("insert", "Länsstyrelsen och näringslivet har diskuterat"),
        ("equal", "frågan."),
    ]


def test_words_do_not_match_across_rewritten_paragraphs():
    old = "Första stycket om skolor och vård.\n\nAndra stycket om vägar."
    new = "Helt ny text om kultur och idrott.\n\nAndra stycket om vägar."
    assert ops(diff_words(old, new)) == [
        ("delete", "Första stycket om skolor och vård."),
        ("insert", "Helt ny text om kultur och idrott."),
        ("equal", "\n\nAndra stycket om vägar."),
    ]


def test_segments_alternate_and_text_matches_tokens():
    segments = diff_words("a b c d e f", "a x c d y f z")
    for first, second in pairwise(segments):
        assert first.op != second.op
    for s in segments:
        assert s.text == join_tokens(s.tokens)
        assert s.op in ("equal", "insert", "delete")


def test_one_megabyte_diff_is_fast():
    def paragraph(i: int) -> str:
        return " ".join(
            f"Regionen har i del {i}.{j} ökat andelen förnybar energi med {j} procent."
            for j in range(20)
        )

    old = "\n\n".join(paragraph(i) for i in range(800))
    assert len(old) > 1_000_000
    new = old.replace("del 100.3 ökat", "del 100.3 minskat").replace("i del 7", "under del 7", 3)
    started = time.monotonic()
    segments = diff_words(old, new)
    assert time.monotonic() - started < 30
    assert old_side(segments) == tokenize(old)
    assert new_side(segments) == tokenize(new)
    summary = change_summary(old, new)
    assert summary["words_added"] == summary["words_removed"] == 4
    assert summary["similarity"] > 0.99


def test_one_megabyte_without_any_structure():
    old = "ord " * 250_000
    new = "ord " * 120_000 + "annat " + "ord " * 130_000
    started = time.monotonic()
    segments = diff_words(old, new)
    assert time.monotonic() - started < 30
    assert old_side(segments) == tokenize(old)
    assert new_side(segments) == tokenize(new)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("a b " * 20_000, "b a " * 20_000),
        (
            "\n".join(f"- punkt {i % 7}" for i in range(40_000)),
            "- ny\n" + "\n".join(f"- punkt {i % 7}" for i in range(1, 40_000, 2)),
        ),
        ("Ja.\n\n" * 30_000, "Nej.\n\nJa.\n\n" * 15_000),
    ],
)
def test_very_repetitive_texts_are_cheap(old, new):
    started = time.monotonic()
    segments = diff_words(old, new)
    assert time.monotonic() - started < 30
    assert old_side(segments) == tokenize(old)
    assert new_side(segments) == tokenize(new)


# ---------------------------------------------------------------------------- HTML


def test_diff_html():
    out = diff_html(
        "<p>Vi har <b>en</b> skola.</p>", "<p>Vi har två skolor.</p><p>Nytt stycke.</p>"
    )
    assert out == (
        "<p>Vi har <del>en skola.</del> <ins>två skolor.</ins></p>\n<p><ins>Nytt stycke.</ins></p>"
    )


def test_diff_html_escapes_everything():
    old = "<p>a &lt;script&gt;alert(1)&lt;/script&gt; &amp;</p>"
    new = '<p>a &lt;img src=x onerror=alert(1)&gt; "q"</p><script>alert(2)</script>'
    out = diff_html(old, new)
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "&lt;img" in out
    assert {tag for tag, _ in tags_of(out).tags} <= {"p", "ins", "del", "br"}
    assert "alert(2)" not in out


def test_render_segments_escapes_plain_text():
    out = render_segments(diff_words("<b>x</b> & y", "<i>x</i> & y"))
    assert out == "<p><del>&lt;b&gt;x&lt;/b&gt;</del> <ins>&lt;i&gt;x&lt;/i&gt;</ins> &amp; y</p>"


def test_diff_html_marks_split_and_joined_paragraphs():
    assert diff_html("<p>a b c</p>", "<p>a b</p><p>c</p>") == "<p>a b <ins>¶</ins></p>\n<p>c</p>"
    assert diff_html("<p>a b</p><p>c</p>", "<p>a b c</p>") == "<p>a b <del>¶</del></p>\n<p>c</p>"


def test_diff_html_removed_paragraph_stays_a_paragraph():
    assert (
        diff_html("<p>a</p><p>bort</p><p>b</p>", "<p>a</p><p>b</p>")
        == "<p>a</p>\n<p><del>bort</del></p>\n<p>b</p>"
    )


def test_diff_html_lists_and_line_breaks():
    out = diff_html(
        "<ul><li>ett</li><li>tre</li></ul>", "<ul><li>ett</li><li>två</li><li>tre</li></ul>"
    )
    assert out == "<p>- ett<br><ins>- två<br></ins>- tre</p>"


def test_diff_html_of_identical_text_has_no_marks():
    html = "<h3>R</h3><p>Text med <em>betoning</em>.</p>"
    assert diff_html(html, html) == "<p>R</p>\n<p>Text med betoning.</p>"
    assert diff_html("", "") == ""


# -------------------------------------------------------------------------- summary


def test_change_summary():
    assert change_summary("a b c d", "a b x d e") == {
        "words_added": 2,
        "words_removed": 1,
        "words_unchanged": 3,
        "similarity": pytest.approx(6 / 9),
    }
    assert change_summary("", "")["similarity"] == 1.0
    assert change_summary("same text", "same text") == {
        "words_added": 0,
        "words_removed": 0,
        "words_unchanged": 2,
        "similarity": 1.0,
    }
    assert change_summary("", "ny")["similarity"] == 0.0


def test_change_summary_counts_words_not_marks():
    summary = change_summary("- a\n- b", "- a\n- b\n- c – d")
    assert summary["words_added"] == 2
    assert summary["words_unchanged"] == 2


def test_change_summary_of_html():
    summary = change_summary(
        "<p>Ett <b>två</b></p>", "<p>Ett tre</p><script>x y z</script>", html=True
    )
    assert summary == {
        "words_added": 1,
        "words_removed": 1,
        "words_unchanged": 1,
        "similarity": 0.5,
    }


# ------------------------------------------------------------------ property tests

_PROPERTY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Few distinct tokens, so that the texts repeat and overlap like real revisions do.
tokens = st.lists(
    st.sampled_from(
        [
            "och",
            "att",
            "skola",
            "vård.",
            "-",
            "•",
            "2030-mål",
            LINE_BREAK,
            PARAGRAPH_BREAK,
            "a",
            "b",
        ]
    ),
    max_size=60,
)
texts = st.one_of(
    tokens.map(join_tokens),
    st.text(alphabet=st.sampled_from("ab c\n\n\t.-"), max_size=80),
    st.text(max_size=80),
)


@_PROPERTY
@given(texts)
def test_diff_with_itself_is_all_equal(text):
    segments = diff_words(text, text)
    assert all(s.op == "equal" for s in segments)
    assert len(segments) <= 1
    assert old_side(segments) == new_side(segments) == tokenize(text)


@_PROPERTY
@given(texts, texts)
def test_diff_reconstructs_both_sides(old, new):
    segments = diff_words(old, new)
    assert old_side(segments) == tokenize(old)
    assert new_side(segments) == tokenize(new)
    for first, second in pairwise(segments):
        assert first.op != second.op
        assert (first.op, second.op) != ("insert", "delete")
    assert all(s.tokens and s.text == join_tokens(s.tokens) for s in segments)


@_PROPERTY
@given(tokens, tokens)
def test_token_diff_reconstructs_any_token_lists(a, b):
    segments = diff_tokens(a, b)
    assert old_side(segments) == a
    assert new_side(segments) == b


@_PROPERTY
@given(texts, texts)
def test_summary_bounds(old, new):
    summary = change_summary(old, new)
    assert 0.0 <= summary["similarity"] <= 1.0
    assert min(summary["words_added"], summary["words_removed"], summary["words_unchanged"]) >= 0
    if old == new:
        assert summary["similarity"] == 1.0
        assert summary["words_added"] == summary["words_removed"] == 0


html_pieces = st.lists(
    st.one_of(
        st.sampled_from(["<p>", "</p>", "<b>", "<script>alert(1)</script>", "<li>", "<br>",
                         "&lt;", "&amp;", "<img src=x onerror=alert(1)>", "<a href='javascript:x'>",
                         "\n\n", " ", "ord", "<", ">"]),
        st.text(max_size=6),
    ),
    max_size=30,
).map("".join)  # fmt: skip


@_PROPERTY
@given(html_pieces, html_pieces)
def test_diff_html_is_safe(old, new):
    out = diff_html(old, new)
    assert "<script" not in out and "<img" not in out and "<a " not in out
    parsed = tags_of(out)
    assert {tag for tag, _ in parsed.tags} <= {"p", "ins", "del", "br"}
    assert all(not attrs for _, attrs in parsed.tags)
