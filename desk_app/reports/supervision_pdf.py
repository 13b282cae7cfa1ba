"""督办单 for one entry (red or yellow by its deadline light) and the 逾期通报 grouped by department."""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby

from desk_app.domain import Light
from desk_app.services import context, ledger, settings
from desk_app.services.ledger_columns import cn_date, deadline_text
from desk_app.services.ledger_query import latest_progress, light

from . import blocks
from .layout import BLACK, MM, RED, Document, PageSetup, ledger_page
from .ledger_pdf import PrintColumn, draw_table, serial_column
from .options import PrintOptions, Progress, campaign_name, cn_number, count, iter_entries, with_campaign
from .table import Table, TableColumn

YELLOW = (0.85, 0.55, 0.0)


def _form_page() -> PageSetup:
    setup = ledger_page(portrait=True)
    return replace(setup, left=25 * MM, right=25 * MM, top=25 * MM, bottom=22 * MM)


def _due_soon_days() -> int:
    try:
        return settings.preferences().due_soon_days
    except Exception:  # noqa: BLE001
        return 7


def _timing(e) -> str:
    if e.deadline is None:
        return e.deadline_type
    days = (e.deadline - context.today()).days
    if days < 0:
        return f"已逾期 {-days} 天"
    return "今日到期" if days == 0 else f"距整改时限还有 {days} 天"


def _requirement(shade: Light, e) -> str:
    if shade == Light.RED:
        return ("该事项已超过整改时限。请责任单位按照“13710”工作制度，自收到本督办单之日起3个工作日内书面报送"
                "整改进展和逾期原因，7日内完成整改并申请销号；确需延期的，须说明理由并经责任领导同意。")
    if shade == Light.YELLOW:
        return ("该事项即将到期。请责任单位抓紧推进，确保按期完成整改，完成后及时提交佐证材料并申请销号；"
                "不能按期完成的，请提前说明原因。")
    return "请责任单位按照整改措施和时限要求抓好落实，按月报送整改进展。"


def build_supervision(options: PrintOptions, progress: Progress | None = None) -> Document:
    e = ledger.get_entry(options.entry_id)
    shade = light(e.status, e.deadline_type, e.deadline, _due_soon_days())
    color, label = {Light.RED: (RED, "红色督办"), Light.YELLOW: (YELLOW, "黄色督办")}.get(shade, (BLACK, ""))
    doc = Document(f"督办单 {e.code}", _form_page(), progress=progress, author=blocks.report_header().unit)
    doc.line_of_text("督　办　单", doc.fonts.title, 26, align="c", leading=44, color=color)
    if label:
        doc.line_of_text(f"（{label}）", doc.fonts.heading, 14, align="c", leading=24, color=color)
    header = blocks.report_header()
    font = doc.fonts.body
    baseline = doc.y(16)
    doc.text_at(f"督办单位：{header.unit or '　' * 8}", font, 11, doc.x0, baseline)
    doc.text_at(f"编号：{e.code}", font, 11, doc.x0 + doc.width, baseline, "r")
    doc.advance(24)
    doc.rule(color, 1.5, space_after=8)
    progress_text = latest_progress([e.id]).get(e.id, "（尚无进展记录）")
    rows = [("督办事项", e.description), ("整改措施", e.measures), ("整改目标", e.target),
            ("责任领导", e.leader_name), ("责任单位", e.department_name), ("责任人", e.responsible_name),
            ("整改时限", deadline_text(e)), ("当前状态", e.status), ("时限情况", _timing(e)),
            ("最新进展", progress_text), ("督办要求", _requirement(shade, e)),
            ("办理结果\n（责任单位填写）", "\n\n\n")]
    table = Table(doc, [TableColumn("项目", 1.1, "c"), TableColumn("内容", 4.9)], size=11.5,
                  leading=19, padding=6, header=False)
    table.begin()
    for name, value in rows:
        table.add_row([name, value or "—"])
    table.end()
    doc.advance(14)
    doc.paragraph(f"督办日期：{cn_date(context.today())}", font, 11.5, leading=22)
    doc.paragraph("签收人：＿＿＿＿＿＿　　签收日期：　　　　年　　月　　日", font, 11.5, leading=26)
    return doc


def overdue_columns() -> list[PrintColumn]:
    today = context.today()
    return [serial_column(), PrintColumn("问题编号", 9, lambda e, n: e.code, "c"),
            PrintColumn("问题表现", 28, lambda e, n: e.description),
            PrintColumn("责任领导", 6, lambda e, n: e.leader_name, "c"),
            PrintColumn("责任人", 6, lambda e, n: e.responsible_name, "c"),
            PrintColumn("整改时限", 9, lambda e, n: cn_date(e.deadline), "c"),
            PrintColumn("逾期天数", 6, lambda e, n: str((today - e.deadline).days) if e.deadline else "", "c"),
            PrintColumn("状态", 6, lambda e, n: e.status, "c")]


def build_overdue(options: PrintOptions, progress: Progress | None = None) -> Document:
    f = replace(with_campaign(options.filter), overdue_only=True)
    total = count(f)
    records = [e for batch in iter_entries(f, "department") for e in batch]
    groups = [(name, list(rows)) for name, rows in groupby(records, key=lambda e: e.department_name or "（未指定单位）")]
    title = options.title or "关于整改事项逾期情况的通报"
    doc = Document(title, ledger_page(options.a3, portrait=not options.a3), progress=progress,
                   author=blocks.report_header().unit)
    blocks.title(doc, title)
    body, heading = doc.fonts.body, doc.fonts.heading
    today = cn_date(context.today())
    if total:
        intro = (f"截至{today}，{campaign_name(f)}整改台账中已超过整改时限仍未完成的事项共 {total} 条，"
                 f"涉及 {len(groups)} 个责任单位。现将具体情况通报如下：")
    else:
        intro = f"截至{today}，{campaign_name(f)}整改台账中没有逾期未完成的事项。"
    doc.paragraph(intro, body, 12, leading=22, first_indent=24, align="justify", space_after=6)
    columns = overdue_columns()
    for i, (name, rows) in enumerate(groups, start=1):
        doc.ensure(22 + 60)
        doc.line_of_text(f"{cn_number(i)}、{name}（{len(rows)} 条）", heading, 12.5, leading=24)
        draw_table(doc, columns, [rows], len(rows), size=9.5, label=f"正在排版：{name}")
        doc.advance(8)
        doc.check(i, len(groups), f"正在排版：{name}")
    if total:
        doc.paragraph("请以上责任单位高度重视，逐项分析逾期原因，明确整改措施和完成时间，于5个工作日内向活动办"
                      "报送整改进展；确已完成的，请及时提交佐证材料并申请销号。活动办将持续跟踪督办，"
                      "对多次逾期的事项予以通报提醒。", body, 12, leading=22, first_indent=24, align="justify")
    doc.advance(16)
    doc.line_of_text(blocks.report_header().unit or "活动办公室", body, 12, align="r", leading=22)
    doc.line_of_text(today, body, 12, align="r", leading=22)
    return doc
