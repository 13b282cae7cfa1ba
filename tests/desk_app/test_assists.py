"""牵头 and 配合 as references: free text read into departments, the "leads or assists" filter, stats both ways."""

from datetime import date

import pytest
from statement_helpers import record_statements

from desk_app.domain import EntryKind
from desk_app.services import assists, campaigns, compliance, ledger, ledger_query, org, stats
from desk_app.services.assists_names import DepartmentNames, split_names
from desk_app.services.ledger import EntryInput
from desk_app.services.ledger_query import LedgerFilter


@pytest.fixture
def office(db):
    c = campaigns.create_campaign("2026年改作风提效能专项行动", 2026)
    depts = {name: org.create_department(name, short) for name, short in
             (("办公室", ""), ("预算科", "预算"), ("国库支付科", "国库"), ("政府采购监督管理科（行政审批服务科）", "采购科"))}
    return c, depts


def _task(depts, lead, co, **kw):
    return EntryInput(kind=EntryKind.KEY_TASK, description="深化预算管理制度改革", department_id=depts[lead].id,
                      co_departments=co, found_date=date(2026, 2, 1), deadline=date(2026, 12, 31), **kw)


def test_split_names_takes_the_separators_clerks_type():
    assert split_names("预算科、办公室，国库科; 采购科；信息中心/法规科") == [
        "预算科", "办公室", "国库科", "采购科", "信息中心", "法规科"]
    assert split_names(" 预算科 、 预算科 ,") == ["预算科"]
    assert split_names("") == []


def test_names_match_by_full_or_short_name_and_an_ambiguous_short_name_matches_none():
    names = DepartmentNames([(1, "预算科", "预算"), (2, "国库支付科", "国库"), (3, "国库科", "国库"),
                             (4, "政府采购监督管理科（行政审批服务科）", "")])
    m = names.match("预算、国库、政府采购监督管理科(行政审批服务科)、各区财政局", lead_id=None)
    assert m.department_ids == [1, 4]
    assert m.unmatched == ["国库", "各区财政局"]
    assert m.text(names.full_names) == "预算科、政府采购监督管理科（行政审批服务科）、国库、各区财政局"
    assert names.match("预算科、办公室", lead_id=1).department_ids == []  # the 牵头 department does not assist


def test_create_links_references_and_keeps_unmatched_names_as_text(office):
    c, depts = office
    e = ledger.create_entry(c.id, _task(depts, "办公室", "预算，国库支付科、各盟市财政局、办公室"))
    assert assists.assist_ids(e.id) == [depts["预算科"].id, depts["国库支付科"].id]
    assert e.co_departments == "预算科、国库支付科、各盟市财政局"
    assert assists.unmatched_names(c.id) == {"各盟市财政局": 1}
    warning = [w for w in compliance.campaign_warnings(c.id) if w.kind == "unmatched_assists"]
    assert len(warning) == 1 and "各盟市财政局" in warning[0].message and warning[0].page == "ledger"


def test_editing_the_text_changes_the_references_and_logs_once(office):
    c, depts = office
    e = ledger.create_entry(c.id, _task(depts, "办公室", "预算科"))
    data = e.as_input()
    data.co_departments = "国库支付科、预算科"
    after = ledger.update_entry(e.id, data)
    assert assists.assist_ids(e.id) == [depts["国库支付科"].id, depts["预算科"].id]
    again = ledger.update_entry(e.id, after.as_input())  # the canonical text is stable: no change logged
    assert again.updated_at == after.updated_at
    # The lead becoming one of the 配合 departments drops it from them.
    data = after.as_input()
    data.department_id = depts["预算科"].id
    ledger.update_entry(e.id, data)
    assert assists.assist_ids(e.id) == [depts["国库支付科"].id]
    assert ledger.get_entry(e.id).co_departments == "国库支付科"


def test_a_department_created_or_renamed_later_links_the_entries_that_named_it(office):
    c, depts = office
    e = ledger.create_entry(c.id, _task(depts, "办公室", "信息中心、预算科"))
    assert assists.assist_ids(e.id) == [depts["预算科"].id]
    centre = org.create_department("信息中心")
    assert set(assists.assist_ids(e.id)) == {depts["预算科"].id, centre.id}
    assert assists.unmatched_names(c.id) == {}
    org.update_department(centre.id, name="财政信息中心")
    assert "财政信息中心" in ledger.get_entry(e.id).co_departments


