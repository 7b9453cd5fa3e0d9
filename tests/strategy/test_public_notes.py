"""The strategy overview: the version's data-engineering notes are for staff only; the
public reads a human sentence and the source."""

import pytest

from resultat.accounts.models import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db

NOTE = "rad 3807 och 3812"  # from the aktualisering's notes (line numbers in the source)


def test_public_sees_a_sentence_not_the_notes(client, vasterbotten):
    assert NOTE in vasterbotten.notes
    html = client.get(vasterbotten.get_absolute_url()).content.decode()
    assert "Om versionen och källan" in html
    assert "återgiven ur regionens eget dokument" in html
    assert vasterbotten.source in html
    assert NOTE not in html


def test_editor_does_not_see_the_notes(client, vasterbotten):
    client.force_login(make_user("ebba", Role.EDITOR))
    assert NOTE not in client.get(vasterbotten.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ADMINISTRATOR])
def test_staff_see_the_notes(client, vasterbotten, role):
    client.force_login(make_user("staff", role))
    html = client.get(vasterbotten.get_absolute_url()).content.decode()
    assert NOTE in html
    assert "visas bara för analytiker och administratörer" in html
