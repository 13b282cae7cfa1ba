"""催报通知: the 公文 (GB/T 9704-2012) that asks the departments which have not sent back their month's
本月进展填报表 to do so, with a table of who and how many entries (services/fillin_rounds)."""

from __future__ import annotations

from datetime import date

from desk_app.services import campaigns, context, fillin_rounds, work_calendar
from desk_app.services.ledger_columns import cn_date
from desk_app.services.month_freeze import cn_month, report_day_of

from . import blocks, gongwen_blocks
from .gongwen import Gongwen
from .gongwen_table import GwColumn, add_table
from .layout import Document
from .options import PrintOptions, Progress, this_month, with_campaign

GRACE_WORKDAYS = 2  # after the report day, the new deadline: two working days from the day it is printed


def answer_by(today: date, due: date) -> date:
    """The day the notice asks for: the month's report day while it is still to come (the notice is a
    reminder, never an earlier deadline); after it, GRACE_WORKDAYS working days on, never a holiday."""
    if today <= due:
        return due
    return work_calendar.current().add_workdays(today, GRACE_WORKDAYS)


def build(options: PrintOptions, progress: Progress | None = None) -> Document:
    f = with_campaign(options.filter)
    month = options.month or this_month()
    missing = fillin_rounds.not_reported(f.campaign_id, month)
    if f.department_ids:  # only these departments (e.g. those an import batch still lacks)
        missing = [m for m in missing if m[0] in set(f.department_ids)]
    return document(f.campaign_id, month, missing, title=options.title, progress=progress)


def document(campaign_id: int, month: str, missing: list[tuple[int, str, int]], *, title: str = "",
             progress: Progress | None = None) -> Document:
    """The notice for the departments `missing` ((id, name, entries)), e.g. those an import batch lacks."""
    campaign = campaigns.get_campaign(campaign_id)
    issuer = blocks.report_header().unit or "活动办公室"
    today = context.today()
    title = title or f"关于报送{cn_month(month)}整改进展的催报通知"
    gw = Gongwen(title, author=issuer, progress=progress)
    gw.title(title)
    gw.blank()
    gw.addressee("各有关科室（单位）：")
    due = report_day_of(month)
    late = today > due
    gw.paragraph(f"按照{campaign.name}按月调度的要求，各科室应于{cn_date(due)}前报送{cn_month(month)}整改事项本月进展填报表。"
                 + (f"截至{cn_date(today)}，" if late else f"目前（{cn_date(today)}），")
                 + (f"仍有以下 {len(missing)} 个科室（单位）未报送：" if missing else "各科室均已报送。"))
    if missing:
        columns = [GwColumn("序号", lambda r, n: str(n), identity=True),
                   GwColumn("科室（单位）", lambda r, n: r[1], wide=True),
                   GwColumn("待填报事项", lambda r, n: f"{r[2]} 条")]
        add_table(gw, columns, missing)
        gw.blank(0.5)
        new_due = answer_by(today, due)
        when = f"于{cn_date(new_due)}前" if new_due > today else f"于今天（{cn_date(today)}）下班前"
        gw.paragraph(f"请上述科室{when}将填好的填报表原文件报送活动办：逐条填写“本月进展”，"
                     "需要销号的填写完成情况并另附佐证材料，需要延期的写明延期时限和理由。"
                     "逾期未报的，将在月度通报中列为未报送本月进展的科室。")
    gongwen_blocks.signature(gw, issuer, cn_date(today))
    cc, printer = gongwen_blocks.record_settings(issuer)
    gongwen_blocks.record(gw, printer, cn_date(today), cc)
    return gw.build()
