"""desk-app export fill-in: one 本月进展填报表 per department, with only its open entries (fillin_format)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from desk_app.domain import OPEN_STATUSES
from desk_app.errors import InputFileError, ValidationError
from desk_app.safe_names import safe_path
from desk_app.services import campaigns, context, fillin_rounds, ledger_bulk
from desk_app.services.ledger_columns import deadline_text, status_text
from desk_app.services.ledger_query import LedgerFilter, fetch_entries
from desk_app.services.month_freeze import check_month, cn_month, report_day_of
from desk_app.services.month_freeze_warnings import frozen_month_note

from .cells import strip_controls
from .fillin_format import (
    COLUMNS,
    FORMAT,
    FORMAT_VERSION,
    HEADER_ROW,
    IDENTITY,
    INDEX,
    META_HEADER,
    META_SHEET,
    NO,
    SHEET,
    YES,
    meta_checksum,
    row_checksum,
)
from .out_path import publish
from .progress import Progress, report
from .xlsx_layout import LINE_HEIGHT_PT, row_height

FONT = "宋体"
MIN_ROW_LINES = 3  # room to write 本月进展 without resizing the row


@dataclass(frozen=True)
class SentWorkbook:
    department_id: int
    department: str
    entries: int
    path: Path


@dataclass
class FillInExport:
    month: str
    due: date
    workbooks: list[SentWorkbook] = field(default_factory=list)
    without_department: int = 0  # open entries no workbook holds (no 责任单位)
    frozen_note: str = ""  # the month is frozen already: what comes back is 补报

    def summary_text(self) -> str:
        lines = [f"注意：{self.frozen_note}"] if self.frozen_note else []
        lines += [f"已为 {len(self.workbooks)} 个科室生成{cn_month(self.month)}本月进展填报表"
                 f"（共 {sum(w.entries for w in self.workbooks)} 条未完成事项，报送截止 {self.due}）："]
        lines += [f"  {w.department}：{w.entries} 条 → {w.path.name}" for w in self.workbooks]
        if self.without_department:
            lines.append(f"另有 {self.without_department} 条未完成事项没有责任单位，未放入任何填报表"
                         "（请在台账中补上责任单位）。")
        return "\n".join(lines)


class _Formats:
    def __init__(self, wb):
        base = {"font_name": FONT, "font_size": 10.5, "valign": "vcenter", "text_wrap": True}
        box = {**base, "border": 1}
        self.title = wb.add_format({**base, "font_size": 16, "bold": True, "align": "center"})
        self.note = wb.add_format({**base, "align": "left", "font_size": 10})
        self.head = wb.add_format({**box, "bold": True, "align": "center", "bg_color": "#D9D9D9", "pattern": 1})
        self.head_edit = wb.add_format({**box, "bold": True, "align": "center", "bg_color": "#FFE699", "pattern": 1})
        self.locked = wb.add_format({**box, "bg_color": "#F2F2F2", "pattern": 1})
        self.locked_center = wb.add_format({**box, "align": "center", "bg_color": "#F2F2F2", "pattern": 1})
        self.edit = wb.add_format({**box, "locked": False})
        self.edit_center = wb.add_format({**box, "align": "center", "locked": False})
        self.edit_date = wb.add_format({**box, "align": "center", "locked": False, "num_format": "yyyy-mm-dd"})
        self.hidden = wb.add_format({"font_name": FONT, "font_size": 8, "font_color": "#808080"})


def _instructions(month: str, due: date) -> str:
    return (f"请于{due.year}年{due.month}月{due.day}日前填写黄色表头的各列：每条事项的“本月进展”必填；整改完成需要销号的，"
            f"“申请销号”选“{YES}”并填写完成情况（佐证材料另行报送）；需要延期的，填写“申请延期至”和“延期理由”。"
            "灰色各列为台账内容，不能修改；请勿增加、删除行或改动隐藏列，可以排序和筛选。填好后把本文件原样交回活动办。")


PRINT_SCALE = 85  # 10.5 pt prints at about 9 pt; each half fits A4 landscape even with wider fallback fonts
FIRST_PAGE_END = INDEX["status"]  # the ledger's columns; 最近一次进展 and the answers print on the next page


def _visible_widths() -> list[float]:
    return [c.width for c in COLUMNS if not c.hidden]


def _cells(e, last: tuple[str, str] | None, this_month: str, serial: int) -> dict[str, str]:
    last_text = f"{cn_month(last[0])}：{last[1]}" if last else ""
    return {"serial": str(serial), "code": e.code, "kind": e.kind, "description": e.description,
            "measures": e.measures, "responsible": e.responsible_name, "deadline": deadline_text(e),
            "status": status_text(e), "last_progress": last_text, "progress": this_month}


def _write_workbook(path: Path, *, campaign, month: str, due: date, department_id: int, department: str,
                    entries: list, last: dict, current: dict) -> None:
    import xlsxwriter  # noqa: PLC0415 - loaded only when exporting

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False})
    wb.set_properties({"title": f"{cn_month(month)}本月进展填报表（{department}）", "author": "desk_app",
                       "created": datetime.combine(context.today(), time())})
    fmt = _Formats(wb)
    ws = wb.add_worksheet(SHEET)
    visible = [c for c in COLUMNS if not c.hidden]
    last_visible = len(visible) - 1
    for index, column in enumerate(COLUMNS):
        ws.set_column(index, index, column.width, fmt.hidden if column.hidden else None,
                      {"hidden": True} if column.hidden else {})
    first_page = FIRST_PAGE_END  # on screen the title lines span the ledger's columns (paper: the page header)
    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, first_page, f"{campaign.name}{cn_month(month)}整改事项本月进展填报表", fmt.title)
    ws.set_row(1, 62)
    ws.merge_range(1, 0, 1, first_page, _instructions(month, due), fmt.note)
    ws.set_row(2, 22)
    ws.merge_range(2, 0, 2, first_page, f"填报单位：{department}　　共 {len(entries)} 条未完成事项　　"
                                          f"报送截止：{due.year}年{due.month}月{due.day}日", fmt.note)
    for col, column in enumerate(COLUMNS):
        ws.write_string(HEADER_ROW, col, column.label, fmt.head_edit if column.editable else fmt.head)
    ws.set_row(HEADER_ROW, 30)
    keys = []
    widths = _visible_widths()
    for serial, e in enumerate(entries, start=1):
        row = HEADER_ROW + serial
        values = {k: strip_controls(v or "") for k, v in _cells(e, last.get(e.id), current.get(e.id, ""),
                                                                 serial).items()}
        checksum = row_checksum(e.uuid, month, department_id, [values[k] for k in IDENTITY])
        for key in ("serial", "code", "kind", "description", "measures", "responsible", "deadline", "status",
                    "last_progress"):
            center = key in ("serial", "code", "kind", "responsible", "deadline", "status")
            ws.write_string(row, INDEX[key], values[key], fmt.locked_center if center else fmt.locked)
        ws.write_string(row, INDEX["progress"], values["progress"], fmt.edit)
        ws.write_blank(row, INDEX["apply_close"], None, fmt.edit_center)
        ws.write_blank(row, INDEX["summary"], None, fmt.edit)
        ws.write_blank(row, INDEX["extend_to"], None, fmt.edit_date)
        ws.write_blank(row, INDEX["extend_reason"], None, fmt.edit)
        ws.write_string(row, INDEX["key"], e.uuid, fmt.hidden)
        ws.write_string(row, INDEX["checksum"], checksum, fmt.hidden)
        texts = [values.get(c.key, "") for c in visible]
        ws.set_row(row, max(row_height(texts, widths), MIN_ROW_LINES * LINE_HEIGHT_PT + 4))
        keys.append([e.uuid, str(e.id), e.code, e.status, current.get(e.id, ""), checksum])
    last_row = HEADER_ROW + len(entries)
    if entries:
        _validations(ws, HEADER_ROW + 1, last_row, due)
        ws.autofilter(HEADER_ROW, 0, last_row, last_visible)
    ws.freeze_panes(HEADER_ROW + 1, 2)
    _print_setup(ws)
    ws.print_area(HEADER_ROW, 0, max(last_row, HEADER_ROW), last_visible)
    title = _header_text(f"{campaign.name}{cn_month(month)}整改事项本月进展填报表")
    ws.set_header(f'&C&"{FONT},Bold"&14 {title}\n&"{FONT},Regular"&10 填报单位：{_header_text(department)}'
                  f"　　报送截止：{due.year}年{due.month}月{due.day}日")
    ws.set_footer(f'&L&"{FONT},Regular"&10科室负责人（签字）：&C第 &P 页 共 &N 页&R日期：　　年　　月　　日')
    ws.protect("", {"autofilter": True, "sort": True, "format_rows": True, "select_locked_cells": True,
                    "select_unlocked_cells": True})
    ws.activate()
    _write_keys(wb, campaign, month, due, department_id, department, keys)
    wb.close()


def _header_text(text: str) -> str:
    """Text for a page header: & is a header code (&& prints one)."""
    return text.replace("&", "&&")


def _print_setup(ws) -> None:
    """Printed legibly (a chief signs the paper copy): A4 landscape at 85 %, the ledger's columns on one
    page and the last progress with the department's answers on the next, each with the title and the
    department in the page header, the header row and 序号/问题编号 repeated, and a line to sign in the
    footer; pages numbered across before down so the two halves of the same rows lie together. Fitting
    all columns to one page wide shrank the text to 4–5 pt."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_print_scale(PRINT_SCALE)
    ws.set_margins(left=0.4, right=0.4, top=0.9, bottom=0.7)
    ws.repeat_rows(HEADER_ROW)
    ws.repeat_columns(INDEX["serial"], INDEX["code"])
    ws.set_v_pagebreaks([FIRST_PAGE_END + 1])
    ws.print_across()


