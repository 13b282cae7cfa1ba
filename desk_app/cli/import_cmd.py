"""desk-app import xlsx|package FILE [--dry-run] [--mapping JSON] [--new-campaign NAME] [--yes]."""

from __future__ import annotations

import json
import sys

from desk_app.errors import InputFileError

from . import fresh_folder, scores_cmd

SHOWN_CONFLICTS = 50


def register(sub) -> None:
    p = sub.add_parser("import", help="导入 Excel 台账、下级单位的上报数据包或排名成绩",
                       description="导入前先完整检查并显示预览；加 --dry-run 只检查不写入；"
                                   "写入前自动备份，全部成功或全部不写。")
    p.add_argument("format", choices=("xlsx", "package", "fill-in", "scores"), metavar="FORMAT",
                   help="xlsx、package、fill-in（各科室交回的本月进展填报表，可给多个文件或文件夹）"
                        "或 scores（评价机构的成绩表，见下）")
    p.add_argument("file", metavar="FILE", nargs="+", help="要导入的文件（fill-in：文件或文件夹，可多个）")
    p.add_argument("--dry-run", action="store_true", help="只检查并显示预览，不写入")
    p.add_argument("--yes", action="store_true", help="不再询问，直接导入")
    x = p.add_argument_group("Excel 台账（xlsx）")
    x.add_argument("--sheet", help="工作表名称（默认第一个可见的工作表）")
    x.add_argument("--header-row", type=int, metavar="N", help="表头（第一行）所在的行号（默认自动识别）")
    x.add_argument("--mapping", metavar="JSON",
                   help='列对应，如 \'{"问题描述":"description","F":"整改措施","序号":"","点位":"原表其他列"}\''
                        "（列名不计 * 和空格，或列字母 → 字段；\"\" 不导入）；会记住，下次同样的表头自动使用")
    x.add_argument("--kind", default=None,
                   help="事项类型（默认由表格判断：“工作任务/重点工作”列为重点任务，“督办事项”列为督办事项，否则问题整改）")
    x.add_argument("--layer", default="", help="默认层级（表格中没有“层级”列时；默认按所属人员，单位台账为局领导班子）")
    x.add_argument("--create-missing", action="store_true", help="自动新建本机没有的科室、人员和专班")
    x.add_argument("--skip-invalid", action="store_true", help="跳过有问题的行，只导入没有问题的行")
    x.add_argument("--new-campaign", metavar="NAME",
                   help="本机还没有活动时，先新建这个活动再导入（年度用 --year，默认取表格标题中的年份或今年）")
    x.add_argument("--year", type=int, metavar="YYYY", help="与 --new-campaign 一起使用：新活动的年度")
    x.add_argument("--full", action="store_true", help="预览中列出全部提示（默认每类最多 200 条）")
    f = p.add_argument_group("科室填报表（fill-in）")
    f.add_argument("--month", default="", metavar="YYYY-MM", help="填报的月份（默认取文件中的月份）")
    f.add_argument("--notice", metavar="FILE.pdf", help="同时生成给未报科室的催报通知（PDF）")
    k = p.add_argument_group("数据包（package）")
    k.add_argument("--into-current", action="store_true",
                   help="导入到本机的当前活动（默认导入到同名同年度的活动，没有则新建）")
    k.add_argument("--take-conflicts", action="store_true",
                   help="冲突的事项（本机在数据包或填报表生成后又修改过）以文件为准；默认保留本机的")
    scores_cmd.add_arguments(p)
    p.set_defaults(func=run)


