"""The served DCAT-AP-SE catalogue, validated the way DIGG validates for dataportal.se.

DIGG's DCAT-AP-SE-Processor (``RDFValidator`` and ``RDFVocabularyBuilder``) checks a
catalogue against SEMIC's published DCAT-AP 3.0.0 shapes plus DIGG's DCAT-AP-SE 3.0.1
additions; the data graph is the catalogue plus the EU vocabularies (each concept typed
by its scheme), the ADMS publisher types, PlannedAvailability, the INSPIRE roles and the
SPDX checksum algorithms; IRIs used as ``dct:conformsTo``, ``dct:spatial`` and
``dct:license`` are typed as Standard, Location and LicenseDocument; and the violations
listed in ``dcat-ap-se-overrides.json`` are dropped. The shape and vocabulary files are
DIGG's, unchanged (tests/fixtures/dcat-ap-se-digg/README.md). This test repeats that
method with pyshacl and requires 0 violations.
"""

import json
from pathlib import Path

import pytest

pyshacl = pytest.importorskip("pyshacl")
rdflib = pytest.importorskip("rdflib")

from rdflib import Graph, Literal, Namespace, URIRef  # noqa: E402
from rdflib.namespace import DCTERMS, RDF, SH, SKOS  # noqa: E402

pytestmark = pytest.mark.usefixtures("published")

DIGG = Path(__file__).resolve().parents[1] / "fixtures" / "dcat-ap-se-digg"
DCAT = Namespace("http://www.w3.org/ns/dcat#")
EU = "http://publications.europa.eu/resource/authority/"
SCHEME_TYPES = {
    "language": DCTERMS.LinguisticSystem,
    "access-right": DCTERMS.RightsStatement,
    "frequency": DCTERMS.Frequency,
    "licence": DCTERMS.LicenseDocument,
    "file-type": DCTERMS.MediaTypeOrExtent,
    "data-theme": SKOS.Concept,
    "distribution-status": SKOS.Concept,
}
PUBLISHER_TYPES = (
    "Academia-ScientificOrganisation", "Company", "IndustryConsortium", "LocalAuthority", "NationalAuthority",
    "NonGovernmentalOrganisation", "NonProfitOrganisation", "PrivateIndividual", "RegionalAuthority",
    "StandardisationBody", "SupraNationalAuthority",
)
ROLES = ("resourceProvider", "custodian", "owner", "user", "distributor", "originator", "pointOfContact",
         "principalInvestigator", "processor", "publisher", "author")


def _shapes() -> Graph:
    shapes = Graph()
    for name in ("dcat-ap-SHACL.ttl", "dcat-ap-se-additions.ttl"):
        shapes.parse(DIGG / name, format="turtle")
    return shapes


def _vocabulary() -> Graph:
    """RDFVocabularyBuilder.build(), in Python."""
    g = Graph()
    for f in sorted((DIGG / "vocabularies").glob("*.rdf")):
        g.parse(f, format="xml")
    for scheme, cls in SCHEME_TYPES.items():
        scheme_iri = URIRef(EU + scheme)
        for concept in list(g.subjects(SKOS.inScheme, scheme_iri)):
            if isinstance(concept, URIRef):
                g.add((concept, RDF.type, cls))
        for label in list(g.objects(scheme_iri, SKOS.prefLabel)):
            g.add((scheme_iri, DCTERMS.title, label))
    for key in ("stable", "experimental", "available", "temporary"):
        uri = URIRef(f"http://data.europa.eu/r5r/availability/{key}")
        g.add((uri, RDF.type, URIRef("http://data.europa.eu/r5r/PlannedAvailability")))
        g.add((uri, RDF.type, SKOS.Concept))
        g.add((uri, SKOS.prefLabel, Literal(key.title(), lang="en")))
    for key in PUBLISHER_TYPES:
        uri = URIRef(f"http://purl.org/adms/publishertype/{key}")
        g.add((uri, RDF.type, SKOS.Concept))
        g.add((uri, SKOS.prefLabel, Literal(key, lang="en")))
    for key in ROLES:
        uri = URIRef(f"http://inspire.ec.europa.eu/metadata-codelist/ResponsiblePartyRole/{key}")
        g.add((uri, RDF.type, DCAT.Role))
        g.add((uri, SKOS.prefLabel, Literal(key, lang="en")))
    for alg in ("sha1", "sha256", "md5", "sha512", "sha384", "sha224"):
        uri = URIRef(f"http://spdx.org/rdf/terms#checksumAlgorithm_{alg}")
        g.add((uri, RDF.type, URIRef("http://spdx.org/rdf/terms#ChecksumAlgorithm")))
    return g


def _overrides() -> set[tuple[str, str]]:
    rules = json.loads((DIGG / "dcat-ap-se-overrides.json").read_text(encoding="utf-8"))["overrides"]
    return {(r["path"], c) for r in rules for c in r["ignoreConstraints"]}


def digg_violations(doc: dict) -> list[str]:
    data = Graph().parse(data=json.dumps(doc), format="json-ld")
    data += _vocabulary()
    for predicate, cls in ((DCTERMS.conformsTo, DCTERMS.Standard), (DCTERMS.spatial, DCTERMS.Location), (DCTERMS.license, DCTERMS.LicenseDocument)):
        for obj in list(data.objects(None, predicate)):
            if isinstance(obj, URIRef):
                data.add((obj, RDF.type, cls))
    _conforms, report, _text = pyshacl.validate(data, shacl_graph=_shapes(), inference="none", allow_warnings=True)
    ignored = _overrides()
    problems = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        path = str(report.value(result, SH.resultPath))
        component = str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
        if (path, component) in ignored:
            continue
        problems.append(f"{report.value(result, SH.focusNode)} {path} {component}: {report.value(result, SH.resultMessage)}")
    return sorted(problems)


def test_served_catalogue_passes_digg_validation(client):
    doc = client.get("/oppna-data/katalog.jsonld").json()
    problems = digg_violations(doc)
    assert problems == [], f"{len(problems)} violations:\n" + "\n".join(problems[:30])
    assert sum(1 for n in doc["@graph"] if n.get("@type") == "dcat:Dataset") >= 10


def test_digg_validation_catches_the_reviewed_defects(client):
    """Not toothless: a literal dct:source and an agent without dct:type are violations."""
    doc = client.get("/oppna-data/katalog.jsonld").json()
    broken = json.loads(json.dumps(doc))
    dataset = next(n for n in broken["@graph"] if n.get("@type") == "dcat:Dataset")
    dataset["dct:source"] = [{"@value": "Källa: Kolada", "@language": "sv"}]
    agent = next(n for n in broken["@graph"] if n.get("@type") == "foaf:Agent")
    agent.pop("dct:type", None)
    text = "\n".join(digg_violations(broken))
    assert "http://purl.org/dc/terms/source" in text
    assert "http://purl.org/dc/terms/type" in text
