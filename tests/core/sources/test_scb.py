import itertools
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resultat.core.sources.errors import BatchAborted, HttpStatusError, ParseError
from resultat.core.sources.jsonstat import parse_dataset
from resultat.core.sources.scb import ScbClient, parse_config, plan_selection_chunks
from tests.core.sources.areas import VASTERBOTTEN_MUNICIPALITIES

from .conftest import fixture_json, json_response, subset_jsonstat, text_response

API = "/api/v2"
VB_MUNIS = VASTERBOTTEN_MUNICIPALITIES
SELECTION = {
    "Region": ["24"] + VB_MUNIS,
    "Kon": ["1", "2"],
    "ContentsCode": ["BE0101N1"],
    "Tid": ["2021", "2022", "2023"],
}


def data_handler(calls):
    full = fixture_json("scb", "TAB638_data_vasterbotten.json")

    def handler(request):
        body = json.loads(request.content)
        selection = {s["variableCode"]: s["valueCodes"] for s in body["selection"]}
        calls.append(selection)
        return json_response(subset_jsonstat(full, selection))

    return handler


def add_basics(router, config="config.json"):
    router.add("GET", f"{API}/config", json_response(fixture_json("scb", config)))
    router.add(
        "GET",
        f"{API}/tables/TAB638/metadata",
        json_response(fixture_json("scb", "TAB638_metadata.json")),
    )


# ---------------------------------------------------------------------------
# config, search, metadata
# ---------------------------------------------------------------------------


def test_config_is_read_and_installs_pacing(router, make_http):
    router.add("GET", f"{API}/config", json_response(fixture_json("scb", "config.json")))
    http = make_http()
    client = ScbClient(http)
    result = client.config()
    cfg = result.value
    assert (cfg.max_data_cells, cfg.max_calls_per_time_window, cfg.time_window) == (150000, 30, 10)
    assert cfg.source_references["sv"] == "Källa: SCB" and cfg.default_language == "sv"
    assert "json-stat2" in cfg.data_formats
    assert http.pacer is not None and (http.pacer.max_calls, http.pacer.period) == (30, 10.0)
    client.config()
    assert router.count() == 1  # cached


@pytest.mark.parametrize(
    "change, where",
    [
        ({"maxDataCells": None}, "maxDataCells"),
        ({"maxDataCells": 0}, "maxDataCells: expected an integer >= 1"),
        ({"maxCallsPerTimeWindow": "30"}, "maxCallsPerTimeWindow"),
        ({"timeWindow": 1.5}, "timeWindow"),
        ({"apiVersion": None}, "apiVersion: missing"),
        ({"languages": [{"label": "Svenska"}]}, "languages[0].id: missing"),
    ],
)
def test_bad_config_names_the_field(change, where):
    doc = fixture_json("scb", "config.json") | change
    with pytest.raises(ParseError, match=where.replace("[", r"\[").replace("]", r"\]")):
        parse_config(doc)


def test_table_search_follows_pages(router, make_http):
    router.add("GET", f"{API}/config", json_response(fixture_json("scb", "config.json")))
    router.add(
        "GET",
        f"{API}/tables",
        json_response(fixture_json("scb", "tables_folkmangd_p1.json")),
        query={"pageNumber": "1"},
    )
    router.add(
        "GET",
        f"{API}/tables",
        json_response(fixture_json("scb", "tables_folkmangd_p2.json")),
        query={"pageNumber": "2"},
    )
    result = ScbClient(make_http()).search_tables("folkmängd", page_size=2)
    search = result.value
    assert [t.id for t in search.tables] == ["TAB638", "TAB6471", "TAB4948"]
    assert search.total == 3
    assert search.tables[0].time_unit == "Annual" and search.tables[1].first_period == "2025M01"
    assert search.tables[0].paths == (("BE", "BE0101"),)
    first = router.requests[1].url.params
    assert (
        first["query"] == "folkmängd"
        and first["lang"] == "sv"
        and first["includeDiscontinued"] == "false"
    )
    assert len(result.responses) == 3  # config + two pages


def test_table_search_page_failure_aborts(router, make_http):
    router.add("GET", f"{API}/config", json_response(fixture_json("scb", "config.json")))
    router.add(
        "GET",
        f"{API}/tables",
        json_response(fixture_json("scb", "tables_folkmangd_p1.json")),
        query={"pageNumber": "1"},
    )
    router.add("GET", f"{API}/tables", text_response("nope", 404), query={"pageNumber": "2"})
    with pytest.raises(BatchAborted, match="sida 2"):
        ScbClient(make_http()).search_tables("folkmängd", page_size=2)


