"""Fixtures of the report tests: the 2025 edition imported from its OCR text."""

from pathlib import Path

import pytest

from resultat.followup import loaders
from resultat.followup.demo import data_dir
from resultat.followup.models import Cycle
from resultat.imports import services as import_services
from tests.plugins.snapshots import replay

REPORT = Path(__file__).resolve().parents[2] / "data" / "reports" / "vasterbotten" / "resultat-vasterbotten-2025.ocr.txt"


@pytest.fixture
def imported(vasterbotten):  # noqa: F811
    def build():
        loaders.load_question_set(data_dir() / "questions-default.yaml")
        import_services.import_report(REPORT, year=2025)
        return Cycle.objects.get(year=2025)

    return replay("report_2025", build)
