"""The kinds added by their owners' integrations.py: strategic areas (followup),
municipalities (reference) and indicators (indicators) are found by name, link to their
public page, and keep the visibility rule."""

from resultat.followup.models import StrategicArea
from resultat.indicators.models import Indicator, IndicatorLink
from resultat.search.models import SearchDocument
from resultat.search.selectors import Filters, filter_choices, matching_keys, search
from resultat.strategy.models import Strategy


def test_a_municipality_is_found_by_name_and_links_to_its_page(edition, db):
    res = search("Storuman", public=True, limit=100, filters=Filters(kind="municipality"))
    assert [h.document.title for h in res.hits] == ["Storuman"]
    assert res.hits[0].url == "/kommuner/2421/" and res.hits[0].kind_label == "Kommun"
    # a search for "kommun" is not flooded by the 290 municipality documents
    assert not search("kommun", public=True, limit=1, filters=Filters(kind="municipality")).total
    # the municipality menu still lists only the places the texts name
    assert len(filter_choices(None, public=True)["municipalities"]) < 100


def test_a_strategic_area_is_found_once_it_has_a_published_text(edition, db, django_capture_on_commit_callbacks):
    published = search("Kompetensförsörjning", public=True, filters=Filters(kind="area"))
    assert [h.url for h in published.hits] == ["/omraden/a-kompetensforsorjning/"]
    with django_capture_on_commit_callbacks(execute=True):
        hidden = StrategicArea.objects.create(code="a-hemligt-omrade", name="Fjärrvärmesamverkan")
    # no published contribution: indexed as a draft, found by nobody (its public page is a 404)
    assert SearchDocument.objects.get(key=f"area:{hidden.pk}").visibility == "draft"
    assert not matching_keys("Fjärrvärmesamverkan", public=True)
    assert not matching_keys("Fjärrvärmesamverkan", user=None)


def test_an_indicator_is_indexed_when_saved_and_when_its_links_change(edition, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ind = Indicator.objects.create(source="manual", external_id="TEST-FJARR", title="Fjärrvärmeanslutna hushåll", unit="procent")
    res = search("fjarrvarmeanslutna", public=True)  # å/ä/ö left out: forgiven
    assert res.forgiving and [h.url for h in res.hits] == ["/indikatorer/manual/TEST-FJARR/"]
    assert res.hits[0].kind_label == "Indikator"
    with django_capture_on_commit_callbacks(execute=True):
        IndicatorLink.objects.create(indicator=ind, kind=IndicatorLink.Kind.SUBPRIORITY, strategy=Strategy.objects.first(), element_code="dp-1.2")
    assert matching_keys("fjärrvärmeanslutna", Filters(subpriority="dp-1.2"), public=True) == {f"indicator:{ind.pk}"}
    with django_capture_on_commit_callbacks(execute=True):
        ind.delete()
    assert not matching_keys("fjärrvärmeanslutna", public=True)
