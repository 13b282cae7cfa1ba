"""desk-app export xlsx|csv|docx|package --out FILE [filters]."""

from __future__ import annotations

import sys

from desk_app.errors import ValidationError

from . import bulletin_cmd
from .ledger_filters import add_filter_arguments, ledger_filter, resolve_columns

FORMATS = ("xlsx", "csv", "docx", "package", "fill-in", *bulletin_cmd.FORMATS)


def register(sub) -> None:
    p = sub.add_parser("export", help="导出台账为 Excel/CSV，会议纪要/签到表为 Word，生成上报数据包或科室填报表",
                       description="导出：xlsx（Excel 台账）、csv、docx（会议纪要或签到表）、package（上报数据包 .zip）、"
                                   "fill-in（给各科室的本月进展填报表，每个科室一个工作簿，--out 为文件夹）。")
    p.add_argument("format", choices=FORMATS, metavar="FORMAT",
                   help="xlsx、csv、docx、package、fill-in，通报 bulletin、quarter、ranking，清单 rules、targets（见下）")
    p.add_argument("--out", required=True, metavar="FILE",
                   help="输出文件（扩展名 .xlsx、.csv、.docx 或 .zip；不写扩展名时自动加上）；fill-in 为输出文件夹")
    p.add_argument("--month", default="", metavar="YYYY-MM",
                   help="xlsx、csv：导出已封账月份的台账（按封账时的样子）；fill-in：填报的月份（默认本月）")
    g = p.add_argument_group("台账筛选（xlsx、csv）")
    add_filter_arguments(g, "导出")
    o = p.add_argument_group("版式（xlsx、csv）")
    o.add_argument("--columns", metavar="列1,列2", help="导出的列（列名或列键，逗号分隔），默认与打印相同")
    o.add_argument("--sort", default="code", help="排序：code、deadline、department、layer、status 等")
    o.add_argument("--title", default="", help="自定义标题")
    o.add_argument("--per-layer", action="store_true", help="每个层级一个工作表")
    o.add_argument("--no-summary", action="store_true", help="不要统计汇总表")
    o.add_argument("--template", action="store_true", help="上报模板规则：单元格内不换行，空白填“0”")
    k = p.add_argument_group("数据包（package）与会议材料（docx）")
    k.add_argument("--unit", default="", help="报送单位（默认取设置中的填报单位）")
    k.add_argument("--period", default="", metavar="YYYY-MM", help="报送期间（默认本月）")
    k.add_argument("--meeting", metavar="YYYY-N", help="会议（docx）：2026-8 = 2026年第8次推进会；8 = 今年第8次（都按 --meeting-type 的类型数）；"
                        "会议 id 须写成 id:12")
    k.add_argument("--meeting-type", metavar="类型", default="", help="会议类型（默认专班推进会），如 中心组")
    k.add_argument("--document", choices=("minutes", "signin"), default="minutes",
                   help="docx 的内容：minutes 会议纪要（默认）或 signin 签到表")
    bulletin_cmd.add_arguments(p)
    p.set_defaults(func=run)


def _progress(done, total, text=""):
    if sys.stderr.isatty() and text:
        sys.stderr.write(f"\r{text}\u3000\u3000")
        sys.stderr.flush()
    return True


def run(args) -> int:
    from desk_app.exchange.out_path import output_path  # noqa: PLC0415
    from desk_app.services.session import open_data  # noqa: PLC0415

    if args.format in bulletin_cmd.FORMATS:
        return bulletin_cmd.run(args)
    if args.format == "fill-in":
        from .fillin_cmd import run_export  # noqa: PLC0415

        return run_export(args)
    args.out = str(output_path(args.out, args.format))
    open_data(create=False)
    if args.format in ("xlsx", "csv"):
        from desk_app.exchange.ledger_export import LedgerExportOptions  # noqa: PLC0415

        options = LedgerExportOptions(filter=ledger_filter(args), column_keys=resolve_columns(args.columns),
                                      sort=args.sort, title=args.title, one_sheet_per_layer=args.per_layer,
                                      summary_sheet=not args.no_summary, template_mode=args.template)
        if args.format == "xlsx":
            from desk_app.exchange.xlsx_export import export_xlsx as export  # noqa: PLC0415
        else:
            from desk_app.exchange.csv_export import export_csv as export  # noqa: PLC0415
        count = _as_of(args, options.filter.campaign_id, args.format, lambda: export(options, args.out, progress=_progress))
        _done(f"已导出 {count} 条台账到 {args.out}")
    elif args.format == "package":
        from desk_app.exchange.package import write_package  # noqa: PLC0415

        s = write_package(args.out, unit=args.unit, period=args.period, progress=_progress)
        _done(f"已生成《{s.unit}》{s.period} 的数据包：{s.entries} 条事项，{s.progress} 条进展，"
              f"{s.attachments} 个佐证材料，{s.changes} 条修改记录 → {args.out}")
    else:
        if args.meeting is None:
            raise ValidationError("导出 docx 需要用 --meeting 指定会议，例如 --meeting 2026-8（2026年第8次推进会）",
                                  "meeting")
        from desk_app.exchange.docx_export import export_meeting_docx  # noqa: PLC0415
        from desk_app.reports.lookups import meeting_by_reference  # noqa: PLC0415
        from desk_app.services import campaigns  # noqa: PLC0415

        campaign_id = campaigns.require_current_campaign().id
        meeting = meeting_by_reference(campaign_id, args.meeting, args.meeting_type or None)
        export_meeting_docx(meeting.id, args.document, args.out)
        _done(f"已导出{'会议纪要' if args.document == 'minutes' else '签到表'}到 {args.out}")
    return 0


def _as_of(args, campaign_id: int, kind: str, work):
    """work() on the live ledger, or as of the frozen month --month names (desk-app freeze)."""
    if not args.month:
        return work()
    from desk_app.services.month_freeze import check_month  # noqa: PLC0415
    from desk_app.services.month_view import run_as_of  # noqa: PLC0415

    from .freeze_cmd import as_of_month  # noqa: PLC0415

    month = as_of_month(campaign_id, check_month(args.month), "ledger")
    return run_as_of(campaign_id, month, work, _progress)


def _done(message: str) -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\r")
    print(message)
