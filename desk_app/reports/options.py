"""What a print request carries, and helpers the ledger-style documents share."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from desk_app.services import campaigns, context, ledger_query, org
from desk_app.services.ledger_query import LedgerFilter, count_entries

Progress = Callable[[int, int, str], bool]


@dataclass
class PrintOptions:
    """Everything any document may use; each document reads the fields it needs."""

    filter: LedgerFilter = field(default_factory=LedgerFilter)
    columns: list[str] | None = None  # ledger column keys (ledger_columns); None = defaults
    a3: bool = False
    sort: str = "code"
    descending: bool = False
    title: str = ""  # overrides the document's own title
    layer: str = ""  # 问题清单 by layer
    person_id: int | None = None  # 问题清单 of one person
    entry_id: int | None = None  # 督办单
    meeting_id: int | None = None
    task_force_id: int | None = None
    month: str = ""  # YYYY-MM for 月度调度表 (default: this month) and the 月度通报 (default: the last frozen month)
    as_of_month: str = ""  # YYYY-MM: print that frozen month as it stood on its report day (month_view)
    period: str = ""  # YYYY-Qn: the 季度通报's quarter, a ranked round (default: the latest)
    ranking_kind: str = ""  # the ranked activity (default 作风指数评价)
    # Filled while the document is made: what the clerk should know about its layout (too many columns
    # for the paper), shown after printing.
    advice: list[str] = field(default_factory=list)


def with_campaign(f: LedgerFilter) -> LedgerFilter:
    """The filter limited to the current campaign unless it names one."""
    if f.campaign_id is not None:
        return f
    return replace(f, campaign_id=campaigns.require_current_campaign().id)


def campaign_name(f: LedgerFilter) -> str:
    if f.campaign_id is None:
        return campaigns.require_current_campaign().name
    return campaigns.get_campaign(f.campaign_id).name


def this_month() -> str:
    today = context.today()
    return f"{today.year:04d}-{today.month:02d}"


def cn_month(month: str) -> str:
    year, mon = month.split("-")
    return f"{int(year)}年{int(mon)}月"


def iter_entries(f: LedgerFilter, sort: str = "code", chunk: int = 250, descending: bool = False) -> Iterator[list]:
    """The filtered entries in chunks, so long prints report progress and stay small in memory: page after
    page by keyset (ledger_query.iter_entries), never OFFSET counting past every row printed already."""
    return ledger_query.iter_entries(f, sort, descending, chunk=chunk)


def count(f: LedgerFilter) -> int:
    return count_entries(f)


def filter_subtitle(f: LedgerFilter, prefix: str = "", **implied) -> str:
    """"（责任单位：办公室，状态：推进中）" for a filtered print, "" when it holds everything. `implied`
    names filter fields the document's kind already says (kinds=[], open_only=False …), left out;
    `prefix` (the month of a 调度表) comes first."""
    described = describe_filter(replace(f, campaign_id=None, **implied))
    text = "　".join(p for p in (prefix, described) if p)
    return f"（{text}）" if text else ""


def describe_filter(f: LedgerFilter) -> str:
    """The filter in words for the subtitle, e.g. "责任单位：办公室，状态：推进中、未启动，仅逾期"."""
    parts = []
    if f.department_ids:  # who it is for first: 责任单位：办公室，状态：推进中
        names = {d.id: d.name for d in org.list_departments(include_inactive=True, include_units=True)}
        label = {"": "责任单位", "lead_or_assist": "牵头或配合", "assist": "配合单位"}.get(f.department_role, "责任单位")
        parts.append(f"{label}：" + "、".join(names.get(i, str(i)) for i in f.department_ids))
    for label, values in (("状态", f.statuses), ("层级", f.layers), ("类型", f.kinds), ("问题类别", f.categories),
                          ("问题来源", f.sources), ("来源单位", f.source_units)):
        if values:
            parts.append(f"{label}：{'、'.join(values)}")
    for label, ids in (("责任人", f.responsible_ids), ("所属人员", f.owner_ids)):
        if ids:
            parts.append(f"{label}：" + "、".join(_person_name(i) for i in ids))
    if f.person_id is not None:
        parts.append(f"涉及人员：{_person_name(f.person_id)}")
    if f.deadline_from or f.deadline_to:
        from desk_app.services.ledger_columns import cn_date  # noqa: PLC0415

        parts.append(f"整改时限：{cn_date(f.deadline_from) or '不限'}至{cn_date(f.deadline_to) or '不限'}")
    if f.overdue_only:
        parts.append("仅逾期")
    if f.open_only:
        parts.append("仅未完成")
    if f.lagging:
        parts.append("序时进度滞后")
    if f.due_within_days is not None:
        parts.append(f"{f.due_within_days}天内到期")
    if f.task_force_ids:
        parts.append("专班：" + "、".join(_task_force_name(i) for i in f.task_force_ids))
    if f.text.strip():
        parts.append(f"含“{f.text.strip()}”")
    return "，".join(parts)


def _task_force_name(task_force_id: int) -> str:
    from desk_app.services import taskforces  # noqa: PLC0415

    try:
        return taskforces.get_task_force(task_force_id).name
    except Exception:  # noqa: BLE001 - a removed 专班: show the number rather than fail the print
        return f"#{task_force_id}"


def _person_name(person_id: int) -> str:
    try:
        return org.get_person(person_id).name
    except Exception:  # noqa: BLE001 - a removed person: show the number rather than fail the print
        return f"#{person_id}"


_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """一, 二 … 十, 十一 … 九十九 (section numbers in official documents)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else _DIGITS[tens]}十{_DIGITS[ones] if ones else ''}"
