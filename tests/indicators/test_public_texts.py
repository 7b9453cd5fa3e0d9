"""Public indicator pages: no command lines or internal checks for the public, element
names instead of codes; staff (analysts, administrators) still see the internal lines."""

import re

import pytest

from resultat.accounts.models import Role
from resultat.indicators.models import Indicator
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def page(client, indicator):
    return client.get(f"/indikatorer/{indicator.source}/{indicator.external_id}/").content.decode()


@pytest.fixture
def synthetic_unverified(demo):
    indicator = Indicator.objects.filter(synthetic=True, links__strategy__isnull=False).distinct().first()
    indicator.title_verified = False
    indicator.save(update_fields=["title_verified"])
    return indicator


def test_public_sees_no_command_line_or_internal_check(client, synthetic_unverified):
    html = page(client, synthetic_unverified)
    assert "Syntetiska demovärden" in html and "inte verkliga uppgifter" in html
    assert "resultat indicators sync" not in html
    assert "Titeln är inte kontrollerad" not in html


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ADMINISTRATOR])
def test_staff_see_the_internal_lines(client, synthetic_unverified, role):
    client.force_login(make_user("staff", role))
    html = page(client, synthetic_unverified)
    assert "resultat indicators sync" in html
    assert "Titeln är inte kontrollerad" in html


def test_editor_does_not_see_the_internal_lines(client, synthetic_unverified):
    client.force_login(make_user("ebba", Role.EDITOR))
    assert "resultat indicators sync" not in page(client, synthetic_unverified)


def test_followed_up_elements_by_name_not_code(client, synthetic_unverified):
    from resultat.strategy.models import Priority, SubPriority

    html = page(client, synthetic_unverified)
    section = html[html.index('id="om"'):]
    links = [lk for lk in synthetic_unverified.links.all() if lk.element_code.startswith(("p-", "dp-"))]
    assert links
    for link in links:
        model = SubPriority if link.element_code.startswith("dp-") else Priority
        element = model.objects.filter(code=link.element_code).order_by("-version__valid_from").first()
        assert f"{element.number} {element.title}" in section
        # the code is only in the link's address, not in its text
        assert not re.search(rf">[^<]*\b{re.escape(link.element_code)}\b[^<]*<", section), link.element_code


def test_priority_indicator_page_headings_are_names(client, demo):
    from resultat.strategy.models import SubPriority

    html = client.get("/indikatorer/strategi/rus/p-3/").content.decode()
    headings = re.findall(r"<h2>(.*?)</h2>", html, re.S)
    sub_headings = [h for h in headings if "dp-" in h or "3." in h]
    assert sub_headings, headings
    for heading in sub_headings:
        assert not re.search(r"\bdp-3\.\d\b", re.sub(r"<[^>]+>", "", heading)), heading
    sub = SubPriority.objects.filter(code="dp-3.1").order_by("-version__valid_from").first()
    assert f"{sub.number} {sub.title}" in html
