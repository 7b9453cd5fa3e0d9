import itertools
import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resultat.core.sources.jsonstat import ParseError, parse_dataset, parse_metadata

from .conftest import fixture_json

# ---------------------------------------------------------------------------
# Example documents
# ---------------------------------------------------------------------------


def test_dense_scb_dataset_becomes_tidy_rows():
    doc = fixture_json("scb", "TAB638_data_vasterbotten.json")
    ds = parse_dataset(doc, source="fixture")
    assert ds.ids == ("Region", "Kon", "ContentsCode", "Tid")
    assert ds.sizes == (16, 2, 1, 3)
    assert len(ds.rows) == 96
    assert ds.label.startswith("Folkmängden") and ds.source == "SCB"
    assert ds.roles == {"time": ("Tid",), "geo": ("Region",), "metric": ("ContentsCode",)}
    assert ds.dimension("Region").role == "geo"
    assert ds.dimension("Region").label_of("24") == "Västerbottens län"
    assert ds.dimension("Kon").label_of("2") == "kvinnor"
    # row-major: the last dimension (Tid) varies fastest
    first = ds.rows[:4]
    assert [r.coordinates["Tid"] for r in first] == ["2021", "2022", "2023", "2021"]
    assert [r.coordinates["Kon"] for r in first] == ["1", "1", "1", "2"]
    assert all(r.coordinates["Region"] == "24" for r in first)
    assert first[0].value == float(doc["value"][0]) and first[0].status is None
    # the county is the sum of its municipalities in this fixture
    by_key = {
        (r.coordinates["Region"], r.coordinates["Kon"], r.coordinates["Tid"]): r.value
        for r in ds.rows
    }
    munis = [c for c in ds.dimension("Region").codes if c != "24"]
    assert by_key[("24", "2", "2023")] == sum(by_key[(m, "2", "2023")] for m in munis)
    records = ds.records()
    assert records[0] == {
        "Region": "24",
        "Kon": "1",
        "ContentsCode": "BE0101N1",
        "Tid": "2021",
        "value": first[0].value,
        "status": None,
    }


def test_sparse_values_and_status_object():
    ds = parse_dataset(fixture_json("scb", "jsonstat_sparse.json"))
    got = [(r.coordinates["Region"], r.coordinates["Tid"], r.value, r.status) for r in ds.rows]
    assert got == [
        ("24", "2022", 1520.5, None),
        ("24", "2023", 1544.0, None),
        ("2480", "2022", None, ".."),
        ("2480", "2023", 880.25, None),
        ("2482", "2022", None, ".."),
        ("2482", "2023", 401.0, None),
    ]
    # Tid has no labels: categories exist, labels are None
    assert ds.dimension("Tid").label_of("2023") is None


def _tiny(**overrides):
    doc = {
        "version": "2.0",
        "class": "dataset",
        "id": ["Region", "Tid"],
        "size": [2, 2],
        "dimension": {
            "Region": {
                "category": {
                    "index": ["24", "2480"],
                    "label": {"24": "Västerbotten", "2480": "Umeå"},
                }
            },
            "Tid": {"category": {"index": {"2022": 0, "2023": 1}}},
        },
        "value": [1, 2, 3, None],
    }
    doc.update(overrides)
    return doc


@pytest.mark.parametrize(
    "status, expected",
    [
        (None, [None] * 4),
        ("p", ["p"] * 4),
        (["p"], ["p"] * 4),
        (["a", None, "b", None], ["a", None, "b", None]),
        ({"3": ".."}, [None, None, None, ".."]),
    ],
)
def test_status_forms(status, expected):
    doc = _tiny() if status is None else _tiny(status=status)
    assert [r.status for r in parse_dataset(doc).rows] == expected


def test_index_array_and_object_are_equivalent():
    as_array = _tiny()
    as_object = _tiny()
    as_object["dimension"]["Region"]["category"]["index"] = {"2480": 1, "24": 0}
    assert parse_dataset(as_array).rows == parse_dataset(as_object).rows


def test_constant_dimension_without_index():
    doc = _tiny(id=["Region", "Tid", "ContentsCode"], size=[2, 2, 1])
    doc["dimension"]["ContentsCode"] = {
        "label": "tabellinnehåll",
        "category": {"label": {"BE0101N1": "Folkmängd"}},
    }
    ds = parse_dataset(doc)
    assert ds.dimension("ContentsCode").codes == ("BE0101N1",)
    assert {r.coordinates["ContentsCode"] for r in ds.rows} == {"BE0101N1"}


