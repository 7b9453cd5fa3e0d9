import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultat.core.sources import areacodes
from resultat.core.sources.areacodes import AreaKind


@pytest.mark.parametrize(
    "code, scb, kolada, kind",
    [
        ("0024", "24", "0024", AreaKind.REGION),
        ("24", "24", "0024", AreaKind.REGION),
        ("0000", "00", "0000", AreaKind.COUNTRY),
        ("00", "00", "0000", AreaKind.COUNTRY),
        ("2480", "2480", "2480", AreaKind.MUNICIPALITY),
        ("0114", "0114", "0114", AreaKind.MUNICIPALITY),
        ("01", "01", "0001", AreaKind.REGION),
        (" 2482 ", "2482", "2482", AreaKind.MUNICIPALITY),
    ],
)
def test_mapping_both_ways(code, scb, kolada, kind):
    assert areacodes.normalise(code) == scb
    assert areacodes.to_scb(code) == scb
    assert areacodes.to_kolada(code) == kolada
    assert areacodes.kind_of(code) is kind


def test_names_and_counts():
    assert areacodes.name_of("0024") == "Västerbottens län"
    assert areacodes.name_of("2480") == "Umeå"
    assert areacodes.name_of("00") == "Riket"
    kinds = [a.kind for a in areacodes.all_areas()]
    assert kinds.count(AreaKind.REGION) == 21
    assert kinds.count(AreaKind.MUNICIPALITY) == 290
    assert kinds.count(AreaKind.COUNTRY) == 1


from tests.core.sources.areas import VASTERBOTTEN_MUNICIPALITIES  # noqa: E402


def test_vasterbotten_municipalities_are_all_known():
    codes = VASTERBOTTEN_MUNICIPALITIES
    assert [areacodes.normalise(c) for c in codes] == codes
    assert all(areacodes.get_area(c).kind is AreaKind.MUNICIPALITY for c in codes)


@pytest.mark.parametrize("bad", ["2499", "0099", "99", "0002", "02", "1917"])
def test_unknown_code_names_the_code(bad):
    with pytest.raises(ValueError, match=repr(bad)):
        areacodes.normalise(bad)
    assert not areacodes.is_valid(bad)


@pytest.mark.parametrize("bad", ["", "2", "248", "24800", "24a0", "G12345", "N01951", "２４"])
def test_malformed_code_names_the_code(bad):
    with pytest.raises(ValueError) as info:
        areacodes.to_kolada(bad)
    assert repr(bad) in str(info.value)


@pytest.mark.parametrize("bad", [24, None, 2480.0, ["24"]])
def test_non_string_is_a_value_error(bad):
    with pytest.raises(ValueError, match="Ogiltig områdeskod"):
        areacodes.to_scb(bad)


@given(st.sampled_from(areacodes.all_areas()))
def test_round_trip_every_known_area(area):
    assert areacodes.normalise(areacodes.to_kolada(area.scb_code)) == area.scb_code
    assert areacodes.to_kolada(areacodes.to_scb(area.kolada_code)) == area.kolada_code
    assert areacodes.normalise(area.kolada_code) == areacodes.normalise(area.scb_code)


@given(st.text(max_size=6))
def test_arbitrary_text_either_maps_or_raises_value_error(text):
    try:
        code = areacodes.normalise(text)
    except ValueError:
        return
    assert areacodes.is_valid(code)
