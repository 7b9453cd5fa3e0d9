"""Resultat 2025 (imported from the printed report): the raw OCR text and its file and
line numbers are for analysts and administrators; the public reads one sentence."""

import pytest

from resultat.accounts.models import Role
from tests.factories import load_published_edition, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    load_published_edition()


def test_public_results_page_has_no_ocr_boxes(client, edition):
    html = client.get("/resultat/2025/hela-aret/").content.decode()
    assert html.count('<article class="published"') > 100
    assert "Visa originaltexten" not in html
    assert "OCR-text ur" not in html and ".ocr.txt" not in html
    assert html.count("inlästa ur den tryckta rapporten Resultat 2025") == 1


def test_editor_does_not_see_ocr_boxes(client, edition):
    client.force_login(make_user("ebba", Role.EDITOR))
    assert "Visa originaltexten" not in client.get("/resultat/2025/hela-aret/").content.decode()


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ADMINISTRATOR])
def test_staff_see_the_ocr_original(client, edition, role):
    client.force_login(make_user("staff", role))
    html = client.get("/resultat/2025/hela-aret/").content.decode()
    assert html.count("Visa originaltexten") > 100
    assert "OCR-text ur" in html
