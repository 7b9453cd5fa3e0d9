"""The open data page in English names each dataset in English, also in the hidden text
a screen reader reads after "CSV", "JSON" and "API" (it read the Swedish title)."""

import re

import pytest

pytestmark = pytest.mark.usefixtures("published")


def test_download_links_name_the_dataset_in_the_page_language(client):
    client.cookies["django_language"] = "en"
    html = client.get("/oppna-data/").content.decode()
    hidden = re.findall(r'<span class="visually-hidden">: ([^<]*)</span>', html)
    assert hidden and "Published follow-up cycles" in hidden and "Publicerade uppföljningar" not in hidden
    client.cookies["django_language"] = "sv"
    swedish = re.findall(r'<span class="visually-hidden">: ([^<]*)</span>', client.get("/oppna-data/").content.decode())
    assert "Publicerade uppföljningar" in swedish
