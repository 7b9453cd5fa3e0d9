"""Regression tests: granted totals under many-valued filters, max_length checks in the
import, confirming a batch twice, and the compilation CSV header."""

import csv
import io
from decimal import Decimal

import pytest

from resultat.core.tabular.writer import write_csv
from resultat.initiatives import demo, importing, selectors
from resultat.initiatives.models import (
    FundingDecision,
    FundingProgramme,
    ImportBatch,
    Initiative,
    SdgImpact,
)
from resultat.reference.models import SdgGoal

pytestmark = pytest.mark.django_db

HEADERS = ["Beslut-id", "Beslutsdatum", "Program", "Beviljat belopp (kr)", "Insats-id", "Insatsnamn", "Förkortning", "EU-projekt-id", "Diarienummer"]


def test_granted_not_multiplied_by_joined_rows(register):
    init = Initiative.objects.create(code="smart", name="Smart")
    goal = SdgGoal.objects.get(number=8)
    SdgImpact.objects.create(initiative=init, goal=goal, direction="positive", justification="a")
    SdgImpact.objects.create(initiative=init, goal=goal, direction="negative", justification="b")
    esf = FundingProgramme.objects.get(code="esf-plus")
    FundingDecision.objects.create(external_id="D1", initiative=init, programme=esf, decision_date="2025-05-01", granted_amount=Decimal(1000))
    FundingDecision.objects.create(external_id="D2", initiative=init, programme=esf, decision_date="2025-06-01", granted_amount=Decimal(500))
    for params in ({}, {"sdg": "8"}, {"sdg": "8", "year": "2025", "programme": "esf-plus"}):
        qs, _f = selectors.filter_initiatives(params)
        assert [(i.pk, i.granted) for i in qs] == [(init.pk, Decimal(1500))], params


def test_granted_none_without_decisions_and_ordering(register):
    Initiative.objects.create(code="b", name="B")
    Initiative.objects.create(code="a", name="A")
    qs, _f = selectors.filter_initiatives({})
    assert [(i.name, i.granted) for i in qs] == [("A", None), ("B", None)]


@pytest.mark.parametrize("column,value,limit", [
    ("Beslut-id", "B" * 81, 80),
    ("Insats-id", "I" * 81, 80),
    ("Förkortning", "F" * 41, 40),
    ("EU-projekt-id", "E" * 61, 60),
    ("Diarienummer", "D" * 61, 60),
    ("Insatsnamn", "N " * 150 + "x", 300),
])
def test_too_long_values_are_cell_errors(register, column, value, limit):
    row = dict(zip(HEADERS, ["A1", "2025-01-01", "ESF+", "1 000", "P-1", "Projekt", "", "", ""]))
    row[column] = value
    preview = importing.plan_import(write_csv(HEADERS, [[row[h] for h in HEADERS]]), "x.csv")
    assert (2, column, f"högst {limit} tecken (värdet har {len(value)})") in [(e.row, e.column, e.message) for e in preview.errors]
    assert not preview.ok


def test_values_at_the_limit_are_kept_whole(register):
    row = ["B" * 80, "2025-01-01", "ESF+", "1 000", "I" * 80, "N" * 300, "F" * 40, "E" * 60, "D" * 60]
    result = importing.import_file(write_csv(HEADERS, [row]), "x.csv")
    assert result.preview.ok, result.preview.errors
    d = FundingDecision.objects.get()
    assert d.external_id == "B" * 80 and d.diarienummer == "D" * 60
    assert (d.initiative.external_id, d.initiative.name, d.initiative.acronym, d.initiative.eu_project_id) == ("I" * 80, "N" * 300, "F" * 40, "E" * 60)


def test_confirm_twice_is_refused(register, people):
    batch, preview = importing.upload(demo.synthetic_file(10, seed=3), "b.xlsx", people["analyst"])
    assert preview.ok
    stale = ImportBatch.objects.get(pk=batch.pk)
    importing.confirm(batch, people["analyst"])
    assert batch.state == ImportBatch.State.IMPORTED
    with pytest.raises(importing.ImportFailed, match="redan importerad"):
        importing.confirm(stale, people["analyst"])
    assert FundingDecision.objects.count() == 10


def test_failed_confirm_keeps_errors(register, people, monkeypatch):
    batch, preview = importing.upload(demo.synthetic_file(5, seed=3), "b.xlsx", people["analyst"])
    assert preview.ok and batch.errors == []
    monkeypatch.setattr(importing, "plan_import", lambda data, filename: importing.Preview(errors=[importing.CellError(3, "Program", "okänt")]))
    with pytest.raises(importing.ImportFailed, match="1 fel"):
        importing.confirm(batch, people["analyst"])
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.PREVIEW and batch.errors == [importing.CellError(3, "Program", "okänt").as_dict()]
    assert FundingDecision.objects.count() == 0


def test_compilation_csv_header_first_with_synthetic_column(register, client):
    demo.load(n=40)
    text = client.get("/insatser/sammanstallning/2025.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Tabell", "Nyckel 1", "Nyckel 2", "Beviljat (kr)", "Syntetisk"]
    assert len(rows) > 1 and all(len(r) == 5 and r[4] == "ja" for r in rows[1:])
    assert {r[0] for r in rows[1:]} >= {"Stödform", "Kommun", "Program"}
