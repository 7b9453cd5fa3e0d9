"""The filter menus of the search pages offer only what the reader may see: a year
of an unpublished cycle or a municipality named only in a draft never shows on the
public page, but does on the staff page for an analyst."""

import re

from django.core.cache import cache
from django.test import Client

from resultat.followup import services
from resultat.followup.models import Contribution
from resultat.reference.models import Area
from resultat.search.models import SearchDocument
from resultat.search.selectors import filter_choices


def _options(page: str, select_id: str) -> set[str]:
    select = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', page, re.S)
    assert select, select_id
    return set(re.findall(r'<option value="([^"]+)"', select.group(1)))


def _draft_only_municipality() -> Area:
    """A municipality no published text names (every real one in the county is named
    somewhere public, so the test adds one; rolled back with the test)."""
    named = set()
    for value in SearchDocument.objects.filter(visibility="published").values_list("municipalities", flat=True):
        named.update(v for v in value.split("|") if v)
    place = Area.objects.filter(kind=Area.Kind.MUNICIPALITY).exclude(code__in=named).order_by("code").first()
    if place is None:
        place = Area.objects.create(code="9901", kolada_code="9901", kind=Area.Kind.MUNICIPALITY, name="Utkastköping",
                                    parent=Area.objects.filter(kind=Area.Kind.REGION).first())
    return place


def test_draft_only_year_and_municipality_stay_off_the_public_page(users, django_capture_on_commit_callbacks):
    analyst = users["analytiker"]
    place = _draft_only_municipality()
    assert place is not None
    c = Contribution.objects.get(cycle__year=2026, area__code="a-digitalisering", question__code="samverkan")
    with django_capture_on_commit_callbacks(execute=True):
        services.save_contribution(c, user=users["redaktor"], body=f"<p>En övning i {place.name}.</p>",
                                   base_revision=c.refresh_from_db() or c.revision)
    assert not SearchDocument.objects.filter(visibility="published", year=2026).exists()

    public = filter_choices(None, public=True)
    assert 2026 not in public["years"] and 2025 in public["years"]
    assert place.code not in dict(public["municipalities"])
    staff = filter_choices(analyst, public=False)
    assert 2026 in staff["years"] and place.code in dict(staff["municipalities"])
    # an analyst on the public page sees the public menus
    assert filter_choices(analyst, public=True) == public

    cache.clear()
    page = Client().get("/sok/").content.decode()
    assert "2026" not in _options(page, "f-ar") and "2025" in _options(page, "f-ar")
    assert place.code not in _options(page, "f-kommun")
    client = Client()
    client.force_login(analyst)
    staff_page = client.get("/sok/intern/").content.decode()
    assert "2026" in _options(staff_page, "f-ar") and place.code in _options(staff_page, "f-kommun")


def test_public_areas_are_those_with_published_documents(users):
    public_codes = set()
    for value in SearchDocument.objects.filter(visibility="published").values_list("areas", flat=True):
        public_codes.update(v for v in value.split("|") if v)
    offered = {code for code, _ in filter_choices(None, public=True)["areas"]}
    assert offered and offered <= public_codes
