"""A 通报 (reports.bulletin_notice.Notice) as an Excel workbook: a sheet 正文 with the text as written, and
one sheet per table (科室排名, 专班排名, 连续两月逾期 …, and the tables the paper gives as a sentence),
numbers typed — rates as numbers formatted 0.0%, changes as numbers shown ↑2.5 / ↓1.0 / 持平 — with
the header row frozen, an autofilter, A4 fitted to the page width and the header repeated when printed.

Written by XlsxWriter with the Notice's date as the file's date: the same Notice gives the same bytes."""

from __future__ import annotations

import io
from datetime import datetime, time

from desk_app.reports.bulletin_notice import (
    COUNT_CHANGE,
    DATE,
    INT,
    PLACE_CHANGE,
    POINTS,
    RATE,
    SCORE,
    Heading,
    Notice,
    Para,
    TableBlock,
    cell_text,
)
from desk_app.services.ledger_columns import cn_date

from .cells import strip_controls

FONT = "宋体"
NUMBER_FORMATS = {INT: "0", RATE: "0.0%", SCORE: "0.00", DATE: 'yyyy"年"m"月"d"日"',
                  POINTS: '"↑"0.0;"↓"0.0;"持平"', COUNT_CHANGE: '"↑"0;"↓"0;"持平"', PLACE_CHANGE: '"↑"0;"↓"0;"持平"'}
TEXT_COLUMN_WIDTH = 64  # 正文: the width of A4 portrait at 11 pt (a Chinese character counts 2)


def _sheet_name(name: str, used: set[str]) -> str:
    clean = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "表"
    base, n = clean, 2
    while clean in used:
        clean = f"{base[:28]}（{n}）"
        n += 1
    used.add(clean)
    return clean


def _width(text: str) -> float:
    return sum(2.0 if ord(ch) > 0x2E7F else 1.1 for ch in text)


def notice_xlsx_bytes(notice: Notice) -> bytes:
    import xlsxwriter  # noqa: PLC0415

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": notice.title, "author": notice.issuer,
                       "created": datetime.combine(notice.date, time())})
    base = {"font_name": FONT, "font_size": 11, "valign": "vcenter"}
    title = wb.add_format({**base, "bold": True, "font_size": 16, "align": "center"})
    text = wb.add_format({**base, "text_wrap": True})
    head = wb.add_format({**base, "bold": True, "border": 1, "align": "center", "text_wrap": True, "bg_color": "#EEEEEE"})
    cell = {kind: wb.add_format({**base, "border": 1, "align": "center", "num_format": fmt})
            for kind, fmt in NUMBER_FORMATS.items()}
    plain = wb.add_format({**base, "border": 1, "text_wrap": True})
    centred = wb.add_format({**base, "border": 1, "align": "center", "text_wrap": True})
    heading = wb.add_format({**base, "bold": True})
    used: set[str] = set()

    body = wb.add_worksheet(_sheet_name("正文", used))
    body.set_column(0, 0, TEXT_COLUMN_WIDTH)
    body.set_paper(9)
    body.fit_to_pages(1, 0)
    lines = [(notice.title, title), ("", text), (notice.addressee, text)]
    for block in notice.blocks:
        if isinstance(block, Para):
            lines.append(("\u3000\u3000" + block.text, text))
        elif isinstance(block, Heading):
            lines.append(("\u3000\u3000" + block.text, heading))
        elif isinstance(block, TableBlock) and block.on_paper:
            lines.append((f"\u3000\u3000（见工作表“{block.sheet}”）" if block.rows else "\u3000\u3000" + block.empty, text))
    lines += [("", text), (notice.issuer, text), (cn_date(notice.date), text)]
    for r, (value, fmt) in enumerate(lines):
        body.write_string(r, 0, strip_controls(value), fmt)
        rows_needed = max(1, int(_width(value) / TEXT_COLUMN_WIDTH) + 1)
        body.set_row(r, 16 * rows_needed if fmt is not title else 26)

    for block in notice.tables():
        ws = wb.add_worksheet(_sheet_name(block.sheet, used))
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(1)
        last = len(block.columns) - 1
        ws.merge_range(0, 0, 0, max(last, 0), f"{notice.title}——{block.sheet}", title)
        ws.set_row(0, 26)
        ws.set_row(1, 32)
        widths = []
        for c, column in enumerate(block.columns):
            ws.write_string(1, c, column.label.replace("\n", ""), head)
            texts = [cell_text(column.kind, row[c]) for row in block.rows]
            widths.append(min(60.0, max([_width(column.label.replace("\n", "")) / 1.6 + 2]
                                        + [_width(t) + 2 for t in texts])))
        for r, row in enumerate(block.rows, start=2):
            for c, (column, value) in enumerate(zip(block.columns, row, strict=True)):
                if value is None or value == "" or isinstance(value, str) and column.kind != "text":
                    ws.write_string(r, c, cell_text(column.kind, None) if value in (None, "") else value, centred)
                elif column.kind == DATE:
                    ws.write_datetime(r, c, datetime.combine(value, time()), cell[DATE])
                elif column.kind in NUMBER_FORMATS:
                    ws.write_number(r, c, value, cell[column.kind])
                else:
                    ws.write_string(r, c, strip_controls(str(value)), plain if column.wide else centred)
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        ws.freeze_panes(2, 0)
        if block.rows:
            ws.autofilter(1, 0, 1 + len(block.rows), last)
    wb.close()
    return buffer.getvalue()
