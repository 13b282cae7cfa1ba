"""Search finds any substring (one and two Chinese characters included) and stays in sync."""

from datetime import date

import pytest

from desk_app.db.models import LedgerEntry, Person, ProgressUpdate, database
from desk_app.services import ledger, ledger_query, search, workflow
from desk_app.services.ledger import EntryInput
from desk_app.services.ledger_query import LedgerFilter


def _codes(text, **kw):
    return {e.code for e in ledger_query.fetch_entries(LedgerFilter(text=text, **kw))}


@pytest.fixture
def entries(db):
    from desk_app.services import campaigns, org

    camp = campaigns.create_campaign("测试活动", 2026)
    dept = org.create_department("综合处")
    zhang = org.create_person("张三", dept.id)
    a = ledger.create_entry(camp.id, EntryInput(layer="处级干部", description="整改台账更新不及时",
                                                target="台账每月更新，预算公开", department_id=dept.id,
                                                responsible_id=zhang.id, deadline=date(2026, 12, 31)))
    b = ledger.create_entry(camp.id, EntryInput(layer="处级干部", description="督办事项落实慢",
                                                measures="建立督办机制", deadline=date(2026, 12, 31)))
    return camp, dept, zhang, a, b


def test_index_tokens_are_bigrams_and_last_character():
    assert search.index_tokens("整改台账") == "整改 改台 台账 账"
    assert search.index_tokens("A1，台") == "a1 1 台"
    assert search.match_expression("台账") == 'body : ("台账")'
    assert search.match_expression("整改台账") == 'body : ("整改 改台 台账")'
    assert search.match_expression("台 督办") == 'body : ("台"* AND "督办")'
    assert search.match_expression("  ，。 ") is None


@pytest.mark.parametrize("query, expected", [
    ("台账", {"a"}), ("督办", {"b"}), ("台", {"a"}), ("账", {"a"}), ("整改台账", {"a"}),
    ("改台", {"a"}), ("预算", {"a"}), ("张三", {"a"}), ("张", {"a"}), ("机制", {"b"}),
    ("落实慢", {"b"}), ("账督", set()), ("台账更新慢", set()),
])
def test_any_substring_is_found_and_nothing_else(entries, query, expected):
    _, _, _, a, b = entries
    names = {a.code: "a", b.code: "b"}
    assert {names[c] for c in _codes(query)} == expected


def test_search_is_case_insensitive_and_finds_codes(entries):
    _, _, _, a, _ = entries
    assert a.code in _codes(a.code.lower())


def test_edits_progress_renames_and_deletes_keep_the_index_in_sync(entries):
    camp, dept, zhang, a, b = entries
    ledger.update_entry(b.id, EntryInput(**{**b.as_input().__dict__, "description": "消防通道堵塞"}))
    assert _codes("消防") == {b.code} and _codes("督办事项落实") == set()
    workflow.add_progress(a.id, "已完成消防演练")
    assert _codes("演练") == {a.code}
    from desk_app.services import org

    org.update_person(zhang.id, name="李四")
    assert _codes("李四") == {a.code} and _codes("张三") == set()
    ledger.delete_entries([a.id])
    assert _codes("演练") == set()
    assert _codes("演练", deleted=True) == {a.code}


def test_rows_written_around_the_services_are_indexed_too(entries):
    camp, *_ = entries
    LedgerEntry.insert(code="ZG-2026-9999", campaign=camp.id, kind="问题整改", description="批量导入的预算问题",
                       uuid="x-1").execute()
    assert "ZG-2026-9999" in _codes("导入")
    database.execute_sql("DELETE FROM ledger_entry WHERE code = 'ZG-2026-9999'")
    search.sync()
    assert database.execute_sql("SELECT COUNT(*) FROM ledger_search").fetchone()[0] == 2


def test_rebuild_matches_incremental_index(entries):
    before = _codes("台账")
    assert search.rebuild() == 2
    assert _codes("台账") == before


def test_count_and_summary_agree_with_a_plain_scan_on_demo_data(demo):
    for word in ("台账", "督办", "预算", "改", "整改措施"):
        f = LedgerFilter(campaign_id=demo.campaign_id, text=word)
        like = LedgerEntry.select().where(
            (LedgerEntry.description.contains(word) | LedgerEntry.measures.contains(word)
             | LedgerEntry.target.contains(word)) & LedgerEntry.deleted_at.is_null()).count()
        assert ledger_query.count_entries(f) >= like
        assert ledger_query.summarize(f).total == ledger_query.count_entries(f)


