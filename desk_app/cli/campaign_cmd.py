"""desk-app campaign new NAME --year YYYY | campaign list: campaigns (活动) from the command line, so a
fresh data folder can take an import without the window."""

from __future__ import annotations


def _date(text: str):
    from . import date_argument  # noqa: PLC0415 - the package imports this module

    return date_argument(text)


def register(sub) -> None:
    p = sub.add_parser("campaign", help="新建或列出活动", description="活动（如“2023年改作风提效能专项行动”）是台账、"
                                                                   "专班和例会的归属；新建的活动成为当前活动。")
    actions = p.add_subparsers(dest="action", metavar="操作", required=True)
    new = actions.add_parser("new", help="新建活动（成为当前活动）")
    new.add_argument("name", metavar="NAME", help="活动名称")
    new.add_argument("--year", type=int, required=True, metavar="YYYY", help="年度，如 2023")
    new.add_argument("--start", type=_date, metavar="YYYY-MM-DD", help="开始日期（可选）")
    new.add_argument("--end", type=_date, metavar="YYYY-MM-DD", help="结束日期（可选）")
    new.add_argument("--keep-current", action="store_true", help="不把新活动设为当前活动")
    new.set_defaults(func=run_new)
    listing = actions.add_parser("list", help="列出所有活动（* 为当前活动）")
    listing.set_defaults(func=run_list)


def run_new(args) -> int:
    from desk_app.services import campaigns  # noqa: PLC0415
    from desk_app.services.session import open_data  # noqa: PLC0415

    open_data()
    created = campaigns.create_campaign(args.name, args.year, args.start, args.end,
                                        make_current=not args.keep_current)
    state = "，已设为当前活动" if created.is_current else ""
    print(f"已新建活动“{created.name}”（{created.year}年度，编号 {created.id}）{state}。")
    return 0


def run_list(args) -> int:
    from desk_app.services import campaigns  # noqa: PLC0415
    from desk_app.services.session import open_data  # noqa: PLC0415

    open_data()
    current = campaigns.current_campaign()
    rows = campaigns.list_campaigns()
    if not rows:
        print("还没有任何活动。新建：desk-app campaign new 活动名称 --year 年度")
        return 0
    for c in rows:
        mark = "*" if current and c.id == current.id else " "
        span = f"  {c.start_date or ''}～{c.end_date or ''}" if c.start_date or c.end_date else ""
        print(f"{mark} {c.id:>3}  {c.year}  {c.name}{span}")
    return 0
