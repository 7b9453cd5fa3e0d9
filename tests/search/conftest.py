"""The 2025 edition plus the 2026 demo cycle, loaded once for the search tests
(package scope, committed outside the per-test transactions, flushed afterwards so
other test packages start from an empty database)."""

import pytest

from tests.factories import committed_edition, load_edition

edition = committed_edition(load_edition)


@pytest.fixture
def users(edition, db):
    from resultat.accounts.models import User

    return {u.username: u for u in User.objects.all()}
