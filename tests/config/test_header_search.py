"""A search box in the header of every page: a GET form to the public search with a
label for screen readers, also for logged-in users and on error pages."""

import re

import pytest

from resultat.accounts.models import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db

FORM = re.compile(
    r'<form class="header-search" role="search" method="get" action="/sok/">\s*'
    r'<label for="header-search-q" class="visually-hidden">Sök på webbplatsen</label>\s*'
    r'<input type="search" id="header-search-q" name="q"'
)


@pytest.mark.parametrize("url", ["/", "/om/", "/oppna-data/", "/resultat/", "/indikatorer/", "/finns-inte/", "/konto/logga-in/"])
def test_header_search_on_public_pages(client, url, settings):
    settings.DEBUG = False
    html = client.get(url, follow=True).content.decode()
    assert len(FORM.findall(html)) == 1, url


def test_header_search_for_staff(client):
    client.force_login(make_user("anna", Role.ANALYST))
    html = client.get("/uppfoljning/").content.decode()
    assert FORM.search(html)


def test_header_search_leads_to_the_public_search(client):
    response = client.get("/sok/", {"q": "digitalisering"})
    assert response.status_code == 200
    assert 'value="digitalisering"' in response.content.decode()
