import itertools
import json
import math
from datetime import date

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resultat.core.sources import areacodes
from resultat.core.sources.errors import BatchAborted, HttpStatusError, ParseError
from resultat.core.sources.kolada import (
    BASE_URL,
    KoladaClient,
    Observation,
    expected_request_count,
    parse_data_page,
    parse_kpi_page,
    parse_municipality_page,
    parse_ou_data_page,
    plan_data_requests,
)

from .conftest import fixture_json, fixture_text, json_response, text_response

KPIS_60 = [f"N{i:05d}" for i in range(1, 61)]
from tests.core.sources.areas import VASTERBOTTEN_17  # noqa: E402

DATA_PATH = "/v3/data/kpi/N01951/municipality/0024,2480/year/2021,2022,2023"


def empty_page(request=None):
    return json_response({"values": [], "count": 0, "next_url": None})


@pytest.fixture
def kolada(make_http):
    return KoladaClient(make_http())


# ---------------------------------------------------------------------------
# Request planner
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "n_kpis, n_areas, years, expected",
    [
        (60, 17, range(2010, 2025), 3),  # 15 years: one year chunk -> 3 x 1 x 1
        (60, 17, range(1995, 2025), 6),  # 30 years: two year chunks -> 3 x 1 x 2
        (25, 17, [2023], 1),
        (26, 17, [2023], 2),
        (1, 17, range(1990, 2041), 3),  # 51 years -> 3 chunks
        (60, None, range(1995, 2025), 6),  # all areas: only KPI and year in the path
        (60, 17, None, 3),  # all years
    ],
)
def test_planner_issues_the_minimum_number_of_requests(n_kpis, n_areas, years, expected):
    areas = VASTERBOTTEN_17[:n_areas] if n_areas is not None else None
    plan = plan_data_requests(KPIS_60[:n_kpis], areas, years)
    assert len(plan) == expected
    n_years = len(list(years)) if years is not None else None
    assert len(plan) == expected_request_count(n_kpis, n_areas, n_years)
    for request in plan:
        assert len(request.kpis) <= 25 and len(request.units) <= 25 and len(request.years) <= 25


def test_planner_builds_kolada_paths_with_kolada_codes():
    (request,) = plan_data_requests(
        ["N01951"], ["24", "2480", "00"], [2023, 2021, 2022, 2023], from_date=date(2024, 1, 1)
    )
    assert request.path == "/data/kpi/N01951/municipality/0024,2480,0000/year/2021,2022,2023"
    assert request.params == (("per_page", "5000"), ("from_date", "2024-01-01"))


def test_planner_covers_every_combination_exactly_once():
    plan = plan_data_requests(KPIS_60, VASTERBOTTEN_17, range(1990, 2031))
    cells = [(k, u, y) for r in plan for k, u, y in itertools.product(r.kpis, r.units, r.years)]
    assert len(cells) == len(set(cells)) == 60 * 17 * 41


def test_planner_ou_route():
    (request,) = plan_data_requests(["N15033"], ["V15E248000502"], [2023], unit_kind="ou")
    assert request.path == "/oudata/kpi/N15033/ou/V15E248000502/year/2023"


@pytest.mark.parametrize(
    "args, message",
    [
        ((["N01951"], None, None), "minst två"),
        ((None, ["24"], None), "minst två"),
        (([], ["24"], [2023]), "Tom lista"),
        ((["N1951"], ["24"], [2023]), "'N1951'"),
        ((["N01951"], ["2499"], [2023]), "'2499'"),
        ((["N01951"], ["24"], [23]), "23"),
        ((["N01951"], ["24"], ["2023"]), "'2023'"),
    ],
)
def test_planner_rejects_bad_input_and_names_it(args, message):
    with pytest.raises(ValueError, match=message):
        plan_data_requests(*args)


def test_planner_rejects_bad_from_date():
    with pytest.raises(ValueError, match="2024-13-01"):
        plan_data_requests(["N01951"], ["24"], [2023], from_date="2024-13-01")


