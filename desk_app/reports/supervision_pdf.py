"""督办单 for one entry (coloured by its 13710 escalation level, or by its deadline light when it is not on the
clock) and the 逾期通报 grouped by department."""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby

from desk_app.domain import Light
from desk_app.services import context, ledger, settings, supervision, supervision_urges
from desk_app.services.ledger_columns import cn_date, deadline_text
from desk_app.services.ledger_query import latest_progress, light

from . import blocks, gongwen_blocks, supervision_blocks
from .gongwen import Gongwen
from .gongwen_table import CONTINUED, GwColumn, add_table, column_widths
from .layout import BLACK, LINES, MM, RED, Document, PageSetup, ledger_page
from .options import (
    PrintOptions,
    Progress,
    campaign_name,
    cn_number,
    count,
    describe_filter,
    iter_entries,
    with_campaign,
)
from .table import Table, TableColumn

YELLOW = (0.85, 0.55, 0.0)
SIGN_OFF_HEIGHT = 14 + 22 + 26  # the space before, 督办日期 and 签收人 lines after the table


def form_page() -> PageSetup:
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


def _clock_shade(clock) -> Light:
    """The requirement's tone from the clock (the one verdict the tab and the 催办单 give too)."""
    if any(n.state == supervision.NodeState.MISSED for n in clock.nodes):
        return Light.RED
    if any(n.state == supervision.NodeState.DUE_TODAY for n in clock.nodes):
        return Light.YELLOW
    return Light.GREEN


def build_supervision(options: PrintOptions, progress: Progress | None = None) -> Document:
    """督办单: the matter, its source, its node table and 催办 record when it runs on the 13710 clock
    (printed in the colour of the escalation level it reached, black when it reached none), then the
    unit's reply and sign-off. A matter off the clock is coloured by its deadline light, as before."""
    e = ledger.get_entry(options.entry_id)
    clock = supervision.clock(e.id)
    if clock is not None:
        shade, fallback, timing = _clock_shade(clock), (BLACK, ""), supervision.situation(clock)
    else:
        shade = light(e.status, e.deadline_type, e.deadline, _due_soon_days())
        fallback = {Light.RED: (RED, "红色督办"), Light.YELLOW: (YELLOW, "黄色督办")}.get(shade, (BLACK, ""))
        timing = _timing(e)
    doc = Document(f"督办单 {e.code}", form_page(), progress=progress, author=blocks.report_header().unit)
    color = supervision_blocks.form_title(doc, "督　办　单", supervision_blocks.escalation(clock), fallback)
    header = blocks.report_header()
    font = doc.fonts.body
    baseline = doc.y(16)
    doc.text_at(f"督办单位：{header.unit or '　' * 8}", font, 11, doc.x0, baseline)
    doc.text_at(f"编号：{e.code}", font, 11, doc.x0 + doc.width, baseline, "r")
    doc.advance(24)
    doc.rule(color, 1.5, space_after=8)
    progress_text = latest_progress([e.id]).get(e.id, "（尚无进展记录）")
    rows = [("督办事项", e.description), *supervision_blocks.source_rows(e), ("整改措施", e.measures),
            ("整改目标", e.target), ("责任领导", e.leader_name), ("责任单位", e.department_name),
            ("责任人", e.responsible_name), ("整改时限", deadline_text(e)), ("当前状态", e.status),
            ("时限情况", timing), ("最新进展", progress_text), ("督办要求", _requirement(shade, e))]
    if clock is None:  # the form as before: its reply row closes the one table
        rows.append(REPLY_ROW)
    form_table(doc, e.code, rows, keep_last=clock is None)
    if clock is not None:
        supervision_blocks.node_table(doc, clock)
        supervision_blocks.urge_table(doc, supervision_urges.list_urges(e.id))
        doc.advance(12)
        form_table(doc, e.code, [REPLY_ROW])
    doc.advance(14)
    doc.paragraph(f"督办日期：{cn_date(context.today())}", font, 11.5, leading=22)
    doc.paragraph("签收人：＿＿＿＿＿＿　　签收日期：　　　　年　　月　　日", font, 11.5, leading=26)
    return doc


REPLY_ROW = ("办理结果\n（责任单位填写）", "\n\n\n")