def _validations(ws, first: int, last: int, due: date) -> None:
    ws.data_validation(first, INDEX["apply_close"], last, INDEX["apply_close"], {
        "validate": "list", "source": [YES, NO], "input_title": "申请销号",
        "input_message": f"整改完成、需要销号的选“{YES}”，并在右边填写完成情况。",
        "error_title": "申请销号", "error_message": f"请选择“{YES}”或“{NO}”，或者留空。"})
    ws.data_validation(first, INDEX["extend_to"], last, INDEX["extend_to"], {
        "validate": "date", "criteria": ">", "value": datetime.combine(due, time()),
        "input_title": "申请延期至", "input_message": "需要延期的，填写新的整改时限，如 2027-03-31，并填写延期理由。",
        "error_title": "申请延期至", "error_message": "请填写报送截止日以后的日期，如 2027-03-31。"})
    for key, title, message in (("progress", "本月进展", "填写本月整改做了什么、进展到哪一步；没有进展也请写明原因。"),
                                ("summary", "完成情况", "申请销号时填写：完成了什么、达到的标准、佐证材料名称。"),
                                ("extend_reason", "延期理由", "申请延期时填写：不能按期完成的原因。")):
        ws.data_validation(first, INDEX[key], last, INDEX[key], {
            "validate": "length", "criteria": "<=", "value": 2000, "input_title": title, "input_message": message,
            "error_title": title, "error_message": "内容请控制在 2000 字以内，更多内容可作为附件另行报送。"})


