"""月度通报 and 季度办结率 from frozen months: ranks, changes, 连续两月逾期, 未报进展, and that a frozen month's
通报 (PDF, Word, Excel) stays the same, byte for byte, whatever changes in the ledger afterwards."""

from datetime import date

import pytest

from desk_app.db.models import LedgerEntry
from desk_app.errors import NotFoundError, ValidationError
from desk_app.exchange.bulletin_files import notice_bytes
from desk_app.services import bulletin, campaigns, context, ledger, month_freeze, org, settings, workflow
from desk_app.services.bulletin_quarter import quarter_report
from desk_app.services.ledger import EntryInput


@pytest.fixture
def office(db):
    """Three sections and a campaign; 预算科 does well, 国库科 lags, 税政科 reports nothing."""
    campaign = campaigns.create_campaign("2026年改作风提效能专项行动", 2026)
    budget, treasury, tax = (org.create_department(n) for n in ("预算科", "国库科", "税政科"))
    return campaign.id, budget.id, treasury.id, tax.id


def _entry(campaign_id, dept, deadline, text, found=date(2026, 8, 1)):
    return ledger.create_entry(campaign_id, EntryInput(layer="处级干部", description=text, department_id=dept,
                                                       deadline=deadline, found_date=found, target="t",
                                                       measures="m", standard="s"))


def _set(entry_id, **values):
    """Move an entry on as the months pass (status and dates as the workflow would leave them)."""
    LedgerEntry.update(**values).where(LedgerEntry.id == entry_id).execute()


def _progress(entry_id, month, text="已推进"):
    workflow.add_progress(entry_id, text, on=date.fromisoformat(month + "-20"), month=month)


def _freeze(campaign_id, month, day):
    with context.today_in_this_thread(day):
        return month_freeze.freeze_month(campaign_id, month, report_day=day)


@pytest.fixture
def two_months(office):
    campaign_id, budget, treasury, tax = office
    a = _entry(campaign_id, budget, date(2026, 8, 31), "预算评审超时限")
    b = _entry(campaign_id, budget, date(2026, 12, 31), "绩效目标不细")
    c = _entry(campaign_id, treasury, date(2026, 8, 15), "国库支付退单多，反复退回单位补正材料")
    d = _entry(campaign_id, treasury, date(2026, 12, 31), "对账不及时")
    e = _entry(campaign_id, tax, date(2026, 12, 31), "政策解读不到位")
    _set(a.id, status="推进中")
    _set(c.id, status="推进中")
    for entry in (a, c):
        _progress(entry.id, "2026-09")
    _freeze(campaign_id, "2026-09", date(2026, 9, 25))
    _set(a.id, status="已销号", completed_date=date(2026, 10, 10), closed_date=date(2026, 10, 12))
    _progress(b.id, "2026-10")
    _progress(c.id, "2026-10", "仍在协调")
    _progress(d.id, "2026-10")
    _freeze(campaign_id, "2026-10", date(2026, 10, 25))
    return campaign_id, {"a": a, "b": b, "c": c, "d": d, "e": e}


def test_departments_ranked_with_changes_overdue_twice_and_silent(two_months):
    campaign_id, e = two_months
    data = bulletin.bulletin(campaign_id, "2026-10")
    assert data.previous_month == "2026-09" and data.overdue_compared
    ranked = {g.key: g for g in data.departments}
    assert [g.key for g in data.departments][0] == "预算科"
    assert ranked["预算科"].completion_change == 50.0 and ranked["预算科"].rank == 1
    assert ranked["国库科"].completion_change == 0.0 and ranked["国库科"].now.overdue == 1
    # 国库科's entry was overdue on both report days; 预算科's was overdue in September only (closed since).
    assert [x.code for x in data.overdue_twice] == [e["c"].code]
    assert data.overdue_twice[0].days == (date(2026, 10, 25) - date(2026, 8, 15)).days
    assert [s.name for s in data.silent] == ["税政科"]
    assert data.total.total == 5 and data.completion_change == 20.0
    assert data.issued_on == date(2026, 10, 25)


def test_the_first_frozen_month_compares_with_nothing(two_months):
    campaign_id, _e = two_months
    data = bulletin.bulletin(campaign_id, "2026-09")
    assert data.previous_month is None and not data.overdue_compared and data.overdue_twice == ()
    assert all(g.completion_change is None for g in data.departments)


