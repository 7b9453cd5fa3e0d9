"""API and download answers do not depend on the visitor's language, so neither do
their ETags: a client that switches language still gets 304 for unchanged data."""

import pytest
from django.core.cache import cache
from django.test import override_settings

pytestmark = pytest.mark.usefixtures("published")


@pytest.mark.parametrize("server_cache", [0, 60])
def test_api_etag_is_the_same_in_both_languages(client, server_cache):
    cache.clear()
    with override_settings(RESULTAT_PUBLIC_SERVER_CACHE=server_cache):
        url = "/api/contributions/?year=2025&limit=5"
        sv = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
        client.cookies["django_language"] = "en"  # the language switcher's cookie
        en = client.get(url)
        assert en.headers.get("Content-Language", "en") == "en"
        assert sv.status_code == en.status_code == 200
        assert sv["ETag"] == en["ETag"]
        assert client.get(url, HTTP_IF_NONE_MATCH=sv["ETag"]).status_code == 304
    cache.clear()
