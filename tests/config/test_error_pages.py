"""Swedish 403, 404 and 500 pages in the site's layout (DEBUG off, as in production)."""

import pytest
from django.test import RequestFactory
from django.views import defaults

from resultat.accounts.models import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def assert_site_page(html: str) -> None:
    assert '<header class="site-header">' in html
    assert 'class="site-footer"' in html
    assert 'action="/sok/"' in html  # the search box
    assert "Not Found" not in html and "Forbidden" not in html and "Server Error" not in html


def test_404_is_swedish_in_the_layout(client, settings):
    settings.DEBUG = False
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Sidan finns inte</h1>" in html
    assert '<html lang="sv">' in html
    assert_site_page(html)


def test_404_in_english(client, settings):
    settings.DEBUG = False
    response = client.get("/finns-inte/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert_site_page(response.content.decode())


def test_403_is_swedish_in_the_layout(client, settings):
    settings.DEBUG = False
    client.force_login(make_user("ebba", Role.EDITOR))
    response = client.get("/uppfoljning/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Du har inte behörighet till sidan</h1>" in html
    assert "Ebba" in html  # the logged-in header: the page has its request context
    assert_site_page(html)


def test_500_renders_without_a_request_context(settings):
    """Django renders 500.html with an empty context (no request, no user)."""
    settings.DEBUG = False
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Något gick fel hos oss</h1>" in html
    assert_site_page(html)
