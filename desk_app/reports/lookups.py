"""Finding the person, 专班 or entry a print request names (CLI arguments are names, not ids)."""

from __future__ import annotations

import re

from desk_app.errors import NotFoundError, ValidationError
from desk_app.services import ledger, org
from desk_app.services.ledger_query import LedgerFilter, fetch_entries

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def person_by_name(name: str):
    found = org.find_people_by_name(name)
    if not found:
        raise NotFoundError(f"找不到人员“{name.strip()}”。请检查姓名（设置 › 单位与人员）。")
    if len(found) > 1:
        depts = "、".join(p.department_name or "未定单位" for p in found)
        raise ValidationError(f"有 {len(found)} 位同名人员“{name.strip()}”（{depts}），"
                              "请在程序里从列表中选择后打印。", "person")
    return found[0]


def task_force_by_name(campaign_id: int, name: str):
    from desk_app.services import taskforces  # noqa: PLC0415

    forces = taskforces.list_task_forces(campaign_id)
    wanted = name.strip()
    for tf in forces:
        if tf.name == wanted:
            return tf
    close = [tf for tf in forces if wanted and wanted in tf.name]
    if len(close) == 1:
        return close[0]
    names = "、".join(tf.name for tf in forces) or "（当前活动还没有专班）"
    raise NotFoundError(f"找不到专班“{wanted}”。当前活动的专班有：{names}")


def entry_by_code(campaign_id: int, code: str):
    code = code.strip()
    if code.isdigit():
        return ledger.get_entry(int(code))
    for record in fetch_entries(LedgerFilter(campaign_id=campaign_id, text=code), limit=50):
        if record.code == code:
            return record
    raise NotFoundError(f"找不到问题编号为“{code}”的事项（例如 ZG-2026-0001）。")


def check_month(month: str) -> str:
    month = (month or "").strip()
    m = MONTH_RE.match(month)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValidationError(f"月份“{month}”格式不正确，应写成 YYYY-MM，例如 2026-11", "month")
    return month
