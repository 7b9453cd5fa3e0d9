"""Editing an initiative: editors attach only their own units' strategic areas (form
choices and the service both check), never lose access by saving, and every edit
carries the revision it was based on (the optimistic lock)."""

import pytest

from resultat.followup.models import StrategicArea
from resultat.initiatives import services
from resultat.initiatives.models import Initiative

pytestmark = pytest.mark.django_db

URL = "/insatser/smart-industri/redigera/"


@pytest.fixture
def initiative(register, people):
    init = Initiative.objects.create(code="smart-industri", name="Smart industri", revision=1)
    init.areas.add(people["area"])
    return init


@pytest.fixture
def area_b(people):
    area = StrategicArea.objects.filter(units=people["unit_b"]).exclude(units=people["unit_a"]).order_by("pk").first()
    assert area is not None
    return area


def _post(initiative, **extra):
    data = {"name": "Smart industri", "kind": "project", "status": "ongoing", "run_by_region": "unknown", "revision": initiative.revision,
            "areas": [initiative.areas.first().pk]}
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def test_editor_cannot_attach_another_units_area(initiative, people, area_b, client):
    client.force_login(people["editor_a"])
    form = client.get(URL).context["form"]
    assert area_b not in form.fields["areas"].queryset and people["area"] in form.fields["areas"].queryset
    response = client.post(URL, _post(initiative, areas=[people["area"].pk, area_b.pk]))
    assert response.status_code == 200
    assert response.context["form"].errors["areas"]
    initiative.refresh_from_db()
    assert list(initiative.areas.all()) == [people["area"]] and initiative.revision == 1
    # the service refuses it too, whatever form sent it
    with pytest.raises(services.AreaNotAllowed, match=area_b.name):
        services.save_initiative(initiative, user=people["editor_a"], data={}, areas=[people["area"], area_b], base_revision=1)
    with pytest.raises(services.AreaNotAllowed):
        services.save_initiative(None, user=people["editor_a"], data={"name": "Ny"}, areas=[area_b])
    assert not Initiative.objects.filter(name="Ny").exists()


def test_editor_cannot_save_themselves_out_of_the_initiative(initiative, people):
    with pytest.raises(services.AreaNotAllowed, match="minst ett"):
        services.save_initiative(initiative, user=people["editor_a"], data={}, areas=[], base_revision=1)
    assert list(initiative.areas.all()) == [people["area"]]


def test_other_units_areas_set_by_an_analyst_stay_when_an_editor_saves(initiative, people, area_b, client):
    services.save_initiative(initiative, user=people["analyst"], data={}, areas=[people["area"], area_b], base_revision=1)
    initiative.refresh_from_db()
    client.force_login(people["editor_a"])
    response = client.post(URL, _post(initiative, areas=[people["area"].pk], acronym="SI"))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert set(initiative.areas.all()) == {people["area"], area_b} and initiative.acronym == "SI"
    assert services.save_initiative(initiative, user=people["analyst"], data={}, areas=[area_b], base_revision=initiative.revision)


def test_an_edit_without_the_revision_is_refused_with_a_clear_error(initiative, people, client):
    client.force_login(people["editor_a"])
    response = client.post(URL, _post(initiative, revision=None, lead_organisation="Skriver över"))
    assert response.status_code == 200
    assert "revision" in response.content.decode() and "Inget sparades" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.lead_organisation == "" and initiative.revision == 1
    response = client.post(URL, _post(initiative, lead_organisation="Med version"))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.lead_organisation == "Med version" and initiative.revision == 2