@settings(max_examples=150, deadline=None)
@given(
    n_kpis=st.integers(1, 80),
    n_units=st.none() | st.integers(1, 60),
    n_years=st.none() | st.integers(1, 60),
)
def test_planner_count_is_the_product_of_ceilings(n_kpis, n_units, n_years):
    if n_units is None and n_years is None:
        n_years = 1
    kpis = [f"U{i:05d}" for i in range(n_kpis)]
    units = [a.scb_code for a in areacodes.all_areas()][:n_units] if n_units else None
    years = list(range(1990, 1990 + n_years)) if n_years else None
    plan = plan_data_requests(kpis, units, years)
    assert len(plan) == math.prod(math.ceil(n / 25) for n in (n_kpis, n_units, n_years) if n)
    assert {k for r in plan for k in r.kpis} == set(kpis)


def test_client_sends_exactly_the_planned_requests(router, kolada):
    router.add(
        "GET",
        "/v3/data/kpi/"
        + ",".join(KPIS_60[:25])
        + "/municipality/"
        + ",".join(areacodes.to_kolada(c) for c in VASTERBOTTEN_17)
        + "/year/"
        + ",".join(str(y) for y in range(2010, 2025)),
        empty_page(),
    )
    for part in (KPIS_60[25:50], KPIS_60[50:]):
        router.add(
            "GET",
            "/v3/data/kpi/"
            + ",".join(part)
            + "/municipality/"
            + ",".join(areacodes.to_kolada(c) for c in VASTERBOTTEN_17)
            + "/year/"
            + ",".join(str(y) for y in range(2010, 2025)),
            empty_page(),
        )
    fetched = kolada.get_data(KPIS_60, VASTERBOTTEN_17, range(2010, 2025))
    assert router.count() == 3
    assert len(fetched.responses) == 3 and fetched.items == ()


# ---------------------------------------------------------------------------
# Data, pagination and provenance
# ---------------------------------------------------------------------------


def test_follows_next_url_and_normalises_areas(router, kolada):
    router.add(
        "GET",
        DATA_PATH,
        json_response(fixture_json("kolada", "data_N01951_p1.json")),
        query={"per_page": "5000"},
    )
    router.add(
        "GET",
        DATA_PATH,
        json_response(fixture_json("kolada", "data_N01951_p2.json")),
        query={"page": "2"},
    )
    fetched = kolada.get_data(["N01951"], ["0024", "2480"], [2021, 2022, 2023])
    assert router.count() == 2
    assert str(router.requests[1].url) == fixture_json("kolada", "data_N01951_p1.json")["next_url"]
    assert len(fetched.items) == 18  # 6 KPI/area/year items x 3 genders
    assert {o.area for o in fetched.items} == {"24", "2480"}
    umea_2023 = {o.gender: o.value for o in fetched.items if o.area == "2480" and o.period == 2023}
    assert umea_2023 == {"T": 133158.0, "K": 66420.0, "M": 66738.0}
    assert fetched.items[0] == Observation("N01951", "24", 2021, "K", 136345.0, None, 1, False)
    # provenance: one raw record per page, in order, with the URL actually fetched
    assert [r.url for r in fetched.responses] == [str(req.url) for req in router.requests]
    assert fetched.responses[0].params == (("per_page", "5000"),)
    assert fetched.responses[1].params == ()


def test_follows_v2_style_next_page(router, kolada):
    router.add(
        "GET",
        DATA_PATH,
        json_response(fixture_json("kolada", "data_N01951_next_page_p1.json")),
        query={"per_page": "5000"},
    )
    router.add(
        "GET",
        DATA_PATH,
        json_response(fixture_json("kolada", "data_N01951_next_page_p2.json")),
        query={"page": "2"},
    )
    fetched = kolada.get_data(["N01951"], ["24", "2480"], [2021, 2022, 2023])
    assert router.count() == 2 and len(fetched.items) == 18


