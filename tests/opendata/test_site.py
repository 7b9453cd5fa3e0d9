"""The public site: pages, language, caching headers, the accessibility report form."""

import pytest
from django.core import mail
from django.test import Client, override_settings

from resultat.accounts.models import Role
from resultat.public.models import AccessibilityReport
from tests.factories import make_user
from tests.opendata.conftest import SECRET

pytestmark = pytest.mark.usefixtures("published")

PAGES = [
    "/",
    "/prioriteringar/p-1/",
    "/delprioriteringar/dp-1.2/",
    "/omraden/",
    "/omraden/a-digitalisering/",
    "/kommuner/",
    "/kommuner/2480/",
    "/globala-malen/",
    "/globala-malen/9/",
    "/tillganglighet/",
    "/oppna-data/",
    "/api/",
    "/om/",
    "/delprioriteringar/dp-1.3/",
    "/indikatorer/opensdg/",
]


@pytest.fixture
def client():
    return Client(HTTP_HOST="localhost")


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_in_both_languages_without_drafts(client, url):
    sv = client.get(url)
    assert sv.status_code == 200
    assert SECRET not in sv.content.decode()
    client.post("/sprak/", {"language": "en", "next": url})
    en = client.get(url)
    assert en.status_code == 200 and '<html lang="en">' in en.content.decode()


def test_start_page(client, monkeypatch):
    from resultat.public import selectors

    monkeypatch.setattr(selectors, "HEADLINE_PROVIDERS", [lambda: []])
    html = client.get("/").content.decode()
    assert "Livskraftig plats" in html or "levande plats" in html.lower()
    assert html.count('href="/prioriteringar/p-') == 6
    assert 'href="/resultat/2025/"' in html and "/oppna-data/contributions.csv" in html
    assert "Utvalda indikatorer" not in html  # no headline indicators: no empty section


def test_start_page_shows_headline_indicators_when_a_provider_gives_some(client, monkeypatch):
    from resultat.public import selectors

    monkeypatch.setattr(selectors, "HEADLINE_PROVIDERS", [lambda: [{"title": "Sysselsättningsgrad", "value": "80,1 %", "assessment": "På väg", "source": "Källa: SCB"}]])
    html = client.get("/").content.decode()
    assert "Utvalda indikatorer" in html and "Sysselsättningsgrad" in html and "Källa: SCB" in html


def test_subpriority_page_brings_strategy_and_contributions_together(client):
    html = client.get("/delprioriteringar/dp-1.2/").content.decode()
    assert "Uppföljningen 2025" in html
    assert 'href="/omraden/a-digitalisering/"' in html  # the area that names dp-1.2
    assert 'href="/omraden/a-naringsliv/"' not in html


def test_priority_page_uses_chapter_placement(client):
    html = client.get("/prioriteringar/p-1/").content.decode()
    for area in ("a-digitalisering", "a-innovationsledning", "a-smart-specialisering"):
        assert f'href="/omraden/{area}/"' in html


def test_sdg_page_has_strategy_links_and_published_citations(client):
    html = client.get("/globala-malen/9/").content.decode()
    assert "I den publicerade uppföljningen" in html and "Uppföljningen 2025" in html
    assert 'href="/delprioriteringar/' in html or 'href="/prioriteringar/' in html


def test_english_interface_marks_swedish_content(client):
    client.post("/sprak/", {"language": "en", "next": "/"})
    html = client.get("/delprioriteringar/dp-1.2/").content.decode()
    assert '<html lang="en">' in html and '<h1 lang="sv">' in html and 'class="prose" lang="sv"' in html


def test_public_pages_are_cacheable_and_vary_on_language(client):
    r = client.get("/delprioriteringar/dp-1.2/")
    assert r["Cache-Control"].startswith("public") and r["ETag"]
    assert "Accept-Language" in r["Vary"] and "Cookie" in r["Vary"]
    assert "csrftoken" not in r.cookies  # no per-visitor token on public pages
    assert client.get("/delprioriteringar/dp-1.2/", HTTP_IF_NONE_MATCH=r["ETag"]).status_code == 304
    en = Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="en").get("/delprioriteringar/dp-1.2/")
    assert en["ETag"] != r["ETag"]


def test_pages_are_not_cached_for_logged_in_users(client):
    client.force_login(make_user("anna", Role.ANALYST))
    r = client.get("/")
    assert r["Cache-Control"] == "private, no-store" and not r.has_header("ETag")


def test_accessibility_report_is_stored_and_mailed(client):
    page = client.get("/tillganglighet/")
    html = page.content.decode()
    assert "digg.se" in html and "Kända brister" in html and page["Cache-Control"] == "private, no-store"
    with override_settings(RESULTAT_ACCESSIBILITY_EMAIL="tillganglighet@region.example"):
        r = client.post("/tillganglighet/", {"page_url": "/kommuner/", "description": "Tabellen läses fel i NVDA.", "email": "a@b.example", "website": ""})
    assert r.status_code == 302 and r["Location"] == "/tillganglighet/tack/"
    report = AccessibilityReport.objects.get()
    assert report.description == "Tabellen läses fel i NVDA." and report.mailed_to == "tillganglighet@region.example"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["tillganglighet@region.example"] and "NVDA" in mail.outbox[0].body


