"""What 首页, the ledger filter and `stats` show of the 督办 clock: nodes due today, nodes missed, and how
many open matters stand at each escalation level."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from peewee import JOIN

from desk_app.db.models import Department, LedgerEntry

from .supervision import EntryClock, NodeState, campaign_clocks, estimate_note
from .supervision_rules import load_rules

DUE_TODAY, MISSED, ATTENTION = "due_today", "missed", "attention"
WHICH_LABELS = {DUE_TODAY: "督办节点今日到期", MISSED: "督办节点已逾期", ATTENTION: "督办节点今日到期或已逾期"}


@dataclass(frozen=True)
class NodeItem:
    """One node that needs the clerk today: due today, or missed and still open."""

    entry_id: int
    code: str
    description: str
    department_name: str
    node_name: str
    due: date
    state: NodeState
    late_workdays: int
    level_name: str
    level_color: str
    estimate: str = ""  # "按周一至周五估算，2027年放假安排未录入" when the due date is counted without holidays


@dataclass(frozen=True)
class SupervisionOverview:
    nodes_due_today: int
    nodes_missed: int
    by_escalation: dict[str, int]  # every level of 设置, lowest first, with its count of open matters
    matters: int  # open matters on the clock
    items: tuple[NodeItem, ...] = field(default=())  # missed first (most late first), then due today
    estimate_note: str = ""  # a 工作提醒 line when open matters fall due in a year without holiday data

    def as_dict(self) -> dict:
        return {"nodes_due_today": self.nodes_due_today, "nodes_missed": self.nodes_missed,
                "by_escalation": dict(self.by_escalation), "matters": self.matters}


def _names(entry_ids: list[int]) -> dict[int, tuple[str, str]]:
    names: dict[int, tuple[str, str]] = {}
    for start in range(0, len(entry_ids), 900):
        query = (LedgerEntry.select(LedgerEntry.id, LedgerEntry.description, Department.name)
                 .join(Department, on=(LedgerEntry.department == Department.id), join_type=JOIN.LEFT_OUTER)
                 .where(LedgerEntry.id.in_(entry_ids[start:start + 900])))
        names.update((i, (d, n or "")) for i, d, n in query.tuples())
    return names


def _wanted(c: EntryClock, which: str) -> bool:
    states = {DUE_TODAY: (NodeState.DUE_TODAY,), MISSED: (NodeState.MISSED,),
              ATTENTION: (NodeState.DUE_TODAY, NodeState.MISSED)}[which]
    return any(n.state in states for n in c.nodes)


def overview(campaign_id: int) -> SupervisionOverview:
    rules = load_rules()
    clocks = campaign_clocks(campaign_id)
    by_level = {lv.name: 0 for lv in rules.levels}
    for c in clocks:
        if c.level is not None:
            by_level[c.level.name] = by_level.get(c.level.name, 0) + 1
    pending = [(c, n) for c in clocks for n in c.nodes if n.state in (NodeState.DUE_TODAY, NodeState.MISSED)]
    names = _names(sorted({c.entry_id for c, _ in pending}))
    items = [NodeItem(c.entry_id, c.code, *names.get(c.entry_id, ("", "")), n.name, n.due, n.state,
                      n.late_workdays, c.level_name, c.level.color if c.level else "", estimate_note([n]))
             for c, n in pending]
    items.sort(key=lambda i: (i.state != NodeState.MISSED, -i.late_workdays, i.due, i.code))
    return SupervisionOverview(
        nodes_due_today=sum(1 for i in items if i.state == NodeState.DUE_TODAY),
        nodes_missed=sum(1 for i in items if i.state == NodeState.MISSED),
        by_escalation=by_level, matters=len(clocks), items=tuple(items), estimate_note=_estimate_line(clocks))


def _estimate_line(clocks: list[EntryClock]) -> str:
    """How many open matters have due dates counted Monday to Friday, and what to do about it."""
    guessed = [c for c in clocks if c.estimated]
    if not guessed:
        return ""
    note = estimate_note(n for c in guessed for n in c.estimated)
    return (f"{len(guessed)} 个督办事项的节点时限{note}：这些日期可能把节假日算作工作日。"
            "放假安排公布后，请在 设置 › 督办 中补录节假日和调休上班日。")


def entry_ids(campaign_id: int | None, which: str) -> list[int]:
    """The open matters with a node due today (DUE_TODAY), missed (MISSED) or either (ATTENTION): the
    ledger's 督办节点 filter."""
    if which not in WHICH_LABELS:
        raise ValueError(which)
    if campaign_id is None:
        return []
    return [c.entry_id for c in campaign_clocks(campaign_id) if _wanted(c, which)]
