"""desk-app stats: the ledger's figures for the current campaign."""

from __future__ import annotations

import json


def register(sub) -> None:
    p = sub.add_parser("stats", help="显示当前活动的统计数字")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（供脚本使用）")
    p.add_argument("--month", default="", metavar="YYYY-MM",
                   help="已封账月份的统计（按报送日保存的数字，封账后不再变化；见 desk-app freeze）")
    p.set_defaults(func=run)


def collect() -> dict:
    """Everything `stats` reports; other areas add their figures here."""
    from desk_app.services import (  # noqa: PLC0415
        campaigns,
        compliance,
        measures_stats,
        meetings,
        stats,
        supervision_overview,
    )

    campaign = campaigns.require_current_campaign()
    return {"campaign": {"id": campaign.id, "name": campaign.name, "year": campaign.year},
            "ledger": stats.campaign_stats(campaign.id),
            "meetings": meetings.meeting_counts(campaign.id),
            "supervision": supervision_overview.overview(campaign.id).as_dict(),
            "key_tasks": measures_stats.key_task_figures(campaign.id),
            "warnings": [w.as_dict() for w in compliance.campaign_warnings(campaign.id)]}


def collect_month(month: str) -> dict:
    """The frozen figures of `month` (desk-app freeze), as they were on its report day."""
    from desk_app.services import campaigns, month_freeze  # noqa: PLC0415

    campaign = campaigns.require_current_campaign()
    snapshot, data = month_freeze.snapshot_data(campaign.id, month)
    frozen = month_freeze.frozen_month(campaign.id, month)
    named = (data["tables"]["campaign"] or [{"name": campaign.name, "year": campaign.year}])[0]
    return {"campaign": {"id": campaign.id, "name": named["name"], "year": named["year"]},
            "month": frozen.month, "report_day": frozen.report_day.isoformat(),
            "frozen_at": frozen.frozen_at.isoformat(sep=" "), "frozen_by": frozen.frozen_by,
            "ledger": frozen.figures.as_dict()}


def _print_month(data: dict) -> None:
    led = data["ledger"]
    t = led["total"]
    print(f"活动：{data['campaign']['name']}　{data['month']} 封账数字（报送日 {data['report_day']}，"
          f"封账于 {data['frozen_at'][:16]}）")
    print(f"台账共 {t['total']} 条，已完成 {t['done']} 条，完成率 {t['completion_rate']:.1%}，逾期 {t['overdue']} 条，"
          f"按期办结率 {t['on_time_rate']:.1%}（到期 {t['due']} 条，按期办结 {t['closed_on_time']} 条），"
          f"待审核销号 {led['pending_close']} 条")
    for name, label in (("by_layer", "按层级"), ("by_department", "按责任单位"), ("by_task_force", "按专班")):
        print(f"{label}：")
        for g in led[name]:
            print(f"  {g['key']}：{g['total']} 条，完成率 {g['completion_rate']:.1%}，"
                  f"按期办结率 {g['on_time_rate']:.1%}，逾期 {g['overdue']}")


def run(args) -> int:
    from desk_app.services.session import open_data as open_database  # noqa: PLC0415

    if args.month:
        from desk_app.services.month_freeze import check_month  # noqa: PLC0415

        month = check_month(args.month)
        open_database(create=False)
        data = collect_month(month)
        if args.json:
            print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        else:
            _print_month(data)
        return 0
    open_database(create=False)
    data = collect()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return 0
    led = data["ledger"]
    print(f"活动：{data['campaign']['name']}")
    print(f"台账共 {led['total']} 条，已完成 {led['done']} 条，完成率 {led['completion_rate']:.1%}，"
          f"逾期 {led['overdue']} 条，待审核销号 {led['pending_close']} 条，7天内到期 {led['due_within_7_days']} 条")
    print("按状态：" + "，".join(f"{k} {v}" for k, v in led["by_status"].items()))
    print("按层级：")
    for g in led["by_layer"]:
        print(f"  {g['key']}：{g['total']} 条，完成率 {g['completion_rate']:.1%}，逾期 {g['overdue']}")
    print(f"问题不足6条的人员：{led['people_short_of_6']} 人")
    if led.get("by_department_role"):
        print("按科室（牵头/配合）：" + "，".join(f"{r['key']} 牵头 {r['led']} 配合 {r['assisted']}"
                                             for r in led["by_department_role"]))
    kt = data.get("key_tasks")
    if kt and kt["tasks"]:
        print(f"重点任务 {kt['tasks']} 项，其中分解措施的 {kt['with_measures']} 项（措施 {kt['measures']} 项，"
              f"已完成 {kt['measures_done']}，逾期 {kt['measures_overdue']}）；序时进度滞后 {kt['lagging']} 项")
    if "meetings" in data:
        held = data["meetings"]["by_type"]
        print("会议：" + "，".join(f"{k} {v['held']} 次" for k, v in held.items() if v["total"])
              + f"；议定事项 {data['meetings']['decisions']} 条")
    sup = data["supervision"]
    if sup["matters"]:
        levels = "，".join(f"{k} {v} 件" for k, v in sup["by_escalation"].items())
        print(f"督办：在办 {sup['matters']} 件，节点今日到期 {sup['nodes_due_today']} 个，已逾期 {sup['nodes_missed']} 个"
              + (f"；{levels}" if levels else ""))
    if data.get("warnings"):
        print("提醒：")
        for w in data["warnings"]:
            print(f"  {'！' if w['severity'] == 'warning' else '·'} {w['message']}")
    return 0
