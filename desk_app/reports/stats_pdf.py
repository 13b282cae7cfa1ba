"""统计汇总: 完成率 and 逾期 by layer, department, 专班 and category, with bar charts and a monthly trend."""

from __future__ import annotations

from desk_app.services import context, stats
from desk_app.services.ledger_columns import cn_date
from desk_app.services.ledger_query import summarize
from desk_app.services.stats_trend import monthly_trend

from . import blocks, stats_roles
from .layout import Document, ledger_page
from .ledger_pdf import PrintColumn, draw_table
from .linebreak import break_text
from .options import PrintOptions, Progress, campaign_name, cn_month, cn_number, filter_subtitle, with_campaign
from .stats_rows import SummaryRow, breakdown_table

BLUE = (0.13, 0.40, 0.75)
GREEN = (0.18, 0.49, 0.20)
RED_BAR = (0.78, 0.16, 0.16)
CATEGORY_LIMIT = 20
LABEL_SHARE = 0.35  # of the chart's width, at most, for the category labels
LABEL_LEADING = 9.0
SECTIONS = (("layer", "按层级"), ("department", "按责任单位"), ("task_force", "按专班"), ("category", "按问题类别"))


def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def group_columns(label: str) -> list[PrintColumn]:
    return [PrintColumn("序号", 4, lambda g, n: "" if isinstance(g, SummaryRow) else str(n), "c"),
            PrintColumn(label, 18, lambda g, n: g.key, "c"),
            PrintColumn("问题总数", 7, lambda g, n: str(g.total), "c"),
            PrintColumn("已完成", 7, lambda g, n: str(g.done), "c"),
            PrintColumn("未完成", 7, lambda g, n: str(g.total - g.done), "c"),
            PrintColumn("逾期", 6, lambda g, n: str(g.overdue), "c"),
            PrintColumn("完成率", 7, lambda g, n: percent(g.completion_rate), "c")]


