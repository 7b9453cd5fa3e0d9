"""Hostile and malformed uploads to the funding import: the import's own error with row and
column, never a 500, nothing written; a file of bad rows stores and shows only the first
errors and their count (issue 15)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resultat.core.tabular.writer import write_csv
from resultat.initiatives import demo, importing
from resultat.initiatives.models import FundingDecision, ImportBatch
from tests.core.tabular.test_hostile_files import HEADER, sheet, xlsx

pytestmark = pytest.mark.django_db

def _csv(rows: list[list[str]]) -> bytes:
    headers = [c.header for c in importing.columns()]
    return write_csv(headers, [r + [""] * (len(headers) - len(r)) for r in rows])


def _upload(client, name: str, data: bytes):
    r = client.post("/insatser/import/", {"file": SimpleUploadedFile(name, data)})
    assert r.status_code == 302, r.status_code
    batch = ImportBatch.objects.order_by("-pk").first()
    page = client.get(r.url)
    assert page.status_code == 200
    return batch, page.content.decode()


def test_many_bad_rows_store_and_show_the_first_errors_and_a_count(register, client, people):
    client.force_login(people["analyst"])
    rows = [[f"B-{n}", "snart", "Okänt", "tolv"] for n in range(3000)]
    batch, page = _upload(client, "bad.csv", _csv(rows))
    assert len(batch.errors) == importing.STORED_ERRORS
    assert batch.summary["fel"] == 12000 and batch.summary["rader med fel"] == 3000
    assert "12000 fel" in page.replace("\u00a0", "") and "3000 rader" in page
    assert f"De första {importing.STORED_ERRORS} felen visas" in page
    assert len(page) < 200_000
    # the confirm finds the same errors and keeps the same bounded record
    r = client.post(f"/insatser/import/{batch.pk}/bekrafta/")
    assert r.status_code == 302
    batch.refresh_from_db()
    assert len(batch.errors) == importing.STORED_ERRORS and batch.summary["fel"] == 12000
    assert FundingDecision.objects.count() == 0


def test_a_long_wrong_value_is_quoted_shortened(register):
    preview = importing.plan_import(_csv([["B-1", "x" * 5000, "Okänt", "1"]]), "f.csv")
    assert all(len(e.value) <= importing.MAX_VALUE_CHARS + 1 for e in preview.errors)


HOSTILE_FILES = {
    "column-AAAAAAA.xlsx": xlsx(sheet(HEADER + '<row r="2"><c r="AAAAAAA2"><v>1</v></c></row>')),
    "broken-xml.xlsx": xlsx(sheet(HEADER)[:-20]),
    "no-sheets.xlsx": xlsx(sheet(HEADER), workbook='<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'),
    "shared-out-of-range.xlsx": xlsx(sheet('<row r="1"><c r="A1" t="s"><v>7</v></c></row>'), shared='<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'),
    "date-1e300.xlsx": xlsx(
        sheet(HEADER + '<row r="2"><c r="B2" s="1"><v>1e300</v></c></row>'),
        styles='<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
    ),
    "long-field.csv": ("Beslut-id;Beslutsdatum\r\n" + '"' + "x" * 140_000 + '";2025-01-01\r\n').encode(),
    "utf16-broken.csv": b"\xff\xfeB\x00e\x00s",
    "not-a-zip.xlsx": b"PK\x03\x04" + b"\x00" * 40,
}


@pytest.mark.parametrize("name", list(HOSTILE_FILES))
def test_a_malformed_upload_is_the_imports_own_error(register, client, people, name):
    client.force_login(people["analyst"])
    batch, page = _upload(client, name, HOSTILE_FILES[name])
    assert batch.errors and batch.state == "preview"
    assert "Bekräfta och importera" not in page
    r = client.post(f"/insatser/import/{batch.pk}/bekrafta/")
    assert r.status_code == 302 and FundingDecision.objects.count() == 0


def test_a_nul_byte_is_refused_in_the_preview_with_row_and_column(register, client, people):
    client.force_login(people["analyst"])
    lines = demo.synthetic_file(5, seed=3, fmt="csv").decode("utf-8-sig").split("\r\n")
    header = lines[0].split(";")[1]
    lines[2] = lines[2].replace(";", ";x\x00", 1)
    batch, page = _upload(client, "nul.csv", "\r\n".join(lines).encode("utf-8-sig"))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, header)]
    assert "NUL" in page
    client.post(f"/insatser/import/{batch.pk}/bekrafta/")
    assert FundingDecision.objects.count() == 0


def test_an_xlsx_zip_bomb_is_refused_before_unpacking(register, monkeypatch):
    from resultat.core.tabular import fastxlsx

    monkeypatch.setattr(fastxlsx, "MAX_MEMBER_BYTES", 5 * 2**20)
    data = xlsx(sheet(HEADER + " " * (6 * 2**20)))
    assert len(data) < 50_000
    preview = importing.plan_import(data, "bomb.xlsx")
    assert "för stor uppackad" in preview.errors[0].message
