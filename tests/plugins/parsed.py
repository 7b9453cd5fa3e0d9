"""The report import's parse, done once per test process for the same input.

``resultat.imports.services.import_report`` parses the OCR text with
``resultat.core.reportparse.parse_report`` (through ``resultat/imports/sources.py``):
about 3 s of CPU for the 2025 edition, the same every time. The import tests, the
edition fixtures of tests/factories.py (``load_example()``) and the proof-reading and
initiative tests import the same text again and again; this plugin hands the import the
result of the first parse of the same text, year, structure and source. The parser's
output is frozen dataclasses (``resultat/core/reportparse/model.py``), so sharing it is
safe. The parser tests (tests/core/reportparse) call ``parse_report`` directly and
always parse; only the import's own name is wrapped. A failing parse is not kept.

``RESULTAT_TEST_PARSE_CACHE=0`` turns it off (every import parses), like
``RESULTAT_TEST_SNAPSHOTS=0`` for the replayed rows (docs/testing.md).
"""

from __future__ import annotations

import json
import os

import pytest

ENABLED = os.environ.get("RESULTAT_TEST_PARSE_CACHE", "1").strip().lower() not in {"0", "false", "no", "off"}
STATS = {"parsed": 0, "reused": 0}
_CACHE: dict[tuple, object] = {}


def once(parse):
    """``parse`` (``parse_report``'s signature) remembering its results by input."""

    def parse_report(text: str, *, year: int, structure: dict, source: str = ""):
        key = (text, year, json.dumps(structure, sort_keys=True, default=str), source)
        if key in _CACHE:
            STATS["reused"] += 1
            return _CACHE[key]
        report = parse(text, year=year, structure=structure, source=source)
        STATS["parsed"] += 1
        _CACHE[key] = report
        return report

    parse_report.__wrapped__ = parse
    return parse_report


@pytest.fixture(autouse=True, scope="session")
def _parse_each_report_once():
    if not ENABLED:
        yield
        return
    from resultat.imports import sources

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sources, "parse_report", once(sources.parse_report))
        yield
