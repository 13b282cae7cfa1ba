"""月度通报 of a frozen month (services/bulletin) as a 公文: 总体情况 with the change since the previous frozen
month, 科室 and 专班 ranked by 完成率 (↑↓ in points), the entries overdue two months running, the 科室
that reported no 本月进展, and what is asked next. The same Notice feeds the Word and Excel files."""

from __future__ import annotations

from desk_app.services import bulletin as bulletin_service
from desk_app.services.bulletin import Bulletin, RankedGroup
from desk_app.services.ledger_columns import cn_date
from desk_app.services.month_freeze import cn_month
from desk_app.services.rankings_periods import previous_month

from . import blocks
from .bulletin_notice import (
    COUNT_CHANGE,
    DATE,
    INT,
    POINTS,
    RATE,
    Column,
    Notice,
    TableBlock,
    count_words,
    points_words,
)
from .layout import Document
from .options import PrintOptions, Progress, cn_number, with_campaign

TOP = 3
PAPER_LIMIT = 200  # entries named on paper; the Excel file lists them all
REQUIREMENTS = ("各科室（单位）、各专班要对照本通报，逐项核对本单位事项的完成情况：对逾期事项要分析原因、明确新的"
                "完成时限，确已完成的及时提交佐证材料申请销号；连续两个月逾期的事项，责任单位要在5个工作日内向活动"
                "办公室书面说明情况；未报送本月进展的科室（单位）要于下月报送日前补报。活动办公室将继续按月调度、"
                "按月通报。")


def _rate(value: float) -> str:
    return f"{value * 100:.1f}%"


def _compare(words: str, data: Bulletin) -> str:
    return f"，较{cn_month(data.previous_month)}{words}" if words and data.previous_month else ""


def _names(groups: list[RankedGroup]) -> str:
    return "、".join(f"{g.key}（{_rate(g.now.completion_rate)}）" for g in groups)


def group_table(sheet: str, label: str, groups: tuple[RankedGroup, ...], compared: bool) -> TableBlock:
    columns = [Column("名次", INT, identity=True), Column(label, wide=True), Column("事项\n数", INT),
               Column("完成率", RATE)]
    columns += [Column("较上月", POINTS)] if compared else []
    columns += [Column("按期\n办结率", RATE)]
    columns += [Column("较上月", POINTS)] if compared else []
    columns += [Column("逾期", INT)]
    columns += [Column("较上月", COUNT_CHANGE)] if compared else []
    rows = []
    for g in groups:
        row = [g.rank, g.key, g.now.total, g.now.completion_rate]
        row += [g.completion_change] if compared else []
        row += [g.now.on_time_rate]
        row += [g.on_time_change] if compared else []
        row += [g.now.overdue]
        row += [g.overdue_change] if compared else []
        rows.append(row)
    return TableBlock(sheet, columns, rows)


def _ranking_words(groups: tuple[RankedGroup, ...], what: str) -> str:
    if len(groups) <= TOP:
        return ""
    top = [g for g in groups if g.rank <= TOP]
    last_rank = groups[-1].rank
    bottom = [g for g in groups if g.rank > len(groups) - TOP or g.rank == last_rank]
    text = f"完成率排在前列的{what}是：{_names(top)}；排在后列的是：{_names(bottom)}。"
    risen = [g for g in groups if (g.completion_change or 0) > 0]
    if risen:
        best = max(risen, key=lambda g: (g.completion_change, -g.rank))
        text += f"较上月完成率提高最多的是{best.key}（{points_words(best.completion_change)}）。"
    return text


