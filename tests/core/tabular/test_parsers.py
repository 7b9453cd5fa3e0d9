from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultat.core.tabular import (
    TabularError,
    format_date,
    format_number,
    parse_date,
    parse_municipality_code,
    parse_number,
    read_csv,
    read_table,
)
from resultat.core.tabular.codes import parse_code_list
from resultat.core.tabular.template import Column, write_template
from resultat.core.tabular.writer import write_csv, write_xlsx


@pytest.mark.parametrize("text,expected", [
    ("12 000,50 kr", Decimal("12000.50")), ("12 000", Decimal("12000")), ("1.234,5", Decimal("1234.5")),
    ("12\u00a0000", Decimal("12000")), ("12\u202f000", Decimal("12000")), ("12\u2009000", Decimal("12000")),
    ("\u2212500", Decimal("-500")), ("–500", Decimal("-500")), ("-500", Decimal("-500")), ("(500)", Decimal("-500")),
    ("1 000 000 SEK", Decimal("1000000")), ("12000:-", Decimal("12000")), ("0,5", Decimal("0.5")), ("3.5", Decimal("3.5")),
    ("1.234.567", Decimal("1234567")), (1200, Decimal(1200)), (12.5, Decimal("12.5")),
])
def test_numbers(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "-", "–", "N/A", "n/a", "saknas", None, ".."])
def test_missing_is_none_not_zero(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["tolv", "12,000,5", "1,234.5", "12 kr 50", "1.23.4", "50 %", True])
def test_not_numbers(text):
    with pytest.raises(TabularError):
        parse_number(text)


def test_percent_only_when_allowed():
    assert parse_number("50 %", allow_percent=True) == Decimal(50)
    assert parse_number("25,5%", allow_percent=True) == Decimal("25.5")


@given(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False, allow_infinity=False))
def test_number_round_trip(value):
    assert parse_number(format_number(value, 2)) == value
    assert parse_number(format_number(value, 2, unit="kr")) == value


@given(st.integers(min_value=-10**12, max_value=10**12), st.sampled_from([" ", "\u00a0", "\u202f", "\u2009"]))
def test_integer_round_trip_any_space(value, space):
    assert parse_number(format_number(value).replace("\u202f", space)) == value


@pytest.mark.parametrize("text", ["2025-03-01", "1/3 2025", "1/3/2025", "20250301", "1 mars 2025", "1 Mars 2025", "01.03.2025", "2025-03-01 00:00:00"])
def test_dates(text):
    assert parse_date(text) == date(2025, 3, 1)


@pytest.mark.parametrize("text", ["2025-02-30", "31/4 2025", "1 mors 2025", "mars", "2025"])
def test_bad_dates(text):
    with pytest.raises(TabularError):
        parse_date(text)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.sampled_from(["iso", "slash", "compact", "long"]))
def test_date_round_trip(value, style):
    assert parse_date(format_date(value, style)) == value


def test_municipality_codes():
    assert parse_municipality_code("480") == "0480"
    assert parse_municipality_code(2480) == "2480"
    assert parse_municipality_code(2480.0) == "2480"
    assert parse_municipality_code("2480 Umeå") == "2480"
    assert parse_municipality_code("") is None
    assert parse_code_list("2480, 2482;2401") == ["2480", "2482", "2401"]
    with pytest.raises(TabularError):
        parse_municipality_code("Umeå")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_encodings_and_separators(encoding, delimiter):
    data = write_csv(["Kommun", "Belopp"], [["Umeå", "12 000,50"], ["Skellefteå", ""]], delimiter=delimiter, encoding=encoding)
    table = read_csv(data)
    assert table.headers == ["Kommun", "Belopp"]
    assert table.delimiter == delimiter
    assert [r.values["Kommun"] for r in table.rows] == ["Umeå", "Skellefteå"]
    assert [r.number for r in table.rows] == [2, 3]
    assert parse_number(table.rows[0].values["Belopp"]) == Decimal("12000.50")


def test_csv_too_many_values_says_where():
    with pytest.raises(TabularError, match="rad 3"):
        read_csv("a;b\n1;2\n1;2;3\n".encode())


def test_xlsx_round_trip_and_row_numbers():
    data = write_xlsx([("Beslut", ["Id", "Belopp"], [["A", 12000.5], [None, None], ["B", "1 000"]])])
    table = read_table(data, "x.xlsx", sheet="Beslut")
    assert [r.number for r in table.rows] == [2, 4]
    assert table.rows[0].values == {"Id": "A", "Belopp": 12000.5}


def test_template_has_instructions_and_validation():
    from io import BytesIO

    from openpyxl import load_workbook

    data = write_template([Column("Program", "Välj", True, ["A", "B"]), Column("Belopp", "kr")], sheet="Beslut", title="Mall", instructions=["Fyll i"])
    wb = load_workbook(BytesIO(data))
    assert wb.sheetnames == ["Instruktioner", "Beslut", "Listor"]
    assert [c.value for c in wb["Beslut"][1]] == ["Program", "Belopp"]
    dv = wb["Beslut"].data_validations.dataValidation
    assert len(dv) == 1 and dv[0].formula1 == "=Listor!$A$2:$A$3"
    assert wb["Instruktioner"]["A1"].value == "Mall"


def test_fast_xlsx_reader_agrees_with_openpyxl():
    from datetime import datetime
    from io import BytesIO

    from openpyxl import Workbook, load_workbook

    from resultat.core.tabular.fastxlsx import read_rows

    wb = Workbook()
    ws = wb.active
    ws.title = "Första"
    wb.create_sheet("Beslut")
    ws2 = wb["Beslut"]
    ws2.append(["Text", "Tal", "Decimal", "Datum", "Sant", "Formel", "Kod"])
    ws2.append(["Umeå", 12000, 12.5, datetime(2025, 3, 1), True, "=B2*2", "0480"])
    ws2.append([None, None, None, None, None, None, None])
    ws2["C4"] = "bara C"
    ws2["D5"] = datetime(2024, 12, 31, 0, 0)
    ws2["D5"].number_format = "yyyy-mm-dd"
    out = BytesIO()
    wb.save(out)
    data = out.getvalue()
    rows = read_rows(data, "Beslut")
    assert next(rows) == ("Beslut", ["Första", "Beslut"])
    fast = {n: v for n, v in rows}
    ref = load_workbook(BytesIO(data), read_only=True, data_only=True)["Beslut"]
    for n, cells in enumerate(ref.iter_rows(values_only=True), start=1):
        if n in fast:
            got = fast[n] + [None] * (len(cells) - len(fast[n]))
            assert [g for g in got if g is not None and g != "=B2*2"] == [c for c in cells if c is not None], n
    assert fast[2][3] == datetime(2025, 3, 1) and fast[2][6] == "0480" and fast[4] == [None, None, "bara C"]
    assert fast[5][3] == datetime(2024, 12, 31)


def test_broken_xlsx_is_a_clear_error():
    with pytest.raises(TabularError, match="XLSX"):
        read_table(b"PK\x03\x04 not really a zip", "x.xlsx")
