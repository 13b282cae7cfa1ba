"""排名通报 for a ranked round (作风指数评价, 财政大讲堂 …) as a 公文 (GB/T 9704-2012), and the 提醒约谈名单.

The 通报: title, 主送, what was scored by whom, 一、the ranking table (名次, name, the scorer's sub-scores,
得分, change since the last round, 后三名 marks), 二、the last three, 三、who is called in for a 提醒约谈
(the rule quoted) — or that nobody is —, 四、what is asked; 署名, date, 版记, "— N —"."""

from __future__ import annotations

from desk_app.errors import NotFoundError, ValidationError
from desk_app.services import context, rankings, rankings_rules
from desk_app.services.ledger_columns import cn_date
from desk_app.services.rankings_periods import parse_period, period_label

from . import blocks
from .bulletin_notice import INT, SCORE, TEXT, Column, Notice, TableBlock, render_pdf
from .layout import Document
from .ledger_pdf import PrintColumn, serial_column, table_document
from .options import PrintOptions, Progress, cn_number

BOTTOM_MARK = "后三名"


def score_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def change_text(row: rankings_rules.RankedRow) -> str:
    """↑2 / ↓1 / 持平 against the previous round; 新 for a subject not ranked then."""
    change = row.rank_change
    if change is None:
        return "新"
    return "持平" if change == 0 else (f"↑{change}" if change > 0 else f"↓{-change}")


def mark_text(row: rankings_rules.RankedRow, kind: rankings.KindRecord) -> str:
    if row.interview_due:
        return f"连续{_count_cn(row.streak)}轮后{_places(kind)}名"
    return f"后{_places(kind)}名" if row.bottom else ""


def _places(kind: rankings.KindRecord) -> str:
    return {2: "两", 3: "三", 4: "四", 5: "五"}.get(kind.bottom_count, str(kind.bottom_count))


def chosen_round(options: PrintOptions) -> rankings.RoundRecord:
    """The round the options name, else the kind's latest scored round."""
    kind = rankings.kind_by_name(options.ranking_kind or None)
    if options.period:
        return rankings.require_round(kind.name, parse_period(options.period))
    scored = [r for r in rankings.list_rounds(kind.id) if r.score_count]
    if not scored:
        raise NotFoundError(f"{kind.name}还没有打分的轮次。请先在“评价排名”页录入或导入成绩"
                            "（命令行：desk-app import scores 文件.xlsx --round 2026-Q1）。")
    return scored[-1]


def _two_lines(label: str) -> str:
    """A sub-score's header on two lines (服务\n态度, 群众\n满意度), so the scores set the column width."""
    return label if len(label) <= 3 else f"{label[:2]}\n{label[2:]}"


def ranking_columns(result: rankings_rules.Ranking) -> list[Column]:
    """名次, the subject, the sub-scores, 得分, 较上轮, and 备注 taking the rest."""
    label = result.kind.subject_label.replace("（", "\n（", 1)
    columns = [Column("名次", INT, identity=True), Column(label, identity=True)]
    columns += [Column(_two_lines(name), SCORE) for name in result.item_names]
    columns.append(Column("得分", SCORE))
    if result.previous is not None:
        columns.append(Column("较上轮\n名次", TEXT))
    columns.append(Column("备注", wide=True))
    return columns


def ranking_row(result: rankings_rules.Ranking, row: rankings_rules.RankedRow) -> list:
    values = [row.rank, row.subject, *(row.items.get(name) for name in result.item_names), row.score]
    if result.previous is not None:
        values.append(change_text(row))
    return values + [mark_text(row, result.kind)]


def _names(rows: list[rankings_rules.RankedRow]) -> str:
    return "、".join(f"{r.subject}（{score_text(r.score)}分）" for r in rows)


