"""Forgiving search on the database of this run (SQLite FTS5 or PostgreSQL): a missing
å/ä/ö, and suggestions when nothing is found, on the page too."""

from django.test import Client

from resultat.search.selectors import search


def test_a_missing_diacritic_is_forgiven_and_said(edition, db):
    exact = search("kompetensförsörjning", public=True, limit=1000)
    lenient = search("kompetensforsorjning", public=True, limit=1000)
    assert not exact.forgiving and lenient.forgiving
    assert lenient.total == exact.total > 0
    assert {h.document.pk for h in lenient.hits} == {h.document.pk for h in exact.hits}
    assert any("<mark>" in h.title_html for h in lenient.hits)
    page = Client().get("/sok/", {"q": "kompetensforsorjning"}).content.decode()
    assert "bortser från å, ä och ö" in page and "<mark>Kompetensförsörjning</mark>" in page


def test_an_exact_match_is_not_widened(edition, db):
    res = search("mål", public=True, limit=1000)
    assert not res.forgiving and res.total and not res.suggestions


def test_nothing_found_suggests_the_closest_title_words(edition, db):
    res = search("kompetensforsorjnig", public=True)  # a typo as well as the missing marks
    assert res.total == 0 and res.suggestions[0] == "kompetensförsörjning"
    page = Client().get("/sok/", {"q": "kompetensforsorjnig"}).content.decode()
    assert "Menade du:" in page and 'href="?q=kompetensf%C3%B6rs%C3%B6rjning"' in page
    assert search("qwxzvbn", public=True).suggestions == []  # nothing close: nothing proposed
