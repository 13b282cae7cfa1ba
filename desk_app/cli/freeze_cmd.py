"""desk-app freeze YYYY-MM [--report-day D] | freeze YYYY-MM --undo --reason … | freeze --list: 封账."""

from __future__ import annotations

import argparse
import sys


def _date(text: str):
    from datetime import date  # noqa: PLC0415

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD，例如 2026-05-25，而不是“{text}”") from None


def register(sub) -> None:
    p = sub.add_parser("freeze", help="月度封账：按报送日保存台账，此后该月的打印、导出和统计不再变化",
                       description="月度封账：把当前活动某月的台账（状态、本月进展、整改时限、红黄灯和各项统计）"
                                   "按报送日保存下来。此后用 --month 打印、导出或统计该月，结果与封账时完全一致。"
                                   "报送日默认取 设置 › 常规 中的报送日（默认每月25日）。")
    p.add_argument("month", nargs="?", metavar="YYYY-MM", help="要封账的月份，如 2026-05")
    p.add_argument("--report-day", type=_date, metavar="YYYY-MM-DD", help="报送日（默认按设置，且不晚于今天）")
    p.add_argument("--undo", action="store_true", help="解除该月的封账（须用 --reason 说明原因，记入修改记录）")
    p.add_argument("--reason", default="", help="解除封账的原因")
    p.add_argument("--early", action="store_true",
                   help="报送日之前提前封账（不加时，提前封账会被拒绝并说明还有几个科室未报）")
    p.add_argument("--list", action="store_true", help="列出已封账的月份")
    p.set_defaults(func=run)


def _progress(done, total, text=""):
    if sys.stderr.isatty() and text:
        sys.stderr.write(f"\r{text}\u3000\u3000")
        sys.stderr.flush()
    return True


def run(args) -> int:
    from desk_app.errors import ValidationError  # noqa: PLC0415
    from desk_app.services import campaigns, month_freeze  # noqa: PLC0415
    from desk_app.services.month_freeze_warnings import early_freeze_warning  # noqa: PLC0415
    from desk_app.services.session import open_data  # noqa: PLC0415

    if not args.list and not args.month:
        raise ValidationError("请给出要封账的月份，例如：desk-app freeze 2026-05（或用 --list 查看已封账的月份）。",
                              "month")
    if args.reason and not args.undo:
        raise ValidationError("--reason 只用于 --undo（解除封账）。", "reason")
    month = month_freeze.check_month(args.month) if args.month else ""
    open_data(create=False)
    campaign = campaigns.require_current_campaign()
    if args.list:
        months = month_freeze.frozen_months(campaign.id)
        if not months:
            print(f"活动“{campaign.name}”还没有封账的月份。")
        for m in months:
            frozen = month_freeze.frozen_month(campaign.id, m)
            print(f"{month_freeze.cn_month(m)}  报送日 {frozen.report_day}  {len(frozen.entries)} 条  "
                  f"封账于 {frozen.frozen_at:%Y-%m-%d %H:%M}（{frozen.frozen_by or '—'}）")
        return 0
    if args.undo:
        month_freeze.unfreeze_month(campaign.id, month, args.reason)
        print(f"已解除{month_freeze.cn_month(month)}的封账（原因：{args.reason.strip()}），已记入修改记录。")
        return 0
    report_day = args.report_day or month_freeze.default_report_day(month)
    early = early_freeze_warning(campaign.id, month, report_day)
    if early and not args.early:
        raise ValidationError(f"{early}没有封账。如确要提前封账，请加 --early：desk-app freeze {month} --early；"
                              "否则请等到报送日再封账。", "month")
    frozen = month_freeze.freeze_month(campaign.id, month, report_day=report_day, progress=_progress)
    if sys.stderr.isatty():
        sys.stderr.write("\r")
    total = frozen.figures.total
    print(f"已封账：{month_freeze.cn_month(month)}，报送日 {frozen.report_day}，{total.total} 条事项，"
          f"已完成 {total.done} 条（完成率 {total.completion_rate:.1%}），逾期 {total.overdue} 条，"
          f"按期办结率 {total.on_time_rate:.1%}。")
    print(f"此后打印、导出、统计该月请加 --month {month}。")
    return 0


# Documents that read the ledger, and so can be made as of a frozen month.
FROZEN_KINDS = ("ledger", "problem-list", "person-list", "dispatch", "key-tasks", "overdue", "stats", "supervision")
MONTHLY_KINDS = ("dispatch", "key-tasks")  # their --month also names the month of an unfrozen ledger


def as_of_month(campaign_id: int, month: str, kind: str) -> str:
    """The frozen month a `print KIND --month M` (or an export) is made from: M when frozen; '' when the
    document reads the live ledger (a 调度表 of a month not frozen); a clear error otherwise."""
    from desk_app.errors import ValidationError  # noqa: PLC0415
    from desk_app.services import month_freeze  # noqa: PLC0415

    if kind not in FROZEN_KINDS:
        return ""
    if month in month_freeze.frozen_months(campaign_id):
        return month
    if kind in MONTHLY_KINDS:
        return ""
    frozen = "、".join(month_freeze.frozen_months(campaign_id)) or "（无）"
    raise ValidationError(f"{month_freeze.cn_month(month)}尚未封账，不能按该月打印或导出（已封账的月份：{frozen}）。"
                          f"先封账：desk-app freeze {month}；或去掉 --month 使用当前数据。", "month")
