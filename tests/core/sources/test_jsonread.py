"""The shared strict JSON readers of the source parsers (core/sources/jsonread.py)."""

import pytest

from resultat.core.sources import jsonread, jsonstat, kolada, scb
from resultat.core.sources.errors import ParseError


def test_the_parsers_share_one_reader():
    assert kolada._number is jsonstat._number is jsonread.number
    assert kolada._err is jsonstat._err is scb._err is jsonread.fail
    assert kolada._item is scb._obj is jsonread.obj


@pytest.mark.parametrize("value", [True, "1", [1], float("inf"), 10**400])
def test_number_refuses_with_path_and_source(value):
    with pytest.raises(ParseError) as caught:
        jsonread.number(value, "values[3].value", "https://example.org/x")
    assert caught.value.path == "values[3].value" and caught.value.source == "https://example.org/x"


def test_number_object_and_optional_string():
    assert jsonread.number(3, "p", None) == 3.0 and jsonread.number(None, "p", None) is None
    assert jsonread.obj({"a": 1}, "p", None) == {"a": 1}
    with pytest.raises(ParseError, match="expected an object, got"):
        jsonread.obj([1], "values[0]", None)
    assert jsonread.opt_str({"k": "v"}, "k", "x.k", None) == "v" and jsonread.opt_str({}, "k", "x.k", None) is None
    with pytest.raises(ParseError, match="expected a string or null"):
        jsonread.opt_str({"k": 5}, "k", "x.k", None)
