from decimal import Decimal
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from resultat.core.funding.synthetic import generate_decisions
from resultat.core.tabular.writer import write_csv, write_xlsx
from resultat.initiatives import demo, importing, selectors
from resultat.initiatives.models import (
    Company,
    FundingDecision,
    ImportBatch,
    Initiative,
    InitiativeEdit,
    InitiativeSubPriority,
    InriktningAssessment,
)
from resultat.reference.models import Area

pytestmark = pytest.mark.django_db


def _counts():
    return {m.__name__: m.objects.count() for m in (Company, FundingDecision, Initiative, InitiativeEdit, InitiativeSubPriority, InriktningAssessment)}


def _break(data: bytes, edits: dict[tuple[int, str], object]) -> bytes:
    wb = load_workbook(BytesIO(data))
    ws = wb[importing.SHEET]
    headers = [c.value for c in ws[1]]
    for (row, column), value in edits.items():
        ws.cell(row=row, column=headers.index(column) + 1, value=value)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def test_500_decisions_with_bad_rows_then_fixed(register):
    good = demo.synthetic_file(500, seed=7)
    wb = load_workbook(BytesIO(good))
    first_id = wb[importing.SHEET].cell(row=2, column=1).value
    bad = _break(good, {
        (10, "Beviljat belopp (kr)"): "tolv tusen",
        (20, "Beslutsdatum"): "2025-02-30",
        (30, "Program"): "Okänt program",
        (40, "Kommunkod"): "9999",
        (50, "Beslut-id"): first_id,
        (60, "Medfinansieringsgrad (%)"): "150",
    })
    preview = importing.plan_import(bad, "beslut.xlsx")
    assert [(e.row, e.column, e.message) for e in preview.errors] == [
        (10, "Beviljat belopp (kr)", "”tolv tusen” är inte ett tal"),
        (20, "Beslutsdatum", "”2025-02-30” är inget giltigt datum"),
        (30, "Program", "okänt program ”Okänt program” (se listan i mallen)"),
        (40, "Kommunkod", "okänd kommunkod 9999"),
        (50, "Beslut-id", "samma Beslut-id som rad 2"),
        (60, "Medfinansieringsgrad (%)", "ska vara mellan 0 och 100 (procent)"),
    ]
    before = _counts()
    with pytest.raises(importing.ImportFailed):
        importing.apply_import(preview)
    assert _counts() == before

    result = importing.import_file(good, "beslut.xlsx")
    assert result.preview.ok and result.written["beslut nya"] == 500
    assert FundingDecision.objects.count() == 500
    assert FundingDecision.objects.filter(synthetic=True).count() == 500
    # every initiative with a sub-priority has exactly one primary
    for init in Initiative.objects.filter(subpriority_links__isnull=False).distinct():
        assert init.subpriority_links.filter(primary=True).count() == 1


def test_import_is_idempotent(register):
    data = demo.synthetic_file(120, seed=3)
    importing.import_file(data, "a.xlsx")
    snapshot = _counts()
    amounts = sorted(FundingDecision.objects.values_list("external_id", "granted_amount", "decision_date", "municipality_id"))
    revisions = sorted(Initiative.objects.values_list("code", "revision"))
    again = importing.import_file(data, "a.xlsx")
    assert again.written["beslut nya"] == 0 and again.written["beslut ändrade"] == 0 and again.written["insatser ändrade"] == 0
    assert again.preview.counts["beslut: oförändrade"] == 120
    assert _counts() == snapshot
    assert sorted(FundingDecision.objects.values_list("external_id", "granted_amount", "decision_date", "municipality_id")) == amounts
    assert sorted(Initiative.objects.values_list("code", "revision")) == revisions


