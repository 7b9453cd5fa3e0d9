"""The OpenAPI 3.1 document of the read-only API, generated from the dataset
descriptions (one list path per resource, one detail path where the resource has
one). The same ``Field`` types as the CSV/Frictionless schema."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from resultat.core.opendata.spec import Dataset, Field

MAX_LIMIT = 500
DEFAULT_LIMIT = 100
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,159}$"


@dataclass(frozen=True)
class Filter:
    name: str
    type: str  # "integer" or "string"
    description: str
    minimum: int | None = None
    maximum: int | None = None
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class ApiResource:
    path: str
    dataset: Dataset
    filters: tuple[Filter, ...] = ()
    detail: bool = True
    detail_schema: dict[str, Any] | None = None  # extra properties of the detail object


def _json_type(f: Field) -> dict[str, Any]:
    if f.type == "array":
        item = {"integer": "integer", "number": "number"}.get(f.items, "string")
        schema: dict[str, Any] = {"type": "array", "items": {"type": item}}
    elif f.type in ("date", "datetime"):
        schema = {"type": "string", "format": "date" if f.type == "date" else "date-time"}
    else:
        schema = {"type": f.type}
    if f.nullable:
        schema["type"] = [schema["type"], "null"]
    if f.description:
        schema["description"] = f.description
    return schema


def component_schema(dataset: Dataset) -> dict[str, Any]:
    return {
        "type": "object",
        "description": dataset.description_en or dataset.description_sv,
        "properties": {f.name: _json_type(f) for f in dataset.fields},
        "required": dataset.field_names(),
    }


def _param(f: Filter) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": f.type}
    if f.minimum is not None:
        schema["minimum"] = f.minimum
    if f.maximum is not None:
        schema["maximum"] = f.maximum
    if f.enum:
        schema["enum"] = list(f.enum)
    if f.type == "string" and not f.enum:
        schema["pattern"] = CODE_PATTERN
    return {"name": f.name, "in": "query", "required": False, "description": f.description, "schema": schema}


def _name(resource: ApiResource) -> str:
    return "".join(part.capitalize() for part in resource.path.replace("_", "-").split("-"))


ERROR = {
    "type": "object",
    "properties": {"error": {"type": "string"}, "detail": {"type": "string"}},
    "required": ["error"],
}
LINK = {"type": ["string", "null"]}


def document(resources: list[ApiResource], *, title: str, version: str, description: str, server: str = "/", licence_url: str = "", licence_name: str = "") -> dict[str, Any]:
    components: dict[str, Any] = {"Error": ERROR}
    paths: dict[str, Any] = {}
    common = [
        {"name": "limit", "in": "query", "required": False, "description": f"Antal poster per sida (1–{MAX_LIMIT}).", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}},
        {"name": "offset", "in": "query", "required": False, "description": "Hoppa över så många poster.", "schema": {"type": "integer", "minimum": 0, "maximum": 10_000_000, "default": 0}},
    ]
    headers = {
        "ETag": {"description": "Innehållets kontrollsumma; skicka den i If-None-Match.", "schema": {"type": "string"}},
        "Cache-Control": {"schema": {"type": "string"}},
        "Access-Control-Allow-Origin": {"schema": {"type": "string"}},
    }
    bad = {"description": "Ogiltig parameter", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for r in resources:
        name = _name(r)
        components[name] = component_schema(r.dataset)
        components[f"{name}Page"] = {
            "type": "object",
            "properties": {
                "count": {"type": "integer", "minimum": 0},
                "limit": {"type": "integer"},
                "offset": {"type": "integer"},
                "next": LINK,
                "previous": LINK,
                "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}},
            },
            "required": ["count", "limit", "offset", "next", "previous", "results"],
        }
        paths[f"/api/{r.path}/"] = {
            "get": {
                "operationId": f"list{name}",
                "summary": r.dataset.title_sv,
                "description": r.dataset.description_sv,
                "tags": [r.path],
                "parameters": common + [_param(f) for f in r.filters],
                "responses": {
                    "200": {"description": "En sida", "headers": headers, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}Page"}}}},
                    "304": {"description": "Oförändrad (If-None-Match)"},
                    "400": bad,
                },
            }
        }
        if r.detail:
            detail_ref = f"#/components/schemas/{name}"
            if r.detail_schema:
                components[f"{name}Detail"] = {"allOf": [{"$ref": detail_ref}, r.detail_schema]}
                detail_ref = f"#/components/schemas/{name}Detail"
            paths[f"/api/{r.path}/{{id}}/"] = {
                "get": {
                    "operationId": f"get{name}",
                    "summary": f"{r.dataset.title_sv}: en post",
                    "tags": [r.path],
                    "parameters": [{"name": "id", "in": "path", "required": True, "description": "Postens stabila id (kod).", "schema": {"type": "string", "pattern": CODE_PATTERN}}],
                    "responses": {
                        "200": {"description": "Posten", "headers": headers, "content": {"application/json": {"schema": {"$ref": detail_ref}}}},
                        "304": {"description": "Oförändrad (If-None-Match)"},
                        "404": {"description": "Finns inte (eller är inte publicerad)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                    },
                }
            }
    info: dict[str, Any] = {"title": title, "version": version, "description": description}
    if licence_url:
        info["license"] = {"name": licence_name or "licence", "url": licence_url}
    return {"openapi": "3.1.0", "info": info, "servers": [{"url": server}], "paths": paths, "components": {"schemas": components}}
