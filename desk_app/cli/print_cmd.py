"""desk-app print KIND --out FILE.pdf [filters]: every printed document from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desk_app.errors import ValidationError

from .ledger_filters import add_filter_arguments, ledger_filter, resolve_columns


def _kinds_help() -> str:
    from desk_app.reports.registry import KINDS  # noqa: PLC0415

    width = max(len(name) for name in KINDS) + 2  # fill-in-reminder is the longest: never run into its title
    return "\n".join(f"  {k.name:<{width}}{k.title}：{k.description}" for k in KINDS.values())


def register(sub) -> None:
    from desk_app.reports.registry import KINDS  # noqa: PLC0415

    p = sub.add_parser("print", help="打印文档为 PDF（台账、清单、会议材料、统计汇总）",
                       description="把文档打印为 PDF 文件。可用的 KIND：\n" + _kinds_help(),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("kind", metavar="KIND", choices=list(KINDS), help="文档种类，见上面“可用的 KIND”（如 ledger、minutes）")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    g = p.add_argument_group("台账筛选")
    add_filter_arguments(g, "打印")
    g.add_argument("--person", metavar="姓名", help="人员：个人问题清单，或台账中与此人有关的事项")
    g.add_argument("--meeting", metavar="YYYY-N",
                   help="会议（会议通知、签到表、会议纪要）：2026-8 = 2026年第8次推进会；8 = 今年第8次"
                        "（都按 --meeting-type 的类型数）；会议 id 须写成 id:12。找不到时会列出全部会议"
                        "（年份与次数、id、日期、名称）")
    g.add_argument("--meeting-type", metavar="类型", default="",
                   help="--meeting 的会议类型，默认 专班推进会；也可写 中心组学习研讨、党支部学习、专题会、财政大讲堂")
    g.add_argument("--task-force", metavar="名称", help="专班名称（行动方案；台账中按专班筛选）")
    g.add_argument("--entry", metavar="问题编号", help="督办单、催办单的事项编号，如 DB-2026-0001")
    o = p.add_argument_group("版式")
    o.add_argument("--a3", action="store_true", help="A3 横向（默认 A4 横向）")
    o.add_argument("--columns", metavar="列1,列2", help="台账列（列名或列键，逗号分隔），默认常用列")
    o.add_argument("--sort", default="code", help="排序：code、deadline、department、layer、status 等")
    o.add_argument("--month", default="", metavar="YYYY-MM",
                   help="月度调度表的月份（默认本月）；该月已封账时，台账类文档按封账时的样子打印；"
                        "月度通报（bulletin）的月份（默认最近封账的月份）")
    o.add_argument("--title", default="", help="自定义标题")
    c = p.add_argument_group("通报与排名（bulletin、quarter、ranking、interviews）")
    c.add_argument("--quarter", default="", metavar="YYYY-Qn", help="季度办结率通报的季度，如 2026-Q3（默认最近一个季度）")
    c.add_argument("--round", default="", metavar="YYYY-Qn", help="排名通报的轮次，如 2026-Q1（默认最近一轮）")
    c.add_argument("--kind", dest="ranking_kind", default="", metavar="排名活动",
                   help="排名活动，默认 作风指数评价；也可写 财政大讲堂 等")
    p.set_defaults(func=run)


def build_options(args):
    """PrintOptions from the command-line arguments, with every name checked."""
    from desk_app.reports.lookups import (  # noqa: PLC0415
        check_month,
        entry_by_code,
        meeting_by_reference,
        meeting_type_by_name,
        person_by_name,
        task_force_by_name,
    )
    from desk_app.reports.options import PrintOptions  # noqa: PLC0415

    f = ledger_filter(args)
    options = PrintOptions(filter=f, columns=resolve_columns(args.columns), a3=args.a3, sort=args.sort,
                           title=args.title.strip(), month=args.month.strip())
    if args.meeting is not None:
        options.meeting_id = meeting_by_reference(f.campaign_id, args.meeting, args.meeting_type).id
    elif args.meeting_type:
        meeting_type_by_name(args.meeting_type)  # a wrong type is reported even without --meeting
    if args.person:
        options.person_id = person_by_name(args.person).id
        if args.kind != "person-list":
            options.filter.person_id = options.person_id
    if args.kind in ("problem-list", "person-list") and len(args.layer) == 1:
        options.layer = args.layer[0]
    if args.task_force:
        options.task_force_id = task_force_by_name(f.campaign_id, args.task_force).id
        if args.kind != "action-plan":
            options.filter.task_force_ids = [options.task_force_id]
    if args.entry:
        options.entry_id = entry_by_code(f.campaign_id, args.entry).id
    if options.month:
        options.month = check_month(options.month)
        from .freeze_cmd import as_of_month  # noqa: PLC0415

        options.as_of_month = as_of_month(f.campaign_id, options.month, args.kind)
    from desk_app.services.rankings_periods import parse_period, parse_quarter  # noqa: PLC0415

    if args.quarter:
        options.period = parse_quarter(args.quarter)
    if args.round:
        options.period = parse_period(args.round)
    options.ranking_kind = args.ranking_kind.strip()
    return options


def run(args) -> int:
    from desk_app.reports.registry import MEETING_KINDS, render_to_file  # noqa: PLC0415
    from desk_app.services.session import open_data  # noqa: PLC0415

    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".pdf":
        raise ValidationError(f"输出文件应以 .pdf 结尾：{out}", "out")
    if out.is_dir():
        raise ValidationError(f"“{out}”是一个文件夹，请给出 PDF 文件名。", "out")
    open_data(create=False)
    options = build_options(args)
    try:
        pages = render_to_file(args.kind, options, out)
    except PermissionError:
        raise ValidationError(f"无法写入“{out}”：文件可能正被其他程序（如 PDF 阅读器）打开，或没有写入权限。"
                              "请关闭该文件或换一个位置后重试。", "out") from None
    sys.stdout.write(f"已生成 {out}（{pages} 页）\n")
    for advice in options.advice:
        sys.stderr.write(f"提示：{advice}\n")
    if options.meeting_id is not None and args.kind in MEETING_KINDS:
        from desk_app.reports.lookups import describe_meeting  # noqa: PLC0415
        from desk_app.services.meetings import get_meeting  # noqa: PLC0415

        sys.stdout.write(f"会议：{describe_meeting(get_meeting(options.meeting_id))}\n")
    return 0
