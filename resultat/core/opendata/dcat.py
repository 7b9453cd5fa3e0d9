"""A DCAT-AP-SE catalogue as JSON-LD, written by hand (no RDF library).

dataportal.se harvests DCAT-AP-SE 3.0.1: DCAT-AP 3.0.0 with the Swedish
additions (every dataset has a publisher, the catalogue a licence, every agent a
``dct:type``). Mandatory here: catalogue with title, description, publisher
(foaf:Agent with a publisher type) and datasets; each dataset with title,
description, publisher, contact point (vcard), and distributions with access URL,
licence and format. Titles and descriptions carry language tags (sv, en).

DCAT-AP 3.0.0's shapes check the class of every linked resource, so the
controlled-vocabulary IRIs the catalogue uses carry their class here (media types
are ``dct:MediaType``, file types ``dct:MediaTypeOrExtent``, the licence a
``dct:LicenseDocument`` …). Every IRI has at most one ``#`` (RFC 3987): a
distribution's IRI extends its dataset's fragment instead of adding a second one.
Where the figures come from is free text, so it is ``dct:provenance``
(``dct:source`` takes only IRIs of source datasets).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from resultat.core.i18n import N_, Message

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "adms": "http://www.w3.org/ns/adms#",
    "schema": "http://schema.org/",
}

MEDIA_TYPES = {
    "CSV": ("http://publications.europa.eu/resource/authority/file-type/CSV", "text/csv"),
    "JSON": ("http://publications.europa.eu/resource/authority/file-type/JSON", "application/json"),
}
LANGUAGE_SWEDISH = "http://publications.europa.eu/resource/authority/language/SWE"
ACCESS_PUBLIC = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
# ADMS publisher types (DCAT-AP-SE 3.0.1 makes dct:type mandatory on every agent).
PUBLISHER_TYPES = {
    "RegionalAuthority": "regional myndighet",
    "LocalAuthority": "kommunal myndighet",
    "NationalAuthority": "nationell myndighet",
    "NonProfitOrganisation": "ideell organisation",
    "Company": "företag",
}
PUBLISHER_TYPE_BASE = "http://purl.org/adms/publishertype/"
THEME_GOVERNMENT = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
THEME_REGIONS = "http://publications.europa.eu/resource/authority/data-theme/REGI"


@dataclass(frozen=True)
class Publisher:
    name: str
    url: str
    email: str
    contact_name: str = ""
    type: str = "RegionalAuthority"  # key of PUBLISHER_TYPES


@dataclass(frozen=True)
class Distribution:
    url: str
    format: str  # key of MEDIA_TYPES
    title_sv: str = ""
    title_en: str = ""


@dataclass(frozen=True)
class CatalogueDataset:
    identifier: str  # absolute URI
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    distributions: tuple[Distribution, ...]
    modified: str = ""  # ISO date
    issued: str = ""
    keywords: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # attributions ("Källa: Kolada")
    landing_page: str = ""
    api_url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _lit(text: str, lang: str) -> dict[str, str]:
    return {"@value": text, "@language": lang}


def _texts(sv: str, en: str) -> list[dict[str, str]]:
    out = [_lit(sv, "sv")]
    if en:
        out.append(_lit(en, "en"))
    return out


def _date(value: str) -> dict[str, str]:
    kind = "xsd:dateTime" if "T" in value else "xsd:date"
    return {"@value": value, "@type": kind}


def distribution_iri(dataset_iri: str, suffix: str) -> str:
    """The IRI of one of a dataset's distributions, with at most one ``#``:
    ``…/oppna-data/#arenas`` gives ``…/oppna-data/#arenas-dist-1-csv``."""
    if "#" in dataset_iri:
        return f"{dataset_iri}-{suffix}"
    return f"{dataset_iri}#{suffix}"


def _typed(iri: str, rdf_type: str | list[str], **extra: Any) -> dict[str, Any]:
    return {"@id": iri, "@type": rdf_type, **extra}


