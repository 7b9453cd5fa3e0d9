"""A published year's public pages (issue 18): an overview with a summary per chapter
and a contents list, one page per chapter, and the whole year on one page. Only
published texts, read through the visibility rule."""

from __future__ import annotations

import pytest
from django.urls import reverse

from resultat.followup import selectors, visibility
from resultat.followup.models import Chapter, Contribution, Cycle
from tests.factories import SECRET, committed_edition, load_published_edition

edition = committed_edition(load_published_edition, scope="module")

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(edition):
    return Cycle.objects.get(year=2025)


def _chapters(cycle):
    return list(Chapter.objects.filter(version=cycle.version).order_by("order", "pk"))


def test_overview_lists_every_chapter_with_counts_and_contents(client, year):
    response = client.get(reverse("results:public_cycle", args=[2025]))
    assert response.status_code == 200
    text = response.content.decode()
    published = visibility.published_contributions().filter(cycle=year)
    for chapter in _chapters(year):
        url = reverse("results:public_chapter", args=[2025, chapter.code])
        assert text.count(f'href="{url}"') >= 2  # contents list and the summary's heading
        assert f'id="ch-{chapter.code}"' in text  # the old single page's anchors still land
        areas = published.filter(chapter=chapter).values("area").distinct().count()
        if areas:
            assert f"{areas} strategiska områden har rapporterat" in text or f"{areas} strategiskt område har rapporterat" in text
    assert reverse("results:public_cycle_all", args=[2025]) in text and "Hela året på en sida" in text
    assert SECRET not in text
    assert "Brödsmulor" in text and 'aria-current="page">Resultat 2025<' in text
    assert "no-store" not in response.get("Cache-Control", "") and "max-age" in response.get("Cache-Control", "")


def test_overview_key_results_are_published_initiative_titles(year):
    summaries = selectors.public_chapters(year)
    assert len(summaries) == len(_chapters(year))
    titles = {t for s in summaries for t in s.key_results}
    assert titles, "the 2025 report has 'Ett urval av insatser' lists"
    published_titles = set(visibility.published_items().filter(contribution__cycle=year).values_list("title", flat=True))
    assert titles <= published_titles
    assert all(len(s.key_results) <= selectors.KEY_RESULTS_PER_CHAPTER for s in summaries)


def test_chapter_page_shows_only_that_chapters_published_texts(client, year):
    chapters = [c for c in _chapters(year) if visibility.published_contributions().filter(cycle=year, chapter=c).exists()]
    chapter, other = chapters[0], chapters[1]
    text = client.get(reverse("results:public_chapter", args=[2025, chapter.code])).content.decode()
    mine = visibility.published_contributions().filter(cycle=year, chapter=chapter)
    assert mine.exists()
    for c in mine:
        assert f'id="bidrag-{c.pk}"' in text
    for c in visibility.published_contributions().filter(cycle=year, chapter=other)[:20]:
        assert f'id="bidrag-{c.pk}"' not in text
    assert SECRET not in text
    # breadcrumbs: Start › Resultat 2025 › the chapter
    assert f'href="{reverse("home")}"' in text and f'href="{reverse("results:public_cycle", args=[2025])}"' in text
    assert f'<span aria-current="page" lang="sv">{chapter.title}</span>' in text


def test_chapter_pages_link_previous_and_next(client, year):
    chapters = _chapters(year)
    first = client.get(reverse("results:public_chapter", args=[2025, chapters[0].code])).content.decode()
    second = client.get(reverse("results:public_chapter", args=[2025, chapters[1].code])).content.decode()
    assert 'rel="prev"' not in first and reverse("results:public_chapter", args=[2025, chapters[1].code]) in first
    assert 'rel="prev"' in second and reverse("results:public_chapter", args=[2025, chapters[0].code]) in second


def test_unpublished_texts_never_appear(client, year):
    hidden = Contribution.objects.filter(cycle=year).exclude(state=Contribution.State.PUBLISHED).select_related("chapter").first()
    assert hidden is not None and SECRET in hidden.body
    page = client.get(reverse("results:public_chapter", args=[2025, hidden.chapter.code])).content.decode()
    assert SECRET not in page and f'id="bidrag-{hidden.pk}"' not in page
    assert SECRET not in client.get(reverse("results:public_cycle_all", args=[2025])).content.decode()


def test_unknown_chapter_or_year_is_404(client, year):
    assert client.get(reverse("results:public_chapter", args=[2025, "finns-inte"])).status_code == 404
    assert client.get(reverse("results:public_chapter", args=[1999, _chapters(year)[0].code])).status_code == 404
    assert client.get(reverse("results:public_cycle", args=[2026])).status_code == 404  # open, never published
    assert client.get(reverse("results:public_chapter", args=[2026, _chapters(year)[0].code])).status_code == 404
    assert client.get(reverse("results:public_cycle_all", args=[2026])).status_code == 404


def test_old_filter_links_go_to_the_whole_year_page(client, year):
    response = client.get(reverse("results:public_cycle", args=[2025]), {"fraga": "omvarldsanalys"})
    assert response.status_code == 302
    assert response["Location"] == reverse("results:public_cycle_all", args=[2025]) + "?fraga=omvarldsanalys"


def test_query_budget(client, year, django_assert_max_num_queries):
    from django.core.cache import cache

    cache.clear()  # measure the pages, not the server cache
    chapter = _chapters(year)[0]
    # 8 measured: cycle, chapters, counts, key results, and the indicators' trends (links,
    # home county, observations, overrides: four whatever the number of indicators)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("results:public_cycle", args=[2025])).status_code == 200
    with django_assert_max_num_queries(6):  # 4 measured: cycle, chapters, texts, their items
        assert client.get(reverse("results:public_chapter", args=[2025, chapter.code])).status_code == 200
