from datetime import date

import pytest
from django.contrib.auth.models import Group

from resultat.accounts.models import Role, User
from resultat.followup import loaders, services
from resultat.followup.demo import data_dir
from resultat.followup.models import Contribution, StrategicArea, Unit
from resultat.strategy.models import StrategyVersion
from tests.strategy.conftest import reference, vasterbotten  # noqa: F401  (fixtures)


def make_user(username: str, *roles: str) -> User:
    user = User.objects.create_user(username=username, password="x" * 16, email=f"{username}@example.invalid", first_name=username.title())
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def structure(vasterbotten):
    qs = loaders.load_question_set(data_dir() / "questions-default.yaml")
    loaders.load_structure(data_dir() / "vasterbotten" / "structure-2025.yaml")
    return qs


@pytest.fixture
def people(structure):
    digital = StrategicArea.objects.get(code="a-digitalisering")
    unit_a = digital.units.first()
    unit_b = Unit.objects.exclude(pk=unit_a.pk).exclude(areas=digital).first()
    users = {
        "analyst": make_user("anna", Role.ANALYST),
        "editor_a": make_user("ebba", Role.EDITOR),
        "editor_a2": make_user("erik", Role.EDITOR),
        "editor_b": make_user("bo", Role.EDITOR),
        "reviewer": make_user("greta", Role.REVIEWER),
        "other_reviewer": make_user("gustav", Role.REVIEWER),
        "admin": make_user("ada", Role.ADMINISTRATOR),
    }
    unit_a.editors.add(users["editor_a"], users["editor_a2"])
    unit_b.editors.add(users["editor_b"])
    users["unit_a"], users["unit_b"], users["area"] = unit_a, unit_b, digital
    return users


@pytest.fixture
def cycle(structure, people):
    version = StrategyVersion.objects.get(code="aktualisering-2025-26")
    return services.open_cycle(
        year=2026, version=version, question_set=structure, actor=people["analyst"], reviewers=[people["reviewer"]],
        deadlines={"submit_by": date(2027, 1, 31)},
    )


@pytest.fixture
def contribution(cycle, people):
    return Contribution.objects.get(cycle=cycle, area=people["area"], question__code="omvarldsanalys")
