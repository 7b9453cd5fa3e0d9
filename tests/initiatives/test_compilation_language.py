"""The funding compilation's charts in English: the synthetic subtitle drawn in the SVG
and the sentence that describes each chart are English; programme and municipality
names (data) stay as they are; the Swedish page is unchanged."""

import re

import pytest
from django.test import Client

from resultat.initiatives import demo

pytestmark = pytest.mark.django_db


def test_english_compilation_charts_have_english_subtitle_and_description(register):
    demo.load(n=80)
    client = Client()
    client.cookies["django_language"] = "en"
    html = client.get("/insatser/sammanstallning/2025/").content.decode()
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == 3
    assert all(">Synthetic demo values<" in svg and "Syntetiska demovärden" not in svg for svg in svgs)
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", html, re.S)
    assert len(captions) == 3 and all("Largest: " in c and "number of categories" in c for c in captions)
    assert "Störst" not in html and "Totalt" not in html and "kategorier" not in html
    swedish = Client().get("/insatser/sammanstallning/2025/").content.decode()
    assert swedish.count("Störst: ") >= 3 and ">Syntetiska demovärden<" in swedish