def test_accessibility_report_errors_are_shown_and_bots_refused(client):
    r = client.post("/tillganglighet/", {"description": ""})
    assert r.status_code == 400 and 'id="id_description-error"' in r.content.decode()
    r = client.post("/tillganglighet/", {"description": "x", "website": "http://spam"})
    assert r.status_code == 400 and AccessibilityReport.objects.count() == 0


def test_report_is_kept_when_mail_fails(client, monkeypatch):
    from resultat.public import services

    def broken(*a, **k):
        raise OSError("SMTP nere")

    monkeypatch.setattr(services, "send_mail", broken)
    r = client.post("/tillganglighet/", {"description": "Knappen syns inte."})
    assert r.status_code == 302
    report = AccessibilityReport.objects.get()
    assert report.mailed_to == "" and "SMTP nere" in report.mail_error


def test_server_cache_serves_anonymous_repeats_but_never_logged_in_users(client):
    from django.core.cache import cache

    from resultat.reference.models import Area

    cache.clear()
    with override_settings(RESULTAT_PUBLIC_SERVER_CACHE=60):
        first = client.get("/kommuner/2480/")
        Area.objects.filter(code="2480").update(name="Umeå (ändrad)")
        assert client.get("/kommuner/2480/").content == first.content  # from the cache
        assert "Umeå (ändrad)" in Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="en").get("/kommuner/2480/").content.decode()
        user_client = Client(HTTP_HOST="localhost")
        user_client.force_login(make_user("bo", Role.EDITOR))
        assert "Umeå (ändrad)" in user_client.get("/kommuner/2480/").content.decode()
    cache.clear()


def test_other_public_pages_get_caching_headers_too(client):
    for url in ("/resultat/2025/", "/strategi/rus/aktualisering-2025-26/delprioritering/dp-1.2/"):
        r = client.get(url)
        assert r.status_code == 200 and r["ETag"] and r["Cache-Control"].startswith("public"), url
        assert client.get(url, HTTP_IF_NONE_MATCH=r["ETag"]).status_code == 304
    login = client.get("/konto/logga-in/")
    assert login.status_code == 200 and not login.has_header("ETag")  # has a CSRF token: never cached
    client.force_login(make_user("greta", Role.REVIEWER))
    r = client.get("/resultat/2025/")
    assert r["Cache-Control"] == "private, no-store" and not r.has_header("ETag")


def test_cached_answers_keep_the_same_etag_and_answer_304(client):
    from django.core.cache import cache

    cache.clear()
    with override_settings(RESULTAT_PUBLIC_SERVER_CACHE=60):
        for url in ("/delprioriteringar/dp-1.2/", "/api/contributions/?year=2025&limit=20"):
            first = client.get(url)
            second = client.get(url)  # from the server cache
            assert first["ETag"] == second["ETag"] and first.content == second.content
            assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        assert client.get("/api/contributions/?year=2025&limit=20")["Access-Control-Allow-Origin"] == "*"
    cache.clear()


def test_server_cache_keeps_the_public_redirect_to_the_version_in_force(client, django_assert_num_queries):
    from django.core.cache import cache

    cache.clear()
    with override_settings(RESULTAT_PUBLIC_SERVER_CACHE=60):
        first = client.get("/strategi/")
        assert first.status_code == 302 and first["Location"].startswith("/strategi/rus/")
        with django_assert_num_queries(0):  # from the cache: no database at all
            second = client.get("/strategi/")
        assert second.status_code == 302 and second["Location"] == first["Location"]
        assert second.get("Cache-Control") == first.get("Cache-Control") and not second.has_header("ETag")
        user_client = Client(HTTP_HOST="localhost")
        user_client.force_login(make_user("bo", Role.EDITOR))
        assert user_client.get("/strategi/")["Location"] == first["Location"]  # users: from the database
    cache.clear()


def test_server_cache_keeps_strategy_pages_and_search_apart_from_their_htmx_fragments(client):
    from django.core.cache import cache

    cache.clear()
    with override_settings(RESULTAT_PUBLIC_SERVER_CACHE=60):
        page = client.get("/sok/?q=digitalisering")
        fragment = client.get("/sok/?q=digitalisering", HTTP_HX_REQUEST="true")
        assert b"<html" in page.content and b"<html" not in fragment.content
        assert client.get("/sok/?q=digitalisering").content == page.content  # from the cache
        from resultat.strategy.models import SubPriority

        url = "/strategi/rus/aktualisering-2025-26/delprioritering/dp-1.2/"
        first = client.get(url)
        SubPriority.objects.filter(code="dp-1.2", version__code="aktualisering-2025-26").update(goal="Ändrat mål")
        assert client.get(url).content == first.content  # anonymous: from the cache for up to 60 s
        user_client = Client(HTTP_HOST="localhost")
        user_client.force_login(make_user("bo", Role.EDITOR))
        assert "Ändrat mål" in user_client.get(url).content.decode()  # users always see the database
    cache.clear()


def test_municipality_population_is_formatted_the_swedish_way(client):
    from resultat.core.formats import format_number
    from resultat.reference.models import Area

    umea = Area.objects.get(code="2480")
    printed = format_number(umea.population, 0)
    assert "\u202f" in printed  # six digits: a narrow no-break space between the thousands
    assert f"{printed} (" in client.get("/kommuner/2480/").content.decode()
    assert f"{printed} ({umea.population_year})" in client.get("/kommuner/").content.decode()
