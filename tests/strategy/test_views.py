"""The public strategy pages, without JavaScript, in Swedish and English."""

import re

import pytest
from django.urls import reverse


@pytest.fixture
def urls(vasterbotten):
    s, v = vasterbotten.strategy.code, vasterbotten.code
    return {
        "overview": reverse("strategy:overview", args=[s, v]),
        "priority": reverse("strategy:priority", args=[s, v, "p-1"]),
        "sub": reverse("strategy:subpriority", args=[s, v, "dp-1.2"]),
        "sdg": reverse("strategy:sdg_goal", args=[s, v, 9]),
        "sdg_index": reverse("strategy:sdg_index", args=[s, v]),
        "compare": reverse("strategy:compare", args=[s]),
    }


def test_start_page_shows_the_current_version_and_links_to_it(client, vasterbotten):
    # The start page (resultat/public, issue 10) shows the current version's vision and
    # priorities and links to the full strategy; /strategi/ still redirects.
    html = client.get("/").content.decode()
    assert vasterbotten.vision_title in html and f'href="{vasterbotten.get_absolute_url()}"' in html
    # /strategi/ opens the strategy in force, not the draft (tests/strategy/test_in_force.py)
    response = client.get("/strategi/")
    assert response.status_code == 302 and response["Location"] == "/strategi/rus/uppfoljning-2025/"


def test_overview_shows_the_goal_tree(client, urls, vasterbotten):
    html = client.get(urls["overview"]).content.decode()
    assert '<html lang="sv">' in html
    assert vasterbotten.vision_title in html
    assert "Livskraftig plats" in html and "Cirkulär plats" in html
    for title in ["Sammanhållen utveckling", "Jämlik och jämställd inkludering", "Föregångare i omställning"]:
        assert title in html
    assert len(re.findall(r'href="/strategi/rus/aktualisering-2025-26/delprioritering/dp-', html)) == 20
    assert len(re.findall(r'href="/strategi/rus/aktualisering-2025-26/prioritering/p-', html)) == 6


def test_subpriority_page_pairs_challenges_and_needs_and_red_thread(client, urls, vasterbotten):
    from resultat.strategy.models import SubPriority

    sub = SubPriority.objects.get(version=vasterbotten, code="dp-1.2")
    html = client.get(urls["sub"]).content.decode()
    assert sub.goal in html
    for challenge in sub.challenges.all():
        assert f'id="{challenge.code}"' in html
    for need in sub.needs.all():
        assert f'id="{need.code}"' in html and f'href="#{need.code}"' in html
    assert "Den röda tråden" in html
    assert "Livskraftig plats" in html  # overall goals in the red thread
    headings = [int(h) for h in re.findall(r"<h([1-6])", html)]
    assert headings[0] == 1 and all(b - a <= 1 for a, b in zip(headings, headings[1:]))


def test_priority_page_lists_subpriorities_and_plans(client, urls, vasterbotten):
    html = client.get(urls["priority"]).content.decode()
    assert "Digital transformation" in html
    assert "Vägen framåt" in html


def test_sdg_pages(client, urls):
    html = client.get(urls["sdg"]).content.decode()
    assert "Hållbar industri, innovationer och infrastruktur" in html
    assert "9.1" in html and "9.c" in html
    index = client.get(urls["sdg_index"]).content.decode()
    assert index.count('class="sdg-tile sdg-') == 17  # colour by class: the CSP forbids inline styles


def test_sdg_targets_are_swedish_in_swedish_with_the_translation_note_and_english_in_english(client, urls):
    html = client.get(urls["sdg"]).content.decode()
    assert re.search(r'<dt>9\.1</dt><dd lang="sv">Utveckla infrastruktur av god kvalitet', html)
    assert '<p class="lead">Bygga upp en motståndskraftig infrastruktur' in html  # the goal title, Swedish, no lang="en"
    assert "inofficiella översättning" in html
    client.post(reverse("set_language"), {"language": "en", "next": urls["sdg"]})
    html = client.get(urls["sdg"]).content.decode()
    assert re.search(r'<dt>9\.1</dt><dd lang="en">Develop quality, reliable', html)
    assert "inofficiella" not in html


def test_version_switcher_keeps_the_page_when_it_exists(client, vasterbotten):
    url = reverse("strategy:switch", args=["rus"])
    response = client.get(url, {"version": "uppfoljning-2025", "page": "p-3"})
    assert response["Location"] == "/strategi/rus/uppfoljning-2025/prioritering/p-3/"
    response = client.get(url, {"version": "uppfoljning-2025", "page": "dp-1.2"})
    assert response["Location"] == "/strategi/rus/uppfoljning-2025/"
    assert client.get(url, {"version": "finns-inte"}).status_code == 404


def test_compare_page_shows_renames(client, urls):
    html = client.get(urls["compare"]).content.decode()
    assert "En levande plats" in html and "Livskraftig plats" in html
    assert "En nytänkande och smart region" in html
    assert html.count('class="badge badge-new"') >= 20  # the sub-priorities are new


def test_unknown_codes_are_404(client, vasterbotten):
    assert client.get("/strategi/rus/aktualisering-2025-26/delprioritering/dp-9.9/").status_code == 404
    assert client.get("/strategi/rus/finns-inte/").status_code == 404
    assert client.get("/strategi/rus/aktualisering-2025-26/agenda-2030/18/").status_code == 404


def test_english_interface_marks_swedish_content(client, urls):
    response = client.post(reverse("set_language"), {"language": "en", "next": urls["sub"]})
    assert response.status_code == 302
    html = client.get(urls["sub"]).content.decode()
    assert '<html lang="en">' in html
    assert "The red thread" in html
    assert re.search(r'<p class="lead" lang="sv">', html)


def test_empty_database_shows_help(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "resultat strategy load" in response.content.decode()


def test_priority_page_shows_the_mapping_between_versions(client, vasterbotten):
    old_page = client.get("/strategi/rus/uppfoljning-2025/prioritering/p-5/").content.decode()
    assert "Nyare version" in old_page
    assert 'href="/strategi/rus/aktualisering-2025-26/prioritering/p-5/"' in old_page
    new_page = client.get("/strategi/rus/aktualisering-2025-26/prioritering/p-5/").content.decode()
    assert "En hälsofrämjande region" in new_page and "Tidigare version" in new_page
