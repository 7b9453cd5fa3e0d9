import pytest

from resultat.initiatives.models import FundingProgramme, FundingSource
from resultat.initiatives.programmes import seed_programmes


@pytest.fixture
def programmes(db):
    # Seeded by a data migration; seeded again because transactional tests flush tables.
    seed_programmes(FundingSource, FundingProgramme)


@pytest.fixture
def register(vasterbotten, programmes):
    return vasterbotten