@pytest.mark.parametrize("status", [404, 500])
def test_missing_page_in_the_middle_aborts_with_nothing(router, kolada, fake_time, status):
    router.add(
        "GET",
        DATA_PATH,
        json_response(fixture_json("kolada", "data_N01951_p1.json")),
        query={"per_page": "5000"},
    )
    router.add("GET", DATA_PATH, text_response("fel", status), query={"page": "2"})
    with pytest.raises(BatchAborted) as info:
        kolada.get_data(["N01951"], ["24", "2480"], [2021, 2022, 2023])
    message = str(info.value)
    assert "sida 2" in message and "Inget från den här hämtningen returneras" in message
    assert f"HTTP {status}" in message and "page=2" in message
    assert isinstance(info.value.__cause__, HttpStatusError)
    assert info.value.completed_requests == 0 and info.value.planned_requests == 1
    expected_calls = 1 + (1 if status == 404 else 5)  # 404 is not retried; 500 is, then given up
    assert router.count() == expected_calls


def test_failing_second_request_of_a_batch_returns_nothing(router, kolada):
    path1 = "/v3/data/kpi/" + ",".join(KPIS_60[:25]) + "/municipality/0024/year/2023"
    path2 = "/v3/data/kpi/" + ",".join(KPIS_60[25:50]) + "/municipality/0024/year/2023"
    router.add(
        "GET",
        path1,
        json_response(fixture_json("kolada", "data_N01951_p2.json") | {"next_url": None}),
    )
    router.add("GET", path2, text_response("Bad Gateway", 502))
    with pytest.raises(BatchAborted) as info:
        kolada.get_data(KPIS_60[:50], ["24"], [2023])
    assert "förfrågan 2 av 2" in str(info.value)
    assert info.value.completed_requests == 1


def test_429_with_retry_after_then_success(router, kolada, fake_time):
    router.add(
        "GET",
        DATA_PATH,
        json_response({"message": "slow down"}, 429, {"Retry-After": "2"}),
        json_response(fixture_json("kolada", "data_N01951_p2.json")),
    )
    fetched = kolada.get_data(["N01951"], ["24", "2480"], [2021, 2022, 2023])
    assert fake_time.sleeps[0] == 2.0 and len(fetched.items) == 9


def test_timeouts_then_success(router, kolada, fake_time):
    router.add(
        "GET",
        DATA_PATH,
        httpx.ReadTimeout("slow"),
        json_response(fixture_json("kolada", "data_N01951_p2.json")),
    )
    assert len(kolada.get_data(["N01951"], ["24", "2480"], [2021, 2022, 2023]).items) == 9


def test_truncated_json_aborts(router, kolada):
    router.add("GET", DATA_PATH, text_response(fixture_text("kolada", "data_truncated.txt")))
    with pytest.raises(BatchAborted) as info:
        kolada.get_data(["N01951"], ["24", "2480"], [2021, 2022, 2023])
    assert isinstance(info.value.__cause__, ParseError)
    assert "truncated" in str(info.value)


def test_next_url_to_another_host_is_refused(router, kolada):
    page = fixture_json("kolada", "data_N01951_p1.json") | {
        "next_url": "https://evil.example/v3/data?page=2"
    }
    router.add("GET", DATA_PATH, json_response(page))
    with pytest.raises(BatchAborted, match="another host"):
        kolada.get_data(["N01951"], ["24", "2480"], [2021, 2022, 2023])


def test_pagination_loop_is_detected(router, kolada):
    page = fixture_json("kolada", "data_N01951_p1.json")
    page["next_url"] = BASE_URL + DATA_PATH[3:] + "?per_page=5000"
    router.add("GET", DATA_PATH, json_response(page))
    with pytest.raises(BatchAborted, match="loops back"):
        kolada.get_data(["N01951"], ["24", "2480"], [2021, 2022, 2023])