def test_metadata(router, make_http):
    add_basics(router)
    meta = ScbClient(make_http()).get_metadata("TAB638").value
    assert [d.id for d in meta.dimensions] == [
        "Region",
        "Civilstand",
        "Alder",
        "Kon",
        "ContentsCode",
        "Tid",
    ]
    assert meta.eliminable("Region") and meta.eliminable("Kon") and not meta.eliminable("Tid")
    assert meta.dimension("Region").label_of("2480") == "Umeå"
    assert meta.notes and meta.source == "SCB"


# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------


def test_data_in_one_request_when_under_the_limit(router, make_http):
    add_basics(router)
    calls = []
    router.add("POST", f"{API}/tables/TAB638/data", data_handler(calls))
    result = ScbClient(make_http()).get_data("TAB638", SELECTION)
    data = result.value
    assert len(calls) == 1 and len(data.rows) == 96 and len(data.chunks) == 1
    request = [r for r in router.requests if r.method == "POST"][0]
    assert request.url.params["outputFormat"] == "json-stat2" and request.url.params["lang"] == "sv"
    assert json.loads(request.content)["selection"][0] == {
        "variableCode": "Region",
        "valueCodes": ["24"] + VB_MUNIS,
    }
    assert [r.method for r in result.responses] == ["GET", "GET", "POST"]  # config, metadata, data
    assert result.responses[-1].request_body == request.content.decode()
    umea = {
        r.coordinates["Tid"]: r.value
        for r in data.rows
        if r.coordinates["Region"] == "2480" and r.coordinates["Kon"] == "2"
    }
    assert set(umea) == {"2021", "2022", "2023"}
    assert [d.id for d in data.dimensions] == ["Region", "Kon", "ContentsCode", "Tid"]


def test_data_is_chunked_under_the_cell_limit(router, make_http, fake_time):
    add_basics(router, "config_small_limits.json")  # 40 cells, 2 calls per 10 s
    calls = []
    router.add("POST", f"{API}/tables/TAB638/data", data_handler(calls))
    client = ScbClient(make_http())
    result = client.get_data("TAB638", SELECTION)
    cells = [math.prod(len(v) for v in c.values()) for c in calls]
    assert all(n <= 40 for n in cells)
    assert len(calls) == math.ceil(96 / 40) == 3  # the lower bound is reached
    assert sum(cells) == 96
    # together the chunks give exactly the rows of one big request
    one_request = parse_dataset(fixture_json("scb", "TAB638_data_vasterbotten.json"))
    full = {(tuple(sorted(r.coordinates.items())), r.value) for r in one_request.rows}
    got = {(tuple(sorted(r.coordinates.items())), r.value) for r in result.value.rows}
    assert got == full and len(result.value.rows) == 96
    # pacing from /config (2 calls per 10 s) starts after /config itself:
    # metadata + data 1 at t=0, data 2 + data 3 must wait for the window -> one 10 s wait
    assert fake_time.sleeps == [10.0]
    assert [r.fetched_at.second for r in result.responses] == [0, 0, 0, 10, 10]


def test_explicit_smaller_cell_cap(router, make_http):
    add_basics(router)
    calls = []
    router.add("POST", f"{API}/tables/TAB638/data", data_handler(calls))
    ScbClient(make_http(), max_cells=12).get_data("TAB638", SELECTION)
    assert len(calls) == 8 and all(math.prod(len(v) for v in c.values()) <= 12 for c in calls)


def test_wildcard_and_elimination(router, make_http):
    add_basics(router)
    calls = []
    router.add("POST", f"{API}/tables/TAB638/data", data_handler(calls))
    ScbClient(make_http()).get_data(
        "TAB638",
        {"Region": ["24", "2480"], "ContentsCode": "BE0101N1", "Tid": "*", "Kon": ["1", "2"]},
    )
    assert calls[0]["Tid"] == ["2021", "2022", "2023"]
    assert "Civilstand" not in calls[0] and "Alder" not in calls[0]  # eliminated by the API


@pytest.mark.parametrize(
    "selection, message",
    [
        ({**SELECTION, "Kommun": ["2480"]}, "ingen variabel 'Kommun'"),
        ({**SELECTION, "Region": ["2499"]}, r"okända värden \['2499'\]"),
        ({k: v for k, v in SELECTION.items() if k != "Tid"}, "'Tid' kan inte elimineras"),
    ],
)
def test_bad_selection_is_rejected_before_any_data_call(router, make_http, selection, message):
    add_basics(router)
    with pytest.raises(ValueError, match=message):
        ScbClient(make_http()).get_data("TAB638", selection)
    assert not [r for r in router.requests if r.method == "POST"]


