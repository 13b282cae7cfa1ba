"""What a clerk must hear before a month's work goes where it will not count:
- 封账 before the month's report day, while departments have not yet sent back their 本月进展;
- 本月进展 exported or imported for a month already frozen (补报: it reaches the ledger, not the 通报).
Each answer is '' when there is nothing to say."""

from __future__ import annotations

from datetime import date

from desk_app.services.ledger_columns import cn_date

from . import context, fillin_rounds
from .month_freeze import check_month, cn_month, freeze_of, report_day_of


def early_freeze_warning(campaign_id: int, month: str, report_day: date) -> str:
    """Said when `report_day` comes before the month's report day (设置 › 报送日)."""
    official = report_day_of(check_month(month))
    if report_day >= official or report_day.strftime("%Y-%m") != month or report_day > context.today():
        return ""  # not early (or no day to freeze with at all: freeze_month says why)
    missing = fillin_rounds.not_reported(campaign_id, month)
    late = f"还有 {len(missing)} 个科室未报本月进展，" if missing else ""
    return (f"{cn_month(month)}的报送日是{cn_date(official)}，现在按{cn_date(report_day)}封账是提前封账：{late}"
            "封账后补报的进展不进入本月通报和封账的数字。")


def frozen_month_note(campaign_id: int, month: str) -> str:
    """Said when fill-ins are exported or imported for a month already frozen."""
    frozen = freeze_of(campaign_id, check_month(month))
    if frozen is None:
        return ""
    frozen_at, report_day = frozen
    return (f"{cn_month(month)}已于{cn_date(frozen_at.date())}封账（报送日{cn_date(report_day)}），"
            f"补报的进展只记入台账，不进入{cn_month(month)}的通报和封账的数字。"
            f"如要计入，须先解除封账（文件 › 月度封账，或 desk-app freeze {month} --undo --reason 原因），"
            "导入后再重新封账。")
