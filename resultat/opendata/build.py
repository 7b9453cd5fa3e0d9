"""The open-data documents, built from the registry: CSV and JSON per dataset,
datapackage.json, the DCAT-AP-SE catalogue and the OpenAPI schema. Used by the
download views, the API and ``resultat export opendata``."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from django.conf import settings

from resultat.core.opendata import csvfile, dcat
from resultat.core.opendata.datapackage import datapackage
from resultat.core.opendata.openapi import document
from resultat.opendata import registry

API_VERSION = "1.0.0"


def licence() -> tuple[str, str]:
    return settings.RESULTAT_OPENDATA_LICENCE_URL, settings.RESULTAT_OPENDATA_LICENCE_TITLE


def to_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"), sort_keys=False).encode("utf-8")


def dataset_csv(entry: registry.Entry) -> bytes:
    return csvfile.write_dataset(entry.dataset, entry.rows()).encode("utf-8")


def dataset_modified(entry: registry.Entry) -> str:
    modified = entry.modified()
    return modified.isoformat() if modified else ""


def dataset_json(entry: registry.Entry) -> bytes:
    url, title = licence()
    d = entry.dataset
    return to_json(
        {
            "name": d.name,
            "title": {"sv": d.title_sv, "en": d.title_en},
            "description": {"sv": d.description_sv, "en": d.description_en},
            "licence": {"url": url, "title": title},
            "publisher": settings.RESULTAT_PUBLISHER_NAME,
            "sources": list(d.sources),
            "modified": dataset_modified(entry) or None,
            "fields": [{"name": f.name, "type": f.type, "description": f.description} for f in d.fields],
            "data": entry.rows(),
        }
    )


def _base(base_url: str) -> str:
    return (base_url or settings.RESULTAT_SITE_URL).rstrip("/")


def datapackage_doc(base_url: str = "") -> dict[str, Any]:
    url, title = licence()
    entries = [e for e in registry.entries() if e.download]
    return datapackage(
        [e.dataset for e in entries],
        name=f"resultat-{settings.RESULTAT_REGION}",
        title=f"Resultat – {settings.RESULTAT_PUBLISHER_NAME}: strategi och uppföljning",
        description="Den regionala utvecklingsstrategin och den publicerade årliga uppföljningen som öppna data.",
        licence_url=url,
        licence_title=title,
        publisher=settings.RESULTAT_PUBLISHER_NAME,
        homepage=_base(base_url) + "/oppna-data/",
        created=datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        version=API_VERSION,
    )


def catalogue_doc(base_url: str = "") -> dict[str, Any]:
    base = _base(base_url)
    url, _title = licence()
    datasets = []
    latest = ""
    for e in registry.entries():
        if not e.download:
            continue
        d = e.dataset
        modified = dataset_modified(e)
        latest = max(latest, modified)
        datasets.append(
            dcat.CatalogueDataset(
                identifier=f"{base}/oppna-data/#{d.name}",
                title_sv=d.title_sv,
                title_en=d.title_en,
                description_sv=d.description_sv,
                description_en=d.description_en,
                distributions=(
                    dcat.Distribution(f"{base}/oppna-data/{d.name}.csv", "CSV"),
                    dcat.Distribution(f"{base}/oppna-data/{d.name}.json", "JSON"),
                ),
                modified=modified,
                keywords=d.keywords,
                sources=d.sources,
                landing_page=f"{base}/oppna-data/",
                api_url=f"{base}/api/{d.name}/" if e.api else "",
            )
        )
    return dcat.catalogue(
        uri=f"{base}/oppna-data/katalog.jsonld",
        title_sv=f"Resultat – {settings.RESULTAT_PUBLISHER_NAME}",
        title_en=f"Resultat – {settings.RESULTAT_PUBLISHER_NAME}",
        description_sv="Öppna data om den regionala utvecklingsstrategin och dess årliga uppföljning.",
        description_en="Open data on the regional development strategy and its yearly follow-up.",
        publisher=dcat.Publisher(
            name=settings.RESULTAT_PUBLISHER_NAME,
            url=settings.RESULTAT_PUBLISHER_URL,
            email=settings.RESULTAT_OPENDATA_CONTACT_EMAIL,
            type=getattr(settings, "RESULTAT_PUBLISHER_TYPE", "RegionalAuthority"),
        ),
        licence_url=url,
        homepage=f"{base}/oppna-data/",
        datasets=datasets,
        modified=latest,
    )


def openapi_doc() -> dict[str, Any]:
    url, title = licence()
    return document(
        [e.api_resource() for e in registry.entries() if e.api],
        title="Resultat API",
        version=API_VERSION,
        description=(
            "Läs-API för publicerat innehåll: strategin, publicerade uppföljningar och referensdata. "
            "Bara publicerat innehåll, aldrig utkast. Sidindelning med limit/offset; ETag och If-None-Match; "
            "CORS för GET. Read-only API for published content; see /api/."
        ),
        licence_url=url,
        licence_name=title,
    )