def test_metadata_with_empty_value():
    meta = parse_metadata(fixture_json("scb", "TAB638_metadata.json"))
    assert meta.ids == ("Region", "Civilstand", "Alder", "Kon", "ContentsCode", "Tid")
    assert meta.rows == ()
    assert meta.dimension("Region").extension["eliminationValueCode"] == "00"
    assert meta.dimension("Region").codes[:2] == ("00", "24")


@pytest.mark.parametrize(
    "mutate, where",
    [
        (lambda d: d.update(version="1.0"), "version"),
        (lambda d: d.update({"class": "collection"}), "class"),
        (lambda d: d.pop("value"), "value: missing"),
        (lambda d: d.update(value=[1, 2, 3]), "value: has 3 entries"),
        (lambda d: d.update(value=[1, 2, "3", 4]), "value[2]"),
        (lambda d: d.update(value=[1, 2, True, 4]), "value[2]"),
        (lambda d: d.update(value={"4": 1}), 'value["4"]'),
        (lambda d: d.update(value={"01": 1}), 'value["01"]'),
        (lambda d: d.update(value={"-1": 1}), 'value["-1"]'),
        (lambda d: d.update(status=[1, 2, 3, 4]), "status[0]"),
        (lambda d: d.update(status=["a", "b"]), "status: has 2 entries"),
        (lambda d: d.update(size=[2, 3]), "dimension.Tid: has 2 categories but size says 3"),
        (lambda d: d.update(size=[2]), "size: has 1 entries"),
        (lambda d: d.update(size=[2, 0]), "size[1]"),
        (lambda d: d.update(id=["Region", "Region"]), "id: dimension id 'Region' is listed twice"),
        (lambda d: d.update(id=["Region", 7]), "id[1]"),
        (lambda d: d["dimension"].pop("Tid"), "dimension.Tid: expected an object"),
        (
            lambda d: d["dimension"].update(Extra={}),
            "dimension.Extra: dimension is not listed in id",
        ),
        (
            lambda d: d["dimension"]["Tid"]["category"].update(index={"2022": 0, "2023": 5}),
            'index["2023"]: position 5',
        ),
        (
            lambda d: d["dimension"]["Tid"]["category"].update(index={"2022": 0, "2023": 0}),
            'index["2023"]: position 0 is also used',
        ),
        (
            lambda d: d["dimension"]["Region"]["category"].update(index=["24", "24"]),
            "index[1]: duplicate",
        ),
        (
            lambda d: d["dimension"]["Region"]["category"].update(label={"99": "x"}),
            'label["99"]: label for a category',
        ),
        (
            lambda d: d["dimension"]["Region"]["category"].pop("index"),
            "dimension.Region.category.index: missing",
        ),
        (lambda d: d.update(role={"geo": ["Kommun"]}), "role.geo[0]"),
        (lambda d: d.update(role={"colour": ["Tid"]}), "role.colour: unknown role"),
        (lambda d: d.update(note=[1]), "note[0]"),
    ],
)
def test_malformed_documents_name_the_field(mutate, where):
    doc = _tiny()
    mutate(doc)
    with pytest.raises(ParseError) as info:
        parse_dataset(doc, source="https://example.test/data")
    assert where in str(info.value)
    assert "https://example.test/data" in str(info.value)


def test_huge_sparse_dataset_is_refused():
    doc = _tiny(size=[2, 2])
    doc["id"] = ["A", "B"]
    doc["dimension"] = {
        "A": {"category": {"index": [str(i) for i in range(3000)]}},
        "B": {"category": {"index": [str(i) for i in range(3000)]}},
    }
    doc["size"] = [3000, 3000]
    doc["value"] = {"0": 1}
    with pytest.raises(ParseError, match="more than the allowed"):
        parse_dataset(doc, max_cells=1_000_000)


# ---------------------------------------------------------------------------
# Property tests
# ---------------------------------------------------------------------------

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_arbitrary_json_only_ever_raises_parse_error(doc):
    for parse in (parse_dataset, parse_metadata):
        try:
            parse(doc)
        except ParseError:
            pass


keys = st.sampled_from(
    [
        "version",
        "class",
        "id",
        "size",
        "dimension",
        "value",
        "status",
        "role",
        "note",
        "label",
        "extension",
        "index",
        "category",
        "Region",
        "Tid",
        "0",
        "1",
    ]
)
near_json = st.recursive(
    json_scalars
    | st.sampled_from(["2.0", "dataset", "Region", "Tid", "24", "2023"])
    | st.integers(0, 3),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=6),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(near_json)
