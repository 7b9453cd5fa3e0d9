"""Hostile and malformed spreadsheets: each is refused with the reader's own error, saying
where, quickly and without allocating more than the file justifies (issue 15)."""

import io
import time
import tracemalloc
import zipfile

import pytest

from resultat.core.tabular import TabularError, fastxlsx, read_table

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORKBOOK = (
    f'<workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Beslut" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
DATE_STYLES = f'<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'


def sheet(rows: str) -> str:
    return f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'


HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>Namn</t></is></c><c r="B1" t="inlineStr"><is><t>Datum</t></is></c></row>'


def xlsx(sheet_xml: str, *, workbook: str = WORKBOOK, shared: str | None = None, styles: str | None = None, extra: dict | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
        if styles is not None:
            z.writestr("xl/styles.xml", styles)
        for name, body in (extra or {}).items():
            z.writestr(name, body)
    return out.getvalue()


def refused(data: bytes, filename: str = "f.xlsx") -> TabularError:
    with pytest.raises(TabularError) as info:
        read_table(data, filename)
    return info.value


def test_a_well_formed_crafted_file_is_read():
    table = read_table(xlsx(sheet(HEADER + '<row r="2"><c r="A2" t="inlineStr"><is><t>Umeå</t></is></c><c r="B2" s="1"><v>45717</v></c></row>'), styles=DATE_STYLES), "f.xlsx")
    assert table.headers == ["Namn", "Datum"]
    assert table.rows[0].values["Namn"] == "Umeå" and str(table.rows[0].values["Datum"]) == "2025-03-01 00:00:00"


def test_a_cell_beyond_the_last_column_is_refused_without_allocating():
    data = xlsx(sheet(HEADER + '<row r="2"><c r="AAAAAAA2"><v>1</v></c></row>'))
    assert len(data) < 2000
    tracemalloc.start()
    try:
        exc = refused(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20, peak
    assert exc.row == 2 and "XFD" in str(exc) and str(exc).startswith("rad 2")


@pytest.mark.parametrize("ref", ["XFE2", "A1048577", "A99999999999999", "2A", "a2", "A²"])
def test_references_outside_the_sheet_are_refused(ref):
    exc = refused(xlsx(sheet(HEADER + f'<row r="2"><c r="{ref}"><v>1</v></c></row>')))
    assert "2" in str(exc)


def test_the_last_cell_of_the_sheet_is_still_read():
    rows = list(fastxlsx.read_rows(xlsx(sheet('<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>'))))
    assert rows[1][0] == 1_048_576 and len(rows[1][1]) == 16_384 and rows[1][1][-1] == 7


def test_a_row_number_beyond_the_sheet_is_refused():
    exc = refused(xlsx(sheet(HEADER + '<row r="1048577"><c t="inlineStr"><is><t>x</t></is></c></row>')))
    assert "1048577" in str(exc)


def test_a_row_without_its_reference_follows_the_previous_one():
    table = read_table(xlsx(sheet(HEADER + '<row><c t="inlineStr"><is><t>a</t></is></c></row><row><c t="inlineStr"><is><t>b</t></is></c></row>')), "f.xlsx")
    assert [(r.number, r.values["Namn"]) for r in table.rows] == [(2, "a"), (3, "b")]


def test_broken_sheet_xml_is_a_clear_error():
    exc = refused(xlsx(sheet(HEADER + '<row r="2"><c r="A2"><v>1</v></c>')[:-30]))
    assert "XML" in str(exc) and "rad 1" in str(exc)


def test_a_shared_string_index_out_of_range_names_row_and_column():
    shared = f'<sst xmlns="{MAIN}"><si><t>Namn</t></si></sst>'
    exc = refused(xlsx(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>5</v></c></row>'), shared=shared))
    assert (exc.row, exc.column) == (2, "Namn") and "delad text" in exc.message


@pytest.mark.parametrize("value", ["-1", "x", "1e999999", "99999999999999999999999"])
def test_a_bad_shared_string_index_is_refused(value):
    shared = f'<sst xmlns="{MAIN}"><si><t>Namn</t></si></sst>'
    exc = refused(xlsx(sheet(f'<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>{value}</v></c></row>'), shared=shared))
    assert exc.row == 2


def test_a_workbook_without_sheets_is_a_clear_error():
    exc = refused(xlsx(sheet(HEADER), workbook=f'<workbook xmlns="{MAIN}"><sheets/></workbook>'))
    assert "inga blad" in str(exc)


@pytest.mark.parametrize("serial", ["1e300", "-5", "nan", "inf", "2958466"])
def test_a_date_serial_outside_excels_dates_names_row_and_column(serial):
    exc = refused(xlsx(sheet(HEADER + f'<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="B2" s="1"><v>{serial}</v></c></row>'), styles=DATE_STYLES))
    assert (exc.row, exc.column) == (2, "Datum")


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "tio"])
def test_a_number_cell_that_is_no_finite_number_is_refused(value):
    exc = refused(xlsx(sheet(HEADER + f'<row r="2"><c r="A2"><v>{value}</v></c></row>')))
    assert (exc.row, exc.column) == (2, "Namn")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    monkeypatch.setattr(fastxlsx, "MAX_MEMBER_BYTES", 10 * 2**20)
    big = sheet(HEADER + '<row r="2"><c r="A2"><v>1</v></c></row>' + " " * (20 * 2**20))
    data = xlsx(big)
    assert len(data) < 100_000
    started = time.process_time()
    exc = refused(data)
    assert time.process_time() - started < 1 and "för stor uppackad" in str(exc)


def test_the_default_cap_on_unpacked_parts_is_set():
    assert fastxlsx.MAX_MEMBER_BYTES <= 512 * 2**20 and fastxlsx.MAX_SHARED_STRINGS <= 5_000_000


def test_too_many_shared_strings_are_refused(monkeypatch):
    monkeypatch.setattr(fastxlsx, "MAX_SHARED_STRINGS", 100)
    shared = f'<sst xmlns="{MAIN}">' + "<si><t>x</t></si>" * 101 + "</sst>"
    assert "delade texter" in str(refused(xlsx(sheet(HEADER), shared=shared)))


def test_a_cell_text_longer_than_excel_allows_is_refused():
    exc = refused(xlsx(sheet(HEADER + f'<row r="2"><c r="A2" t="inlineStr"><is><t>{"x" * 40_000}</t></is></c></row>')))
    assert (exc.row, exc.column) == (2, "Namn")


def test_xml_entity_expansion_is_refused():
    laughs = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)) + "]>"
    bomb = laughs + sheet(HEADER + '<row r="2"><c r="A2" t="inlineStr"><is><t>&i;</t></is></c></row>')
    started = time.process_time()
    refused(xlsx(bomb))
    assert time.process_time() - started < 2


def test_row_cap_and_time_budget():
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 2000))
    data = xlsx(sheet(HEADER + rows))
    assert "fler än 100 rader" in str(pytest.raises(TabularError, read_table, data, "f.xlsx", max_rows=100).value)
    assert "för lång tid" in str(pytest.raises(TabularError, read_table, data, "f.xlsx", seconds=0).value)
    assert len(read_table(data, "f.xlsx", max_rows=2000, seconds=30).rows) == 1998


@pytest.mark.parametrize("body", [b"PK\x03\x04garbage", b"PK" + b"\x00" * 100, xlsx(sheet(HEADER))[:200]])
def test_broken_zip_is_a_clear_error(body):
    refused(body)


def test_a_csv_field_over_the_limit_is_a_clear_error_with_its_row():
    data = ("Namn;Datum\r\nkort;1\r\n" + '"' + "x" * 140_000 + '";2\r\n').encode()
    exc = refused(data, "f.csv")
    assert exc.row == 3 and "131072" in str(exc)


def test_nul_is_refused_in_csv_with_row_and_column():
    exc = refused("Namn;Datum\r\nkort;1\r\nx\x00y;2\r\n".encode(), "f.csv")
    assert (exc.row, exc.column) == (3, "Namn") and "NUL" in exc.message
    exc = refused("Namn;Da\x00tum\r\nkort;1\r\n".encode(), "f.csv")
    assert exc.row == 1


def test_broken_utf16_is_a_clear_error():
    refused(b"\xff\xfeN\x00a\x00m", "f.csv")