def test_changed_row_updates_and_leaves_history(register):
    headers, rows = generate_decisions(20, seed=5, **demo.reference_lists())
    importing.import_file(write_xlsx([(importing.SHEET, headers, rows)]), "a.xlsx")
    row = next(r for r in rows if r[headers.index("Insats-id")])
    row[headers.index("Beviljat belopp (kr)")] = "1 234 567,89 kr"
    row[headers.index("Projektägare")] = "Ny ägare AB"
    same_init = [r for r in rows if r[headers.index("Insats-id")] == row[headers.index("Insats-id")]]
    for r in same_init:
        r[headers.index("Projektägare")] = "Ny ägare AB"
    result = importing.import_file(write_csv(headers, rows, encoding="cp1252"), "a.csv")
    assert result.written["beslut ändrade"] == 1
    assert FundingDecision.objects.get(external_id=row[0]).granted_amount == Decimal("1234567.89")
    init = Initiative.objects.get(external_id=row[headers.index("Insats-id")])
    assert init.lead_organisation == "Ny ägare AB" and init.revision == 1
    edit = init.edits.get()
    assert edit.changes["projektägare"][1] == "Ny ägare AB"


@pytest.mark.parametrize("stage", ["companies", "initiatives", "links", "decisions"])
def test_failure_half_way_leaves_database_unchanged(register, monkeypatch, stage):
    importing.import_file(demo.synthetic_file(40, seed=1, prefix="OLD"), "old.xlsx")
    before = _counts()

    def boom(s):
        if s == stage:
            raise RuntimeError("injicerat fel")

    monkeypatch.setattr(importing, "_checkpoint", boom)
    with pytest.raises(RuntimeError):
        importing.import_file(demo.synthetic_file(200, seed=2, prefix="NEW"), "new.xlsx")
    assert _counts() == before


def test_beneficiary_rules(register):
    headers = ["Beslut-id", "Beslutsdatum", "Program", "Beviljat belopp (kr)", "Insatsnamn", "Organisationsnummer", "Företag", "Kommunkod"]
    rows = [
        ["X1", "1 mars 2025", "1:1-anslaget – företagsstöd", "100 000", "", "556036-0793", "Testbolaget AB", "2480"],
        ["X2", "2025-03-01", "1:1-anslaget – företagsstöd", "100 000", "Något projekt", "556036-0793", "", ""],
        ["X3", "2025-03-01", "1:1-anslaget – företagsstöd", "100 000", "", "", "", ""],
        ["X4", "2025-03-01", "1:1-anslaget – företagsstöd", "100 000", "", "556036-0794", "Fel AB", ""],
        ["X5", "2025-03-01", "1:1-anslaget – projektmedel", "N/A", "Ett projekt", "", "", ""],
    ]
    preview = importing.plan_import(write_csv(headers, rows, delimiter=","), "x.csv")
    assert [(e.row, e.column) for e in preview.errors] == [
        (3, "Organisationsnummer"), (4, "Insatsnamn"), (5, "Organisationsnummer"), (6, "Beviljat belopp (kr)"),
    ]
    assert "saknas" in preview.errors[-1].message
    ok = importing.import_file(write_csv(headers, rows[:1]), "x.csv")
    d = FundingDecision.objects.get(external_id="X1")
    assert d.initiative is None and d.company.name == "Testbolaget AB" and d.municipality.name == "Umeå"
    assert ok.preview.ok


def test_missing_and_unknown_columns(register):
    preview = importing.plan_import(write_csv(["Beslut-id", "Belopp"], [["A", "1"]]), "x.csv")
    assert [(e.row, e.column, e.message) for e in preview.errors] == [
        (1, "Beslutsdatum", "obligatorisk kolumn saknas i rubrikraden"),
        (1, "Program", "obligatorisk kolumn saknas i rubrikraden"),
        (1, "Beviljat belopp (kr)", "obligatorisk kolumn saknas i rubrikraden"),
        (1, "Belopp", "okänd kolumn (stavning? se bladet Instruktioner)"),
    ]


