"""The imported 2025 edition (a published cycle), loaded once per module into the
test database and removed again afterwards (flush), plus one unpublished draft so
every test can check that drafts never leak."""

import pytest
from django.core.management import call_command

from tests.factories import OVERRIDE_NOTE, SECRET, load_indicators, load_published_edition  # noqa: F401  (used by this package's tests)


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