def ranking_notice(result: rankings_rules.Ranking, title: str = "") -> Notice:
    """The round's 通报: what was scored, 一、the table, 二、the last places, 三、提醒约谈, 四、要求."""
    r, kind = result.round, result.kind
    if not result.rows:
        raise ValidationError(f"{kind.name}{r.label}还没有成绩，无法出通报。请先录入或导入成绩。")
    issuer = blocks.report_header().unit or "活动办公室"
    n = Notice(title or f"关于{r.label}{kind.name}结果的通报", "各科室（单位）：", issuer,
               r.published_on or r.scored_on or context.today())
    who = r.scorer or "评价组"
    when = f"{cn_date(r.scored_on)}，" if r.scored_on else ""
    n.para(f"按照活动安排，{when}{who}对{len(result.rows)}个{kind.subject_label}开展了{r.label}{kind.name}。"
           "现将结果通报如下：")
    n.heading(f"{cn_number(1)}、{kind.name}结果")
    top = [row for row in result.rows if row.rank <= 3]
    n.para(f"本轮平均得分{score_text(result.average)}分，最高{score_text(result.rows[0].score)}分，"
           f"最低{score_text(result.rows[-1].score)}分。排在前列的是：{_names(top)}。")
    n.table(TableBlock("排名", ranking_columns(result), [ranking_row(result, row) for row in result.rows]))
    places = _places(kind)
    n.heading(f"{cn_number(2)}、排名后{places}名的{kind.subject_label}")
    if result.bottom_applies and result.bottom:
        moves = [f"{row.subject}较上轮{_move_words(row.rank_change)}" for row in result.bottom
                 if result.previous is not None and row.rank_change is not None]
        n.para(f"本轮排名后{places}名的是：{_names(result.bottom)}" + (f"；其中{'，'.join(moves)}" if moves else "") + "。")
    else:
        n.para(f"本轮参评{kind.subject_label}不超过{kind.bottom_count}个，不排后{places}名。")
    n.heading(f"{cn_number(3)}、提醒约谈")
    due = result.interviews
    rule = f"对{kind.name}排序连续{_count_cn(kind.consecutive)}轮后{places}名的，进行提醒约谈"
    if due:
        detail = "；".join(f"{row.subject}（" + "、".join(f"{period_label(p)}第{rank}名" for p, rank in row.history) + "）"
                          for row in due)
        more = "以上" if any(row.streak > kind.consecutive for row in due) else ""
        n.para(f"根据活动实施方案“{rule}”的规定，{detail}连续{_count_cn(kind.consecutive)}轮{more}排名后{places}名，"
               "由活动办公室安排提醒约谈，约谈情况另行记录。")
    else:
        n.para(f"根据活动实施方案“{rule}”的规定，本轮没有需要提醒约谈的{kind.subject_label}。")
    n.heading(f"{cn_number(4)}、有关要求")
    n.para(f"各{kind.subject_label}要对照评价结果，认真查找作风方面存在的差距和不足，举一反三抓好整改；"
           f"排名靠后的{kind.subject_label}要深入分析原因，制定整改措施，于10个工作日内将整改情况报活动办公室。"
           "评价结果将列入科室人员干部政绩考核和廉政档案。")
    return n


def _move_words(change: int) -> str:
    return "持平" if change == 0 else (f"上升{change}位" if change > 0 else f"下降{-change}位")


def build_ranking(options: PrintOptions, progress: Progress | None = None) -> Document:
    r = chosen_round(options)
    return render_pdf(ranking_notice(rankings_rules.ranking(r.id), options.title), progress)


def _count_cn(n: int) -> str:
    return {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八"}.get(n, str(n))


def build_interviews(options: PrintOptions, progress: Progress | None = None) -> Document:
    """提醒约谈名单: every 约谈 the rule calls for, with when, who and the recorded outcome (A4 landscape)."""
    kind = rankings.kind_by_name(options.ranking_kind) if options.ranking_kind else None
    rows = rankings_rules.interviews(kind.id if kind else None)
    if options.period:
        period = parse_period(options.period)
        rows = [x for x in rows if x.period == period]
    title = options.title or f"{kind.name if kind else ''}提醒约谈名单"
    columns = [serial_column(),
               PrintColumn("排名活动", 7, lambda x, n: x.kind_name, "c"),
               PrintColumn("轮次", 9, lambda x, n: x.round_label, "c", whole=True),
               PrintColumn("约谈对象", 9, lambda x, n: x.subject, "c"),
               PrintColumn("排名情况", 22, lambda x, n: x.reason),
               PrintColumn("计划日期", 9, lambda x, n: cn_date(x.planned_on) or "—", "c", whole=True),
               PrintColumn("约谈日期", 9, lambda x, n: cn_date(x.held_on) or "—", "c", whole=True),
               PrintColumn("约谈人", 8, lambda x, n: x.interviewer or "—", "c"),
               PrintColumn("被约谈人", 8, lambda x, n: x.attendees or "—", "c"),
               PrintColumn("约谈结果", 30, lambda x, n: x.outcome or "—"),
               PrintColumn("状态", 7, lambda x, n: x.status, "c")]
    pending = sum(1 for x in rows if not x.held_on and x.due)
    subtitle = f"（截至{cn_date(context.today())}，共 {len(rows)} 项，待约谈 {pending} 项）"
    return table_document(title=title, subtitle=subtitle, columns=columns, batches=[rows], total=len(rows),
                          options=options, progress=progress, header_extra=f"共 {len(rows)} 项")
