"""专班名单 (every task force's roster). The 行动方案 prints from action_plan_pdf."""

from __future__ import annotations

from dataclasses import replace

from desk_app.services import context, taskforces
from desk_app.services.ledger_columns import cn_date

from . import blocks
from .layout import Document, ledger_page
from .ledger_pdf import PrintColumn, draw_table, serial_column
from .options import PrintOptions, Progress, cn_number, with_campaign
from .table import ContinuedHeading

ROOM_FOR_NOTE = "　" * 6  # six characters' room in the blank 备注 column


def roster_rows(members) -> list:
    """One row a person: someone listed twice in a 专班 (组长 and 联络员) shows both roles on one
    row, so the rows add up to the 人 the heading counts."""
    rows: dict[int, object] = {}
    for m in members:
        held = rows.get(m.person_id)
        if held is None:
            rows[m.person_id] = m
        elif m.role and m.role not in held.role.split("、"):
            rows[m.person_id] = replace(held, role=f"{held.role}、{m.role}" if held.role else m.role)
    return list(rows.values())


def roster_columns() -> list[PrintColumn]:
    return [serial_column(), PrintColumn("姓名", 6, lambda m, n: m.name, "c", whole=True, cap=6),
            # Short values on one line (抽调人员、联络员 never broken as 联络/员) while the page has room for them
            PrintColumn("单位", 12, lambda m, n: m.department_name, "c", whole=True),
            PrintColumn("职务", 10, lambda m, n: m.title, "c", whole=True),
            PrintColumn("专班职务", 10, lambda m, n: m.role, "c", whole=True),
            PrintColumn("联系电话", 10, lambda m, n: m.phone, "c", whole=True),
            # Left blank for the pen: no text to wrap, so no "too narrow to read" advice, but room for a note
            PrintColumn("备注", 8, lambda m, n: "", whole=True, min_text=ROOM_FOR_NOTE)]


def build_rosters(options: PrintOptions, progress: Progress | None = None) -> Document:
    f = with_campaign(options.filter)
    forces = taskforces.list_task_forces(f.campaign_id)
    if options.task_force_id is not None:
        forces = [tf for tf in forces if tf.id == options.task_force_id]
    from .options import campaign_name  # noqa: PLC0415

    one = options.task_force_id is not None and len(forces) == 1  # the 专班 page's 本专班人员名单
    title = options.title or (f"{forces[0].name}人员名单" if one else f"{campaign_name(f)}专班人员名单")
    doc = Document(title, ledger_page(options.a3, portrait=True), progress=progress,
                   author=blocks.report_header().unit)
    blocks.title(doc, title)
    people = len({m.person_id for tf in forces for m in tf.current_members})
    places = sum(len(roster_rows(tf.current_members)) for tf in forces)
    counted = f"{people} 人" + (f"（共 {places} 人次，有人参加多个专班）" if places != people else "")
    blocks.header_block(doc, extra=counted if one else f"{len(forces)} 个专班　{counted}")
    if not forces:
        doc.paragraph("当前活动还没有专班。", doc.fonts.body, 12, leading=22)
    date_line = 20.0
    for i, tf in enumerate(forces, start=1):
        rows = roster_rows(tf.current_members)  # who left is no longer called to the 专班's work
        heading = f"{cn_number(i)}、{tf.name}"
        doc.ensure(26 + 70)
        doc.line_of_text(f"{heading}（{len(rows)} 人）", doc.fonts.heading, 12.5, leading=26)
        draw_table(doc, roster_columns(), [rows], len(rows), size=10, label=f"正在排版：{tf.name}",
                   empty_text="（尚未配备人员）", heading=ContinuedHeading(heading, doc.fonts.heading, 12.5, 26),
                   keep_with_last=10 + date_line if i == len(forces) else 0.0)
        doc.advance(10)
        doc.check(i, len(forces), f"正在排版：{tf.name}")
    doc.line_of_text(f"制表日期：{cn_date(context.today())}", doc.fonts.body, 10.5, align="r", leading=date_line)
    return doc
