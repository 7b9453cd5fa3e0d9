"""One geography: the reference areas take name, Kolada id, kind and parent from the
national division in core/sources/areacodes.py; geography.yaml only lists codes and adds
populations."""

import pytest

from resultat.core.sources import areacodes
from resultat.reference import services
from resultat.reference.models import Area

pytestmark = pytest.mark.django_db


def test_loaded_areas_agree_with_the_national_division():
    services.load_geography()
    areas = {a.code: a for a in Area.objects.select_related("parent")}
    assert len(areas) >= 37 and {"00", "24", "2480"} <= set(areas)
    for code, area in areas.items():
        info = areacodes.get_area(code)
        assert (area.name, area.kolada_code) == (info.name, info.kolada_code), code
    assert areas["24"].parent.code == "00" and areas["24"].kolada_code == "0024" and areas["24"].kind == "region"
    assert areas["2480"].parent.code == "24" and areas["2480"].name == "Umeå" and areas["2480"].population == 134249
    assert areas["00"].parent is None and areas["00"].kind == "country"


def _load(tmp_path, text):
    path = tmp_path / "geography.yaml"
    path.write_text(text, encoding="utf-8")
    return services.load_geography(path)


def test_a_second_copy_of_the_names_is_refused(tmp_path):
    with pytest.raises(services.ReferenceDataError, match=r"areas\[2\]: fälten kolada, name hör inte hit.*areacodes.py"):
        _load(tmp_path, 'areas:\n  - {code: "00"}\n  - {code: "24", name: Västerbotten, kolada: "0024"}\n')


def test_unknown_code_and_kolada_id_are_named(tmp_path):
    with pytest.raises(services.ReferenceDataError, match=r"areas\[2\]: .*2499"):
        _load(tmp_path, 'areas:\n  - {code: "00"}\n  - {code: "2499"}\n')
    with pytest.raises(services.ReferenceDataError, match=r"areas\[2\]: skriv SCB-koden '24', inte Kolada-id '0024'"):
        _load(tmp_path, 'areas:\n  - {code: "00"}\n  - {code: "0024"}\n')
    with pytest.raises(services.ReferenceDataError, match=r"överordnat område '24' saknas"):
        _load(tmp_path, 'areas:\n  - {code: "00"}\n  - {code: "2480"}\n')
