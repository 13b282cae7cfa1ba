"""`desk-app export bulletin|quarter|ranking --out FILE.docx|.xlsx|.pdf`: the 通报 as Word, Excel or PDF;
`desk-app export rules|targets --out FILE.xlsx`: 制度清单 and 晋位升级目标 as Excel.

Hooked into `desk-app export` (export_cmd) as more FORMATs; --month (bulletin) is export's own."""

from __future__ import annotations

import sys

NOTICES = ("bulletin", "quarter", "ranking")
REGISTERS = {"rules": "制度清单", "targets": "晋位升级目标"}
FORMATS = (*NOTICES, *REGISTERS)


def add_arguments(parser) -> None:
    g = parser.add_argument_group("通报与清单（bulletin 月度通报、quarter 季度办结率通报、ranking 排名通报；"
                                  "rules 制度清单、targets 晋位升级目标 为 .xlsx）",
                                  "--out 的扩展名决定格式：.docx（Word）、.xlsx（Excel）或 .pdf；"
                                  "bulletin 用 --month 指定已封账的月份（默认最近封账的月份）")
    g.add_argument("--quarter", default="", metavar="YYYY-Qn", help="quarter：季度，如 2026-Q3（默认最近一个季度）")
    g.add_argument("--round", default="", metavar="YYYY-Qn", help="ranking：轮次，如 2026-Q1（默认最近一轮）")
    g.add_argument("--kind", dest="ranking_kind", default="", metavar="排名活动",
                   help="ranking：排名活动，默认 作风指数评价")


def run(args) -> int:
    from desk_app.exchange.bulletin_files import export_notice  # noqa: PLC0415
    from desk_app.services import campaigns  # noqa: PLC0415
    from desk_app.services.session import open_data  # noqa: PLC0415

    open_data(create=False)
    campaign_id = campaigns.require_current_campaign().id
    if args.format in REGISTERS:
        from desk_app.exchange.register_xlsx import export_register  # noqa: PLC0415

        path = export_register(campaign_id, REGISTERS[args.format], args.out)
        sys.stdout.write(f"已导出{REGISTERS[args.format]}到 {path}\n")
        return 0
    path, label = export_notice(args.format, campaign_id, args.out, month=args.month, quarter=args.quarter,
                                period=args.round, kind=args.ranking_kind, title=args.title)
    sys.stdout.write(f"已导出{label}到 {path}\n")
    return 0
