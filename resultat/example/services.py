"""Loading the shipped example: Region Västerbotten's strategy, follow-up structure,
the 2025 edition of Resultat and the indicator sets.

``load_example()`` loads only real, published material and is what a production
installation uses (docs/deploy.md). ``load_synthetic_demo()`` adds the synthetic demo
values (indicator observations, funding decisions) that ``make run`` shows, each labelled
"Syntetiska demovärden"; it is never part of a production installation.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

Say = Callable[[str], None]

STRATEGY_FILES = ("rus-2020-2030-uppfoljning-2025.yaml", "rus-2020-2030-aktualisering-2025-26.yaml")
REPORT_2025 = Path("reports") / "vasterbotten" / "resultat-vasterbotten-2025.ocr.txt"


def _quiet(_: str) -> None:
    return None


def load_example(say: Say = _quiet, stdout=None, *, indicators: bool = True) -> None:
    """Reference data, both strategy versions, units and areas, the 2025 edition, indicator sets.

    The one entry point for the example: ``resultat example load`` and ``make run``
    (``resultat demo setup``), the benchmarks (bench/report.py) and the test fixtures
    (tests/factories.py, recorded once per test process and replayed) all call it.
    ``indicators=False`` leaves out the indicator sets (tests of the edition alone).
    Idempotent: every step leaves what is already there unchanged.
    """
    from resultat.accounts.services import ensure_roles
    from resultat.followup import demo as followup_demo
    from resultat.followup.models import Cycle
    from resultat.imports import services as imports

    ensure_roles()
    call_command("reference", "load", stdout=stdout)
    strategies = Path(settings.DATA_DIR) / "strategies" / "vasterbotten"
    call_command("strategy", "load", *(str(strategies / name) for name in STRATEGY_FILES), stdout=stdout)
    followup_demo.load_setup_data()
    say("Verksamheter, strategiska områden och de åtta frågorna inlästa.")
    if not Cycle.objects.filter(year=2025).exists():
        result = imports.import_report(Path(settings.DATA_DIR) / REPORT_2025, year=2025)
        say(f"Resultat Västerbotten 2025 importerad: {result.totals['bidrag skapade']} bidrag ({result.seconds:.1f} s).")
    if indicators:
        call_command("indicators", "load-sets", stdout=stdout)


def load_synthetic_demo(say: Say = _quiet, stdout=None) -> None:
    """The synthetic demo values of ``make run`` (development only), labelled as such."""
    from resultat.initiatives import demo as initiatives_demo

    call_command("indicators", "demo", stdout=stdout)
    written = initiatives_demo.load()
    say(f"Syntetiska demovärden: {written.get('beslut nya', 0)} nya finansieringsbeslut för den årliga sammanställningen.")
