"""Shared test data builders: the real strategy, the follow-up structure, users and a cycle.

A pytest plugin (named in tests/conftest.py), so every test package gets these fixtures
without importing another package's conftest. Package conftests keep only what is
theirs alone.
"""

import io
import itertools
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from resultat.accounts.models import Role, User
from resultat.reference import services as reference_services
from tests.plugins.snapshots import replay

REPORT_2025 = Path(__file__).resolve().parents[1] / "data" / "reports" / "vasterbotten" / "resultat-vasterbotten-2025.ocr.txt"
INDICATOR_SETS = Path(__file__).resolve().parents[1] / "data" / "indicators" / "vasterbotten"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "strategies"
DATA = Path(__file__).resolve().parents[1] / "data" / "strategies" / "vasterbotten"
OLD_VERSION = DATA / "rus-2020-2030-uppfoljning-2025.yaml"
NEW_VERSION = DATA / "rus-2020-2030-aktualisering-2025-26.yaml"


# Every loader below runs for real once per test process and starting state; later
# tests get the same rows replayed (tests/plugins/snapshots.py, docs/testing.md).


@pytest.fixture
def reference(db):
    def build():
        reference_services.load_all()

    replay("reference", build)


@pytest.fixture
def example_file():
    return FIXTURES / "exempel.yaml"


@pytest.fixture
def vasterbotten(reference):
    from resultat.strategy.services import load_strategy_file

    def build():
        load_strategy_file(OLD_VERSION)
        return load_strategy_file(NEW_VERSION).version

    return replay("vasterbotten", build)


TEST_PASSWORD = "x" * 16  # every user make_user creates has it


def make_user(username: str, *roles: str) -> User:
    user = User.objects.create_user(username=username, password=TEST_PASSWORD, email=f"{username}@example.invalid", first_name=username.title())
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    return user


PEOPLE = {"analyst": ("anna", Role.ANALYST), "editor": ("ebba", Role.EDITOR), "reviewer": ("greta", Role.REVIEWER)}


def load_followup_base(*people: str):
    """Load for real, in one go: the reference data, both strategy versions (the
    2025-26 update current), the default question set and the 2025 follow-up structure;
    then make the ``people`` named (of ``PEOPLE``, in the order given: "analyst" anna,
    "editor" ebba, "reviewer" greta), the editor writing for the first unit of
    Digitalisering (a-digitalisering). Returns (question set, {role: user}).

    For a test's own starting state (a transactional test, a ``replay`` build, the
    security scenario); the fixtures ``reference``, ``vasterbotten`` and ``structure``
    load the same in three replayed layers."""
    from resultat.followup import loaders
    from resultat.followup.demo import data_dir
    from resultat.followup.models import StrategicArea
    from resultat.strategy.services import load_strategy_file

    reference_services.load_all()
    load_strategy_file(OLD_VERSION)
    load_strategy_file(NEW_VERSION)
    question_set = loaders.load_question_set(data_dir() / "questions-default.yaml")
    loaders.load_structure(data_dir() / "vasterbotten" / "structure-2025.yaml")
    users = {role: make_user(*PEOPLE[role]) for role in people}
    if "editor" in users:
        StrategicArea.objects.get(code="a-digitalisering").units.first().editors.add(users["editor"])
    return question_set, users


@pytest.fixture
def structure(vasterbotten):
    from resultat.followup import loaders
    from resultat.followup.demo import data_dir

    def build():
        qs = loaders.load_question_set(data_dir() / "questions-default.yaml")
        loaders.load_structure(data_dir() / "vasterbotten" / "structure-2025.yaml")
        return qs

    return replay("structure", build)


@pytest.fixture
def people(structure):
    from resultat.followup.models import StrategicArea, Unit

    return replay("people", lambda: _make_people(StrategicArea, Unit))


def _make_people(StrategicArea, Unit):
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
    from resultat.followup import services
    from resultat.strategy.models import StrategyVersion

    def build():
        version = StrategyVersion.objects.get(code="aktualisering-2025-26")
        return services.open_cycle(
            year=2026, version=version, question_set=structure, actor=people["analyst"], reviewers=[people["reviewer"]],
            deadlines={"submit_by": date(2027, 1, 31)},
        )

    return replay("cycle", build)


@pytest.fixture
def contribution(cycle, people):
    from resultat.followup.models import Contribution

    return Contribution.objects.get(cycle=cycle, area=people["area"], question__code="omvarldsanalys")


# --- Whole editions, loaded once per package or module -----------------------------


