"""The learning pages in English: the demo-data warning and the column names of the
sub-priority table are English (the areas, questions and sub-priorities are content and
stay Swedish); the charts' axis titles and legend were already English."""

import re

from django.test import Client


def test_coverage_page_in_english_labels_the_demo_data_and_counters_in_english(users):
    client = Client()
    client.force_login(users["analytiker"])
    client.cookies["django_language"] = "en"
    html = client.get("/larande/tackning/?ar=2026").content.decode()
    assert '<html lang="en"' in html
    assert "<strong>Synthetic demo values</strong>" in html and "Syntetiska demovärden" not in html
    counters = re.findall(r'<th scope="col">([^<]*)</th>', html)
    assert "contribution" in counters and "initiatives" in counters
    assert "bidrag" not in counters and "insatser" not in counters
