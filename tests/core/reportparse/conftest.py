"""Fixtures for the report parser tests: the 2025 seed, its structure file, the full parse.

The seed is read from ``shared/seeds/resultat-vasterbotten-2025.ocr.txt``: the directory
``RESULTAT_SHARED_DIR`` when set, otherwise ``shared/`` next to the repository (found from
this file: ``parents[3]/shared``, or one level up, ``parents[4]/shared``, where the
workspace keeps it). A missing seed fails the tests with a message; it is never skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from resultat.core.reportparse import parse_report

REPO = Path(__file__).resolve().parents[3]
SEED_NAME = "resultat-vasterbotten-2025.ocr.txt"
STRUCTURE = REPO / "data" / "followup" / "vasterbotten" / "structure-2025.yaml"


def shared_dir() -> Path:
    env = os.environ.get("RESULTAT_SHARED_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for candidate in (here.parents[3] / "shared", here.parents[4] / "shared"):
        if candidate.is_dir():
            return candidate
    return here.parents[3] / "shared"


def seed_path() -> Path:
    return shared_dir() / "seeds" / SEED_NAME


@pytest.fixture(scope="session")
def seed_text() -> str:
    path = seed_path()
    if not path.is_file():
        pytest.fail(
            f"The 2025 report seed is missing: {path}. Set RESULTAT_SHARED_DIR to the directory "
            "that holds seeds/resultat-vasterbotten-2025.ocr.txt.",
            pytrace=False,
        )
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_lines(seed_text) -> list[str]:
    return seed_text.split("\n")


@pytest.fixture(scope="session")
def structure() -> dict:
    return yaml.safe_load(STRUCTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def report(seed_text, structure):
    return parse_report(seed_text, year=2025, structure=structure, source=SEED_NAME)


def excerpt(lines: list[str], first: int, last: int) -> str:
    """Seed lines ``first``–``last`` (1-based, inclusive) as a text of their own."""
    return "\n".join(lines[first - 1 : last])
