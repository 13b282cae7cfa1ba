"""催办单 for one 督办 matter: the form the office sends when a node is missed — what the matter is and where
it came from, which nodes are late and by how much, what was asked before (the 催办 record), the
requirement by escalation level, and the unit's reply and sign-off. Same frame as the 督办单 (A4 portrait,
the title in the level's colour, 编号 and 催办单位 above a rule)."""

from __future__ import annotations

from desk_app.domain import Status
from desk_app.errors import ValidationError
from desk_app.services import context, ledger, supervision, supervision_urges
from desk_app.services.ledger_columns import cn_date

from . import blocks, supervision_blocks
from .layout import RED, Document
from .options import PrintOptions, Progress
from .supervision_pdf import REPLY_ROW, form_page, form_table


def _requirement(clock, times: int) -> str:
    level = clock.level_name
    ask = "请责任单位接到本催办单后立即办理，于1个工作日内报送办理进展"
    if level and clock.level is supervision.load_rules().levels[-1]:
        ask = ("该事项已列为" + level + "，请责任单位主要负责同志亲自过问，于1个工作日内书面说明逾期原因和"
               "整改措施，限期办结")
    elif level:
        ask = f"该事项已列为{level}，请责任单位于1个工作日内书面报送办理进展和逾期原因，按节点抓紧办理"
    return f"本事项为第 {times} 次催办。{ask}；确有困难的，请说明理由并提出完成时限。"


def build_urge(options: PrintOptions, progress: Progress | None = None) -> Document:
    e = ledger.get_entry(options.entry_id)
    if e.status == Status.CLOSED:  # nothing is left to urge: a 催办单 would ask a unit to redo finished work
        raise ValidationError(f"事项 {e.code} 已销号，无需催办。", "entry")
    if e.status == Status.PENDING_CLOSE:
        raise ValidationError(f"事项 {e.code} 已申请销号，正等待审核，无需催办：请先审核它的销号申请"
                              "（审核退回后仍可催办）。", "entry")
    clock = supervision.clock(e.id)
    if clock is None:
        raise ValidationError(f"事项 {e.code} 不按督办时限管理（没有交办日期，或其类型未在设置中纳入督办），"
                              "没有可催办的节点。请先在事项的“督办”页填写交办日期", "entry")
    urges = supervision_urges.list_urges(e.id)
    # This form is the next 催办, unless one was already recorded today (the clerk logged it, then printed).
    times = len(urges) + (0 if urges and urges[-1].date == context.today() else 1)
    header = blocks.report_header()
    doc = Document(f"催办单 {e.code}", form_page(), progress=progress, author=header.unit)
    color = supervision_blocks.form_title(doc, "催　办　单", supervision_blocks.escalation(clock), (RED, ""))
    font = doc.fonts.body
    baseline = doc.y(16)
    doc.text_at(f"催办单位：{header.unit or '　' * 8}", font, 11, doc.x0, baseline)
    doc.text_at(f"编号：{e.code}-{times:02d}", font, 11, doc.x0 + doc.width, baseline, "r")
    doc.advance(24)
    doc.rule(color, 1.5, space_after=8)
    rows = [("督办事项", e.description), *supervision_blocks.source_rows(e), ("责任单位", e.department_name),
            ("责任人", e.responsible_name), ("逾期情况", supervision.situation(clock)), ("催办要求", _requirement(clock, times))]
    form_table(doc, e.code, rows, keep_last=False)
    supervision_blocks.node_table(doc, clock)
    if urges:
        supervision_blocks.urge_table(doc, urges)
    doc.advance(12)
    form_table(doc, e.code, [("办理情况\n（责任单位填写）", REPLY_ROW[1])])
    doc.advance(14)
    doc.paragraph(f"催办日期：{cn_date(context.today())}", font, 11.5, leading=22)
    doc.paragraph("签收人：＿＿＿＿＿＿　　签收日期：　　　　年　　月　　日", font, 11.5, leading=26)
    return doc
