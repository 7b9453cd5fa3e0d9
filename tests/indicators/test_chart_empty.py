"""A chart without values is a message, not an empty frame; numeric column headers are
aligned with their numbers."""

from types import SimpleNamespace

from django.template.loader import render_to_string

from resultat.learning.templatetags.learning import any_words_changed


def chart(rows):
    return SimpleNamespace(
        id="c1", spec_id="c1-spec", title="Befolkning", rows=rows, header=["År", "Västerbotten", "Riket"],
        page_svgs=("<svg>wide</svg>", "<svg>narrow</svg>"), spec={"title": "full"}, page_spec={"width": "container"},
        description="Linjediagram", synthetic=False, table_caption="Värden", downloads=[],
    )


def test_empty_chart_is_a_message():
    html = render_to_string("charts/chart.html", {"chart": chart([])})
    assert "Det finns inga värden att visa i diagrammet ännu." in html
    assert "<svg" not in html and "<table" not in html and "data-chart=" not in html
    assert "Befolkning" in html


def test_chart_with_rows_has_view_table_and_numeric_headers():
    html = render_to_string("charts/chart.html", {"chart": chart([["2024", "1", "2"]])})
    assert 'data-chart="c1-spec"' in html
    # without JavaScript: the wide and the narrow picture (CSS shows one); the page spec for vega-embed
    assert '<div class="chart-static chart-static-wide"><svg>wide</svg></div>' in html
    assert '<div class="chart-static chart-static-narrow"><svg>narrow</svg></div>' in html
    assert '<script id="c1-spec" type="application/json">{"width": "container"}</script>' in html
    assert '<th scope="col">År</th>' in html
    assert '<th scope="col" class="num">Västerbotten</th>' in html and '<th scope="col" class="num">Riket</th>' in html
    assert "inga värden" not in html


def test_learning_change_chart_only_when_words_changed():
    same = SimpleNamespace(summary={"words_added": 0, "words_removed": 0})
    changed = SimpleNamespace(summary={"words_added": 3, "words_removed": 0})
    assert not any_words_changed([same, same])
    assert any_words_changed([same, changed])
    assert not any_words_changed([])
