"""LedgerSheet writes a ledger's cells exactly as XlsxWriter would, only faster."""

import re
import zipfile
from datetime import date

import xlsxwriter

from desk_app.exchange.xlsx_sheet import LedgerSheet

TEXTS = ["问题表现：对预算编制工作满足于按部就班。", "A&B <tag> \"quoted\" 'single'", "第一行\n第二行\n",
         " leading", "trailing ", "\u3000全角空格开头", "结尾全角空格\u3000", "_x0041_ literal escape",
         "control \x01 char", "tab\tinside", "=SUM(A1:A2)", "+86 138", "1234567890123456789012", "😀 emoji",
         "<r>not rich</r>x", "x" * 5000, "整改" * 3000]


def _sheet_xml(path, worksheet_class) -> bytes:
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                         "strings_to_urls": False, "strings_to_numbers": False})
    ws = wb.add_worksheet("台账", worksheet_class=worksheet_class)
    body = wb.add_format({"text_wrap": True, "border": 1})
    number = wb.add_format({"align": "center", "border": 1})
    when = wb.add_format({"num_format": 'yyyy"年"m"月"d"日"', "border": 1})
    for row, text in enumerate(TEXTS * 3):
        ws.set_row(row, 13.5 * (1 + row % 4))
        ws.write_number(row, 0, row + 1, number)
        ws.write_string(row, 1, text, body)
        ws.write_string(row, 2, text)  # no format: XlsxWriter's own path
        ws.write_blank(row, 3, None, body)
        ws.write_datetime(row, 4, date(2026, 1 + row % 12, 1 + row % 28), when)
        ws.write_number(row, 5, 0.1 * row, number)
        ws.write_string(row, 200, text[:10], body)  # a far column
    wb.close()
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def test_the_sheet_xml_is_the_one_xlsxwriter_writes(tmp_path):
    assert _sheet_xml(tmp_path / "fast.xlsx", LedgerSheet) == _sheet_xml(tmp_path / "plain.xlsx", None)


def test_text_that_looks_like_markup_is_escaped(tmp_path):
    xml = _sheet_xml(tmp_path / "fast.xlsx", LedgerSheet).decode("utf-8")
    assert "A&amp;B &lt;tag&gt;" in xml and "_x005F_x0041_ literal" in xml and "control _x0001_ char" in xml
    assert '<t xml:space="preserve"> leading</t>' in xml and '<t xml:space="preserve">trailing </t>' in xml


def test_a_text_looking_like_rich_text_markup_stays_text(tmp_path):
    path = tmp_path / "rich.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet(worksheet_class=LedgerSheet)
    ws.write_string(0, 0, "<r>整改</r>", wb.add_format({"border": 1}))
    wb.close()
    with zipfile.ZipFile(path) as archive:
        assert "<t>&lt;r&gt;整改&lt;/r&gt;</t>" in archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def _records_xml(path, fast: bool) -> bytes:
    """Title cells, then data rows (some needing XlsxWriter's own escapes or types), a gap, a footer."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                         "strings_to_urls": False, "strings_to_numbers": False})
    ws = wb.add_worksheet("台账", worksheet_class=LedgerSheet)
    body = wb.add_format({"text_wrap": True, "border": 1})
    number = wb.add_format({"align": "center", "border": 1})
    when = wb.add_format({"num_format": 'yyyy"年"m"月"d"日"', "border": 1})
    ws.set_row(0, 32)
    ws.write_string(0, 0, "台账", body)
    for col in range(1, 4):
        ws.write_blank(0, col, None, body)
    texts = [*TEXTS, "", "续"]
    for i in range(len(texts) * 2):
        row = 2 + i
        first = i + 1 if i % 5 else str(i + 1)  # a serial as a number, or a text (续 rows)
        values = [first, texts[i % len(texts)], date(2026, 1 + i % 12, 1 + i % 28), texts[(i + 3) % len(texts)], i * 7]
        if i % 11 == 10:
            values[4] = 0.5 * i  # a float: XlsxWriter's own path for the row
        height = 13.5 * (1 + i % 4)
        if fast:
            ws.write_record(row, height, values, number, body, when, number)
        else:
            ws.set_row(row, height)
            for col, value in enumerate(values):
                if isinstance(value, str):
                    ws.write_string(row, col, value, number if col == 0 else body)
                elif isinstance(value, date):
                    ws.write_datetime(row, col, value, when)
                else:
                    ws.write_number(row, col, value, number)
    footer = 2 + len(texts) * 2 + 1
    ws.set_row(footer, 24)
    ws.write_string(footer, 0, "填报人（签字）：", body)
    wb.close()
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def test_a_record_written_at_once_is_the_xml_of_its_cells_written_one_by_one(tmp_path, monkeypatch):
    cells = []
    original = LedgerSheet._write_cell
    monkeypatch.setattr(LedgerSheet, "_write_cell", lambda self, *args: cells.append(args) or original(self, *args))
    fast = _records_xml(tmp_path / "rows.xlsx", True)
    rows_by_cell = {row for row, _col, _cell in cells}
    # Only the title, the footer and rows with an escape, leading or trailing whitespace or a float went
    # cell by cell; the others (long texts too) at once.
    texts = [*TEXTS, "", "续"]
    careful = {i for i, text in enumerate(texts) if re.search(r"[&<>\x00-\x08\x0b-\x1f]|_x|^\s|\s$", text)}
    expected = {2 + i for i in range(len(texts) * 2)
                if i % len(texts) in careful or (i + 3) % len(texts) in careful or i % 11 == 10}
    assert rows_by_cell == {0, 2 + len(texts) * 2 + 1} | expected
    assert len(expected) < len(texts) * 2 - 4
    assert fast == _records_xml(tmp_path / "cells.xlsx", False)
    assert fast.count(b"<row ") == 1 + 2 * (len(TEXTS) + 2) + 1 and b"_x0001_" in fast