def _confirm(args, question: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise InputFileError("需要确认才能导入：请加 --yes 参数（或先用 --dry-run 查看预览）。没有导入任何内容。")
    answer = input(f"{question} [y/N] ").strip().lower()
    return answer in ("y", "yes", "是")


def _progress(done, total, text=""):
    if sys.stderr.isatty() and text:
        sys.stderr.write(f"\r{text}\u3000\u3000")
        sys.stderr.flush()
    return True


def _package(args) -> int:
    from desk_app.exchange.package_again import received_unchanged  # noqa: PLC0415
    from desk_app.exchange.package_import import CONFLICT, preview_package  # noqa: PLC0415

    campaign_id = None
    if args.into_current:
        from desk_app.services import campaigns  # noqa: PLC0415

        campaign_id = campaigns.require_current_campaign().id
    # The same file again, and nothing here changed since it was applied: its receipt knows the answer.
    preview = received_unchanged(args.file, campaign_id) or preview_package(
        args.file, progress=_progress, campaign_id=campaign_id, meanwhile=None if args.dry_run else _ready_to_write)
    print(preview.summary_text())
    conflicts = [d for d in preview.entries if d.state == CONFLICT]
    for diff in conflicts[:SHOWN_CONFLICTS]:
        print(f"  冲突：{diff.code} {diff.description[:30]} —— {diff.reason}")
    if len(conflicts) > SHOWN_CONFLICTS:
        print(f"  ……另有 {len(conflicts) - SHOWN_CONFLICTS} 条冲突")
    if args.dry_run:
        return 0
    if not preview.has_changes:
        print("没有需要导入的内容，本机数据没有改动。")
        return 0
    if not _confirm(args, "确认导入？"):
        print("已取消，没有导入任何内容。")
        return 1
    from desk_app.exchange.package_apply import apply_package  # noqa: PLC0415

    result = apply_package(preview, take_conflicts=args.take_conflicts, progress=_progress)
    print(result.text())
    return 0


def _ready_to_write(preview) -> None:
    """What writing the package will need, loaded while its fields are still being checked on the other core
    (package_aside): the writer's modules, and the reader of names in pinyin when people are to be created."""
    import desk_app.exchange.package_apply  # noqa: F401, PLC0415

    if preview.new_names.people:
        from desk_app.name_keys import name_keys  # noqa: PLC0415

        name_keys("张三")  # loads pypinyin's dictionary the way a key is read


def _campaign_for(args) -> int | None:
    """The campaign to import into; None for --new-campaign, which is created only once the rows have
    passed their checks and the clerk confirmed (a refused or cancelled import leaves no empty campaign)."""
    from desk_app.services import campaigns  # noqa: PLC0415

    if args.new_campaign:
        return None
    current = campaigns.current_campaign()
    if current is None:
        raise InputFileError(fresh_folder.NO_CAMPAIGN)
    return current.id


def _new_campaign_year(args, content) -> int:
    from desk_app.services import context  # noqa: PLC0415

    return args.year or content.block.title_year or context.today().year


def _xlsx(args) -> int:
    from desk_app.exchange.xlsx_apply import apply_import  # noqa: PLC0415
    from desk_app.exchange.xlsx_import import mapping_from_json, plan_import, read_sheet  # noqa: PLC0415

    content = read_sheet(args.file, args.sheet, header_row=args.header_row, progress=_progress)
    mapping = None
    if args.mapping:
        try:
            spec = json.loads(args.mapping)
        except json.JSONDecodeError as exc:
            raise InputFileError(f"--mapping 不是正确的 JSON（{exc.msg}）。示例：'{{\"问题描述\":\"description\"}}'") from exc
        if not isinstance(spec, dict):
            raise InputFileError("--mapping 应为 JSON 对象，如 '{\"问题描述\":\"description\"}'")
        mapping = mapping_from_json(spec, content)
    campaign_id = _campaign_for(args)
    new_campaign = None
    if campaign_id is None:
        new_campaign = (args.new_campaign.strip(), _new_campaign_year(args, content))
        print(("（预览）" if args.dry_run else "") + f"将新建活动“{new_campaign[0]}”（{new_campaign[1]}年度）并导入到这个活动。")
        from desk_app.exchange.xlsx_apply import plan_into_new_campaign  # noqa: PLC0415

        plan = plan_into_new_campaign(args.file, _options(args, content, mapping, None), new_campaign, content=content)
    else:
        plan = plan_import(args.file, _options(args, content, mapping, campaign_id), content=content)
    print(plan.report_text(None if args.full else 200))
    bad = len(plan.rows) - len(plan.valid_rows)
    if args.dry_run:
        return 2 if bad and not args.skip_invalid else 0
    if bad and not args.skip_invalid:
        raise InputFileError(f"有 {bad} 行存在问题，没有导入任何内容。请修改表格，或加 --skip-invalid 只导入没有问题的行。")
    if bad and not plan.valid_rows:
        raise InputFileError(f"全部 {bad} 行都有问题，没有可导入的行，没有导入任何内容。请按上面列出的问题修改表格后再导入。")
    if not plan.has_changes:
        print("表格与本机台账相同，没有需要导入的内容，本机数据没有改动。")
        return 0
    if not _confirm(args, f"确认导入（{plan.counts_text()}）？"):
        print("已取消，没有导入任何内容。")
        return 1
    result = apply_import(plan, skip_invalid=args.skip_invalid, progress=_progress, new_campaign=new_campaign)
    if new_campaign is not None:
        print(f"已新建活动“{new_campaign[0]}”（{new_campaign[1]}年度），导入到这个活动。")
    print(result.text())
    return 0


def _options(args, content, mapping, campaign_id: int | None):
    from desk_app.exchange.xlsx_import import ImportOptions  # noqa: PLC0415

    return ImportOptions(sheet=content.name, mapping=mapping, default_kind=args.kind, default_layer=args.layer,
                         create_missing=args.create_missing, campaign_id=campaign_id, header_row=args.header_row,
                         create_missing_hint="加 --create-missing 参数自动新建")


def run(args) -> int:
    if args.format == "fill-in":
        from .fillin_cmd import run_import  # noqa: PLC0415

        return run_import(args)
    if len(args.file) > 1:
        raise InputFileError(f"导入 {args.format} 一次只能给一个文件（给出了 {len(args.file)} 个）。")
    args.file = args.file[0]
    return fresh_folder.run_import(args.dry_run, lambda: _open_and_import(args))


def _open_and_import(args) -> int:
    from desk_app.services.session import open_data  # noqa: PLC0415

    open_data()
    if not args.dry_run:  # refused before any evidence copy or backup is made
        from desk_app.services.session import require_writer  # noqa: PLC0415

        require_writer()
    if args.format == "scores":
        return scores_cmd.run(args, _confirm)
    return _package(args) if args.format == "package" else _xlsx(args)
