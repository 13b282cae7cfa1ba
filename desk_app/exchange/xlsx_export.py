"""Ledger to .xlsx that prints right from WPS, Excel and LibreOffice.

Streaming (write-only) workbook with a handful of NamedStyles shared by every cell, explicit
row heights (LibreOffice and WPS do not compute them), A4 landscape fitted to the page width,
the header row repeated on every page. Text that looks like a formula is stored as text.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desk_app.errors import InputFileError
from desk_app.services import stats
from desk_app.services.ledger_columns import Column
from desk_app.services.ledger_query import summarize

from .cells import text_width, wrapped_lines
from .ledger_export import (
    LedgerExportOptions,
    SheetData,
    fetch_all,
    header_block_text,
    header_labels,
    split_sheets,
)
from .progress import Cancelled, Progress, report

PAGE_WIDTH_UNITS = 150.0  # column units that fill an A4 landscape page at about 100 %
SERIAL_WIDTH = 5.0
LINE_HEIGHT_PT = 13.5  # one line of 10.5 pt CJK text, with leading
ROW_PADDING_PT = 4.0
MAX_ROW_HEIGHT_PT = 409.0  # Excel's limit
FONT_NAME = "宋体"


NARROW_COLUMN = 14.0  # short values (codes, dates, names) should fit on one line up to this width


def column_widths(columns: list[Column], rows: list[list[str]] | None = None) -> list[float]:
    """The shared relative widths scaled to the page; never narrower than the header label, and
    narrow columns widened so their longest value (a code, a date) stays on one line."""
    total = sum(c.width for c in columns) or 1.0
    scale = min(max((PAGE_WIDTH_UNITS - SERIAL_WIDTH) / total, 0.9), 1.8)
    widths = [SERIAL_WIDTH]
    sample = (rows or [])[:2000]
    for index, c in enumerate(columns, start=1):
        width = max(c.width * scale, text_width(c.label) + 2.5, 6.0)
        if width < NARROW_COLUMN and sample:
            longest = max((text_width(r[index]) for r in sample if "\n" not in r[index]), default=0.0)
            width = max(width, min(longest + 1.5, NARROW_COLUMN))
        widths.append(round(width, 1))
    return widths


def row_height(values: list[str], widths: list[float]) -> float:
    lines = max(wrapped_lines(v, w) for v, w in zip(values, widths, strict=False)) if values else 1
    return min(lines * LINE_HEIGHT_PT + ROW_PADDING_PT, MAX_ROW_HEIGHT_PT)


class _Styles:
    """NamedStyles registered once; cells share the prepared style array (fast)."""

    def __init__(self, workbook, sheet):
        from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 - openpyxl loads lazily
        from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side  # noqa: PLC0415

        thin = Side(style="thin", color="000000")
        box = Border(left=thin, right=thin, top=thin, bottom=thin)
        specs = {
            "ledger_title": dict(font=Font(name=FONT_NAME, size=16, bold=True),
                                 alignment=Alignment(horizontal="centerContinuous", vertical="center")),
            "ledger_meta": dict(font=Font(name=FONT_NAME, size=10.5),
                                alignment=Alignment(horizontal="left", vertical="center")),
            "ledger_head": dict(font=Font(name=FONT_NAME, size=10.5, bold=True), border=box,
                                fill=PatternFill("solid", fgColor="D9D9D9"),
                                alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
            "ledger_body": dict(font=Font(name=FONT_NAME, size=10.5), border=box,
                                alignment=Alignment(horizontal="left", vertical="center", wrap_text=True)),
            "ledger_number": dict(font=Font(name=FONT_NAME, size=10.5), border=box,
                                  alignment=Alignment(horizontal="center", vertical="center")),
        }
        self._arrays = {}
        self._cell = WriteOnlyCell
        for name, attrs in specs.items():
            if name not in workbook.named_styles:
                workbook.add_named_style(NamedStyle(name=name, **attrs))
            probe = WriteOnlyCell(sheet, value=None)
            probe.style = name
            self._arrays[name] = probe._style

    def cell(self, sheet, value, style: str):
        cell = self._cell(sheet)
        if isinstance(value, str):
            # Set as text directly: openpyxl would turn '=…' into a formula (and its checks cost
            # seconds on 100,000 cells; control characters are already stripped).
            cell._value = value
            cell.data_type = "s"
        elif value is not None:
            cell.value = value
        cell._style = self._arrays[style]  # shared and never mutated: copying cost 10 % of the export
        return cell


def _setup_print(ws, header_row: int) -> None:
    from openpyxl.worksheet.page import PageMargins  # noqa: PLC0415

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4 (WriteOnlyWorksheet lacks the PAPERSIZE_A4 constant)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"


def _write_ledger_sheet(wb, styles_holder: list, sheet: SheetData, columns: list[Column],
                        progress: Progress | None, done: int, total: int) -> int:
    ws = wb.create_sheet(sheet.name)
    if not styles_holder:
        styles_holder.append(_Styles(wb, ws))
    styles = styles_holder[0]
    widths = column_widths(columns, sheet.rows)
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A4"
    _setup_print(ws, 3)
    n = len(widths)
    ws.row_dimensions[1].height = 32
    ws.append([styles.cell(ws, sheet.title, "ledger_title")]
              + [styles.cell(ws, None, "ledger_title") for _ in range(n - 1)])
    ws.row_dimensions[2].height = 22
    ws.append([styles.cell(ws, header_block_text(), "ledger_meta")])
    labels = header_labels(columns)
    ws.row_dimensions[3].height = row_height(labels, widths)
    ws.append([styles.cell(ws, label, "ledger_head") for label in labels])
    for offset, values in enumerate(sheet.rows):
        ws.row_dimensions[4 + offset].height = row_height(values, widths)
        ws.append([styles.cell(ws, int(values[0]) if values[0].isdigit() else values[0], "ledger_number")]
                  + [styles.cell(ws, v, "ledger_body") for v in values[1:]])
        done += 1
        if done % 100 == 0 and progress is not None and progress(done, total, f"正在写入第 {done}/{total} 行") is False:
            # Raising here would leave openpyxl's streaming writer half-open; stop and let the caller discard.
            return -1
    foot_row = 4 + len(sheet.rows) + 1
    ws.row_dimensions[foot_row].height = 24
    ws.append([])
    ws.append([styles.cell(ws, "填报人（签字）：\u3000\u3000\u3000\u3000\u3000\u3000审核人（签字）："
                           "\u3000\u3000\u3000\u3000\u3000\u3000单位负责人（签字）：", "ledger_meta")])
    return done


SUMMARY_DIMENSIONS = (("layer", "层级"), ("department", "责任单位"), ("status", "状态"),
                      ("category", "问题类别"))


def _write_summary(wb, styles, options: LedgerExportOptions) -> None:
    """Counts are numbers (0, never blank), so upward templates can sum them."""
    ws = wb.create_sheet("统计汇总")
    for letter, width in zip("ABCDE", (30, 10, 10, 10, 12), strict=True):
        ws.column_dimensions[letter].width = width
    _setup_print(ws, 3)
    ws.page_setup.orientation = "portrait"
    f = options.filter
    written = [0]

    def append(cells, height: float = 20.0):
        written[0] += 1
        ws.row_dimensions[written[0]].height = height  # explicit: LibreOffice and WPS keep what they find
        ws.append(cells)

    append([styles.cell(ws, "统计汇总", "ledger_title")]
           + [styles.cell(ws, None, "ledger_title") for _ in range(4)], 32)
    append([styles.cell(ws, header_block_text(), "ledger_meta")], 22)
    append([styles.cell(ws, h, "ledger_head") for h in ("项目", "总数", "已完成", "逾期", "完成率")])

    def figures(label, total, done, overdue, rate):
        append([styles.cell(ws, label, "ledger_body")]
               + [styles.cell(ws, v, "ledger_number") for v in (total, done, overdue, f"{rate:.1%}")])

    s = summarize(f)
    figures("合计", s.total, s.done, s.overdue, s.completion_rate)
    for dimension, label in SUMMARY_DIMENSIONS:
        append([styles.cell(ws, f"按{label}", "ledger_head")]
               + [styles.cell(ws, "", "ledger_head") for _ in range(4)])
        for g in stats.breakdown(f, dimension):
            figures(g.key, g.total, g.done, g.overdue, g.completion_rate)
    append([styles.cell(ws, "按期办结率", "ledger_body")]
           + [styles.cell(ws, "", "ledger_number") for _ in range(3)]
           + [styles.cell(ws, f"{stats.on_time_rate(f):.1%}", "ledger_number")])


def export_xlsx(options: LedgerExportOptions, out: str | os.PathLike[str], *,
                progress: Progress | None = None) -> int:
    """Write the ledger view to `out` (atomically: a cancelled or failed export leaves no file)."""
    from openpyxl import Workbook  # noqa: PLC0415

    out = Path(out)
    report(progress, 0, 0, "正在读取台账")
    entries = fetch_all(options)
    sheets = split_sheets(options, entries)
    total = sum(len(s.rows) for s in sheets)
    wb = Workbook(write_only=True)
    holder: list = []
    done = 0
    for sheet in sheets:
        done = _write_ledger_sheet(wb, holder, sheet, options.columns, progress, done, total)
        if done < 0:
            _discard(wb)
            raise Cancelled()
    if options.summary_sheet:
        _write_summary(wb, holder[0], options)
    if progress is not None:
        progress(total, total, "正在保存文件")  # too late to cancel: the streamed sheets must be saved
    _save_atomically(wb, out)
    return total


def _discard(wb) -> None:
    """Finish the streamed sheets into a throw-away file so their writers close cleanly."""
    fd, tmp = tempfile.mkstemp(prefix=".export-discard-", suffix=".xlsx")
    os.close(fd)
    try:
        wb.save(tmp)
    except Exception:  # noqa: BLE001 - the export already failed; this only tidies up
        pass
    finally:
        os.unlink(tmp)


def _save_atomically(wb, out: Path) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".export-", suffix=out.suffix)
        os.close(fd)
    except OSError as exc:
        raise InputFileError(f"无法在 {out.parent} 写入文件：{exc.strerror}。请换一个文件夹。") from exc
    try:
        wb.save(tmp)
        os.replace(tmp, out)
    except PermissionError as exc:
        raise InputFileError(f"无法写入 {out.name}：文件可能正在 WPS/Excel 中打开，请关闭后重试。") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