def test_bad_table_id(make_http):
    with pytest.raises(ValueError, match="TAB 638"):
        ScbClient(make_http()).get_metadata("TAB 638")


def test_failing_chunk_aborts_and_returns_nothing(router, make_http):
    add_basics(router, "config_small_limits.json")
    calls = []
    ok = data_handler(calls)

    def flaky(request):
        if len(calls) >= 1:
            calls.append("failed")
            return text_response("Service Unavailable", 503)
        return ok(request)

    router.add("POST", f"{API}/tables/TAB638/data", flaky)
    with pytest.raises(BatchAborted) as info:
        ScbClient(make_http(max_attempts=3)).get_data("TAB638", SELECTION)
    assert "del 2 av 3" in str(info.value) and "HTTP 503" in str(info.value)
    assert info.value.completed_requests == 1


def test_403_cell_limit_is_not_retried(router, make_http):
    add_basics(router)
    router.add(
        "POST",
        f"{API}/tables/TAB638/data",
        json_response({"title": "Forbidden", "status": 403, "detail": "too many cells"}, 403),
    )
    with pytest.raises(BatchAborted) as info:
        ScbClient(make_http()).get_data("TAB638", SELECTION)
    assert isinstance(info.value.__cause__, HttpStatusError) and info.value.__cause__.status == 403
    assert router.count(f"{API}/tables/TAB638/data") == 1


def test_answer_that_does_not_match_the_request_is_rejected(router, make_http):
    add_basics(router)
    full = fixture_json("scb", "TAB638_data_vasterbotten.json")
    router.add(
        "POST",
        f"{API}/tables/TAB638/data",
        json_response(
            subset_jsonstat(
                full, {"Region": ["24"], "Kon": ["1", "2"], "Tid": ["2021", "2022", "2023"]}
            )
        ),
    )
    with pytest.raises(BatchAborted, match="do not match the requested"):
        ScbClient(make_http()).get_data("TAB638", SELECTION)


def test_truncated_data_answer_aborts(router, make_http):
    add_basics(router)
    router.add(
        "POST",
        f"{API}/tables/TAB638/data",
        text_response('{"version": "2.0", "class": "dataset", "id": ['),
    )
    with pytest.raises(BatchAborted, match="truncated"):
        ScbClient(make_http()).get_data("TAB638", SELECTION)


# ---------------------------------------------------------------------------
# chunk planner
# ---------------------------------------------------------------------------


def test_planner_reaches_the_lower_bound_for_a_big_table():
    selection = {
        "Region": [f"r{i}" for i in range(312)],
        "Tid": [str(y) for y in range(1975, 2025)],
        "ContentsCode": ["BE0101N1", "BE0101N2"],
    }
    chunks = plan_selection_chunks(selection, 10000)
    assert len(chunks) == math.ceil(312 * 50 * 2 / 10000) == 4
    assert all(math.prod(len(v) for v in c.values()) <= 10000 for c in chunks)


def test_planner_keeps_small_selections_whole():
    assert plan_selection_chunks({"A": ["1", "2"], "B": ["x"]}, 2) == [
        {"A": ("1", "2"), "B": ("x",)}
    ]


@pytest.mark.parametrize(
    "selection, max_cells",
    [({"A": []}, 10), ({}, 10), ({"A": ["1", "1"]}, 10), ({"A": ["1"]}, 0)],
)
def test_planner_rejects_nonsense(selection, max_cells):
    with pytest.raises(ValueError):
        plan_selection_chunks(selection, max_cells)


@settings(max_examples=200, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 30), min_size=1, max_size=5).filter(
        lambda s: math.prod(s) <= 20000
    ),
    max_cells=st.integers(1, 5000),
)
def test_planner_properties(sizes, max_cells):
    selection = {f"v{i}": [f"c{j}" for j in range(n)] for i, n in enumerate(sizes)}
    chunks = plan_selection_chunks(selection, max_cells)
    total = math.prod(sizes)
    # every chunk fits, and every cell is requested exactly once
    assert all(math.prod(len(v) for v in c.values()) <= max_cells for c in chunks)
    cells = [combo for c in chunks for combo in itertools.product(*c.values())]
    assert len(cells) == len(set(cells)) == total
    assert len(chunks) >= math.ceil(total / max_cells)
    # when cutting one variable is enough, the plan needs no more than that cut
    single = [math.ceil(n / (max_cells // (total // n))) for n in sizes if total // n <= max_cells]
    if single:
        assert len(chunks) <= min(single)