def load_example(indicators: bool = True) -> None:
    """The composition root's ``load_example()`` (resultat/example/services.py), the same
    call ``make run`` and the benchmarks make; its output is discarded."""
    from resultat.example.services import load_example as load

    load(stdout=io.StringIO(), indicators=indicators)


def load_edition(demo_cycle: bool = True) -> None:
    """The example without its indicator sets (``load_example(indicators=False)``: the
    2025 edition), the demo users and (by default) the 2026 demo cycle, as ``make run``
    adds them."""
    replay(f"edition:{demo_cycle}", lambda: _load_edition(demo_cycle))


def _load_edition(demo_cycle: bool) -> None:
    from resultat.accounts.services import create_demo_users
    from resultat.followup import demo

    load_example(indicators=False)
    create_demo_users()
    if demo_cycle:
        demo.setup()


def committed_edition(loader, scope: str = "package"):
    """A fixture that runs ``loader`` once, committed outside the per-test transactions,
    and flushes the database afterwards so other packages start from an empty one."""

    @pytest.fixture(scope=scope)
    def edition(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            loader()
        yield
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)

    return edition


# The published 2025 edition with an unpublished draft beside it (open-data tests).
SECRET = "HEMLIGT UTKAST 7f3a"
OVERRIDE_NOTE = "Analytikerns motivering: ny statistik väntas (test)."


def load_published_edition():
    """The 2025 edition published, a 2026 draft and an approved-only text beside it
    (neither may appear anywhere public), and the indicators."""
    replay("published_edition", _load_published_edition)


def _load_published_edition():
    from resultat.followup.models import Contribution, Cycle, QuestionSet
    from resultat.strategy.models import StrategyVersion

    load_example()  # the 2025 edition and the indicator sets
    question_set = QuestionSet.objects.order_by("-id").first()
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
    _indicator_demo()


def load_indicators():
    """The default indicator set with its demo snapshot (synthetic values plus the
    real seed figures) and one analyst override, as `resultat demo setup` gives."""
    replay("indicators", _load_indicators)


def _load_indicators():
    from django.conf import settings

    from resultat.indicators import services as indicator_services

    sets = Path(settings.DATA_DIR) / "indicators" / "vasterbotten"
    indicator_services.load_indicator_sets(sorted(sets.glob("*.yaml")))
    _indicator_demo()


def _indicator_demo():
    """The demo snapshot of the loaded indicators and one analyst override."""
    from django.contrib.auth import get_user_model

    from resultat.indicators import services as indicator_services
    from resultat.indicators.models import AssessmentOverride, Indicator

    indicator_services.demo_snapshot()
    analyst = get_user_model().objects.create_user(username="analys-od", password="x" * 16, first_name="Olle")
    AssessmentOverride.objects.create(
        indicator=Indicator.objects.get(source="kolada", external_id="N00401"), status="limited_progress",
        justification=OVERRIDE_NOTE, created_by=analyst,
    )


# --- SCB answers ----------------------------------------------------------------------


def subset_jsonstat(full: dict[str, Any], selection: dict[str, list[str]]) -> dict[str, Any]:
    """Answer a PxWebApi data request from a stored full JSON-stat response.

    Keeps, per dimension, the selected codes (in table order), recomputes
    ``size`` and ``value``.  Dimensions not selected must have one category.
    """
    ids = full["id"]
    keep: list[list[str]] = []
    for dim_id in ids:
        index = full["dimension"][dim_id]["category"]["index"]
        codes = sorted(index, key=index.get) if isinstance(index, dict) else list(index)
        wanted = selection.get(dim_id, codes)
        keep.append([c for c in codes if c in set(wanted)])
    sizes = full["size"]
    strides = [1] * len(sizes)
    for i in range(len(sizes) - 2, -1, -1):
        strides[i] = strides[i + 1] * sizes[i + 1]
    positions = []
    for dim_id, codes in zip(ids, keep):
        index = full["dimension"][dim_id]["category"]["index"]
        order = sorted(index, key=index.get) if isinstance(index, dict) else list(index)
        positions.append([order.index(c) for c in codes])
    values = [
        full["value"][sum(p * s for p, s in zip(combo, strides))]
        for combo in itertools.product(*positions)
    ]
    out = json.loads(json.dumps(full))
    out["size"] = [len(k) for k in keep]
    out["value"] = values
    for dim_id, codes in zip(ids, keep):
        cat = out["dimension"][dim_id]["category"]
        cat["index"] = {c: i for i, c in enumerate(codes)}
        cat["label"] = {c: cat["label"][c] for c in codes}
        if "unit" in cat:
            cat["unit"] = {c: u for c, u in cat["unit"].items() if c in codes}
    return out
