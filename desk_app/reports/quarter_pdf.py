"""季度办结率通报 by 科室 (services/bulletin_quarter) as a 公文, made as of the quarter's last frozen month."""

from __future__ import annotations

from desk_app.services.bulletin_quarter import QuarterReport, quarter_report
from desk_app.services.ledger_columns import cn_date
from desk_app.services.rankings_periods import period_label

from . import blocks
from .bulletin_notice import INT, POINTS, RATE, Column, Notice, TableBlock, points_words, render_pdf
from .layout import Document
from .options import PrintOptions, Progress, cn_number, with_campaign

TOP = 3


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def quarter_notice(q: QuarterReport, title: str = "") -> Notice:
    issuer = blocks.report_header().unit or "活动办公室"
    n = Notice(title or f"关于{q.label}整改事项办结情况的通报", "各科室（单位）：", issuer, q.issued_on)
    months = "、".join(f"{int(m[5:])}月" for m in q.frozen)
    scope = "" if q.complete else f"（本季度已封账：{months}；数字截至{cn_date(q.report_day)}）"
    n.para(f"按照按季度通报办结率的要求，根据{months}封账数据{scope}，现将{q.label}各科室（单位）整改事项办结情况"
           "通报如下：")
    t = q.total
    n.heading(f"{cn_number(1)}、总体情况")
    compare = points_words(q.change)
    n.para(f"本季度到期应办结事项{t.due}条，已办结{t.done}条，季度办结率{_rate(t.rate)}"
           + (f"，较{period_label(q.previous_quarter)}{compare}" if compare and q.previous_quarter else "")
           + f"；其中按期办结{t.on_time}条，按期办结率{_rate(t.on_time_rate)}；尚有{t.still_open}条到期未办结。")
    n.heading(f"{cn_number(2)}、各科室（单位）办结情况")
    ranked = [r for r in q.rows if r.rank is not None]
    words = "按季度办结率排名（办结率相同的比按期办结率）。"
    if len(ranked) > TOP:
        top = [r for r in ranked if r.rank <= TOP]
        bottom = [r for r in ranked if r.rank > len(ranked) - TOP or r.rank == ranked[-1].rank]
        words += ("办结率排在前列的是：" + "、".join(f"{r.key}（{_rate(r.now.rate)}）" for r in top) + "；排在后列的是："
                  + "、".join(f"{r.key}（{_rate(r.now.rate)}）" for r in bottom) + "。")
    idle = [r.key for r in q.rows if r.rank is None]
    if idle:
        words += f"{'、'.join(idle)}本季度没有到期事项，不参加排名。"
    n.para(words)
    compared = q.previous_quarter is not None
    columns = [Column("名次", INT, identity=True), Column("科室（单位）", wide=True), Column("应办结", INT),
               Column("已办结", INT), Column("办结率", RATE), Column("按期\n办结", INT), Column("按期\n办结率", RATE)]
    columns += [Column("较上\n季度", POINTS)] if compared else []
    columns += [Column("到期\n未办结", INT)]
    rows = []
    for r in q.rows:
        row = [r.rank if r.rank is not None else "—", r.key, r.now.due, r.now.done, r.now.rate, r.now.on_time,
               r.now.on_time_rate]
        row += [r.change] if compared else []
        rows.append(row + [r.now.still_open])
    n.table(TableBlock("季度办结率", columns, rows))
    month_columns = [Column("科室（单位）")] + [Column(f"{int(m[5:])}月累计完成率", RATE) for m in q.months]
    n.table(TableBlock("各月完成率", month_columns, [[r.key, *r.monthly] for r in q.rows], on_paper=False))
    n.heading(f"{cn_number(3)}、有关要求")
    n.para("各科室（单位）要对照本季度办结情况，加快到期未办结事项的办理，按时办结销号；办结率排在后列的科室（单位）"
           "要分析原因、改进措施，下季度通报时将对比改进情况。")
    return n


def build_quarter(options: PrintOptions, progress: Progress | None = None) -> Document:
    """The quarter's 通报 (options.period, default the latest quarter with a frozen month), laid out as of
    its last frozen month (names, settings and date of that report day)."""
    from desk_app.services.month_view import run_as_of  # noqa: PLC0415

    campaign_id = with_campaign(options.filter).campaign_id
    q = quarter_report(campaign_id, options.period)
    return run_as_of(campaign_id, q.frozen[-1], lambda: render_pdf(quarter_notice(q, options.title), progress),
                     progress)