def test_incremental_update_marks_deleted_rows(router, kolada):
    path = "/v3/data/kpi/N01951/municipality/0024,2480/year/2023,2024"
    router.add("GET", path, json_response(fixture_json("kolada", "data_N01951_from_date.json")))
    fetched = kolada.get_data(["N01951"], ["24", "2480"], [2023, 2024], from_date="2024-01-01")
    assert router.requests[0].url.params["from_date"] == "2024-01-01"
    deleted = [o for o in fetched.items if o.deleted]
    assert deleted == [Observation("N01951", "2480", 2023, "T", None, None, 1, True)]
    kept = [o for o in fetched.items if not o.deleted]
    assert len(kept) == 6 and all(o.value is not None for o in kept)
    assert {(o.area, o.period) for o in kept} == {("24", 2024), ("2480", 2024)}


def test_deleted_entry_value_is_forced_to_none():
    page = {
        "values": [
            {
                "kpi": "N01951",
                "municipality": "2480",
                "period": 2023,
                "values": [{"gender": "T", "value": 5, "is_deleted": True}],
            }
        ]
    }
    (obs,) = parse_data_page(page).items
    assert obs.deleted and obs.value is None


# ---------------------------------------------------------------------------
# Metadata and OU
# ---------------------------------------------------------------------------


def test_kpi_metadata(router, kolada):
    router.add("GET", "/v3/kpi/N01951", json_response(fixture_json("kolada", "kpi_N01951.json")))
    (kpi,) = kolada.get_kpis(["N01951"]).items
    assert kpi.id == "N01951" and kpi.title == "Invånare totalt, antal"
    assert kpi.is_divided_by_gender is True and kpi.has_ou_data is False
    assert kpi.auspice == "E" and kpi.publ_period == "2024"


def test_kpi_metadata_is_chunked(router, kolada):
    router.add("GET", "/v3/kpi/" + ",".join(KPIS_60[:25]), empty_page())
    router.add("GET", "/v3/kpi/" + ",".join(KPIS_60[25:50]), empty_page())
    router.add("GET", "/v3/kpi/" + ",".join(KPIS_60[50:]), empty_page())
    assert len(kolada.get_kpis(KPIS_60).responses) == 3


def test_kpi_search(router, kolada):
    router.add("GET", "/v3/kpi", json_response(fixture_json("kolada", "kpi_search_invanare.json")))
    fetched = kolada.search_kpis("Invånare totalt")
    assert [k.id for k in fetched.items] == ["N01951"]
    assert router.requests[0].url.params["title"] == "Invånare totalt"


def test_v2_kpi_shape_is_accepted():
    page = {
        "values": [
            {
                "id": "N00945",
                "title": "T",
                "auspices": "X",
                "is_divided_by_gender": 1,
                "has_ou_data": False,
                "publ_period": 2019,
            }
        ]
    }
    (kpi,) = parse_kpi_page(page).items
    assert kpi.auspice == "X" and kpi.is_divided_by_gender is True and kpi.publ_period == "2019"


def test_municipalities_and_regions(router, kolada):
    router.add(
        "GET", "/v3/municipality", json_response(fixture_json("kolada", "municipality.json"))
    )
    everything = kolada.list_municipalities()
    assert len(everything.items) == 18
    regions = kolada.list_regions()
    # Riket is type L in Kolada too (v2 and v3 alike), but it is not a region.
    assert [(m.id, m.code) for m in regions.items] == [
        ("0024", "24"),
        ("0025", "25"),
    ]
    assert ("0000", "L") in {(m.id, m.type) for m in everything.items}
    umea = next(m for m in everything.items if m.id == "2480")
    assert umea.code == "2480" and umea.type == "K" and umea.title == "Umeå"


def test_real_v2_municipality_list_gives_21_regions_without_riket(router, kolada):
    """Recorded Kolada list (pykolada's v2 dump): Riket has type L like the regions."""
    router.add(
        "GET", "/v3/municipality", json_response(fixture_json("kolada", "pykolada_municipality_v2_excerpt.json"))
    )
    everything = kolada.list_municipalities()
    assert sum(m.type == "L" for m in everything.items) == 22
    regions = kolada.list_regions().items
    assert len(regions) == 21
    assert "Riket" not in {m.title for m in regions} and "00" not in {m.code for m in regions}
    assert {m.code for m in regions} == {f"{n:02d}" for n in (1, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 17, 18, 19, 20, 21, 22, 23, 24, 25)}
    assert len(kolada.list_municipalities(type="K").items) == 17


