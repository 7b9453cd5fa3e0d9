"""A DCAT-AP-SE catalogue as JSON-LD, written by hand (no RDF library).

dataportal.se harvests DCAT-AP-SE (DCAT-AP 2 with Swedish rules). Mandatory here:
catalogue with title, description, publisher (foaf:Agent) and datasets; each
dataset with title, description, publisher, contact point (vcard), and
distributions with access URL, licence and format. Titles and descriptions carry
language tags (sv, en).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
THEME_GOVERNMENT = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
THEME_REGIONS = "http://publications.europa.eu/resource/authority/data-theme/REGI"


@dataclass(frozen=True)
class Publisher:
    name: str
    url: str
    email: str
    contact_name: str = ""


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
    if not publisher.email or "@" not in publisher.email:
        raise ValueError("DCAT-AP-SE kräver en kontaktpunkt med e-postadress (RESULTAT_OPENDATA_CONTACT_EMAIL)")
    agent_id = publisher.url.rstrip("/") + "#publisher"
    contact = {
        "@id": uri.rstrip("/") + "#contact",
        "@type": "vcard:Organization",
        "vcard:fn": publisher.contact_name or publisher.name,
        "vcard:hasEmail": {"@id": f"mailto:{publisher.email}"},
    }
    agent = {"@id": agent_id, "@type": "foaf:Agent", "foaf:name": publisher.name, "foaf:homepage": {"@id": publisher.url}}
    graph: list[dict[str, Any]] = [agent, contact]
    dataset_refs = []
    for d in datasets:
        dists = []
        for i, dist in enumerate(d.distributions, start=1):
            format_uri, media = MEDIA_TYPES[dist.format]
            dist_id = f"{d.identifier}#dist-{i}-{dist.format.lower()}"
            node: dict[str, Any] = {
                "@id": dist_id,
                "@type": "dcat:Distribution",
                "dcat:accessURL": {"@id": dist.url},
                "dcat:downloadURL": {"@id": dist.url},
                "dct:format": {"@id": format_uri},
                "dcat:mediaType": {"@id": f"http://www.iana.org/assignments/media-types/{media}"},
                "dct:license": {"@id": licence_url},
                "dct:title": _texts(dist.title_sv or f"{d.title_sv} ({dist.format})", dist.title_en or (f"{d.title_en} ({dist.format})" if d.title_en else "")),
            }
            if d.modified:
                node["dct:modified"] = _date(d.modified)
            graph.append(node)
            dists.append({"@id": dist_id})
        if d.api_url:
            dist_id = f"{d.identifier}#dist-api"
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
        node = {
            "@id": d.identifier,
            "@type": "dcat:Dataset",
            "dct:identifier": d.identifier,
            "dct:title": _texts(d.title_sv, d.title_en),
            "dct:description": _texts(d.description_sv, d.description_en),
            "dct:publisher": {"@id": agent_id},
            "dcat:contactPoint": {"@id": contact["@id"]},
            "dct:language": {"@id": LANGUAGE_SWEDISH},
            "dcat:theme": [{"@id": THEME_REGIONS}, {"@id": THEME_GOVERNMENT}],
            "dct:accessRights": {"@id": "http://publications.europa.eu/resource/authority/access-right/PUBLIC"},
            "dcat:distribution": dists,
        }
        if d.keywords:
            node["dcat:keyword"] = [_lit(k, "sv") for k in d.keywords]
        if d.modified:
            node["dct:modified"] = _date(d.modified)
        if d.issued:
            node["dct:issued"] = _date(d.issued)
        if d.sources:
            # Attributions kept with the data: where the figures come from.
            node["dct:source"] = [_lit(s, "sv") for s in d.sources]
            node["dct:provenance"] = {"@type": "dct:ProvenanceStatement", "rdfs:label": _lit("; ".join(d.sources), "sv")}
        if d.landing_page:
            node["dcat:landingPage"] = {"@id": d.landing_page}
        graph.append(node)
        dataset_refs.append({"@id": d.identifier})
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
    context = dict(CONTEXT, rdfs="http://www.w3.org/2000/01/rdf-schema#")
    return {"@context": context, "@graph": graph}