@pytest.mark.parametrize("few_matches", [search.FEW_MATCHES, 0], ids=["counted directly", "whole minus the rest"])
def test_the_summary_of_a_search_comes_from_the_index_and_agrees_with_the_entries(demo, tmp_path, monkeypatch,
                                                                                   few_matches):
    """Status, bin and deadline changes reach the tags column, so 共/完成/待审核/逾期 stay exact, whether a
    figure is counted directly or (a query matching many entries) as the whole minus the tally's smaller side."""
    monkeypatch.setattr(search, "FEW_MATCHES", few_matches)
    from desk_app.services import attachments, context, ledger_summary

    def by_rows(word, deleted=False):
        ids = ledger_query.entry_ids(LedgerFilter(campaign_id=demo.campaign_id, text=word, deleted=deleted))
        rows = list(LedgerEntry.select().where(LedgerEntry.id.in_(ids))) if ids else []
        today = context.today()
        return (len(rows), sum(e.status in ("已销号", "长期坚持") for e in rows), sum(e.status == "申请销号" for e in rows),
                sum(ledger_query.is_overdue(e.status, e.deadline_type, e.deadline, today) for e in rows))

    open_entry = LedgerEntry.select().where(LedgerEntry.status == "推进中").first()
    evidence = tmp_path / "证明.pdf"
    evidence.write_bytes(b"%PDF-1.4")
    attachments.add_attachment(open_entry.id, evidence)
    workflow.apply_close(open_entry.id, "完成")
    ledger.delete_entries([LedgerEntry.select().where(LedgerEntry.status == "未启动").first().id])
    for word in ("台账", "督办", "改", "整改措施"):
        assert search.summary_counts(word, demo.campaign_id, False, context.today()) == by_rows(word)
        s = ledger_summary.summarize(LedgerFilter(campaign_id=demo.campaign_id, text=word))
        assert (s.total, s.done, s.pending_close, s.overdue) == by_rows(word)
        assert search.summary_counts(word, demo.campaign_id, True, context.today()) == by_rows(word, True)


def test_person_table_untouched_by_search(entries):
    assert Person.select().count() == 1


def test_a_long_queue_is_not_indexed_by_the_search_itself(demo, monkeypatch):
    """After a migration or a writer outside the program the queue may hold 100,000 entries: the first
    keystroke scans the queued ones instead of waiting for the index (the background step catches up)."""
    database.execute_sql("INSERT INTO search_dirty (entry_id) SELECT id FROM ledger_entry "
                         "WHERE id NOT IN (SELECT entry_id FROM search_dirty)")
    entry = LedgerEntry.select().where(LedgerEntry.deleted_at.is_null()).first()
    database.execute_sql("UPDATE ledger_entry SET description = '独一无二的消防问题' WHERE id = ?", (entry.id,))
    monkeypatch.setattr(search, "INLINE_LIMIT", 10)
    queued = search.pending()
    f = LedgerFilter(campaign_id=demo.campaign_id, text="独一无二")
    assert [e.id for e in ledger_query.fetch_entries(f)] == [entry.id]
    assert search.pending() == queued  # nothing was indexed on the way
    assert ledger_query.count_entries(LedgerFilter(campaign_id=demo.campaign_id, text="台账")) > 0
    assert search.sync_in_background() == queued and search.pending() == 0
    assert [e.id for e in ledger_query.fetch_entries(f)] == [entry.id]


def test_a_short_queue_is_indexed_on_the_spot(entries):
    camp, *_ = entries
    LedgerEntry.insert(code="ZG-2026-0100", campaign=camp.id, kind="问题整改", description="直接写入的问题",
                       uuid="x-2").execute()
    assert search.pending() == 1
    assert "ZG-2026-0100" in _codes("直接写入")
    assert search.pending() == 0


def test_documents_tokenised_field_by_field_are_the_whole_text_tokenised(demo):
    from desk_app.services import search as s

    fields = ["ZG-2026-0001", "预算编制（2026年）不够细化；", "", "——", "A&B 资金 监管", "郭一鸣", "郭一鸣", "x"]
    joined = s.index_tokens(" | ".join(fields))
    assert " ".join(filter(None, map(s._field_tokens(), fields))) == joined
    ids = [e.id for e in LedgerEntry.select(LedgerEntry.id).limit(40)]
    docs = s._documents(ids)
    rows = s.database.execute_sql(s._ENTRY_TEXT_SQL.format(marks=",".join("?" * len(ids))), ids).fetchall()
    for row in rows:
        texts = [str(v) for v in row[6:]] + [p.text for p in ProgressUpdate.select().where(
            ProgressUpdate.entry == row[0]).order_by(ProgressUpdate.id)]
        assert docs[row[0]][0] == s.index_tokens(" | ".join(texts))