@pytest.mark.parametrize("ou", ["V11E26..", "V11E61..", "V15E248000502", "V15E144001301"])
def test_real_ou_ids_are_accepted_by_the_planner(ou):
    """Kolada's /ou list holds ids ending in dots (V11E26.., V11E61..): get_ou_data must take them."""
    (request,) = plan_data_requests(["N15033"], [ou], [2023], unit_kind="ou")
    assert request.path == f"/oudata/kpi/N15033/ou/{ou}/year/2023"


@pytest.mark.parametrize("ou", ["..", "...", "V11,E26", "V11E26/..", "v15e2480", ".V11E26", ""])
def test_malformed_ou_ids_are_still_refused(ou):
    with pytest.raises(ValueError):
        plan_data_requests(["N15033"], [ou], [2023], unit_kind="ou")


def test_unknown_municipality_id_has_no_code():
    (m,) = parse_municipality_page(
        {"values": [{"id": "G12345", "title": "Grupp", "type": "G"}]}
    ).items
    assert m.code is None


def test_ou_listing_and_data(router, kolada):
    router.add("GET", "/v3/ou", json_response(fixture_json("kolada", "ou_2480.json")))
    units = kolada.list_ous(["2480"])
    assert router.requests[0].url.params["municipality"] == "2480"
    assert [u.id for u in units.items] == ["V15E248000401", "V15E248000502"]
    assert units.items[0].municipality == "2480"
    router.add(
        "GET",
        "/v3/oudata/kpi/N15033/ou/V15E248000401,V15E248000502/year/2023",
        json_response(fixture_json("kolada", "oudata_N15033.json")),
    )
    data = kolada.get_ou_data(["N15033"], [u.id for u in units.items], [2023])
    assert len(data.items) == 4
    missing = [o for o in data.items if o.ou == "V15E248000401"]
    assert missing[0].value is None and missing[0].status == "Bortfall"


# ---------------------------------------------------------------------------
# Strict parsing
# ---------------------------------------------------------------------------


def _page(**item_overrides):
    item = {
        "kpi": "N01951",
        "municipality": "0024",
        "period": 2023,
        "values": [{"gender": "T", "value": 1.5, "status": "", "count": 1}],
    }
    item.update(item_overrides)
    return {"values": [item], "count": 1, "next_url": None}


@pytest.mark.parametrize(
    "doc, where",
    [
        ([], "$: expected a Kolada response object"),
        ({"count": 0}, "values: missing"),
        ({"values": {}}, "values: expected an array"),
        ({"values": [], "count": -1}, "count"),
        ({"values": [], "next_url": 5}, "next_url"),
        ({"values": [], "next_url": "a", "next_page": "b"}, "next_page: disagrees"),
        ({"values": [7]}, "values[0]: expected an object"),
        (_page(kpi=None), "values[0].kpi: expected a non-empty string"),
        (_page(municipality="2499"), "values[0].municipality: Okänd områdeskod '2499'"),
        (_page(period="år 2023"), "values[0].period"),
        (_page(period=True), "values[0].period"),
        (_page(values=None), "values[0].values: expected an array"),
        (_page(values=[{"value": 1}]), "values[0].values[0].gender: missing"),
        (
            _page(values=[{"gender": "X", "value": 1}]),
            "values[0].values[0].gender: expected one of T, K, M",
        ),
        (
            _page(values=[{"gender": "T", "value": "12,5"}]),
            "values[0].values[0].value: expected a number",
        ),
        (
            _page(values=[{"gender": "T", "value": 1}, {"gender": "T", "value": 2}]),
            "values[0].values[1].gender: gender 'T' appears twice",
        ),
        (_page(values=[{"gender": "T", "value": 1, "count": "1"}]), "values[0].values[0].count"),
        (
            _page(values=[{"gender": "T", "value": 1, "is_deleted": "yes"}]),
            "values[0].values[0].is_deleted",
        ),
        (_page(values=[{"gender": "T", "value": 1, "status": 3}]), "values[0].values[0].status"),
    ],
)
def test_malformed_pages_name_the_field(doc, where):
    with pytest.raises(ParseError) as info:
        parse_data_page(doc, source="https://api.kolada.se/v3/data/x")
    assert where in str(info.value)
    assert "https://api.kolada.se/v3/data/x" in str(info.value)


