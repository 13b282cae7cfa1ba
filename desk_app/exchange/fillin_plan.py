"""What each returned row would change, checked against the ledger as it is now: 本月进展 through
ledger_bulk, 申请销号 and 延期 through workflow; conflicts and problems are said, never guessed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desk_app.domain import DONE_STATUSES, OPEN_STATUSES, Status
from desk_app.errors import NotFoundError
from desk_app.services import attachments, ledger, ledger_bulk, workflow

from .cells import strip_controls
from .fillin_format import normalise
from .fillin_read import ReturnedRow

PROGRESS, CLOSE, EXTEND = "本月进展", "申请销号", "延期"


@dataclass
class RowPlan:
    """One returned row: what will be written (actions) and what will not, and why (problems)."""

    department: str
    row: ReturnedRow
    code: str
    description: str
    progress: str = ""  # the text to store as 本月进展; '' = none
    old_progress: str = ""  # 本月进展 in the ledger now
    close_summary: str = ""
    extend_to: date | None = None
    extend_reason: str = ""
    actions: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    conflict: bool = False  # the ledger changed since export in a way the file disagrees with

    @property
    def entry_id(self) -> int:
        return self.row.key.entry_id


def _entry(entry_id: int):
    try:
        return ledger.get_entry(entry_id)
    except NotFoundError:
        return None


def plan_row(department: str, row: ReturnedRow, month: str, *, campaign_id: int, now_progress: str,
             prefer_file: bool = False) -> RowPlan:
    entry = _entry(row.key.entry_id)
    plan = RowPlan(department, row, row.key.code, (entry.description if entry else "")[:40],
                   old_progress=now_progress, problems=list(row.problems))
    if entry is None or entry.campaign_id != campaign_id or entry.deleted_at is not None:
        plan.conflict = True
        plan.problems.append("该事项已删除（或已移入回收站），本行未导入")
        return plan
    if entry.status in DONE_STATUSES:
        if row.reports_anything:
            plan.conflict = True
            plan.problems.append(f"该事项在导出后已{entry.status}，本行未导入")
        return plan
    if row.measures is not None and row.measures != normalise(strip_controls(entry.measures or "")):
        plan.problems.append("表中的整改措施与台账中的不同：整改措施是锁定内容，不从填报表导入；"
                             "如需修改整改措施，请在台账中修改")
    _plan_progress(plan, row, entry, now_progress, prefer_file)
    if row.apply_close and row.extend_to:
        plan.problems.append("同一行既申请销号又申请延期，两项都未办理，请与科室确认")
        return plan
    if row.apply_close:
        _plan_close(plan, row, entry)
    elif row.extend_to or row.extend_reason:
        _plan_extend(plan, row, entry)
    elif row.summary:
        plan.problems.append("填写了完成情况但“申请销号”未选“是”：未作为销号申请")
    return plan


def _plan_progress(plan: RowPlan, row: ReturnedRow, entry, now_progress: str, prefer_file: bool) -> None:
    if not row.progress or row.progress == now_progress:
        return
    changed_here = now_progress != row.key.progress  # someone typed this month's progress here after export
    if changed_here and now_progress and not prefer_file:
        plan.conflict = True
        plan.problems.append(f"导出后本机已填写本月进展（“{now_progress[:30]}”），与填报表不同：保留本机的"
                             "（要以填报表为准，导入时选择“冲突以填报表为准”）")
        return
    plan.progress = row.progress
    plan.actions.append(PROGRESS)


def _plan_close(plan: RowPlan, row: ReturnedRow, entry) -> None:
    if entry.status not in OPEN_STATUSES:
        if entry.status != Status.PENDING_CLOSE:
            plan.problems.append(f"当前状态为“{entry.status}”，不能申请销号")
        return  # already applied for: nothing more to do
    if not row.summary:
        plan.problems.append("申请销号须填写“完成情况”：销号申请未办理")
        return
    if not attachments.list_attachments(entry.id):
        plan.problems.append("该事项还没有佐证材料：销号申请未办理，请科室补交佐证材料后在台账中申请")
        return
    plan.close_summary = row.summary
    plan.actions.append(CLOSE)


def _plan_extend(plan: RowPlan, row: ReturnedRow, entry) -> None:
    if row.extend_to is None:
        if not row.problems:
            plan.problems.append("填写了延期理由但没有填写“申请延期至”：延期未办理")
        return
    if not row.extend_reason:
        plan.problems.append("申请延期须填写延期理由：延期未办理")
        return
    if entry.deadline and row.extend_to == entry.deadline and _extended_to(entry.id, row.extend_to):
        plan.problems.append(f"延期至 {row.extend_to} 已办理（此前的导入或台账中已延期），本次不再重复办理")
        return
    if entry.deadline and row.extend_to <= entry.deadline:
        plan.problems.append(f"申请延期至 {row.extend_to} 不晚于现在的时限 {entry.deadline}：延期未办理")
        return
    if entry.found_date and row.extend_to < entry.found_date:
        plan.problems.append(f"申请延期至 {row.extend_to} 早于发现日期：延期未办理")
        return
    plan.extend_to, plan.extend_reason = row.extend_to, row.extend_reason
    plan.actions.append(EXTEND)


def _extended_to(entry_id: int, day: date) -> bool:
    """Whether a 延期 to `day` was granted already (a batch imported twice, or done in the ledger)."""
    return any(e.new_deadline == day for e in workflow.events_of(entry_id))


def current_progress(entry_ids: list[int], month: str) -> dict[int, str]:
    return ledger_bulk.month_progress_texts(entry_ids, month)
