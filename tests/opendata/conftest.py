"""The imported 2025 edition (a published cycle), loaded once per module into the
test database and removed again afterwards (flush), plus one unpublished draft so
every test can check that drafts never leak."""

from pathlib import Path

import pytest
from django.core.management import call_command

DATA = Path(__file__).resolve().parents[2] / "data"
REPORT = DATA / "reports" / "vasterbotten" / "resultat-vasterbotten-2025.ocr.txt"
SECRET = "HEMLIGT UTKAST 7f3a"


def load_published_edition():
    from resultat.followup.demo import load_setup_data
    from resultat.followup.models import Contribution, Cycle
    from resultat.imports.services import import_report
    from resultat.reference import services as reference_services
    from resultat.strategy.models import StrategyVersion
    from resultat.strategy.services import load_strategy_file
    from tests.strategy.conftest import NEW_VERSION, OLD_VERSION

    reference_services.load_all()
    load_strategy_file(OLD_VERSION)
    load_strategy_file(NEW_VERSION)
    question_set = load_setup_data()
    import_report(REPORT, year=2025)
    # An open 2026 cycle with a draft, and one 2025 text taken back to "approved":
    # neither may appear anywhere public.
    published = Contribution.objects.filter(cycle__year=2025).select_related("area", "chapter", "question").first()
    cycle = Cycle.objects.create(year=2026, version=StrategyVersion.objects.get(code="aktualisering-2025-26"), question_set=question_set, state=Cycle.State.OPEN)
    Contribution.objects.create(
        cycle=cycle, area=published.area, chapter=cycle.version.chapters.get(code=published.chapter.code) if cycle.version.chapters.filter(code=published.chapter.code).exists() else published.chapter,
        question=published.question, body=f"<p>{SECRET}</p>", state=Contribution.State.DRAFT,
    )
    unpublished = Contribution.objects.filter(cycle__year=2025).order_by("-id").first()
    unpublished.body = f"<p>{SECRET} (godkänd men inte publicerad)</p>"
    unpublished.state = Contribution.State.APPROVED
    unpublished.save()
    load_indicators()


OVERRIDE_NOTE = "Analytikerns motivering: ny statistik väntas (test)."


def load_indicators():
    """The default indicator set with its demo snapshot (synthetic values plus the
    real seed figures) and one analyst override, as `resultat demo setup` gives."""
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from resultat.indicators import services as indicator_services
    from resultat.indicators.models import AssessmentOverride, Indicator

    sets = Path(settings.DATA_DIR) / "indicators" / "vasterbotten"
    indicator_services.load_indicator_sets(sorted(sets.glob("*.yaml")))
    indicator_services.demo_snapshot()
    analyst = get_user_model().objects.create_user(username="analys-od", password="x" * 16, first_name="Olle")
    AssessmentOverride.objects.create(
        indicator=Indicator.objects.get(source="kolada", external_id="N00401"), status="limited_progress",
        justification=OVERRIDE_NOTE, created_by=analyst,
    )


@pytest.fixture(scope="module")
def edition(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_published_edition()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def published(edition, db):
    return None