def test_a_month_not_frozen_is_refused_with_the_frozen_ones_listed(two_months):
    campaign_id, _e = two_months
    with pytest.raises(ValidationError, match="2026年11月尚未封账.*2026-09、2026-10"):
        bulletin.bulletin(campaign_id, "2026-11")
    assert bulletin.chosen_month(campaign_id) == "2026-10"


def test_no_frozen_month_at_all_says_how_to_freeze(office):
    with pytest.raises(NotFoundError, match="desk-app freeze"):
        bulletin.chosen_month(office[0])


def test_quarter_completion_by_department_from_the_frozen_months(two_months):
    campaign_id, e = two_months
    q = quarter_report(campaign_id, "2026-Q3")  # September only is frozen in Q3
    assert q.frozen == ("2026-09",) and not q.complete and q.report_day == date(2026, 9, 25)
    rows = {r.key: r for r in q.rows}
    assert (rows["预算科"].now.due, rows["预算科"].now.done) == (1, 0)  # due 8-31, not yet closed on 9-25
    assert (rows["国库科"].now.due, rows["国库科"].now.still_open) == (1, 1)
    assert rows["税政科"].rank is None  # nothing fell due in the quarter
    q4 = quarter_report(campaign_id, "2026-Q4")
    assert q4.total.due == 0 and q4.previous_quarter == "2026-Q3"


def test_a_frozen_months_bulletin_is_the_same_after_the_ledger_changes(two_months):
    """The issue's done-when: freeze, change entries (status, progress, deletion, a new entry, names and
    settings), and the month's 通报 comes out identical in every format."""
    campaign_id, e = two_months
    before = {suffix: notice_bytes("bulletin", campaign_id, suffix, month="2026-10")[0]
              for suffix in (".pdf", ".docx", ".xlsx")}
    quarter_before = notice_bytes("quarter", campaign_id, ".pdf", quarter="2026-Q4")[0]
    _set(e["c"].id, status="已销号", completed_date=date(2026, 11, 2), closed_date=date(2026, 11, 3))
    _progress(e["e"].id, "2026-10", "补报的进展")
    ledger.delete_entries([e["d"].id])
    _entry(campaign_id, e["b"].department_id, date(2026, 9, 1), "后来补录的问题", found=date(2026, 9, 1))
    org.update_department(e["e"].department_id, name="税政法规科")
    settings.save_report_header(settings.ReportHeader(unit="后来改名的活动办"))
    with context.today_in_this_thread(date(2026, 12, 30)):
        after = {suffix: notice_bytes("bulletin", campaign_id, suffix, month="2026-10")[0]
                 for suffix in (".pdf", ".docx", ".xlsx")}
        quarter_after = notice_bytes("quarter", campaign_id, ".pdf", quarter="2026-Q4")[0]
    for suffix in before:
        assert after[suffix] == before[suffix], suffix
    assert quarter_after == quarter_before
    # The names are those of the report day, though the section has been renamed since.
    assert bulletin.bulletin(campaign_id, "2026-10").silent[0].name == "税政科"
    assert org.department_by_name("税政法规科") is not None


def test_entries_of_no_task_force_are_no_ranked_task_force(office):
    """（未归专班） is not a 专班: it stands apart in a note, not in the ranking or its words."""
    from desk_app.reports.bulletin_pdf import monthly_notice
    from desk_app.services import taskforces

    campaign_id, budget, treasury, _tax = office
    force = taskforces.create_task_force(campaign_id, "优化营商环境提升专班")
    ranked = _entry(campaign_id, budget, date(2026, 12, 31), "审批环节多")
    _set(ranked.id, task_force=force.id)
    done = _entry(campaign_id, treasury, date(2026, 12, 31), "对账不及时")
    _set(done.id, status="已销号", completed_date=date(2026, 10, 10), closed_date=date(2026, 10, 12))
    _freeze(campaign_id, "2026-10", date(2026, 10, 25))
    data = bulletin.bulletin(campaign_id, "2026-10")
    assert [g.key for g in data.task_forces] == ["优化营商环境提升专班"]
    assert data.no_task_force.total == 1 and data.no_task_force.done == 1
    text = "".join(getattr(b, "text", "") for b in monthly_notice(data).blocks)
    assert "另有未归入专班的事项1条（不参加排名）" in text
