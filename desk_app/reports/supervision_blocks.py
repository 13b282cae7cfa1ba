"""What the 督办单 and the 催办单 share: the matter's source lines, the node table of its 13710 clock, the
催办 record, and the escalation colour the form is printed in (蓝色 / 黄色 / 红色督办 as set in 设置)."""

from __future__ import annotations

from desk_app.services.ledger_columns import cn_date
from desk_app.services.supervision import EntryClock, NodeState, estimate_note
from desk_app.services.supervision_urges import UrgeRecord

from .layout import BLACK, Document
from .table import Table, TableColumn

STATE_COLORS = {NodeState.MISSED: (0.78, 0.16, 0.16), NodeState.DONE_LATE: (0.72, 0.45, 0.0),
                NodeState.DUE_TODAY: (0.72, 0.45, 0.0)}


def hex_color(text: str) -> tuple[float, float, float]:
    text = text.lstrip("#")
    return tuple(int(text[i:i + 2], 16) / 255 for i in (0, 2, 4))


def escalation(clock: EntryClock | None) -> tuple[tuple, str] | None:
    """(colour, name) of the level the matter has reached, or None."""
    if clock is None or clock.level is None:
        return None
    return hex_color(clock.level.color), clock.level.name


def source_rows(e) -> list[tuple[str, str]]:
    """任务来源 / 发文字号 / 批示领导 / 交办日期, those the entry has."""
    rows = []
    if e.task_source or e.doc_number:
        rows.append(("任务来源", "　".join(x for x in (e.task_source, e.doc_number and f"（{e.doc_number}）") if x)))
    if e.instructing_leader:
        rows.append(("批示领导", e.instructing_leader))
    if e.assigned_date:
        rows.append(("交办日期", cn_date(e.assigned_date)))
    return rows


def node_state_text(n) -> str:
    if n.state == NodeState.MISSED:
        return f"已逾期 {n.late_workdays} 个工作日"
    if n.state == NodeState.DONE_LATE:
        return f"逾期 {n.late_workdays} 个工作日完成"
    return n.state.value


def node_state_cell(n) -> str:
    """The 办理情况 cell: the state, and the unit's reported 办结 still waiting for 申请销号."""
    text = node_state_text(n)
    if n.reported is not None:
        text += f"（已报{cn_date(n.reported)}办结，待申请销号）"
    return text


def clock_heading(clock: EntryClock) -> str:
    return f"办理节点（{clock.rule_name}：{'，'.join(f'{n.rule}{n.name}' for n in clock.nodes)}）"


def section_heading(doc: Document, text: str) -> None:
    doc.advance(10)
    doc.paragraph(text, doc.fonts.heading, 12, leading=20, keep_lines=1)
    doc.advance(4)


def _keep_together(doc: Document, rows: int) -> None:
    """A short table starts on a page that holds all of it with its heading (never one row left over)."""
    doc.ensure(34 + 30 + rows * 28)


def node_table(doc: Document, clock: EntryClock, *, keep_after: float = 0.0) -> None:
    _keep_together(doc, len(clock.nodes))
    section_heading(doc, clock_heading(clock))
    table = Table(doc, [TableColumn("序号", 0.5, "c", whole=True), TableColumn("节点", 0.8, "c", whole=True),
                        TableColumn("时限要求", 1.3, "c"), TableColumn("应完成日期", 1.4, "c", whole=True),
                        TableColumn("实际完成日期", 1.4, "c", whole=True), TableColumn("办理情况", 1.6, "c")],
                  size=10.5, leading=17, padding=5)
    table.begin()
    estimated = clock.estimated
    for i, n in enumerate(clock.nodes):
        done = cn_date(n.done) + ("（完成日期）" if n.done_from_entry else "") if n.done else "—"
        color = STATE_COLORS.get(n.state)
        due = cn_date(n.due) + ("※" if n in estimated else "")
        table.add_row([str(n.seq), n.name, n.rule, due, done, node_state_cell(n)],
                      colors=[None, None, None, None, None, color] if color else None,
                      keep_after=keep_after if i == len(clock.nodes) - 1 and not estimated else 0.0)
    table.end()
    if estimated:  # a due date counted without the year's holidays is an estimate, and the paper says so
        doc.paragraph(f"※ {estimate_note(estimated)}，放假安排公布后以实际工作日为准。", doc.fonts.body, 10,
                      leading=16)


def urge_table(doc: Document, urges: list[UrgeRecord], *, keep_after: float = 0.0) -> None:
    _keep_together(doc, min(max(len(urges), 1), 3))
    section_heading(doc, f"催办记录（共 {len(urges)} 次）" if urges else "催办记录")
    table = Table(doc, [TableColumn("次数", 0.5, "c", whole=True), TableColumn("催办日期", 1.3, "c", whole=True),
                        TableColumn("方式", 0.9, "c"), TableColumn("催办对象", 1.4),
                        TableColumn("答复情况", 2.9)], size=10.5, leading=17, padding=5)
    table.begin()
    if not urges:
        table.add_row(["—", "—", "—", "—", "尚未催办"], keep_after=keep_after)
    for i, u in enumerate(urges, start=1):
        table.add_row([str(i), cn_date(u.date), u.way, u.target or "—", u.answer or "—"],
                      keep_after=keep_after if i == len(urges) else 0.0)
    table.end()


def form_title(doc: Document, title: str, mark: tuple[tuple, str] | None, fallback=None) -> tuple:
    """The red (or level-coloured) spaced title and the level's name under it; returns the colour."""
    color, label = mark if mark else (fallback or (BLACK, ""))
    doc.line_of_text(title, doc.fonts.title, 26, align="c", leading=44, color=color)
    if label:
        doc.line_of_text(f"（{label}）", doc.fonts.heading, 14, align="c", leading=24, color=color)
    return color
