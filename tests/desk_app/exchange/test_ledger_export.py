"""Excel and CSV exports of the ledger: layout for printing, formula injection, template rules."""

import csv

import pytest
from openpyxl import load_workbook

from desk_app.exchange.csv_export import export_csv
from desk_app.exchange.ledger_export import LedgerExportOptions
from desk_app.exchange.xlsx_export import export_xlsx
from desk_app.services import campaigns, ledger, settings
from desk_app.services.ledger_columns import columns_for
from desk_app.services.ledger_query import LedgerFilter, count_entries


@pytest.fixture
def options(demo):
    campaign = campaigns.current_campaign()
    settings.save_report_header(settings.ReportHeader(unit="市财政局", filled_by="张三", phone="0591-1234567"))
    return LedgerExportOptions(filter=LedgerFilter(campaign_id=campaign.id))


def _hostile_entry(campaign_id, text="=HYPERLINK(\"http://x\",\"点我\")"):
    data = ledger.EntryInput(layer="处级干部", description=text, measures="+1+2\n第二行", target="@SUM(A1)",
                             note="-3")
    return ledger.create_entry(campaign_id, data)


def test_xlsx_layout_prints_right(options, tmp_path):
    out = tmp_path / "台账.xlsx"
    count = export_xlsx(options, out)
    assert count == count_entries(options.filter)
    wb = load_workbook(out)
    ws = wb["台账"]
    assert "问题清单" in ws["A1"].value
    assert "填报单位：市财政局" in ws["A2"].value and "填报日期：2026年11月23日" in ws["A2"].value
    labels = ["序号"] + [c.label for c in columns_for(None)]
    assert [c.value for c in ws[3]] == labels
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0  # 1 is the default: left out
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    body = ws.cell(row=4, column=6)
    assert body.alignment.wrap_text and body.border.left.style == "thin"
    heights = [ws.row_dimensions[r].height for r in range(4, 4 + count)]
    assert all(h and h >= 17 for h in heights)
    assert ws.column_dimensions["F"].width > ws.column_dimensions["C"].width  # 问题表现 wider than 层级
    assert "统计汇总" in wb.sheetnames


def test_row_height_grows_with_wrapped_text(options, tmp_path):
    campaign_id = options.filter.campaign_id
    ledger.create_entry(campaign_id, ledger.EntryInput(layer="处级干部", description="长" * 400))
    options.filter.text = ""
    out = tmp_path / "a.xlsx"
    export_xlsx(options, out)
    ws = load_workbook(out)["台账"]
    row = next(r for r in range(4, ws.max_row + 1) if str(ws.cell(row=r, column=6).value).startswith("长" * 50))
    assert ws.row_dimensions[row].height > 100
    # Taller than Excel's 409 pt: the rest continues in the row below, marked 续 (xlsx_layout).
    text = "".join(ws.cell(row=r, column=6).value for r in (row, row + 1))
    assert ws.cell(row=row + 1, column=1).value == "续" and text == "长" * 400


def test_xlsx_formula_injection_is_text(options, tmp_path):
    _hostile_entry(options.filter.campaign_id)
    out = tmp_path / "x.xlsx"
    export_xlsx(options, out)
    ws = load_workbook(out)["台账"]
    cells = {c.value: c for row in ws.iter_rows(min_row=4) for c in row if isinstance(c.value, str)}
    hostile = cells['=HYPERLINK("http://x","点我")']
    assert hostile.data_type == "s"
    assert cells["@SUM(A1)"].data_type == "s"
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def test_template_mode_single_lines_and_zero(options, tmp_path):
    _hostile_entry(options.filter.campaign_id)
    options.template_mode = True
    out = tmp_path / "t.xlsx"
    export_xlsx(options, out)
    ws = load_workbook(out)["台账"]
    values = [c.value for row in ws.iter_rows(min_row=4, max_row=ws.max_row - 2) for c in row]
    assert not any(isinstance(v, str) and "\n" in v for v in values)
    assert None not in values and "" not in values
    assert "0" in values
    assert "+1+2；第二行" in values


def test_one_sheet_per_layer_and_summary_numbers(options, tmp_path):
    options.one_sheet_per_layer = True
    out = tmp_path / "layers.xlsx"
    export_xlsx(options, out)
    wb = load_workbook(out)
    assert {"局领导班子", "班子成员", "处级干部", "科长(主任)", "主要业务经办人员"} <= set(wb.sheetnames)
    assert "（处级干部）" in wb["处级干部"]["A1"].value
    # One row per entry; a task's measures follow it in rows numbered 1.1, 1.2 … (xlsx_measures).
    layer_rows = sum(1 for name in wb.sheetnames if name != "统计汇总" and wb[name].sheet_state == "visible"
                     for row in wb[name].iter_rows(min_row=4, max_row=wb[name].max_row - 2, max_col=1,
                                                   values_only=True) if isinstance(row[0], int))
    assert layer_rows == count_entries(options.filter)
    summary = wb["统计汇总"]
    total_row = [c.value for c in summary[4]]
    assert total_row[0] == "合计" and total_row[1] == count_entries(options.filter)
    numbers = [c.value for row in summary.iter_rows(min_row=4) for c in row[1:4] if c.value not in ("",)]
    assert all(isinstance(v, int) for v in numbers if v is not None)


def test_csv_bom_and_quote_prefix(options, tmp_path):
    _hostile_entry(options.filter.campaign_id)
    out = tmp_path / "x.csv"
    export_csv(options, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["序号", "问题编号", "层级"]
    flat = [v for row in rows for v in row]
    assert "'=HYPERLINK(\"http://x\",\"点我\")" in flat
    assert "'@SUM(A1)" in flat
    assert not any(v.startswith(("=", "+", "@")) for v in flat)


def test_cancel_leaves_no_file(options, tmp_path):
    from desk_app.exchange.progress import Cancelled

    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(Cancelled):
        export_xlsx(options, folder / "c.xlsx", progress=lambda done, total, text="": done < 100)
    assert list(folder.iterdir()) == []