def test_compilation_sums_match_independent_computation(register):
    headers, rows = generate_decisions(300, seed=11, **demo.reference_lists())
    importing.import_file(write_xlsx([(importing.SHEET, headers, rows)]), "c.xlsx")

    def amount(text):  # independent of parse_number: strip everything but digits and the decimal comma
        text = str(text).replace("kr", "")
        whole, _, frac = "".join(ch for ch in text if ch.isdigit() or ch == ",").partition(",")
        return Decimal(whole + ("." + frac if frac else ""))

    names = dict(Area.objects.filter(kind="municipality").values_list("code", "name"))
    by_programme, by_municipality, total = {}, {}, Decimal(0)
    for r in rows:
        a = amount(r[headers.index("Beviljat belopp (kr)")])
        total += a
        p = r[headers.index("Program")]
        by_programme[p] = by_programme.get(p, Decimal(0)) + a
        m = names[r[headers.index("Kommunkod")].zfill(4)]
        by_municipality[m] = by_municipality.get(m, Decimal(0)) + a
    data = selectors.annual_compilation(2025)
    assert data["count"] == 300 and data["total"] == total and data["synthetic"]
    assert dict(data["by_programme"]) == by_programme
    assert {m: v for m, v, _p, _c in data["by_municipality"]} == by_municipality
    assert sum(v for _, v in data["by_support"]) == total
    assert sum(v for *_k, v in data["by_support_subpriority"]) == total
    for b in data["by_judgement"]:
        assert sum(v for _, v in b["values"]) == total
    umea = next(t for t in data["by_municipality"] if t[0] == "Umeå")
    assert umea[2] == 134249 and umea[3] == umea[1] / 134249


def test_cli(register, tmp_path, capsys):
    path = tmp_path / "beslut.csv"
    path.write_bytes(demo.synthetic_file(30, seed=4, fmt="csv"))
    call_command("import", "initiatives", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "Provkörning" in out and "30 rader" in out
    assert FundingDecision.objects.count() == 0
    call_command("import", "initiatives", str(path))
    assert FundingDecision.objects.count() == 30
    bad = tmp_path / "bad.csv"
    bad.write_bytes("Beslut-id;Beslutsdatum;Program;Beviljat belopp (kr);Insatsnamn\nA;igår;ESF+;12;P\n".encode())
    with pytest.raises(CommandError, match="1 fel"):
        call_command("import", "initiatives", str(bad))
    template = tmp_path / "mall.xlsx"
    call_command("import", "initiatives", str(template), "--template")
    assert importing.plan_import(template.read_bytes(), "mall.xlsx").errors == []


def test_upload_preview_confirm_views(register, client, people):
    client.force_login(people["analyst"])
    data = demo.synthetic_file(25, seed=9)
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = client.post("/insatser/import/", {"file": SimpleUploadedFile("b.xlsx", data)})
    batch = ImportBatch.objects.get()
    assert r.status_code == 302 and r.url == f"/insatser/import/{batch.pk}/"
    assert FundingDecision.objects.count() == 0
    page = client.get(r.url).content.decode()
    assert "Bekräfta och importera" in page and "beslut: nya" in page
    r = client.post(f"/insatser/import/{batch.pk}/bekrafta/")
    assert FundingDecision.objects.count() == 25
    batch.refresh_from_db()
    assert batch.state == "imported" and FundingDecision.objects.filter(batch=batch).count() == 25
    # confirming twice does nothing
    client.post(f"/insatser/import/{batch.pk}/bekrafta/")
    assert FundingDecision.objects.count() == 25
    bad = _break(data, {(3, "Beslutsdatum"): "snart"})
    client.post("/insatser/import/", {"file": SimpleUploadedFile("c.xlsx", bad)})
    page = client.get(f"/insatser/import/{ImportBatch.objects.order_by('-pk').first().pk}/").content.decode()
    assert "”snart” är inget datum" in page and "Bekräfta och importera" not in page
