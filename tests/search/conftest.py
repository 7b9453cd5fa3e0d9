"""The 2025 edition plus the 2026 demo cycle, loaded once for the search tests
(package scope, committed outside the per-test transactions, flushed afterwards so
other test packages start from an empty database)."""

from pathlib import Path

import pytest
from django.core.management import call_command

REPORT = Path(__file__).resolve().parents[2] / "data" / "reports" / "vasterbotten" / "resultat-vasterbotten-2025.ocr.txt"


def load_edition(demo_cycle: bool = True) -> None:
    from resultat.accounts.services import create_demo_users, ensure_roles
    from resultat.followup import demo
    from resultat.imports import services as imports
    from resultat.reference import services as reference_services
    from resultat.strategy.services import load_strategy_file
    from tests.strategy.conftest import NEW_VERSION, OLD_VERSION

    ensure_roles()
    reference_services.load_all()
    load_strategy_file(OLD_VERSION)
    load_strategy_file(NEW_VERSION)
    create_demo_users()
    demo.load_setup_data()
    imports.import_report(REPORT, year=2025)
    if demo_cycle:
        demo.setup()


@pytest.fixture(scope="package")
def edition(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_edition()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def users(edition, db):
    from resultat.accounts.models import User

    return {u.username: u for u in User.objects.all()}
