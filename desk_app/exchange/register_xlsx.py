"""制度清单 / 晋位升级目标 as an Excel table: the printed columns (reports.register_pdf), dates as dates,
header frozen, autofilter, A4 landscape fitted to the width with the header repeated."""

from __future__ import annotations

import io
from datetime import datetime, time
from pathlib import Path

from desk_app.services import campaigns, context, registers
from desk_app.services.registers import RULES

from .bulletin_docx import write_bytes
from .cells import strip_controls


def _columns(register: str) -> list[tuple[str, callable]]:
    s = registers.spec(register)
    common_tail = [("责任人", lambda i: i.owner_name), ("状态", lambda i: i.status),
                   (s.start_label, lambda i: i.start_on), (s.due_label, lambda i: i.due_on),
                   (s.done_label, lambda i: i.done_on), ("文号", lambda i: i.doc_number),
                   ("文件位置", lambda i: i.doc_link), ("备注", lambda i: i.note)]
    if register == RULES:
        return [(s.area_label, lambda i: i.area), (s.title_label, lambda i: i.title),
                (s.action_label, lambda i: i.action), (s.content_label, lambda i: i.content),
                ("牵头科室", lambda i: i.department_name), *common_tail]
    return [("科室（单位）", lambda i: i.department_name), (s.title_label, lambda i: i.title),
            (s.action_label, lambda i: i.action), (s.area_label, lambda i: i.area),
            (s.content_label, lambda i: i.content), *common_tail]


def register_xlsx_bytes(campaign_id: int, register: str) -> bytes:
    import xlsxwriter  # noqa: PLC0415

    s = registers.spec(register)
    items = registers.list_items(campaign_id, s.name)
    title = f"{campaigns.get_campaign(campaign_id).name}{s.name}"
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": title, "created": datetime.combine(context.today(), time())})
    base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter", "border": 1}
    head = wb.add_format({**base, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#EEEEEE"})
    text = wb.add_format({**base, "text_wrap": True})
    day = wb.add_format({**base, "align": "center", "num_format": 'yyyy"年"m"月"d"日"'})
    number = wb.add_format({**base, "align": "center"})
    ws = wb.add_worksheet(s.name)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(1)
    columns = [("序号", None), *_columns(s.name)]
    ws.merge_range(0, 0, 0, len(columns) - 1, title,
                   wb.add_format({"font_name": "宋体", "bold": True, "font_size": 16, "align": "center"}))
    ws.set_row(0, 28)
    for c, (label, _get) in enumerate(columns):
        ws.write_string(1, c, label, head)
    widths = [6] + [max(8, len(label) * 2 + 2) for label, _ in columns[1:]]
    for r, item in enumerate(items, start=2):
        ws.write_number(r, 0, r - 1, number)
        for c, (_label, get) in enumerate(columns[1:], start=1):
            value = get(item)
            if value is None or value == "":
                ws.write_blank(r, c, None, text)
            elif hasattr(value, "year"):
                ws.write_datetime(r, c, datetime.combine(value, time()), day)
                widths[c] = max(widths[c], 16)
            else:
                value = strip_controls(str(value))
                ws.write_string(r, c, value, text)
                widths[c] = min(40, max(widths[c], sum(2 if ord(ch) > 0x2E7F else 1 for ch in value) + 2))
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    ws.freeze_panes(2, 0)
    ws.autofilter(1, 0, 1 + len(items), len(columns) - 1)
    wb.close()
    return buffer.getvalue()


def export_register(campaign_id: int, register: str, out: str | Path) -> Path:
    out = Path(out).expanduser()
    if not out.suffix:
        out = out.with_name(out.name + ".xlsx")
    if out.suffix.lower() != ".xlsx":
        from desk_app.errors import ValidationError  # noqa: PLC0415

        raise ValidationError(f"清单导出为 Excel 工作簿，文件名应以 .xlsx 结尾，而不是“{out.name}”。", "out")
    return write_bytes(register_xlsx_bytes(campaign_id, register), out)
