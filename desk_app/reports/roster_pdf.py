"""专班名单 (every task force's roster). The 行动方案 prints from action_plan_pdf."""

from __future__ import annotations

from desk_app.services import context, taskforces
from desk_app.services.ledger_columns import cn_date

from . import blocks
from .layout import Document, ledger_page
from .ledger_pdf import PrintColumn, draw_table, serial_column
from .options import PrintOptions, Progress, cn_number, with_campaign


def roster_columns() -> list[PrintColumn]:
    return [serial_column(), PrintColumn("姓名", 6, lambda m, n: m.name, "c"),
            PrintColumn("单位", 12, lambda m, n: m.department_name, "c"),
            PrintColumn("职务", 10, lambda m, n: m.title, "c"),
            PrintColumn("专班职务", 10, lambda m, n: m.role, "c"),
            PrintColumn("联系电话", 10, lambda m, n: m.phone, "c"),
            PrintColumn("备注", 8, lambda m, n: "")]


def build_rosters(options: PrintOptions, progress: Progress | None = None) -> Document:
    f = with_campaign(options.filter)
    forces = taskforces.list_task_forces(f.campaign_id)
    if options.task_force_id is not None:
        forces = [tf for tf in forces if tf.id == options.task_force_id]
    from .options import campaign_name  # noqa: PLC0415

    title = options.title or f"{campaign_name(f)}专班人员名单"
    doc = Document(title, ledger_page(options.a3, portrait=True), progress=progress,
                   author=blocks.report_header().unit)
    blocks.title(doc, title)
    people = len({m.person_id for tf in forces for m in tf.members})
    blocks.header_block(doc, extra=f"{len(forces)} 个专班　{people} 人")
    if not forces:
        doc.paragraph("当前活动还没有专班。", doc.fonts.body, 12, leading=22)
    for i, tf in enumerate(forces, start=1):
        doc.ensure(24 + 70)
        doc.line_of_text(f"{cn_number(i)}、{tf.name}（{tf.people_count} 人）", doc.fonts.heading, 12.5, leading=26)
        draw_table(doc, roster_columns(), [list(tf.members)], len(tf.members), size=10,
                   label=f"正在排版：{tf.name}", empty_text="（尚未配备人员）")
        doc.advance(10)
        doc.check(i, len(forces), f"正在排版：{tf.name}")
    doc.line_of_text(f"制表日期：{cn_date(context.today())}", doc.fonts.body, 10.5, align="r", leading=20)
    return doc