def form_table(doc: Document, code: str, rows: list[tuple[str, str]], *, keep_last: bool = True) -> None:
    """The form's two-column table; its last row keeps the 督办日期 and 签收 lines with it (keep_last)."""
    table = Table(doc, [TableColumn("项目", 1.1, "c"), TableColumn("内容", 4.9)], size=11.5,
                  leading=19, padding=6, header=False)
    table.begin()
    doc.repeat_header = lambda: _continued_form_top(doc, code, table.xs[0], table.xs[-1])
    for i, (name, value) in enumerate(rows):
        last = keep_last and i == len(rows) - 1
        table.add_row([name, value or "—"], keep_after=SIGN_OFF_HEIGHT if last else 0.0)
    table.end()


def _continued_form_top(doc: Document, code: str, x0: float, x1: float) -> None:
    """A 督办单 continued on a new page: whose it is, then the table's top border again."""
    doc.line_of_text(f"督办单（续）　编号：{code}", doc.fonts.heading, 10.5, align="r", leading=18)
    doc.op(LINES, [(x0, doc.y(), x1, doc.y())], 0.8)


def overdue_columns() -> list[GwColumn]:
    today = context.today()
    return [GwColumn("序号", lambda e, n: str(n), identity=True),
            GwColumn("问题编号", lambda e, n: e.code, identity=True),
            GwColumn("问题表现", lambda e, n: e.description, wide=True),
            GwColumn("责任人", lambda e, n: e.responsible_name or "—"),
            GwColumn("整改\n时限", lambda e, n: cn_date(e.deadline)),
            GwColumn("逾期\n天数", lambda e, n: str((today - e.deadline).days) if e.deadline else ""),
            GwColumn("状态", lambda e, n: e.status)]


def build_overdue(options: PrintOptions, progress: Progress | None = None) -> Document:
    """逾期通报 as a 通报 (GB/T 9704-2012): title, body, entries grouped by 责任单位 under headings that
    wrap (never cut) and come back marked （续） on continued pages, 署名 and date, 版记, "— N —"."""
    f = replace(with_campaign(options.filter), overdue_only=True)
    total = count(f)
    records = [e for batch in iter_entries(f, "department") for e in batch]
    groups = [(name, list(rows)) for name, rows in groupby(records, key=lambda e: e.department_name or "（未指定单位）")]
    title = options.title or "关于整改事项逾期情况的通报"
    issuer = blocks.report_header().unit or "活动办公室"
    today = cn_date(context.today())
    gw = Gongwen(title, author=issuer, progress=progress)
    gw.title(title)
    gw.blank()
    gw.addressee("各专班、各有关单位（科室）：")
    scope = describe_filter(replace(f, campaign_id=None, overdue_only=False))
    scope = f"（{scope}）" if scope else ""
    if total:
        gw.paragraph(f"截至{today}，{campaign_name(f)}整改台账中{scope}已超过整改时限仍未完成的事项共 {total} 条，"
                     f"涉及 {len(groups)} 个责任单位。现将具体情况通报如下：")
    else:
        gw.paragraph(f"截至{today}，{campaign_name(f)}整改台账中{scope}没有逾期未完成的事项。")
    columns = overdue_columns()
    widths = column_widths(gw, columns, [[c.value(e, n) for c in columns] for n, e in enumerate(records, start=1)])
    for i, (name, rows) in enumerate(groups, start=1):
        heading = f"{cn_number(i)}、{name}（{len(rows)} 条）"
        gw.heading(heading)
        add_table(gw, columns, rows, heading=lambda h=heading: gw.paragraph(
            h + CONTINUED, face=gw.fonts.heading, kind="heading1", attach=False, keep_together=True), widths=widths)
        gw.blank(0.5)
        doc_check(progress, i, len(groups), name)
    if total:
        gw.paragraph("请以上责任单位高度重视，逐项分析逾期原因，明确整改措施和完成时间，于5个工作日内向活动办"
                     "报送整改进展；确已完成的，请及时提交佐证材料并申请销号。活动办将持续跟踪督办，"
                     "对多次逾期的事项予以通报提醒。")
    gongwen_blocks.signature(gw, issuer, today)
    cc, printer = gongwen_blocks.record_settings(issuer)
    gongwen_blocks.record(gw, printer, today, cc)
    return gw.build()


def doc_check(progress: Progress | None, done: int, total: int, name: str) -> None:
    if progress is not None and progress(done, total, f"正在排版：{name}") is False:
        from .layout import RenderCancelled  # noqa: PLC0415

        raise RenderCancelled()