def _check_publisher(publisher: Publisher) -> None:
    if not publisher.email or "@" not in publisher.email:
        raise ValueError(Message(N_("DCAT-AP-SE kräver en kontaktpunkt med e-postadress (RESULTAT_OPENDATA_CONTACT_EMAIL)")))
    if publisher.type not in PUBLISHER_TYPES:
        raise ValueError(Message(N_("Okänd utgivartyp %(type)r: förväntade en av %(types)s"), type=publisher.type, types=', '.join(PUBLISHER_TYPES)))


@dataclass
class _Vocabulary:
    """The vocabulary terms the catalogue links to (typed at the end of the graph)."""

    media: dict[str, str] = field(default_factory=dict)
    formats: set[str] = field(default_factory=set)


def _distributions(d: CatalogueDataset, licence_url: str, used: _Vocabulary, graph: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The dataset's file distributions and its API (added to ``graph``); returns their references."""
    dists = []
    for i, dist in enumerate(d.distributions, start=1):
        format_uri, media = MEDIA_TYPES[dist.format]
        media_uri = f"http://www.iana.org/assignments/media-types/{media}"
        used.media[media_uri] = media
        used.formats.add(format_uri)
        dist_id = distribution_iri(d.identifier, f"dist-{i}-{dist.format.lower()}")
        node: dict[str, Any] = {
            "@id": dist_id,
            "@type": "dcat:Distribution",
            "dcat:accessURL": {"@id": dist.url},
            "dcat:downloadURL": {"@id": dist.url},
            "dct:format": {"@id": format_uri},
            "dcat:mediaType": {"@id": media_uri},
            "dct:license": {"@id": licence_url},
            "dct:title": _texts(dist.title_sv or f"{d.title_sv} ({dist.format})", dist.title_en or (f"{d.title_en} ({dist.format})" if d.title_en else "")),
        }
        if d.modified:
            node["dct:modified"] = _date(d.modified)
        graph.append(node)
        dists.append({"@id": dist_id})
    if d.api_url:
        dist_id = distribution_iri(d.identifier, "dist-api")
        used.media["http://www.iana.org/assignments/media-types/application/json"] = "application/json"
        used.formats.add(MEDIA_TYPES["JSON"][0])
        graph.append(
            {
                "@id": dist_id,
                "@type": "dcat:Distribution",
                "dcat:accessURL": {"@id": d.api_url},
                "dct:format": {"@id": MEDIA_TYPES["JSON"][0]},
                "dcat:mediaType": {"@id": "http://www.iana.org/assignments/media-types/application/json"},
                "dct:license": {"@id": licence_url},
                "dct:title": _texts(f"{d.title_sv} (API)", f"{d.title_en} (API)" if d.title_en else ""),
            }
        )
        dists.append({"@id": dist_id})
    return dists


def _dataset_node(d: CatalogueDataset, agent_id: str, contact_id: str, dists: list[dict[str, str]]) -> dict[str, Any]:
    node = {
        "@id": d.identifier,
        "@type": "dcat:Dataset",
        "dct:identifier": d.identifier,
        "dct:title": _texts(d.title_sv, d.title_en),
        "dct:description": _texts(d.description_sv, d.description_en),
        "dct:publisher": {"@id": agent_id},
        "dcat:contactPoint": {"@id": contact_id},
        "dct:language": {"@id": LANGUAGE_SWEDISH},
        "dcat:theme": [{"@id": THEME_REGIONS}, {"@id": THEME_GOVERNMENT}],
        "dct:accessRights": {"@id": ACCESS_PUBLIC},
        "dcat:distribution": dists,
    }
    if d.keywords:
        node["dcat:keyword"] = [_lit(k, "sv") for k in d.keywords]
    if d.modified:
        node["dct:modified"] = _date(d.modified)
    if d.issued:
        node["dct:issued"] = _date(d.issued)
    if d.sources:
        # Attributions kept with the data: where the figures come from. Free text, so
        # dct:provenance (DCAT-AP's dct:source must be the IRI of a dcat:Dataset).
        node["dct:provenance"] = {"@type": "dct:ProvenanceStatement", "rdfs:label": _lit("; ".join(d.sources), "sv")}
    if d.landing_page:
        node["dcat:landingPage"] = {"@id": d.landing_page}
    return node


def _vocabulary_nodes(licence_url: str, publisher: Publisher, publisher_type: str, used: _Vocabulary, pages: set[str]) -> list[dict[str, Any]]:
    """The linked terms typed with the classes DCAT-AP 3 expects."""
    graph = [
        _typed(licence_url, "dct:LicenseDocument"),
        _typed(LANGUAGE_SWEDISH, "dct:LinguisticSystem"),
        _typed(ACCESS_PUBLIC, "dct:RightsStatement"),
        _typed(publisher_type, "skos:Concept", **{
            "skos:prefLabel": _lit(PUBLISHER_TYPES[publisher.type], "sv"),
            "skos:inScheme": {"@id": PUBLISHER_TYPE_BASE}}),
    ]
    for theme in (THEME_REGIONS, THEME_GOVERNMENT):
        graph.append(_typed(theme, "skos:Concept"))
    for format_uri in sorted(used.formats):
        graph.append(_typed(format_uri, "dct:MediaTypeOrExtent"))
    for media_uri, media in sorted(used.media.items()):
        graph.append(_typed(media_uri, "dct:MediaType", **{"rdfs:label": media}))
    for page in sorted(pages):
        graph.append(_typed(page, "foaf:Document"))
    return graph


def catalogue(
    *,
    uri: str,
    title_sv: str,
    title_en: str,
    description_sv: str,
    description_en: str,
    publisher: Publisher,
    licence_url: str,
    homepage: str,
    datasets: list[CatalogueDataset],
    modified: str = "",
) -> dict[str, Any]:
    _check_publisher(publisher)
    agent_id = publisher.url.split("#")[0].rstrip("/") + "#publisher"
    contact = {
        "@id": uri.split("#")[0].rstrip("/") + "#contact",
        "@type": ["vcard:Organization", "vcard:Kind"],
        "vcard:fn": publisher.contact_name or publisher.name,
        "vcard:hasEmail": {"@id": f"mailto:{publisher.email}"},
    }
    publisher_type = PUBLISHER_TYPE_BASE + publisher.type
    agent = {"@id": agent_id, "@type": "foaf:Agent", "foaf:name": publisher.name,
             "foaf:homepage": {"@id": publisher.url}, "dct:type": {"@id": publisher_type}}
    used = _Vocabulary()
    graph: list[dict[str, Any]] = [agent, contact]
    dataset_refs = []
    for d in datasets:
        dists = _distributions(d, licence_url, used, graph)
        graph.append(_dataset_node(d, agent_id, contact["@id"], dists))
        dataset_refs.append({"@id": d.identifier})
    pages = {homepage, publisher.url} | {d.landing_page for d in datasets if d.landing_page}
    graph += _vocabulary_nodes(licence_url, publisher, publisher_type, used, pages)
    cat: dict[str, Any] = {
        "@id": uri,
        "@type": "dcat:Catalog",
        "dct:title": _texts(title_sv, title_en),
        "dct:description": _texts(description_sv, description_en),
        "dct:publisher": {"@id": agent_id},
        "foaf:homepage": {"@id": homepage},
        "dct:license": {"@id": licence_url},
        "dct:language": {"@id": LANGUAGE_SWEDISH},
        "dcat:dataset": dataset_refs,
    }
    if modified:
        cat["dct:modified"] = _date(modified)
    graph.insert(0, cat)
    context = dict(CONTEXT, rdfs="http://www.w3.org/2000/01/rdf-schema#", skos="http://www.w3.org/2004/02/skos/core#")
    return {"@context": context, "@graph": graph}
