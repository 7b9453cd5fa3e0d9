"""The learning pages read the 2025 edition plus the 2026 demo cycle, as search does."""

import pytest

from tests.factories import committed_edition, load_edition

edition = committed_edition(load_edition)


@pytest.fixture
def users(edition, db):
    from resultat.accounts.models import User

    return {u.username: u for u in User.objects.all()}
