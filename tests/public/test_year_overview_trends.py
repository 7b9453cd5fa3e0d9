"""A published year's overview counts each priority's indicators by trend (issue 18:
"a summary per priority (indicator status, …)"): the existing assessment, on the values
up to the year, through one selector; plurals by ngettext; demo values labelled."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from resultat.followup import selectors as followup_selectors
from resultat.followup.models import Chapter, Cycle
from resultat.indicators import selectors
from resultat.indicators.models import Indicator, IndicatorLink, Observation
from tests.factories import committed_edition, load_published_edition

edition = committed_edition(load_published_edition, scope="module")

pytestmark = pytest.mark.django_db

GROUPS = ("improving", "unchanged", "deteriorating", "not_assessed")


@pytest.fixture
def year(edition):
    return Cycle.objects.get(year=2025)


def _priorities(cycle):
    return [ch.priority for ch in Chapter.objects.filter(version=cycle.version).exclude(priority=None).select_related("priority").order_by("order")]


def _one_by_one(code: str, until: int) -> dict[str, int]:
    """The same counts the slow way: assessment() per indicator, first link first."""
    counts = dict.fromkeys(GROUPS, 0)
    seen = set()
    for link in selectors.element_links("rus", code):
        if link.indicator_id in seen:
            continue
        seen.add(link.indicator_id)
        status = selectors.assessment(link.indicator, link, until=until).status
        group = next(g for g, statuses in selectors.TREND_GROUPS.items() if status in {s.value for s in statuses})
        counts[group] += 1
    return counts


def test_counts_agree_with_the_assessment_of_each_indicator(year):
    codes = [p.code for p in _priorities(year)]
    bulk = selectors.status_counts("rus", codes, until=2025)
    assert set(bulk) == set(codes)
    assert sum(c.total for c in bulk.values()) > 10, "the demo indicators follow the priorities"
    for code in codes:
        assert {g: getattr(bulk[code], g) for g in GROUPS} == _one_by_one(code, 2025), code
    # the analyst's override (N00401: limited progress) counts as the reader sees it
    assert any(lk.indicator.external_id == "N00401" for c in codes for lk in selectors.element_links("rus", c))


def test_values_after_the_year_do_not_change_its_counts(year):
    code = _priorities(year)[0].code
    link = selectors.element_links("rus", code)[0]
    before = selectors.status_counts("rus", [code], until=2025)[code]
    county = selectors.home_area_code()
    last = Observation.objects.filter(indicator=link.indicator, area_code=county, gender="T", period_code="").exclude(value=None).order_by("-period").first()
    # a collapse the year after: the 2025 overview must not see it; today's assessment must
    crash = -1000.0 if link.direction == "higher" or (link.direction == "" and link.indicator.direction == "higher") else 1e6
    Observation.objects.create(indicator=link.indicator, area_code=county, gender="T", period=2026, value=crash,
                               synthetic=True, **({"retrieval": last.retrieval} if hasattr(last, "retrieval") else {}))
    assert selectors.status_counts("rus", [code], until=2025)[code] == before
    assert selectors.status_counts("rus", [code])[code] != before or selectors.assessment(link.indicator, link).overridden


def test_overview_shows_the_counts_with_plurals_and_the_demo_label(client, year):
    text = client.get(reverse("results:public_cycle", args=[2025])).content.decode()
    summaries = {s.chapter.priority.code: s for s in followup_selectors.public_chapters(year) if s.chapter.priority_id}
    for code, summary in summaries.items():
        (found,) = summary.indicators
        c = found["counts"]
        assert f"{c.total} indikatorer följer prioriteringen, bedömda med värdena till och med 2025:" in text
        assert found["url"] == reverse("indicators:element", args=["rus", code]) and f'href="{found["url"]}"' in text
    chunks = text.split('class="indicator-trends"')[1:]
    assert len(chunks) == len(summaries)
    for chunk, summary in zip(chunks, summaries.values()):
        c = summary.indicators[0]["counts"]
        if c.unchanged == 1:
            assert "1 i stort sett oförändrad<" in chunk
        elif c.unchanged > 1:
            assert f"{c.unchanged} i stort sett oförändrade<" in chunk
        if c.improving:
            assert f"{c.improving} förbättras<" in chunk
        if c.deteriorating:
            assert f"{c.deteriorating} försämras<" in chunk
        assert ("saknar bedömning" in chunk.split("</ul>")[0]) == bool(c.not_assessed)
        # counts built on demo values are labelled where they are shown, others are not
        assert ("Syntetiska demovärden" in chunk.split("</div>")[0]) == c.synthetic
    assert any(s.indicators[0]["counts"].synthetic for s in summaries.values())
    # the chapter without a priority (the overarching one) has no indicator block
    assert "indicator-trends" not in text.split('id="ch-ru"')[1] if 'id="ch-ru"' in text else True


def test_one_indicator_is_singular_and_real_values_carry_no_demo_label(client, year):
    priority = _priorities(year)[0]
    links = selectors.element_links("rus", priority.code)
    keep = links[0]
    IndicatorLink.objects.filter(pk__in=[lk.pk for lk in links[1:]]).delete()
    Indicator.objects.filter(pk=keep.indicator_id).update(synthetic=False)
    Observation.objects.filter(indicator_id=keep.indicator_id).update(synthetic=False)
    from django.core.cache import cache

    cache.clear()
    text = client.get(reverse("results:public_cycle", args=[2025])).content.decode()
    block = text.split(f'id="ch-{priority.code}"')[1].split("</section>")[0]
    assert "1 indikator följer prioriteringen, bedömd med värdena till och med 2025:" in block
    assert "Syntetiska demovärden" not in block


def test_english_interface_asks_gettext_and_ngettext(client, year, monkeypatch):
    """The new strings go through gettext and ngettext (the lead adds the English
    catalogue entries): an English translation given to the catalogue is used."""
    from django.core.cache import cache
    from django.utils.translation.trans_real import DjangoTranslation

    english = {"Indikatorernas utveckling": "How the indicators move"}
    plurals = {"%(n)s förbättras": ("%(n)s improving", "%(n)s improving")}
    gettext, ngettext = DjangoTranslation.gettext, DjangoTranslation.ngettext

    def fake_gettext(self, message):
        return english.get(message) if self.language() == "en" and message in english else gettext(self, message)

    def fake_ngettext(self, singular, plural, number):
        if self.language() == "en" and singular in plurals:
            return plurals[singular][number != 1]
        return ngettext(self, singular, plural, number)

    monkeypatch.setattr(DjangoTranslation, "gettext", fake_gettext)
    monkeypatch.setattr(DjangoTranslation, "ngettext", fake_ngettext)
    cache.clear()
    with translation.override("en"):
        text = client.get(reverse("results:public_cycle", args=[2025]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "How the indicators move" in text and " improving<" in text and " förbättras<" not in text