def test_json_stat_lookalikes_only_ever_raise_parse_error(doc):
    if isinstance(doc, dict):
        doc = {"version": "2.0", "class": "dataset", **doc}
    try:
        parse_dataset(doc)
    except ParseError:
        pass


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, prefix + (i,))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_real_documents_only_ever_raise_parse_error(data):
    doc = json.loads(json.dumps(fixture_json("scb", "jsonstat_sparse.json")))
    path = data.draw(st.sampled_from([p for p in _paths(doc) if p]))
    target = doc
    for step in path[:-1]:
        target = target[step]
    if data.draw(st.booleans()) and isinstance(target, dict):
        del target[path[-1]]
    else:
        target[path[-1]] = data.draw(json_values)
    try:
        parse_dataset(doc)
    except ParseError:
        pass


codes = st.text(alphabet="ABCDEFGHIJ0123456789åäö", min_size=1, max_size=4)


@st.composite
def datasets(draw):
    n_dims = draw(st.integers(1, 4))
    ids = draw(
        st.lists(
            st.text(alphabet="abcdefghXYZ", min_size=1, max_size=6),
            min_size=n_dims,
            max_size=n_dims,
            unique=True,
        )
    )
    dims = []
    for dim_id in ids:
        cats = draw(st.lists(codes, min_size=1, max_size=4, unique=True))
        labels = {c: draw(st.none() | st.text(max_size=10)) for c in cats}
        dims.append((dim_id, cats, labels))
    total = math.prod(len(c) for _, c, _ in dims)
    numbers = (
        st.none()
        | st.integers(-(10**9), 10**9)
        | st.floats(allow_nan=False, allow_infinity=False, width=64)
    )
    values = draw(st.lists(numbers, min_size=total, max_size=total))
    statuses = draw(
        st.lists(st.none() | st.sampled_from(["..", "p", "r", "x"]), min_size=total, max_size=total)
    )

    doc = {
        "version": "2.0",
        "class": "dataset",
        "id": ids,
        "size": [len(c) for _, c, _ in dims],
        "dimension": {},
    }
    for dim_id, cats, labels in dims:
        category = {}
        label_map = {c: t for c, t in labels.items() if t is not None}
        style = draw(
            st.sampled_from(
                ["array", "object", "none"] if len(cats) == 1 and label_map else ["array", "object"]
            )
        )
        if style == "array":
            category["index"] = list(cats)
        elif style == "object":
            positions = {c: i for i, c in enumerate(cats)}
            shuffled = draw(st.permutations(cats))
            category["index"] = {c: positions[c] for c in shuffled}
        if label_map:
            category["label"] = label_map
        dim = {"category": category}
        if draw(st.booleans()):
            dim["label"] = dim_id.upper()
        doc["dimension"][dim_id] = dim

    if draw(st.booleans()):
        doc["value"] = values
    else:
        doc["value"] = {
            str(i): v for i, v in enumerate(values) if v is not None or draw(st.booleans())
        }

    distinct = set(statuses)
    forms = ["array", "object"]
    if distinct == {None}:
        forms.append("absent")
    if len(distinct) == 1 and None not in distinct:
        forms += ["string", "single"]
    form = draw(st.sampled_from(forms))
    if form == "array":
        doc["status"] = statuses
    elif form == "object":
        doc["status"] = {str(i): s for i, s in enumerate(statuses) if s is not None}
    elif form == "string":
        doc["status"] = statuses[0]
    elif form == "single":
        doc["status"] = [statuses[0]]

    expected = [
        (dict(zip(ids, combo)), None if v is None else float(v), s)
        for combo, v, s in zip(itertools.product(*[c for _, c, _ in dims]), values, statuses)
    ]
    return doc, dims, expected


@settings(max_examples=300, deadline=None)
@given(datasets())
def test_generated_datasets_round_trip(generated):
    doc, dims, expected = generated
    wire = json.loads(json.dumps(doc))
    ds = parse_dataset(wire)
    assert [(dict(r.coordinates), r.value, r.status) for r in ds.rows] == expected
    assert ds.ids == tuple(d for d, _, _ in dims)
    for dim_id, cats, labels in dims:
        dimension = ds.dimension(dim_id)
        assert dimension.codes == tuple(cats)
        assert [c.label for c in dimension.categories] == [labels[c] for c in cats]
    meta = parse_metadata(wire)
    assert meta.ids == ds.ids and meta.rows == ()
