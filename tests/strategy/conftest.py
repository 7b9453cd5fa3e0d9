from pathlib import Path

import pytest

from resultat.reference import services as reference_services

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "strategies"
DATA = Path(__file__).resolve().parents[2] / "data" / "strategies" / "vasterbotten"
OLD_VERSION = DATA / "rus-2020-2030-uppfoljning-2025.yaml"
NEW_VERSION = DATA / "rus-2020-2030-aktualisering-2025-26.yaml"


@pytest.fixture
def reference(db):
    reference_services.load_all()


@pytest.fixture
def example_file():
    return FIXTURES / "exempel.yaml"


@pytest.fixture
def vasterbotten(reference):
    from resultat.strategy.services import load_strategy_file

    load_strategy_file(OLD_VERSION)
    return load_strategy_file(NEW_VERSION).version