def _bar_chart(doc: Document, labels: list[str], series: list[list[float]], colors: list[tuple],
               names: list[str], *, percent_axis: bool = False, horizontal: bool = True,
               keep_after: float = 0.0) -> float:
    """A reportlab bar chart as a fixed-height block; horizontal bars suit long department names."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart  # noqa: PLC0415
    from reportlab.graphics.charts.legends import Legend  # noqa: PLC0415
    from reportlab.graphics.renderPDF import draw  # noqa: PLC0415
    from reportlab.graphics.shapes import Drawing  # noqa: PLC0415
    from reportlab.lib.colors import Color  # noqa: PLC0415

    font = doc.fonts.body.name
    n = max(len(labels), 1)
    width = doc.width
    if horizontal:
        # Long names (政府采购监督管理科（行政审批服务科）) wrap inside the label room, never cut.
        label_room = min(width * LABEL_SHARE, max(doc.fonts.body.width(t, 8) for t in labels) + 10) if labels else 60
        labels = ["\n".join(break_text(t, doc.fonts.body, 8, label_room - 10)) for t in labels]
        lines = max((t.count("\n") + 1 for t in labels), default=1)
        per_bar = max(14.0 * max(1, len(series) * 0.8), lines * LABEL_LEADING + 4)
        height = min(max(60.0, n * per_bar + 40), doc.setup.frame_height * 0.8)
        chart = HorizontalBarChart()
        chart.x, chart.y = label_room, 24
        chart.width, chart.height = width - label_room - 40, height - 40
        chart.categoryAxis.reverseDirection = 1
    else:
        height = 170.0
        chart = VerticalBarChart()
        chart.x, chart.y = 36, 36
        chart.width, chart.height = width - 60, height - 56
    chart.data = series
    chart.categoryAxis.categoryNames = labels
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = 8
        axis.labels.leading = LABEL_LEADING
    chart.valueAxis.valueMin = 0
    if percent_axis:
        chart.valueAxis.valueMax = 100
        chart.valueAxis.valueStep = 20
        chart.valueAxis.labelTextFormat = "%d%%"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabelFormat = "%.1f%%" if percent_axis else "%d"
    chart.barLabels.boxAnchor = "w" if horizontal else "s"
    chart.barLabels.dx = 2 if horizontal else 0
    chart.barLabels.dy = 0 if horizontal else 2
    for i, rgb in enumerate(colors):
        chart.bars[i].fillColor = Color(*rgb)
        chart.bars[i].strokeColor = None
    drawing = Drawing(width, height)
    drawing.initialFontName = font  # else the renderer starts in Helvetica, which is never embedded
    drawing.add(chart)
    if len(series) > 1:
        legend = Legend()
        legend.fontName, legend.fontSize = font, 8
        legend.alignment = "right"
        legend.x, legend.y = width - 120, height - 4
        legend.columnMaximum = 1
        legend.dx = legend.dy = 7
        legend.deltax = 60
        legend.colorNamePairs = [(Color(*rgb), name) for rgb, name in zip(colors, names, strict=True)]
        drawing.add(legend)
    doc.custom(height + 6, lambda canvas, x, y: draw(drawing, canvas, x, y + 3), keep=True,
               keep_after=keep_after)
    return height + 6


def build(options: PrintOptions, progress: Progress | None = None) -> Document:
    f = with_campaign(options.filter)
    title = options.title or f"{campaign_name(f)}整改工作统计汇总"
    doc = Document(title, ledger_page(options.a3, portrait=True), progress=progress,
                   author=blocks.report_header().unit)
    blocks.title(doc, title, subtitle=filter_subtitle(f, f"截至{cn_date(context.today())}"))
    blocks.header_block(doc)
    s = summarize(f)
    on_time = stats.on_time_rate(f)
    days = stats.average_days_to_close(f)
    body, heading = doc.fonts.body, doc.fonts.heading
    overview = (f"台账共有事项 {s.total} 条，已完成（已销号、长期坚持）{s.done} 条，整改完成率 {percent(s.completion_rate)}；"
                f"未完成 {s.open} 条，其中逾期 {s.overdue} 条，申请销号待审核 {s.pending_close} 条；"
                f"按期办结率 {percent(on_time)}" + (f"，平均办结用时 {days} 天。" if days is not None else "。"))
    doc.paragraph(overview, body, 11, leading=20, first_indent=22, align="justify", space_after=6)
    for i, (dimension, label) in enumerate(SECTIONS, start=1):
        table = breakdown_table(f, dimension, limit=CATEGORY_LIMIT if dimension == "category" else None)
        doc.ensure(26 + 80)
        doc.line_of_text(f"{cn_number(i)}、{label}" + (f"（前{CATEGORY_LIMIT}类）" if table.rest and dimension == "category"
                                                      else ""), heading, 13, leading=26)
        rows = table.rows if table.total.total else []
        draw_table(doc, group_columns(stats.DIMENSIONS[dimension]), [rows], len(rows), size=9.5,
                   label=f"正在统计：{label}", empty_text="（无数据）")
        charted = [*table.groups, *table.rest]
        if table.groups:
            doc.advance(4)
            _bar_chart(doc, [g.key for g in charted],
                       [[round(g.completion_rate * 100, 1) for g in charted]], [BLUE], ["完成率"],
                       percent_axis=True)
        doc.advance(8)
        doc.check(i, len(SECTIONS) + 1, f"正在统计：{label}")
    number = len(SECTIONS) + 1 + stats_roles.draw(doc, f, len(SECTIONS) + 1)  # 牵头/配合, when there are any
    points = monthly_trend(f)
    doc.ensure(26 + 80)
    doc.line_of_text(f"{cn_number(number)}、月度趋势", heading, 13, leading=26)
    trend_columns = [PrintColumn("月份", 8, lambda p, n: cn_month(p.month), "c"),
                     PrintColumn("新增问题", 7, lambda p, n: str(p.new), "c"),
                     PrintColumn("当月办结", 7, lambda p, n: str(p.closed), "c"),
                     PrintColumn("累计问题", 7, lambda p, n: str(p.cumulative_total), "c"),
                     PrintColumn("累计办结", 7, lambda p, n: str(p.cumulative_done), "c"),
                     PrintColumn("累计完成率", 8, lambda p, n: percent(p.completion_rate), "c")]
    foot = blocks.SIGNATURE_FOOT_HEIGHT
    draw_table(doc, trend_columns, [points], len(points), size=9.5, label="正在统计：月度趋势",
               empty_text="（无数据）", keep_with_last=0.0 if points else foot)
    if points:  # the last chart goes to the next page with the signature foot rather than leave it alone
        doc.advance(4)
        _bar_chart(doc, [f"{int(p.month[5:])}月" for p in points], [[p.new for p in points],
                                                                    [p.closed for p in points]],
                   [BLUE, GREEN], ["新增问题", "当月办结"], horizontal=False, keep_after=foot)
    blocks.signature_foot(doc)
    return doc