def test_leads_or_assists_filter_and_both_ways_in_stats(office):
    c, depts = office
    lead = ledger.create_entry(c.id, _task(depts, "预算科", "办公室"))
    helps = ledger.create_entry(c.id, _task(depts, "办公室", "预算科、国库支付科"))
    other = ledger.create_entry(c.id, _task(depts, "国库支付科", ""))
    budget = depts["预算科"].id

    def ids(role):
        f = LedgerFilter(campaign_id=c.id, department_ids=[budget], department_role=role)
        return {r.id for r in ledger_query.fetch_entries(f)}, ledger_query.summarize(f).total

    assert ids(assists.LEAD) == ({lead.id}, 1)
    assert ids(assists.LEAD_OR_ASSIST) == ({lead.id, helps.id}, 2)
    assert ids(assists.ASSIST) == ({helps.id}, 1)
    assert other.id not in ids(assists.LEAD_OR_ASSIST)[0]
    # Paged like the ledger page pages (the filter's own index is chosen for a small result).
    page = ledger_query.page(LedgerFilter(campaign_id=c.id, department_ids=[budget],
                                          department_role=assists.LEAD_OR_ASSIST), "code", expected=2)
    assert set(page.ids) == {lead.id, helps.id}
    roles = {r.key: r for r in assists.department_roles(LedgerFilter(campaign_id=c.id))}
    assert (roles["预算科"].led, roles["预算科"].assisted) == (1, 1)
    assert (roles["国库支付科"].led, roles["国库支付科"].assisted) == (1, 1)
    assert (roles["办公室"].led, roles["办公室"].assisted) == (1, 1)
    data = stats.campaign_stats(c.id)
    assert {"key": "预算科", "led": 1, "led_done": 0, "led_overdue": 0, "assisted": 1, "assisted_done": 0,
            "assisted_overdue": 0} in data["by_department_role"]
    assert data["total"] == 3  # each task counted once, however many departments assist it
    assert [(g.key, g.total) for g in stats.breakdown(LedgerFilter(campaign_id=c.id), "assist_department")] == [
        ("办公室", 1), ("预算科", 1), ("国库支付科", 1)]


def test_assist_breakdown_totals_count_each_entry_once(office):
    from desk_app.reports.stats_rows import breakdown_table

    c, depts = office
    ledger.create_entry(c.id, _task(depts, "办公室", "预算科、国库支付科"))
    ledger.create_entry(c.id, _task(depts, "预算科", ""))
    table = breakdown_table(LedgerFilter(campaign_id=c.id), "assist_department")
    assert [(g.key, g.total) for g in table.groups] == [("预算科", 1), ("国库支付科", 1)]
    assert table.total.total == 1  # the one entry that has 配合 departments


def test_an_edit_reads_the_departments_and_its_links_in_one_statement(office, monkeypatch):
    c, depts = office
    entry = ledger.create_entry(c.id, _task(depts, "预算科", "国库、采购科"))
    seen = record_statements(monkeypatch)
    again = ledger.update_entry(entry.id, entry.as_input())  # the same links: nothing to relink
    reads = [s for s in seen if '"entry_assist"' in s or '"name"' in s]
    assert len(reads) == 1 and '"entry_assist"' in reads[0] and '"short_name"' in reads[0]
    assert again.co_departments == entry.co_departments and assists.assist_ids(entry.id) == [
        depts["国库支付科"].id, depts["政府采购监督管理科（行政审批服务科）"].id]
    moved = ledger.update_entry(entry.id, _task(depts, "预算科", "采购科、办公室、国库"))
    assert assists.assist_ids(entry.id) == [depts[n].id for n in ("政府采购监督管理科（行政审批服务科）", "办公室", "国库支付科")]
    assert moved.co_departments == "政府采购监督管理科（行政审批服务科）、办公室、国库支付科"
