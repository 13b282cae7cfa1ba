"""Ledger to .xlsx that prints right from WPS, Excel and LibreOffice, and works as a table there.

Written by XlsxWriter in constant-memory mode (each row goes to disk as it is written; measured
faster than openpyxl's write-only mode with the same print setup, see bench/exchange.py), a handful
of shared formats, explicit row heights (LibreOffice and WPS do not compute them), A4 landscape fitted
to the page width, the header row repeated on every page. Text is always stored as text (a cell
typed "=…" never becomes a formula); 序号 and counts are numbers, rates numbers formatted as %,
dates real dates. The header row has an autofilter, and 状态 / 层级 / 问题类别 / 类型 cells offer
their lists (data validation). A text too long for one row continues in rows marked 续.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, time
from pathlib import Path

from desk_app.domain import OPEN_STATUSES, EntryKind, Layer, Status
from desk_app.errors import InputFileError
from desk_app.services import context, stats
from desk_app.services.ledger_columns import Column
from desk_app.services.ledger_query import summarize

from .ledger_export import (
    LedgerExportOptions,
    SheetData,
    fetch_all,
    filter_text,
    header_block_text,
    header_labels,
    split_sheets,
)
from .out_path import publish
from .progress import Cancelled, Progress, report
from .xlsx_layout import column_widths, row_height, sheet_rows
from .xlsx_measures import Nesting, apply_merges
from .xlsx_sheet import LedgerSheet

FONT_NAME = "宋体"
LISTS_SHEET = "下拉选项"
SIGNATURE = ("填报人（签字）：\u3000\u3000\u3000\u3000\u3000\u3000审核人（签字）："
             "\u3000\u3000\u3000\u3000\u3000\u3000单位负责人（签字）：")


class _Formats:
    """Formats registered once and shared by every cell."""

    def __init__(self, wb):
        base = {"font_name": FONT_NAME, "font_size": 10.5, "valign": "vcenter"}
        box = {"border": 1}
        self.title = wb.add_format({**base, "font_size": 16, "bold": True, "align": "center_across"})
        self.subtitle = wb.add_format({**base, "align": "center_across"})
        self.meta = wb.add_format({**base, "align": "left"})
        self.head = wb.add_format({**base, **box, "bold": True, "align": "center", "text_wrap": True,
                                   "bg_color": "#D9D9D9", "pattern": 1})
        self.body = wb.add_format({**base, **box, "align": "left", "text_wrap": True})
        self.number = wb.add_format({**base, **box, "align": "center"})
        self.date = wb.add_format({**base, **box, "align": "center", "num_format": 'yyyy"年"m"月"d"日"'})
        self.percent = wb.add_format({**base, **box, "align": "center", "num_format": "0.0%"})
        self.label = wb.add_format({**base, **box, "align": "left"})


def _setup_print(ws, header_row: int, landscape: bool = True) -> None:
    """A4 fitted to the page width, margins, the header row on every page, 第 N 页 共 M 页."""
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.repeat_rows(header_row)
    ws.set_footer("&C第 &P 页 共 &N 页", {"margin": 0.3})
    ws.set_header("", {"margin": 0.3})


def _lists(entries) -> dict[str, list[str]]:
    """The choices each validated column offers (状态 includes the overdue forms the ledger prints)."""
    statuses = [s.value for s in Status] + [f"{s.value}（逾期）" for s in OPEN_STATUSES] + ["已完成"]  # 已完成: a measure
    categories = sorted({e.category for e in entries if e.category})
    return {"status": statuses, "layer": [layer.value for layer in Layer], "kind": [k.value for k in EntryKind],
            "category": categories}


def _list_ranges(lists: dict[str, list[str]]) -> dict[str, str]:
    """Where each list will sit on the hidden lists sheet (one a column, below its key)."""
    return {key: f"='{LISTS_SHEET}'!${chr(ord('A') + col)}$2:${chr(ord('A') + col)}${len(values) + 1}"
            for col, (key, values) in enumerate(lists.items()) if values}


def _write_lists(wb, lists: dict[str, list[str]]) -> None:
    ws = wb.add_worksheet(LISTS_SHEET)
    for col, (key, values) in enumerate(lists.items()):
        ws.write_string(0, col, key)
        for row, value in enumerate(values, start=1):
            ws.write_string(row, col, value)
    ws.hide()


VALIDATION_MESSAGES = {"status": ("状态", "stop"), "layer": ("层级", "stop"), "kind": ("类型", "stop"),
                       "category": ("问题类别", "warning")}


def _write_ledger_sheet(wb, fmt: _Formats, sheet: SheetData, columns: list[Column], ranges: dict[str, str],
                        filtered: str, progress: Progress | None, done: int, total: int,
                        nested: Nesting | None = None) -> int:
    ws = wb.add_worksheet(sheet.name, worksheet_class=LedgerSheet)
    widths = column_widths(columns, sheet.rows)
    for index, width in enumerate(widths):
        ws.set_column(index, index, width)
    last_col = len(widths) - 1
    row = 0
    ws.set_row(row, 32)
    ws.write_string(row, 0, sheet.title, fmt.title)
    for col in range(1, last_col + 1):
        ws.write_blank(row, col, None, fmt.title)
    if filtered:  # what the file holds, when it is not the whole ledger
        row += 1
        ws.set_row(row, 20)
        ws.write_string(row, 0, filtered, fmt.subtitle)
        for col in range(1, last_col + 1):
            ws.write_blank(row, col, None, fmt.subtitle)
    row += 1
    ws.set_row(row, 22)
    ws.write_string(row, 0, header_block_text(), fmt.meta)
    row += 1
    header_row = row
    labels = header_labels(columns)
    ws.set_row(row, row_height(labels, widths))
    for col, label in enumerate(labels):
        ws.write_string(row, col, label, fmt.head)
    ws.freeze_panes(header_row + 1, 0)
    _setup_print(ws, header_row)
    records = sheet_rows(sheet.rows, columns, widths)
    if nested is not None:  # each task's measures in rows under it, its own cells merged down (xlsx_measures)
        records = nested.insert(records, sheet.entry_ids, widths)
    for record in records:
        row += 1
        ws.write_record(row, record.height, record.values, fmt.number, fmt.body, fmt.date, fmt.number)
        if record.continued:
            continue
        done += 1
        if done % 200 == 0 and progress is not None and progress(done, total, f"正在写入第 {done}/{total} 行") is False:
            return -1
    last_row = row
    if nested is not None:
        apply_merges(ws, nested.merges, header_row + 1)
    if last_row > header_row:
        ws.autofilter(header_row, 0, last_row, last_col)
        keys = ["serial", *(c.key for c in columns)]
        for key, (label, style) in VALIDATION_MESSAGES.items():
            if key in keys and key in ranges:
                col = keys.index(key)
                ws.data_validation(header_row + 1, col, last_row, col, {
                    "validate": "list", "source": ranges[key], "error_type": style,
                    "error_title": f"{label}不在列表中",
                    "error_message": f"请从下拉列表中选择{label}。"})
    row += 2
    ws.set_row(row, 24)
    ws.write_string(row, 0, SIGNATURE, fmt.meta)
    return done


SUMMARY_DIMENSIONS = (("layer", "层级"), ("department", "责任单位"), ("status", "状态"),
                      ("category", "问题类别"))


def _write_summary(wb, fmt: _Formats, options: LedgerExportOptions, filtered: str) -> None:
    """Counts are numbers (0, never blank) and rates numbers shown as %, so upward templates can sum them."""
    ws = wb.add_worksheet("统计汇总")
    for col, width in enumerate((30, 10, 10, 10, 12)):
        ws.set_column(col, col, width)
    f = options.filter
    rows = [0]

    def next_row(height: float = 20.0) -> int:
        row = rows[0]
        rows[0] += 1
        ws.set_row(row, height)  # explicit: LibreOffice and WPS keep what they find
        return row

    row = next_row(32)
    ws.write_string(row, 0, "统计汇总", fmt.title)
    for col in range(1, 5):
        ws.write_blank(row, col, None, fmt.title)
    if filtered:
        row = next_row()
        ws.write_string(row, 0, filtered, fmt.subtitle)
        for col in range(1, 5):
            ws.write_blank(row, col, None, fmt.subtitle)
    ws.write_string(next_row(22), 0, header_block_text(), fmt.meta)
    header_row = next_row()
    for col, label in enumerate(("项目", "总数", "已完成", "逾期", "完成率")):
        ws.write_string(header_row, col, label, fmt.head)
    _setup_print(ws, header_row, landscape=False)

    def figures(label, total, done, overdue, rate):
        row = next_row()
        ws.write_string(row, 0, label, fmt.label)
        for col, value in enumerate((total, done, overdue), start=1):
            ws.write_number(row, col, value, fmt.number)
        ws.write_number(row, 4, round(rate, 4), fmt.percent)

    s = summarize(f)
    figures("合计", s.total, s.done, s.overdue, s.completion_rate)
    for dimension, label in SUMMARY_DIMENSIONS:
        row = next_row()
        ws.write_string(row, 0, f"按{label}", fmt.head)
        for col in range(1, 5):
            ws.write_string(row, col, "", fmt.head)
        for g in stats.breakdown(f, dimension):
            figures(g.key, g.total, g.done, g.overdue, g.completion_rate)
    row = next_row()
    ws.write_string(row, 0, "按期办结率", fmt.label)
    for col in range(1, 4):
        ws.write_string(row, col, "", fmt.number)
    ws.write_number(row, 4, round(stats.on_time_rate(f), 4), fmt.percent)


def export_xlsx(options: LedgerExportOptions, out: str | os.PathLike[str], *,
                progress: Progress | None = None) -> int:
    """Write the ledger view to `out` (atomically: a cancelled or failed export leaves no file)."""
    import xlsxwriter  # noqa: PLC0415 - loaded only when exporting

    out = Path(out)
    report(progress, 0, 0, "正在读取台账")
    entries = fetch_all(options, progress)
    report(progress, 0, 0, f"正在排版（{len(entries):,} 条）")
    sheets = split_sheets(options, entries)
    total = sum(len(s.rows) for s in sheets)
    filtered = filter_text(options)
    tmp = _temporary_file(out)
    wb = xlsxwriter.Workbook(tmp, {"constant_memory": True, "strings_to_formulas": False,
                                   "strings_to_urls": False, "strings_to_numbers": False})
    # Dated by the ledger's day, not the clock: the same data gives the same file (a frozen month's export).
    wb.set_properties({"created": datetime.combine(context.today(), time())})
    try:
        fmt = _Formats(wb)
        lists = _lists(entries)
        ranges = _list_ranges(lists)
        done = 0
        keys = [c.key for c in options.columns]
        for sheet in sheets:
            nested = None if options.template_mode else Nesting.for_sheet(keys, sheet.entry_ids)
            done = _write_ledger_sheet(wb, fmt, sheet, options.columns, ranges, filtered, progress, done, total,
                                       nested)
            if done < 0:
                raise Cancelled()
        if options.summary_sheet:
            _write_summary(wb, fmt, options, filtered)
        _write_lists(wb, lists)  # last, so the ledger stays the first sheet
        if progress is not None:
            progress(total, total, "正在保存文件")  # too late to cancel: the streamed sheets must be saved
        wb.close()
        publish(tmp)
        os.replace(tmp, out)
    except PermissionError as exc:
        raise InputFileError(f"无法写入 {out.name}：文件可能正在 WPS/Excel 中打开，请关闭后重试。") from exc
    finally:
        if not wb.fileclosed:
            _discard(wb)
        if os.path.exists(tmp):
            os.unlink(tmp)
    return total


def _temporary_file(out: Path) -> str:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".export-", suffix=out.suffix)
        os.close(fd)
    except OSError as exc:
        raise InputFileError(f"无法在 {out.parent} 写入文件：{exc.strerror}。请换一个文件夹。") from exc
    return tmp


def _discard(wb) -> None:
    """Close the streamed sheets' temporary files of an export that stopped half way."""
    for ws in wb.worksheets():
        try:
            ws._opt_close()  # noqa: SLF001 - XlsxWriter has no public way to abandon a workbook
        except Exception:  # noqa: BLE001 - the export already failed; this only tidies up
            pass
