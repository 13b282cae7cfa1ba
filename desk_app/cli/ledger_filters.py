"""The ledger filter options shared by `print` and `export`, checked the same way for both."""

from __future__ import annotations

from desk_app.errors import ValidationError


def add_filter_arguments(group, verb: str) -> None:
    """--layer/--status/--department/--category/--entry-kind/--overdue/--open/--text; `verb` is
    打印 or 导出 for the help texts."""
    group.add_argument("--layer", action="append", default=[], help="层级（可重复），如 处级干部")
    group.add_argument("--status", action="append", default=[], help="状态（可重复），如 推进中")
    group.add_argument("--department", action="append", default=[], help="责任单位名称（可重复）")
    group.add_argument("--department-role", choices=["lead", "assist", "either"], default="lead",
                       help="--department 指：lead 牵头（责任单位，默认）、assist 配合、either 牵头或配合")
    group.add_argument("--lagging", action="store_true", help=f"只{verb}月度序时进度滞后的重点任务")
    group.add_argument("--category", action="append", default=[], help="问题类别（可重复）")
    group.add_argument("--entry-kind", action="append", default=[], help="事项类型（可重复），如 重点任务")
    group.add_argument("--overdue", action="store_true", help=f"只{verb}逾期事项")
    group.add_argument("--open", action="store_true", help=f"只{verb}未完成事项")
    group.add_argument("--text", default="", help="包含此文字的事项")


def resolve_columns(text: str | None) -> list[str] | None:
    """--columns 列1,列2 (labels or keys) → column keys; None for the defaults."""
    if not text:
        return None
    from desk_app.services.ledger_columns import COLUMNS  # noqa: PLC0415

    by_name = {c.label: c.key for c in COLUMNS} | {c.key: c.key for c in COLUMNS}
    keys = []
    for part in (p.strip() for p in text.replace("，", ",").split(",")):
        if not part:
            continue
        if part not in by_name:
            raise ValidationError(f"没有名为“{part}”的列。可用的列：{'、'.join(c.label for c in COLUMNS)}", "columns")
        keys.append(by_name[part])
    return keys


def ledger_filter(args):
    """The LedgerFilter of the current campaign the options ask for, every name checked."""
    from desk_app.domain import EntryKind, Layer, Status  # noqa: PLC0415
    from desk_app.services import campaigns, org  # noqa: PLC0415
    from desk_app.services.ledger_query import SORT_KEYS, LedgerFilter  # noqa: PLC0415

    for values, allowed, what, field in ((args.layer, Layer, "层级", "layer"), (args.status, Status, "状态", "status"),
                                         (args.entry_kind, EntryKind, "事项类型", "entry_kind")):
        for value in values:
            if value not in {v.value for v in allowed}:
                raise ValidationError(f"没有“{value}”这个{what}。可用的{what}：{'、'.join(v.value for v in allowed)}",
                                      field)
    if args.sort not in SORT_KEYS:
        raise ValidationError(f"不能按“{args.sort}”排序。可用的排序：{'、'.join(SORT_KEYS)}", "sort")
    department_ids = []
    for name in args.department:
        dept = org.department_by_name(name)
        if dept is None:
            raise ValidationError(f"找不到责任单位“{name}”。请检查名称（设置 › 科室与人员）。", "department")
        department_ids.append(dept.id)
    # --today in the past prints the ledger as it stood that day: entries found later are left out.
    as_of = getattr(args, "today", None)
    return LedgerFilter(campaign_id=campaigns.require_current_campaign().id, layers=list(args.layer),
                        statuses=list(args.status), department_ids=department_ids,
                        categories=list(args.category), kinds=list(args.entry_kind),
                        overdue_only=args.overdue, open_only=args.open, text=args.text, found_to=as_of,
                        department_role={"assist": "assist", "either": "lead_or_assist"}.get(
                            getattr(args, "department_role", "lead"), ""),
                        lagging=getattr(args, "lagging", False))
