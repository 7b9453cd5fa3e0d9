from hypothesis import given, strategies as st

from resultat.core.markup import html_to_markup, markup_to_html
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
