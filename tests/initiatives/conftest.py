import pytest

from resultat.initiatives.models import FundingProgramme, FundingSource
from resultat.initiatives.programmes import seed_programmes
from tests.followup.conftest import people, structure  # noqa: F401  (fixtures)
from tests.strategy.conftest import reference, vasterbotten  # noqa: F401  (fixtures)


@pytest.fixture
def programmes(db):
    # Seeded by a data migration; seeded again because transactional tests flush tables.
    seed_programmes(FundingSource, FundingProgramme)


@pytest.fixture
def register(vasterbotten, programmes):
    return vasterbotten
