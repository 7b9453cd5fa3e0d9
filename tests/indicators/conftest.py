import json
import shutil
from pathlib import Path

import pytest

from resultat.indicators import services
from tests.factories import INDICATOR_SETS
from tests.plugins.snapshots import replay

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SETS = INDICATOR_SETS
KOLADA = "https://api.kolada.se/v3"


@pytest.fixture
def indicator_sets(vasterbotten):
    def build():
        services.load_indicator_sets(sorted(SETS.glob("*.yaml")))

    replay("indicator_sets", build)


@pytest.fixture
def demo(indicator_sets):
    def build():
        services.demo_snapshot()

    replay("indicator_demo", build)


def replay_dir(tmp_path: Path, entries: list[dict], files: tuple[str, ...] = ()) -> Path:
    for name in files:
        source = FIXTURES / ("scb" if name.startswith(("TAB", "config")) else "kolada") / name
        shutil.copy(source, tmp_path / name)
    (tmp_path / "manifest.json").write_text(json.dumps({"responses": entries}, ensure_ascii=False), encoding="utf-8")
    return tmp_path


DATA_URL = f"{KOLADA}/data/kpi/N01951/municipality/0024,2480?per_page=5000"
PAGE2_URL = f"{KOLADA}/data/kpi/N01951/municipality/0024,2480/year/2021,2022,2023?page=2&per_page=3"


def kolada_entries(*, page2_status: int = 200, first_status: int | None = None) -> list[dict]:
    entries = [{"url": f"{KOLADA}/kpi/N01951?per_page=5000", "file": "kpi_N01951.json"}]
    if first_status:
        entries.append({"url": DATA_URL, "status": first_status, "headers": {"Retry-After": "0"}, "text": "upptaget"})
    entries.append({"url": DATA_URL, "file": "data_N01951_p1.json"})
    if page2_status != 200:
        entries.append({"url": PAGE2_URL, "status": page2_status, "text": "serverfel"})
    else:
        entries.append({"url": PAGE2_URL, "file": "data_N01951_p2.json"})
    return entries


KOLADA_FILES = ("kpi_N01951.json", "data_N01951_p1.json", "data_N01951_p2.json")
