"""Open data formats, plain Python (no Django): dataset descriptions, RFC 4180 CSV,
the Frictionless data package, the DCAT-AP-SE catalogue (JSON-LD), the Open SDG
tidy CSV and the OpenAPI schema of the read-only API. See docs/open-data.md."""