def _write_keys(wb, campaign, month: str, due: date, department_id: int, department: str, keys: list) -> None:
    header = {"格式": FORMAT, "格式版本": str(FORMAT_VERSION), "活动id": str(campaign.id), "活动": campaign.name,
              "月份": month, "科室id": str(department_id), "科室": department, "报送截止": due.isoformat(),
              "导出时间": context.now().isoformat(sep=" "), "事项数": str(len(keys))}
    header["校验码"] = meta_checksum(header, keys)
    ws = wb.add_worksheet(META_SHEET)
    for row, (name, value) in enumerate(header.items()):
        ws.write_string(row, 0, name)
        ws.write_string(row, 1, value)
    start = len(header) + 1
    for col, label in enumerate(META_HEADER):
        ws.write_string(start, col, label)
    for offset, values in enumerate(keys, start=1):
        for col, value in enumerate(values):
            ws.write_string(start + offset, col, value)
    ws.protect("")
    ws.very_hidden()


def export_fillin(campaign_id: int | None, month: str, out_dir: str | os.PathLike[str], *,
                  department_ids: list[int] | None = None, progress: Progress | None = None) -> FillInExport:
    """Write one workbook per department (or per chosen department) into `out_dir`; existing files
    are never overwritten (a second export of the month gets "(2)" names)."""
    month = check_month(month)
    campaign = campaigns.get_campaign(campaign_id) if campaign_id else campaigns.require_current_campaign()
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ValidationError(f"“{out}”是一个文件。fill-in 的 --out 应为文件夹，每个科室的填报表都写在其中。", "out")
    departments, without = fillin_rounds.departments_with_open_entries(campaign.id)
    if department_ids is not None:
        departments = [d for d in departments if d.id in department_ids]
    if not departments:
        raise ValidationError("没有需要填报的事项：各科室都没有未完成（未启动、推进中）的事项。", "month")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputFileError(f"无法创建文件夹“{out}”：{exc.strerror or exc}。请换一个位置。") from exc
    due = report_day_of(month)
    result = FillInExport(month, due, without_department=without,
                          frozen_note=frozen_month_note(campaign.id, month))
    taken: set[str] = set()
    for index, d in enumerate(departments):
        report(progress, index, len(departments), f"正在生成 {d.name} 的填报表")
        entries = fetch_entries(LedgerFilter(campaign_id=campaign.id, department_ids=[d.id], source_units=[""],
                                             statuses=[s.value for s in OPEN_STATUSES]), sort="code")
        ids = [e.id for e in entries]
        target = safe_path(out, f"{month} {d.name} 本月进展填报表.xlsx", taken=taken)
        handle, tmp = tempfile.mkstemp(suffix=".xlsx", dir=out)
        os.close(handle)
        try:
            _write_workbook(Path(tmp), campaign=campaign, month=month, due=due, department_id=d.id,
                            department=d.name, entries=entries, last=fillin_rounds.progress_before(ids, month),
                            current=ledger_bulk.month_progress_texts(ids, month))
            publish(tmp)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        result.workbooks.append(SentWorkbook(d.id, d.name, len(entries), target))
    fillin_rounds.record_export(campaign.id, month, {w.department_id: {"name": w.department, "entries": w.entries,
                                                                       "file": w.path.name} for w in result.workbooks})
    report(progress, len(departments), len(departments), "填报表已生成")
    return result
