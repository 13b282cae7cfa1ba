"""A frozen month reproduces byte for byte: its PDFs, exports and figures stay as they were on the
report day whatever changes afterwards (状态, 进展, deletion, a new entry, a renamed 科室, settings)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from desk_app.cli import main
from desk_app.domain import Status
from desk_app.reports.options import PrintOptions
from desk_app.reports.registry import render
from desk_app.services import attachments, context, ledger, ledger_bulk, month_freeze, org, settings, workflow
from desk_app.services.ledger import EntryInput
from desk_app.services.ledger_query import LedgerFilter, fetch_entries

MONTH = "2026-11"
REPORT_DAY = date(2026, 11, 20)


def _documents(campaign_id: int) -> dict[str, bytes]:
    base = PrintOptions(filter=LedgerFilter(campaign_id=campaign_id), as_of_month=MONTH)
    return {
        "ledger": render("ledger", base)[0],
        "ledger-open-by-department": render("ledger", replace(
            base, filter=LedgerFilter(campaign_id=campaign_id, open_only=True), sort="department",
            columns=["code", "description", "department", "responsible", "deadline", "status"]))[0],
        "dispatch": render("dispatch", replace(base, month=MONTH))[0],
        "overdue": render("overdue", base)[0],
        "stats": render("stats", base)[0],
    }


def _stats_json(capsys) -> dict:
    capsys.readouterr()
    assert main(["stats", "--json", "--month", MONTH]) == 0
    return json.loads(capsys.readouterr().out)


def _change_everything(campaign_id: int, folder) -> None:
    open_entries = fetch_entries(LedgerFilter(campaign_id=campaign_id, statuses=[Status.IN_PROGRESS]), limit=5)
    first, second, third, fourth, fifth = open_entries
    evidence = folder / "佐证.txt"
    evidence.write_text("整改佐证", encoding="utf-8")
    attachments.add_attachment(first.id, evidence)
    workflow.apply_close(first.id, "已整改到位", completed_on=date(2026, 11, 22))  # status …
    workflow.approve_close(first.id, first.responsible_id or 1)  # … to 已销号
    ledger_bulk.set_month_progress(second.id, MONTH, "报送后补录的进展")  # this month's progress
    workflow.extend_deadline(third.id, date(2027, 3, 31), "需跨年完成")  # deadline and light
    ledger.delete_entries([fourth.id])  # deletion
    ledger.create_entry(campaign_id, EntryInput(description="封账后新发现的问题", layer="处级干部",
                                                found_date=date(2026, 11, 2), deadline=date(2026, 11, 30)))  # a new entry
    org.update_department(fifth.department_id, name="改名后的科室")  # a name printed in every row
    header = settings.report_header()
    header.unit = "换了名称的填报单位"
    settings.save_report_header(header)


def test_a_frozen_month_prints_and_counts_the_same_after_the_ledger_changes(demo, tmp_path, capsys):
    campaign_id = demo.campaign_id
    # What the ledger printed on the report day (as `desk-app --today 2026-11-20 print …` does) …
    context.set_today(REPORT_DAY)
    live_ledger = render("ledger", PrintOptions(filter=LedgerFilter(campaign_id=campaign_id, found_to=REPORT_DAY)))[0]
    month_freeze.freeze_month(campaign_id, MONTH)
    # … is what the frozen month prints, then and later.
    before = _documents(campaign_id)
    stats_before = _stats_json(capsys)
    assert before["ledger"] == live_ledger
    context.set_today(date(2026, 12, 3))
    _change_everything(campaign_id, tmp_path)
    live_now = render("ledger", PrintOptions(filter=LedgerFilter(campaign_id=campaign_id)))[0]
    assert live_now != live_ledger  # the changes are real …
    after = _documents(campaign_id)
    for name, pdf in before.items():
        assert after[name] == pdf, name  # … and the frozen month does not see them
    assert _stats_json(capsys) == stats_before
    assert stats_before["month"] == MONTH and stats_before["report_day"] == "2026-11-20"
    assert stats_before["ledger"]["total"]["total"] == demo.entries


def test_a_frozen_months_export_is_the_same_file_after_changes(demo, tmp_path, capsys):
    context.set_today(REPORT_DAY)
    month_freeze.freeze_month(demo.campaign_id, MONTH)
    outputs = []
    for round_ in ("before", "after"):
        if round_ == "after":
            context.set_today(date(2026, 12, 3))
            _change_everything(demo.campaign_id, tmp_path)
        files = {}
        for fmt in ("xlsx", "csv"):
            out = tmp_path / f"{round_}.{fmt}"
            assert main(["export", fmt, "--month", MONTH, "--out", str(out), "--open"]) == 0
            files[fmt] = out.read_bytes()
        outputs.append(files)
    assert outputs[0] == outputs[1]
    live = tmp_path / "live.csv"
    assert main(["export", "csv", "--out", str(live), "--open"]) == 0
    assert live.read_bytes() != outputs[1]["csv"]  # the ledger did change meanwhile
