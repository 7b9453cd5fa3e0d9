"""The DCAT-AP-SE catalogue the product serves passes our own statement of the
DCAT-AP 3.0.0 rules (tests/fixtures/shacl) together with DIGG's DCAT-AP-SE 3.0.1
additions (tests/fixtures/dcat-ap-se-digg), with 0 violations, and every IRI in it is a
valid IRI (RFC 3987: one '#'), which SHACL's published shapes do not check.

DIGG's full validation (SEMIC's shapes, vocabularies, overrides) is test_dcat_digg.py."""

import json
import re
from pathlib import Path

import pytest

pyshacl = pytest.importorskip("pyshacl")
rdflib = pytest.importorskip("rdflib")

from rdflib import Graph, URIRef  # noqa: E402
from rdflib.namespace import RDF, SH  # noqa: E402

pytestmark = pytest.mark.usefixtures("published")

SHAPES_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "shacl"
DIGG_ADDITIONS = Path(__file__).resolve().parents[1] / "fixtures" / "dcat-ap-se-digg" / "dcat-ap-se-additions.ttl"
# RFC 3987 IRI: a scheme, no white space or characters outside the grammar, at most one '#'.
IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^#\s<>\"{}|\\^`]*(#[^#\s<>\"{}|\\^`]*)?")


def _shapes() -> Graph:
    shapes = Graph()
    for f in (SHAPES_DIR / "resultat-dcat-ap-3-rules.ttl", DIGG_ADDITIONS):
        shapes.parse(f, format="turtle")
    return shapes


def _validate(doc: dict) -> tuple[bool, list[str]]:
    data = Graph().parse(data=json.dumps(doc), format="json-ld")
    conforms, results, _text = pyshacl.validate(
        data, shacl_graph=_shapes(), inference="none", allow_warnings=True
    )
    problems = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if results.value(result, SH.resultSeverity) != SH.Violation:
            continue
        problems.append(
            f"{results.value(result, SH.focusNode)} {results.value(result, SH.resultPath)}: "
            f"{results.value(result, SH.resultMessage)}"
        )
    return conforms and not problems, problems


def test_served_catalogue_has_no_violations(client):
    doc = client.get("/oppna-data/katalog.jsonld").json()
    conforms, problems = _validate(doc)
    assert problems == [] and conforms, "\n".join(problems[:20])
    datasets = [n for n in doc["@graph"] if n.get("@type") == "dcat:Dataset"]
    assert len(datasets) >= 10  # the whole catalogue was checked, not an empty one


def test_every_iri_in_the_served_catalogue_is_valid(client):
    doc = client.get("/oppna-data/katalog.jsonld").json()
    data = Graph().parse(data=json.dumps(doc), format="json-ld")
    iris = {str(t) for triple in data for t in triple if isinstance(t, URIRef)}
    bad = sorted(i for i in iris if not IRI.fullmatch(i))
    assert len(iris) > 100 and bad == []
    distributions = [n["@id"] for n in doc["@graph"] if n.get("@type") == "dcat:Distribution"]
    assert distributions and all(i.count("#") == 1 for i in distributions)


def test_the_shapes_catch_what_the_review_found(client):
    """The shapes are not toothless: the review's four defects each give violations."""
    doc = client.get("/oppna-data/katalog.jsonld").json()
    graph = doc["@graph"]
    dataset = next(n for n in graph if n.get("@type") == "dcat:Dataset")
    dist_id = dataset["dcat:distribution"][0]["@id"]
    broken = json.loads(json.dumps(doc))
    nodes = {n["@id"]: n for n in broken["@graph"]}
    nodes[dataset["@id"]]["dct:source"] = [{"@value": "Källa: Kolada", "@language": "sv"}]
    nodes[dist_id]["@id"] = dist_id + "#dist-1-csv"
    agent = next(n for n in broken["@graph"] if n.get("@type") == "foaf:Agent")
    del agent["dct:type"]
    broken["@graph"] = [n for n in broken["@graph"] if n.get("@type") != "dct:MediaType"]
    conforms, problems = _validate(broken)
    assert not conforms
    text = "\n".join(problems)
    assert "dct:source must link a dcat:Dataset" in text
    assert "at most one '#'" in text
    assert "type (dcterms:type) on every Agent" in text
    assert "dcat:mediaType must be a dct:MediaType" in text
