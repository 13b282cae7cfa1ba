"""One 专班's 行动方案 (its current version) as a 公文 after GB/T 9704-2012: 2号小标宋 title, the version
line in 楷体, parts headed in 黑体 (一、) with "（一）" items in 楷体, 署名 and date kept with the body."""

from __future__ import annotations

from desk_app.errors import NotFoundError
from desk_app.services import taskforces
from desk_app.services.ledger_columns import cn_date
from desk_app.services.taskforces import PLAN_PARTS

from . import blocks, gongwen_blocks
from .gongwen import Gongwen, rich_body
from .layout import Document
from .options import PrintOptions, Progress, cn_number


def build_action_plan(options: PrintOptions, progress: Progress | None = None) -> Document:
    tf = taskforces.get_task_force(options.task_force_id)
    plan = taskforces.current_plan(tf.id)
    if plan is None:
        raise NotFoundError(f"“{tf.name}”还没有行动方案。请先在 专班 页面填写并保存行动方案，再打印。")
    title = options.title or f"{tf.name}行动方案"
    date_text = cn_date(plan.created_at.date())
    gw = Gongwen(title, author=blocks.report_header().unit, progress=progress)
    gw.title(title)
    gongwen_blocks.centred_line(gw, f"（第 {plan.version} 版　{date_text}）", face=gw.fonts.heading2)
    gw.blank()
    if tf.goal:
        rich_body(gw, tf.goal)
    for i, (name, label) in enumerate(PLAN_PARTS, start=1):
        gw.heading(f"{cn_number(i)}、{label}")
        rich_body(gw, plan.part(name) or "（未填写）")
    # plan.note (修订说明: what changed and why) is the version history the 专班 page compares, not the plan
    gongwen_blocks.signature(gw, tf.name, date_text, sealed=False)
    return gw.build()
