"""The demo's cycle: scored rounds with their 约谈, the registers, and two years of months frozen as they stood."""

from desk_app.cli import main
from desk_app.db.models import LedgerEntry
from desk_app.demo_cycle import freeze_history
from desk_app.services import month_freeze, rankings, rankings_rules, registers


def test_demo_scores_four_rounds_and_records_the_older_talks(demo):
    kind = rankings.kind_by_name("作风指数评价")
    rounds = rankings.list_rounds(kind.id)
    assert [r.period for r in rounds] == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
    assert all(r.score_count == 11 and r.scorer for r in rounds)
    talks = rankings_rules.interviews(kind.id)
    assert {x.period for x in talks if x.held_on} == {"2026-Q1", "2026-Q2"}  # held, with an outcome
    assert all(x.outcome and x.interviewer for x in talks if x.held_on)
    assert [x.status for x in talks if x.period == "2026-Q3"] == ["待约谈", "待约谈"]
    assert len(rankings.list_rounds(rankings.kind_by_name("财政大讲堂").id)) == 2


def test_demo_registers_hold_seed_003s_rules_and_targets(demo):
    rules = registers.list_items(demo.campaign_id, "制度清单")
    assert len(rules) == 53 and len({r.area for r in rules}) == 16
    summary = registers.summary(demo.campaign_id, "晋位升级目标")
    assert summary.sections_without == ["机关党委"] and summary.sections_over == []


def test_history_freezes_each_past_month_as_it_stood_and_puts_the_ledger_back(demo):
    live = list(LedgerEntry.select(LedgerEntry.id, LedgerEntry.status, LedgerEntry.completed_date,
                                   LedgerEntry.closed_date).order_by(LedgerEntry.id).tuples())
    months = freeze_history(demo.campaign_id)
    # The 24 months before the current one (today 2026-11-23, before its report day on the 25th).
    assert months == month_freeze.frozen_months(demo.campaign_id) and len(months) == 24
    assert (months[0], months[-1]) == ("2024-11", "2026-10")
    assert list(LedgerEntry.select(LedgerEntry.id, LedgerEntry.status, LedgerEntry.completed_date,
                                   LedgerEntry.closed_date).order_by(LedgerEntry.id).tuples()) == live
    first = month_freeze.frozen_month(demo.campaign_id, "2024-11")
    a_year_ago = month_freeze.frozen_month(demo.campaign_id, "2025-10")
    assert 0 < first.figures.total.total < a_year_ago.figures.total.total
    assert first.figures.total.completion_rate < a_year_ago.figures.total.completion_rate
    march, october = (month_freeze.frozen_month(demo.campaign_id, m) for m in ("2026-03", "2026-10"))
    assert a_year_ago.figures.total.total < march.figures.total.total
    # Every month has 本月进展 reported, from most departments.
    for month in (first, a_year_ago, march, october):
        reported = {e.department_id for e in month.entries if e.month_progress}
        assert len(reported) >= len({e.department_id for e in month.entries}) // 2
    # The ledger grows month by month; its completion rate climbs through the first year and then holds
    # (new entries keep coming), while 逾期 piles up from the ones left open.
    assert march.figures.total.total < october.figures.total.total
    assert first.figures.total.overdue < a_year_ago.figures.total.overdue < october.figures.total.overdue
    assert all(e.closed_date is None or e.closed_date <= march.report_day for e in march.entries)
    assert march.frozen_at.date() == march.report_day  # frozen on its report day, as a clerk would


def test_the_demo_command_freezes_the_history(tmp_path, capsys):
    folder = str(tmp_path / "d")
    assert main(["--data-dir", folder, "--today", "2026-11-23", "demo", "--entries", "120"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", folder, "--today", "2026-11-23", "print", "bulletin",
                 "--out", str(tmp_path / "b.pdf")]) == 0
    assert "已生成" in capsys.readouterr().out
