"""The quick Excel export writes the very workbook XlsxWriter's own calls write: every cell (value, type,
format), merge, width, height and the print setup compared with the export done the plain way (every
field read, rows built, measured and typed one by one, each cell written by XlsxWriter)."""

import openpyxl
import pytest
from xlsxwriter.worksheet import Worksheet

from desk_app.db.models import database
from desk_app.exchange import ledger_export, xlsx_export, xlsx_layout
from desk_app.exchange.ledger_export import LedgerExportOptions, entry_row
from desk_app.exchange.xlsx_export import export_xlsx
from desk_app.exchange.xlsx_sheet import LedgerSheet
from desk_app.services import campaigns, ledger, settings
from desk_app.services.ledger_columns import COLUMNS
from desk_app.services.ledger_query import LedgerFilter

HOSTILE = ["A&B <b>加粗</b>", "末尾换行\n", "字面 _x0041_ 转义", "控制\x01字符", "第一行\n第二行",
           "长" * 3000, "=SUM(A1:A2)", "R&D 经费 > 预算"]


@pytest.fixture
def options(demo):
    settings.save_report_header(settings.ReportHeader(unit="市财政局", filled_by="张三"))
    campaign = campaigns.current_campaign()
    for n, text in enumerate(HOSTILE):
        entry = ledger.create_entry(campaign.id, ledger.EntryInput(
            layer="处级干部", description=text, measures=HOSTILE[-1 - n], note=text, category=text[:6]))
    # The ledger's forms trim what is typed; a package or an older import may not have.
    database.execute_sql("UPDATE ledger_entry SET description = ?, target = ? WHERE id = ?",
                         (" 前导空格", "末尾全角空格\u3000", entry.id))
    return LedgerExportOptions(filter=LedgerFilter(campaign_id=campaign.id))


def _record_cell_by_cell(self, row, height, values, *formats):
    self.set_row(row, height)
    self.write_cells(row, values, *formats)  # XlsxWriter's write_string/write_datetime/write_number


def _rows_one_by_one(entries, columns, template_mode):
    return [entry_row(serial, e, columns, template_mode) for serial, e in enumerate(entries, start=1)]


def _sheet_rows_row_by_row(rows, columns, widths):
    keys = ["serial", *(c.key for c in columns)]
    dates = [i for i, key in enumerate(keys) if key in xlsx_layout.DATE_KEYS]
    out = []
    for values in rows:
        height = xlsx_layout.row_height(values, widths)
        if height < xlsx_layout.MAX_ROW_HEIGHT_PT:
            out.append(xlsx_layout.SheetRow(xlsx_layout.typed(values, dates), height))
        else:  # spilled into 续 rows: the one way there is
            out += xlsx_layout.sheet_rows([values], columns, widths)
    return out


def _plain_export(options, path, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(LedgerSheet, "_write_cell", Worksheet._write_cell)
        m.setattr(LedgerSheet, "_write_optimized_sheet_data", Worksheet._write_optimized_sheet_data)
        m.setattr(LedgerSheet, "write_record", _record_cell_by_cell)
        m.setattr(ledger_export, "fields_read", lambda columns: tuple(ledger_export.RECORD_FIELDS))
        m.setattr(ledger_export, "entry_rows", _rows_one_by_one)
        m.setattr(xlsx_export, "sheet_rows", _sheet_rows_row_by_row)
        return export_xlsx(options, path)


def _look(path) -> dict:
    """Everything a clerk sees or prints of each sheet."""
    wb = openpyxl.load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        cells = [(c.coordinate, c.value, type(c.value).__name__, c.number_format, c.font.name, c.font.sz, c.font.b,
                  c.alignment.horizontal, c.alignment.vertical, c.alignment.wrap_text, c.border.left.style,
                  c.border.bottom.style, c.fill.fgColor.rgb, c.protection.locked)
                 for row in ws.iter_rows() for c in row]
        setup, margins = ws.page_setup, ws.page_margins
        sheets[ws.title] = {
            "cells": cells, "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "widths": {k: d.width for k, d in ws.column_dimensions.items()},
            "heights": {k: (d.height, d.customHeight) for k, d in ws.row_dimensions.items()},
            "print": (ws.print_title_rows, setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight,
                      ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
                      ws.print_options.horizontalCentered, margins.left, margins.right, margins.top, margins.bottom,
                      margins.header, margins.footer, ws.oddFooter.center.text, ws.oddHeader.center.text),
            "view": (ws.freeze_panes, ws.auto_filter.ref, ws.sheet_state),
            "validations": sorted((str(v.sqref), v.formula1, v.errorStyle, v.error, v.errorTitle)
                                  for v in ws.data_validations.dataValidation)}
    return {"sheets": sheets, "order": wb.sheetnames, "names": sorted(wb.defined_names)}


@pytest.mark.parametrize("variant", ["default", "every column by layer", "template", "filtered by unit"])
def test_the_export_is_the_workbook_xlsxwriter_writes_cell_by_cell(options, variant, tmp_path, monkeypatch):
    if variant == "every column by layer":
        options.column_keys = [c.key for c in COLUMNS]
        options.one_sheet_per_layer = True
        options.sort = "department"
    elif variant == "template":
        options.template_mode = True
    elif variant == "filtered by unit":
        options.filter.layer = "处级干部"
    quick = export_xlsx(options, tmp_path / "quick.xlsx")
    plain = _plain_export(options, tmp_path / "plain.xlsx", monkeypatch)
    assert quick == plain > 400
    seen, expected = _look(tmp_path / "quick.xlsx"), _look(tmp_path / "plain.xlsx")
    assert seen["order"] == expected["order"] and seen["names"] == expected["names"]
    for name, sheet in expected["sheets"].items():
        for part, value in sheet.items():
            assert seen["sheets"][name][part] == value, (name, part)
    texts = {c[1] for sheet in seen["sheets"].values() for c in sheet["cells"]}
    assert {"续", "A&B <b>加粗</b>", "R&D 经费 > 预算"} <= texts  # the hostile rows are there
    assert (" 前导空格" in texts) is not options.template_mode  # templates take texts trimmed, on one line
    # Measures under their task, its cells merged (templates keep one row an entry).
    assert any(sheet["merged"] for sheet in seen["sheets"].values()) is not options.template_mode


def test_every_ledger_column_says_what_it_reads():
    """A column missing here would still export right, reading every field; so each is named."""
    for column in COLUMNS:
        assert column.key in ledger_export.SHOWN_AS_IS or column.key in ledger_export.WORKED_OUT_FROM, column.key


def test_the_export_reads_only_the_fields_its_columns_show(options):
    options.column_keys = ["code", "status"]
    records = ledger_export.fetch_all(options)
    assert set(records[0]._fields) == {"id", "code", "layer", "category", "status", "deadline_type", "deadline"}
    assert [r.code for r in records][:3] and all(r.status for r in records)