def monthly_notice(data: Bulletin, title: str = "") -> Notice:
    issuer = blocks.report_header().unit or "活动办公室"
    month = cn_month(data.month)
    n = Notice(title or f"关于{month}问题整改推进情况的通报", "各专班、各科室（单位）：", issuer, data.issued_on)
    n.para(f"按照{data.campaign_name}按月调度工作安排，活动办公室对截至{cn_date(data.report_day)}（{month}报送日）"
           f"的整改台账进行了封账统计。现将{month}推进情况通报如下：")
    t = data.total
    n.heading(f"{cn_number(1)}、总体情况")
    n.para(f"台账共有事项{t.total}条，已完成（已销号、长期坚持）{t.done}条，整改完成率{_rate(t.completion_rate)}"
           f"{_compare(points_words(data.completion_change), data)}；整改时限已到的{t.due}条中按期办结"
           f"{t.closed_on_time}条，按期办结率{_rate(t.on_time_rate)}{_compare(points_words(data.on_time_change), data)}；"
           f"逾期未完成{t.overdue}条{_compare(count_words(data.overdue_change), data)}；申请销号待审核"
           f"{data.pending_close}条。")
    if len(data.by_kind) > 1:
        n.para("其中，" + "；".join(f"{k.key}{k.total}条，完成率{_rate(k.completion_rate)}，逾期{k.overdue}条"
                                   for k in data.by_kind) + "。")
    compared = data.previous_month is not None
    sections = [("各科室（单位）推进情况", "科室排名", "科室（单位）", "科室（单位）", data.departments,
                 data.no_department, "未指定责任单位"),
                ("各专班推进情况", "专班排名", "专班", "专班", data.task_forces, data.no_task_force, "未归入专班")]
    for number, (heading, sheet, label, what, groups, apart, apart_words) in enumerate(sections, start=2):
        n.heading(f"{cn_number(number)}、{heading}")
        n.para("按整改完成率排名（完成率相同的比按期办结率，再比逾期条数），"
               + (f"“较上月”与{cn_month(data.previous_month)}比较。" if compared else "本月为首次封账，不作比较。")
               + _ranking_words(groups, what))
        n.table(group_table(sheet, label, groups, compared))
        if apart is not None and apart.total:
            n.para(f"另有{apart_words}的事项{apart.total}条（不参加排名），已完成{apart.done}条，"
                   f"完成率{_rate(apart.completion_rate)}，逾期{apart.overdue}条。")
    n.heading(f"{cn_number(4)}、连续两个月逾期的事项")
    before = cn_month(previous_month(data.month))
    if not data.overdue_compared:
        n.para(f"{before}未封账，本月不比对连续逾期的事项。")
    elif data.overdue_twice:
        n.para(f"以下{len(data.overdue_twice)}条事项在{before}、{month}两个报送日均逾期未完成，请责任单位说明原因、"
               "限期整改：")
    else:
        n.para(f"没有在{before}、{month}两个报送日均逾期未完成的事项。")
    if data.overdue_compared and data.overdue_twice:
        columns = [Column("序号", INT, identity=True), Column("问题编号", identity=True), Column("问题表现", wide=True),
                   Column("责任单位", max_chars=5), Column("责任人", max_chars=4),
                   Column("整改时限", DATE, max_chars=7), Column("逾期\n天数", INT)]
        rows = [[i, e.code, e.description, e.department_name or "—", e.responsible_name or "—", e.deadline, e.days]
                for i, e in enumerate(data.overdue_twice, start=1)]
        if len(rows) <= PAPER_LIMIT:
            n.table(TableBlock("连续两月逾期", columns, rows))
        else:  # a 通报 names the worst; the Excel file carries every one
            longest = sorted(rows, key=lambda r: (-r[6], r[0]))[:PAPER_LIMIT]
            n.para(f"（逾期时间最长的{PAPER_LIMIT}条列于下表，全部{len(rows)}条见Excel附表“连续两月逾期（全部）”。）")
            n.table(TableBlock("连续两月逾期", columns, [[i, *r[1:]] for i, r in enumerate(longest, start=1)]))
            n.table(TableBlock("连续两月逾期（全部）", columns, rows, on_paper=False))
    n.heading(f"{cn_number(5)}、未报送本月进展的科室（单位）")
    if data.silent:
        n.para("以下科室（单位）有未完成事项，但本月没有报送任何进展："
               + "、".join(f"{s.name}（未完成{s.open_entries}条）" for s in data.silent) + "。")
    else:
        n.para("有未完成事项的科室（单位）均已报送本月进展。")
    n.table(TableBlock("未报本月进展", [Column("序号", INT), Column("科室（单位）"), Column("未完成事项", INT)],
                       [[i, s.name, s.open_entries] for i, s in enumerate(data.silent, start=1)],
                       on_paper=False))
    n.heading(f"{cn_number(6)}、下步工作要求")
    n.para(REQUIREMENTS)
    return n


def campaign_of(options: PrintOptions) -> int:
    return with_campaign(options.filter).campaign_id


def build_bulletin(options: PrintOptions, progress: Progress | None = None) -> Document:
    """The 月度通报 of options.month (default: the latest frozen month), made as of that month."""
    from .bulletin_notice import render_pdf  # noqa: PLC0415

    campaign_id = campaign_of(options)
    return bulletin_service.in_month(campaign_id, options.month,
                                     lambda data: render_pdf(monthly_notice(data, options.title), progress),
                                     progress)
