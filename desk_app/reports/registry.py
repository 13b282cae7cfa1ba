"""Every printable document by its KIND name (used by `desk-app print KIND` and the app's print actions)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.errors import ValidationError

from .options import PrintOptions, Progress, with_campaign

if TYPE_CHECKING:  # the layout (fonts, line breaking) loads with the first document: a page's print menu needs titles only
    from .layout import Document


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    module: str  # desk_app.reports.<module>.<function>(options, progress) -> Document
    function: str = "build"
    needs: str = ""  # "", "meeting", "task_force", "entry", "person", "layer"
    description: str = ""

    def build(self, options: PrintOptions, progress: Progress | None = None) -> Document:
        check_options(self, options)
        module = importlib.import_module(f"desk_app.reports.{self.module}")
        return getattr(module, self.function)(options, progress)


KINDS: dict[str, Kind] = {k.name: k for k in [
    Kind("ledger", "整改台账", "ledger_pdf", description="按筛选条件打印整改台账（可选列、A3）"),
    Kind("problem-list", "问题清单（按层级）", "problem_list_pdf", "build_layer",
         description="某一层级的问题清单，--layer 指定层级（默认全部层级）"),
    Kind("person-list", "个人问题清单", "problem_list_pdf", "build_person", needs="person",
         description="个人问题清单（本人签字），--person 指定人员；或 --layer 为该层级每人各打一份"),
    Kind("dispatch", "月度调度表", "dispatch_pdf", "build_dispatch",
         description="未完成事项及本月进展，--month YYYY-MM（默认本月）"),
    Kind("key-tasks", "重点任务分工台账", "dispatch_pdf", "build_key_tasks",
         description="类型为重点任务的分工台账"),
    Kind("supervision", "督办单", "supervision_pdf", "build_supervision", needs="entry",
         description="一条事项的督办单（按督办升级等级或红黄灯着色，含办理节点和催办记录），--entry 问题编号"),
    Kind("urge", "催办单", "urge_pdf", "build_urge", needs="entry",
         description="督办事项的催办单：逾期节点、催办要求、历次催办记录，--entry 问题编号"),
    Kind("overdue", "逾期通报", "supervision_pdf", "build_overdue",
         description="逾期事项按责任单位分组通报"),
    Kind("rosters", "专班名单", "roster_pdf", "build_rosters", description="所有专班的人员名单"),
    Kind("action-plan", "专班行动方案", "action_plan_pdf", "build_action_plan", needs="task_force",
         description="一个专班的行动方案（当前版本），--task-force 专班名称"),
    Kind("notice", "会议通知", "meeting_pdf", "build_notice", needs="meeting",
         description="会议通知，--meeting 2026-8（2026年第8次推进会）或 id:会议id"),
    Kind("sign-in", "签到表", "meeting_pdf", "build_sign_in", needs="meeting",
         description="会议签到表（签名栏留空），--meeting 2026-8 或 id:会议id"),
    Kind("minutes", "会议纪要", "meeting_pdf", "build_minutes", needs="meeting",
         description="会议纪要（GB/T 9704 纪要格式），--meeting 2026-8 或 id:会议id"),
    Kind("stats", "统计汇总", "stats_pdf", description="完成率与逾期统计（按层级、责任单位、专班、类别，含图表和月度趋势）"),
    Kind("bulletin", "月度通报", "bulletin_pdf", "build_bulletin",
         description="已封账月份的月度通报：科室、专班完成率排名及较上月变化，连续两月逾期，未报进展，--month YYYY-MM"),
    Kind("quarter", "季度办结率通报", "quarter_pdf", "build_quarter",
         description="按科室的季度办结率通报（由各月封账数据生成），--quarter 2026-Q3（默认最近一个季度）"),
    Kind("ranking", "排名通报", "ranking_pdf", "build_ranking",
         description="作风指数评价等排名活动一轮的结果通报，--round 2026-Q1 [--kind 作风指数评价]（默认最近一轮）"),
    Kind("interviews", "提醒约谈名单", "ranking_pdf", "build_interviews",
         description="连续两轮后三名的提醒约谈：对象、排名、时间、约谈人、结果（--kind、--round 可选）"),
    Kind("rules", "制度清单", "register_pdf", "build_rules", description="制度清单：方面、制度名称、牵头科室、状态、日期、文号"),
    Kind("targets", "晋位升级目标", "register_pdf", "build_targets", description="各科室晋位升级目标：目标、对标对象、责任人、时限、状态"),
    Kind("fill-in-reminder", "催报通知", "fillin_notice_pdf",
         description="未交回本月进展填报表的科室（desk-app export fill-in），--month YYYY-MM（默认本月）"),
]}

# The kinds a ledger-style page (with a LedgerFilter) offers in its print menu.
LEDGER_KINDS = ["ledger", "problem-list", "dispatch", "key-tasks", "overdue", "stats"]
MEETING_KINDS = ["notice", "sign-in", "minutes"]
TASK_FORCE_KINDS = ["rosters", "action-plan"]


def get_kind(name: str) -> Kind:
    kind = KINDS.get(name)
    if kind is None:
        raise ValidationError(f"没有名为“{name}”的打印文档。可用的有：{'、'.join(KINDS)}", "kind")
    return kind


def check_options(kind: Kind, options: PrintOptions) -> None:
    missing = {
        "meeting": (options.meeting_id is None, "请先选择要打印的会议（命令行用 --meeting 2026-8 表示2026年第8次推进会）"),
        "task_force": (options.task_force_id is None, "请先选择专班（命令行用 --task-force 专班名称）"),
        "entry": (options.entry_id is None, "请先选择一条事项（命令行用 --entry 问题编号）"),
        "person": (options.person_id is None and not options.layer,
                   "请先选择人员或层级（命令行用 --person 姓名 或 --layer 层级）"),
    }.get(kind.needs)
    if missing and missing[0]:
        raise ValidationError(f"打印{kind.title}：{missing[1]}", kind.needs)


def render(kind_name: str, options: PrintOptions, progress: Progress | None = None) -> tuple[bytes, int]:
    """The PDF bytes and page count of one document."""
    if options.as_of_month:  # a frozen month: the same document, made from that month's data
        from desk_app.services.month_view import run_as_of  # noqa: PLC0415

        campaign_id = with_campaign(options.filter).campaign_id
        return run_as_of(campaign_id, options.as_of_month,
                         lambda: render(kind_name, replace(options, as_of_month=""), progress), progress)
    doc = get_kind(kind_name).build(options, progress)
    data = doc.render()
    return data, len(doc.pages)


def render_to_file(kind_name: str, options: PrintOptions, path: str | Path,
                   progress: Progress | None = None) -> int:
    """Write the document to `path` (all or nothing); returns the page count."""
    from .layout import write_atomically  # noqa: PLC0415

    data, pages = render(kind_name, options, progress)
    write_atomically(Path(path), data)
    return pages


def render_in_worker(kind_name: str, options: PrintOptions, path: str | Path,
                     progress: Progress | None = None) -> int:
    """render_to_file for a background thread: the thread's own database connection is closed after."""
    import threading  # noqa: PLC0415

    try:
        return render_to_file(kind_name, options, path, progress)
    finally:
        if threading.current_thread() is not threading.main_thread():
            from desk_app.db.models import database  # noqa: PLC0415

            if not database.is_closed():
                database.close()
