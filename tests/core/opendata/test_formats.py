import json

import pytest

from resultat.core.opendata import csvfile, dcat, opensdg
from resultat.core.opendata.datapackage import datapackage
from resultat.core.opendata.openapi import ApiResource, Filter, document
from resultat.core.opendata.spec import Dataset, Field

DS = Dataset(
    name="things",
    title_sv="Saker",
    title_en="Things",
    description_sv="Några saker",
    description_en="Some things",
    fields=(Field("id", required=True), Field("n", "integer", nullable=True), Field("tags", "array"), Field("ok", "boolean")),
    sources=("Källa: SCB",),
)


def test_csv_is_rfc4180():
    text = csvfile.write_dataset(DS, [{"id": 'a,"b"', "n": None, "tags": ["x", "y"], "ok": True}, {"id": "rad\nbrytning", "n": 3, "tags": [], "ok": False}])
    assert text.startswith("id,n,tags,ok\r\n")
    assert '"a,""b""",,x;y,true\r\n' in text
    assert '"rad\nbrytning",3,,false\r\n' in text
    assert csvfile.read_rows(text)[1]["id"] == "rad\nbrytning"


def test_unknown_field_type_is_refused():
    with pytest.raises(ValueError, match="fält x: okänd typ"):
        Field("x", "list")


def test_datapackage_describes_csv_with_licence_and_sources():
    pkg = datapackage([DS], name="p", title="P", description="", licence_url="https://creativecommons.org/licenses/by/4.0/", licence_title="CC BY 4.0", publisher="Region")
    res = pkg["resources"][0]
    assert pkg["licenses"][0]["name"] == "CC-BY-4.0"
    assert res["path"] == "things.csv" and res["encoding"] == "utf-8" and res["sources"] == [{"title": "Källa: SCB"}]
    types = {f["name"]: f["type"] for f in res["schema"]["fields"]}
    assert types == {"id": "string", "n": "integer", "tags": "string", "ok": "boolean"}
    assert res["schema"]["primaryKey"] == ["id"]


def test_open_sdg_tidy_csv():
    obs = [
        opensdg.Observation(2020, 10.5, disaggregations={"Kön": "Kvinnor"}, geocode="2480"),
        opensdg.Observation(2020, 20),
        opensdg.Observation(2021, 22.0),
        opensdg.Observation(2020, 9.5, disaggregations={"Kön": "Män", "Ålder": "20–64"}, geocode="2480"),
        opensdg.Observation(2021, None, disaggregations={"Kön": "Kvinnor"}, geocode="2480"),
    ]
    columns, rows = opensdg.tidy_rows(obs)
    assert columns == ["Year", "Kön", "Ålder", "GeoCode", "Value"]
    # the headline (all disaggregations blank) comes first
    assert [(r["Year"], r["Kön"], r["Value"]) for r in rows[:2]] == [(2020, "", "20"), (2021, "", "22")]
    text = opensdg.tidy_csv(obs)
    assert text.splitlines()[0] == "Year,Kön,Ålder,GeoCode,Value"
    assert "2020,Män,20–64,2480,9.5" in text and "2021,Kvinnor,,2480," in text
    assert opensdg.indicator_filename("1.1.1") == "indicator_1-1-1.csv"


def test_open_sdg_units_and_series_come_first_and_errors_are_clear():
    columns, _ = opensdg.tidy_rows([opensdg.Observation(2020, 1, units="procent", series="A", disaggregations={"Kön": "Män"})])
    assert columns == ["Year", "Units", "Series", "Kön", "Value"]
    with pytest.raises(opensdg.TidyError, match="observation 2: dubblett för år 2020"):
        opensdg.tidy_rows([opensdg.Observation(2020, 1), opensdg.Observation(2020, 2)])
    with pytest.raises(opensdg.TidyError, match="observation 1: disaggregeringen 'Value'"):
        opensdg.tidy_rows([opensdg.Observation(2020, 1, disaggregations={"Value": "x"})])


def _catalogue(**kw):
    args = dict(
        uri="https://r.example/oppna-data/katalog.jsonld",
        title_sv="K",
        title_en="C",
        description_sv="B",
        description_en="D",
        publisher=dcat.Publisher("Region", "https://region.example/", "data@region.example"),
        licence_url="https://creativecommons.org/licenses/by/4.0/",
        homepage="https://r.example/oppna-data/",
        datasets=[
            dcat.CatalogueDataset(
                "https://r.example/oppna-data/#things", "Saker", "Things", "B", "D",
                (dcat.Distribution("https://r.example/oppna-data/things.csv", "CSV"),),
                modified="2026-01-02", sources=("Källa: Kolada",), api_url="https://r.example/api/things/",
            )
        ],
        modified="2026-01-02",
    )
    args.update(kw)
    return dcat.catalogue(**args)


def test_dcat_catalogue_has_what_dataportal_requires():
    doc = _catalogue()
    json.dumps(doc)
    nodes = {n["@id"]: n for n in doc["@graph"]}
    cat = doc["@graph"][0]
    assert cat["@type"] == "dcat:Catalog" and cat["dct:license"]["@id"].endswith("/by/4.0/")
    ds = nodes["https://r.example/oppna-data/#things"]
    assert ds["dct:publisher"]["@id"] in nodes and nodes[ds["dcat:contactPoint"]["@id"]]["vcard:hasEmail"]["@id"] == "mailto:data@region.example"
    assert ds["dct:modified"] == {"@value": "2026-01-02", "@type": "xsd:date"}
    assert "dct:source" not in ds  # DCAT-AP 3: dct:source is a dcat:Dataset IRI, never text
    assert ds["dct:provenance"]["rdfs:label"] == {"@value": "Källa: Kolada", "@language": "sv"}
    dists = [nodes[d["@id"]] for d in ds["dcat:distribution"]]
    # One '#' per IRI: the distribution extends the dataset's fragment.
    assert [d["@id"] for d in dists] == ["https://r.example/oppna-data/#things-dist-1-csv", "https://r.example/oppna-data/#things-dist-api"]
    agent = nodes[cat["dct:publisher"]["@id"]]
    assert agent["dct:type"]["@id"] == "http://purl.org/adms/publishertype/RegionalAuthority"
    assert nodes[agent["dct:type"]["@id"]]["@type"] == "skos:Concept"
    assert {nodes[d["dcat:mediaType"]["@id"]]["@type"] for d in dists} == {"dct:MediaType"}
    assert {d["dct:format"]["@id"].rsplit("/", 1)[1] for d in dists} == {"CSV", "JSON"}
    assert all(d["dct:license"]["@id"] == cat["dct:license"]["@id"] for d in dists)


def test_dcat_refuses_a_catalogue_without_contact_email():
    with pytest.raises(ValueError, match="kontaktpunkt"):
        _catalogue(publisher=dcat.Publisher("Region", "https://region.example/", ""))


def test_openapi_from_dataset_descriptions():
    doc = document([ApiResource("things", DS, (Filter("year", "integer", "År", 1900, 2100),))], title="T", version="1", description="")
    schema = doc["components"]["schemas"]["Things"]
    assert schema["properties"]["n"]["type"] == ["integer", "null"]
    assert schema["properties"]["tags"] == {"type": "array", "items": {"type": "string"}}
    params = doc["paths"]["/api/things/"]["get"]["parameters"]
    assert [p["name"] for p in params] == ["limit", "offset", "year"]
    assert "/api/things/{id}/" in doc["paths"]