def test_period_as_string_and_group_ids_are_accepted():
    (obs,) = parse_data_page(_page(period="2023", municipality="G123456")).items
    assert obs.period == 2023 and obs.area == "G123456"


json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)
kolada_keys = st.sampled_from(
    [
        "values",
        "count",
        "next_url",
        "next_page",
        "kpi",
        "municipality",
        "ou",
        "period",
        "gender",
        "value",
        "status",
        "is_deleted",
        "id",
        "title",
        "type",
    ]
)
kolada_like = st.recursive(
    json_scalars | st.sampled_from(["T", "K", "M", "0024", "2480", "N01951", 2023, "2023"]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(kolada_keys, children, max_size=6)
    ),
    max_leaves=40,
)

PARSERS = [parse_data_page, parse_ou_data_page, parse_kpi_page, parse_municipality_page]


@settings(max_examples=300, deadline=None)
@given(st.one_of(json_values, kolada_like))
def test_arbitrary_json_only_ever_raises_parse_error(doc):
    for parse in PARSERS:
        try:
            parse(doc)
        except ParseError:
            pass


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_fixture_pages_only_ever_raise_parse_error(data):
    doc = fixture_json("kolada", "data_N01951_from_date.json")
    item = data.draw(st.sampled_from(doc["values"]))
    entry = data.draw(st.sampled_from(item["values"]))
    target = data.draw(st.sampled_from([doc, item, entry]))
    key = data.draw(st.sampled_from(sorted(target)))
    if data.draw(st.booleans()):
        del target[key]
    else:
        target[key] = data.draw(json_values)
    try:
        parse_data_page(doc)
    except ParseError:
        pass


@st.composite
def valid_pages(draw):
    areas = [a for a in areacodes.all_areas()]
    items, expected = [], []
    for _ in range(draw(st.integers(0, 5))):
        kpi = draw(st.from_regex(r"[NU][0-9]{5}", fullmatch=True))
        area = draw(st.sampled_from(areas))
        period = draw(st.integers(1990, 2030))
        genders = draw(st.lists(st.sampled_from(["T", "K", "M"]), unique=True, max_size=3))
        entries = []
        for gender in genders:
            value = draw(
                st.none()
                | st.integers(-(10**6), 10**6)
                | st.floats(allow_nan=False, allow_infinity=False)
            )
            status = draw(st.sampled_from(["", None, "Bortfall"]))
            deleted = draw(st.booleans())
            entry = {
                "gender": gender,
                "value": None if deleted else value,
                "status": status,
                "count": 1,
            }
            if deleted or draw(st.booleans()):
                entry["is_deleted"] = int(deleted)
            entries.append(entry)
            expected.append(
                Observation(
                    kpi,
                    area.scb_code,
                    period,
                    gender,
                    None if deleted or value is None else float(value),
                    status or None,
                    1,
                    deleted,
                )
            )
        period_json = draw(st.sampled_from([period, str(period)]))
        items.append(
            {"kpi": kpi, "municipality": area.kolada_code, "period": period_json, "values": entries}
        )
    next_key = draw(st.sampled_from(["next_url", "next_page"]))
    doc = {
        "values": items,
        "count": len(items),
        next_key: draw(st.none() | st.just(BASE_URL + "/data?page=2")),
    }
    return doc, expected


@settings(max_examples=200, deadline=None)
@given(valid_pages())
def test_generated_pages_round_trip(generated):
    doc, expected = generated
    page = parse_data_page(json.loads(json.dumps(doc)))
    assert list(page.items) == expected
    assert page.next_url == (doc.get("next_url") or doc.get("next_page"))
