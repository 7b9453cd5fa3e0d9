"""Importing the 2025 edition: dry run, atomicity, idempotency, provenance."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from resultat.followup import loaders
from resultat.followup.demo import data_dir
from resultat.followup.models import (
    Contribution,
    ContributionItem,
    Cycle,
    StandingArena,
    StrategicArea,
)
from resultat.imports import services
from tests.plugins.snapshots import replay

REPORT = Path(__file__).resolve().parents[2] / "data" / "reports" / "vasterbotten" / "resultat-vasterbotten-2025.ocr.txt"
from resultat.initiatives.models import Initiative  # noqa: E402

MODELS = [Cycle, Contribution, ContributionItem, StandingArena, StrategicArea, Initiative]


def counts():
    return {m.__name__: m.objects.count() for m in MODELS}


@pytest.fixture
def ready(vasterbotten):
    # Replayed too: on PostgreSQL a real load here would take new keys from the
    # sequences (a rollback does not give them back), so the import's replay below,
    # whose rows point at these questions, would never match and would import again.
    replay("question-set", _load_question_set)


def _load_question_set() -> None:
    loaders.load_question_set(data_dir() / "questions-default.yaml")


def _import_2025() -> None:
    services.import_report(REPORT, year=2025)


@pytest.fixture
def imported(ready):
    """The 2025 edition imported: for real the first time in a process, replayed as rows
    after that (tests/plugins/snapshots.py); the tests that import call import_report."""
    replay("imported-2025", _import_2025)


def test_dry_run_writes_nothing_and_says_what_it_would_do(ready):
    before = counts()
    result = services.import_report(REPORT, year=2025, dry_run=True)
    assert counts() == before
    assert result.dry_run and set(result.per_chapter) == {"p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "ru"}
    assert result.totals["bidrag skapade"] > 150


def test_the_whole_edition_is_imported_and_published(imported):
    cycle = Cycle.objects.get(year=2025)
    assert cycle.state == Cycle.State.PUBLISHED and cycle.version.code == "uppfoljning-2025"
    contributions = cycle.contributions.select_related("chapter", "area", "question")
    assert {c.chapter.code for c in contributions} == {"p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "ru"}
    assert contributions.values("area").distinct().count() == 22
    for chapter in ("p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "ru"):
        assert contributions.filter(chapter__code=chapter).values("question").distinct().count() == 8, chapter
    assert set(contributions.values_list("state", flat=True)) == {Contribution.State.PUBLISHED}
    bodies = " ".join(contributions.values_list("body", flat=True))
    assert "Västerbotten" in bodies and "länet" in bodies and "Vasterbotten" not in bodies
    assert ContributionItem.objects.filter(kind="sdg", contribution__cycle=cycle).exists()
    assert ContributionItem.objects.filter(kind="initiative", contribution__cycle=cycle).exists()
    assert StandingArena.objects.exists()


def test_every_contribution_keeps_its_source(imported):
    lines = REPORT.read_text(encoding="utf-8").splitlines()
    for c in Contribution.objects.filter(cycle__year=2025):
        assert c.source_file == REPORT.name
        assert 1 <= c.source_first_line <= c.source_last_line <= len(lines)
        assert c.source_text.strip()
        first_source_line = next(line for line in c.source_text.splitlines() if line.strip())
        assert first_source_line in lines[c.source_first_line - 1 : c.source_last_line]


def test_reimport_duplicates_nothing(imported):
    before = counts()
    revisions = list(Contribution.objects.order_by("pk").values_list("pk", "revision"))
    again = services.import_report(REPORT, year=2025)
    assert counts() == before
    assert list(Contribution.objects.order_by("pk").values_list("pk", "revision")) == revisions
    assert again.totals["bidrag skapade"] == 0 and again.totals["bidrag oförändrade"] > 150


def test_failure_half_way_leaves_the_database_as_it_was(ready, monkeypatch):
    before = counts()
    calls = {"n": 0}
    original = ContributionItem.objects.bulk_create

    def fail_later(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 40:
            raise RuntimeError("disken tog slut")
        return original(*args, **kwargs)

    monkeypatch.setattr(ContributionItem.objects, "bulk_create", fail_later)
    with pytest.raises(RuntimeError):
        services.import_report(REPORT, year=2025)
    assert counts() == before


def test_public_pages_show_the_imported_year(imported, client):
    html = client.get("/resultat/2025/hela-aret/").content.decode()
    assert "Digitalisering" in html and "Omvärldsanalys" in html


def test_cli_dry_run_and_errors(ready, capsys):
    call_command("import", "report", str(REPORT), "--year", "2025", "--dry-run")
    out = capsys.readouterr().out
    assert "Provkörning" in out and "p-1" in out
    assert not Cycle.objects.exists()
    with pytest.raises(CommandError, match="finns inte"):
        call_command("import", "report", "/nonexistent.txt", "--year", "2025")
    with pytest.raises(CommandError, match="inte inläst"):
        call_command("import", "report", str(REPORT), "--year", "2025", "--strategy-version", "okand")


def test_one_initiative_record_per_named_initiative_linked_to_its_areas(imported):
    """The register comes from the whole report (resultat/core/reportparse/initiatives.py):
    far more records than "Ett urval" items, every confirmed one linked to the
    contributions that mention it, uncertain ones waiting for review, and a re-import
    matches every record again (no duplicates, nothing changed)."""
    from resultat.initiatives.models import Initiative

    items = ContributionItem.objects.filter(kind="initiative", contribution__cycle__year=2025).select_related("initiative", "contribution__area")
    assert items.exists()
    linked = [i for i in items if i.initiative_id]
    # An "Ett urval" item whose heading describes work rather than naming an initiative
    # ("Lokal strategisk planering") waits for an analyst as a candidate of the same name;
    # every other item is linked to its confirmed record.
    waiting = set(Initiative.objects.filter(review_status=Initiative.Review.NEEDS_REVIEW).values_list("name", flat=True))
    assert [i.title for i in items if not i.initiative_id and i.title not in waiting] == []
    assert len(linked) >= 0.7 * items.count()
    confirmed = Initiative.objects.filter(review_status=Initiative.Review.CONFIRMED)
    assert confirmed.count() > 3 * items.count()
    assert Initiative.objects.filter(review_status=Initiative.Review.NEEDS_REVIEW).exists()
    assert {"network", "project", "event", "strategy"} <= set(confirmed.values_list("kind", flat=True))
    assert confirmed.filter(run_by_region=True).exists() and confirmed.filter(run_by_region=False).exists()
    for item in linked:
        assert item.contribution.area in item.initiative.areas.all()
        assert item.initiative.source.startswith(REPORT.name)
        assert item.contribution in item.initiative.mentioned_in.all()
    din = Initiative.objects.get(acronym="DIN")  # named in BID, SAM and INS of P1: one record, several contributions
    assert din.mentioned_in.count() >= 2
    before = {i.pk: (i.code, i.name, i.kind, i.review_status) for i in Initiative.objects.all()}
    links = Contribution.mentioned_initiatives.through.objects.count()
    services.import_report(REPORT, year=2025)
    assert {i.pk: (i.code, i.name, i.kind, i.review_status) for i in Initiative.objects.all()} == before
    assert Contribution.mentioned_initiatives.through.objects.count() == links


def test_a_rejected_candidate_stays_rejected_after_reimport(imported):
    from resultat.accounts.models import Role
    from resultat.initiatives.models import Initiative
    from tests.factories import make_user

    analyst = make_user("anna", Role.ANALYST)

    from resultat.initiatives.services import review_candidate

    candidate = Initiative.objects.filter(review_status=Initiative.Review.NEEDS_REVIEW, mentioned_in__isnull=False).order_by("pk").first()
    review_candidate(candidate, user=analyst, confirm=False)
    count = Initiative.objects.count()
    services.import_report(REPORT, year=2025)
    candidate.refresh_from_db()
    assert candidate.review_status == Initiative.Review.REJECTED
    assert not candidate.mentioned_in.exists() and not candidate.mentions.exists()
    assert Initiative.objects.count() == count
