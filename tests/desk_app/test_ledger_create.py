"""create_entries: the one write path (validates, numbers, logs, indexes) and all or nothing."""

from datetime import date

import pytest

from desk_app.db.models import ChangeLog, LedgerEntry, Person, ProgressUpdate, database
from desk_app.domain import Layer, Status
from desk_app.errors import NotFoundError, ValidationErrors
from desk_app.progress import Cancelled
from desk_app.services import campaigns, ledger, ledger_query, org, search
from desk_app.services.ledger import EntryInput, NewEntry
from desk_app.services.ledger_query import LedgerFilter


@pytest.fixture
def campaign(db):
    return campaigns.create_campaign("写入测试", 2026)


def _data(**kw) -> EntryInput:
    values = dict(layer=Layer.DIVISION, description="预算调整拖延", found_date=date(2026, 2, 1))
    values.update(kw)
    return EntryInput(**values)


def test_every_item_is_checked_and_nothing_is_stored_when_one_is_wrong(campaign):
    items = [NewEntry(_data()), NewEntry(_data(description="")), NewEntry(_data(owner_id=999)),
             NewEntry(_data(), status="办完了")]
    with pytest.raises(ValidationErrors) as err:
        ledger.create_entries(campaign.id, items)
    messages = [e.message for e in err.value.errors]
    assert any(m.startswith("第 2 条") and "不能为空" in m for m in messages)
    assert any(m.startswith("第 3 条") and "所属人员" in m for m in messages)
    assert any(m.startswith("第 4 条") and "状态" in m for m in messages)
    assert LedgerEntry.select().count() == 0 and ChangeLog.select().where(ChangeLog.entity == "ledger_entry").count() == 0


def test_created_entries_are_logged_indexed_and_counted(campaign):
    zhang = org.create_person("张三")
    items = [NewEntry(_data(description="台账更新不及时", responsible_id=zhang.id), progress_text="已整改一半",
                      note_for_log="导入自 台账.xlsx 第 3 行"),
             NewEntry(_data(description="督办慢"), status=Status.CLOSED, reviewer_name="李审核",
                      completed_date=date(2026, 3, 1), closed_date=date(2026, 3, 2), completion_summary="已完成")]
    ids = ledger.create_entries(campaign.id, items, actor="导入员")
    first, second = (ledger.get_entry(i) for i in ids)
    log = ChangeLog.get(ChangeLog.entity == "ledger_entry", ChangeLog.entity_id == first.id)
    assert log.actor == "导入员" and log.new == f"{first.code}（导入自 台账.xlsx 第 3 行）"
    assert ProgressUpdate.get(ProgressUpdate.entry == first.id).text == "已整改一半"
    assert second.reviewer_name == "李审核" and not Person.get(Person.name == "李审核").active
    assert search.pending() == 0  # indexed in the same transaction: a search right after needs no sync
    f = LedgerFilter(campaign_id=campaign.id, text="一半")
    assert [e.id for e in ledger_query.fetch_entries(f)] == [first.id]
    summary = ledger_query.summarize(LedgerFilter(campaign_id=campaign.id))
    assert (summary.total, summary.done) == (2, 1)


def test_a_taken_code_is_refused_or_renumbered(campaign):
    ledger.create_entries(campaign.id, [NewEntry(_data(), code="ZG-2026-0007")])
    with pytest.raises(ValidationErrors, match="ZG-2026-0007 已被使用"):
        ledger.create_entries(campaign.id, [NewEntry(_data(), code="ZG-2026-0007")])
    ids = ledger.create_entries(campaign.id, [NewEntry(_data(), code="ZG-2026-0007"),
                                              NewEntry(_data(), code="X-1"), NewEntry(_data(), code="X-1")],
                                renumber_taken=True)
    assert [ledger.get_entry(i).code for i in ids] == ["ZG-2026-0008", "X-1", "ZG-2026-0009"]


def test_a_sub_units_codes_are_its_own(campaign):
    ledger.create_entries(campaign.id, [NewEntry(_data())])
    ids = ledger.create_entries(campaign.id, [NewEntry(_data(), code="ZG-2026-0001", source_unit="区财政局")])
    assert ledger.get_entry(ids[0]).source_unit == "区财政局"


def test_cancel_stores_nothing(campaign):
    def stop_when_writing(done, total, text=""):
        return "写入" not in text

    with pytest.raises(Cancelled):
        ledger.create_entries(campaign.id, [NewEntry(_data()) for _ in range(3)], progress=stop_when_writing)
    assert LedgerEntry.select().count() == 0
    assert database.execute_sql("SELECT COUNT(*) FROM ledger_tally WHERE n > 0").fetchone()[0] == 0


def test_unknown_campaign(db):
    with pytest.raises(NotFoundError):
        ledger.create_entries(12345, [NewEntry(_data())])


def _indexes() -> list[tuple]:
    if getattr(database, "engine_name", "sqlite") != "sqlite":
        pytest.skip("dropping and rebuilding ledger_entry's indexes is SQLite's bulk path")
    return database.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                "AND tbl_name = 'ledger_entry' ORDER BY name").fetchall()


def test_a_big_batch_builds_the_indexes_after_the_rows_and_they_serve_as_before(campaign, monkeypatch):
    from desk_app.services import ledger_create

    monkeypatch.setattr(ledger_create, "REBUILD_INDEXES_FROM", 20)
    before = _indexes()
    heard = []
    items = [NewEntry(_data(description=f"问题{n}", layer=[Layer.DIVISION, Layer.STAFF][n % 2]),
                      status=[Status.NOT_STARTED, Status.IN_PROGRESS][n % 2]) for n in range(60)]
    ids = ledger.create_entries(campaign.id, items, progress=lambda d, t, text="": heard.append(text) or True)
    assert "正在整理索引" in heard and _indexes() == before
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    f = LedgerFilter(campaign_id=campaign.id, statuses=[Status.IN_PROGRESS], layers=[Layer.STAFF])
    assert [e.id for e in ledger_query.fetch_entries(f, sort="status")] == ids[1::2]
    plan = " ".join(r[-1] for r in database.execute_sql(
        "EXPLAIN QUERY PLAN SELECT id FROM ledger_entry WHERE campaign_id = ? AND deleted_at IS NULL "
        "ORDER BY code_key LIMIT 5", (campaign.id,)).fetchall())
    assert "ledger_entry_live_code" in plan


def test_a_big_batch_next_to_a_bigger_ledger_keeps_its_indexes(campaign, monkeypatch):
    from desk_app.services import ledger_create

    monkeypatch.setattr(ledger_create, "REBUILD_INDEXES_FROM", 5)
    while_writing = []

    def look(done, total, text=""):
        if "写入" in text:
            while_writing.append(len(_indexes()))
        return True

    ledger.create_entries(campaign.id, [NewEntry(_data()) for _ in range(12)], progress=look)
    ledger.create_entries(campaign.id, [NewEntry(_data()) for _ in range(6)], progress=look)
    everything = len(_indexes())
    unique = sum(1 for _name, sql in _indexes() if sql is None or sql.startswith("CREATE UNIQUE"))
    assert while_writing == [unique, everything] and LedgerEntry.select().count() == 18


def test_a_cancelled_or_failed_big_batch_leaves_rows_and_indexes_as_they_were(campaign, monkeypatch):
    from desk_app.services import ledger_create

    monkeypatch.setattr(ledger_create, "REBUILD_INDEXES_FROM", 10)
    monkeypatch.setattr(ledger_create, "BATCH", 10)
    before = _indexes()
    with pytest.raises(Cancelled):  # stopped half way through the rows, the indexes dropped
        ledger.create_entries(campaign.id, [NewEntry(_data()) for _ in range(30)],
                              progress=lambda d, t, text="": not ("写入" in text and d >= 20))
    assert _indexes() == before and LedgerEntry.select().count() == 0
    with pytest.raises(ValidationErrors):  # a clash found before anything is dropped
        ledger.create_entries(campaign.id, [NewEntry(_data(), code="A-1")] * 2 + [NewEntry(_data())] * 20)
    assert _indexes() == before and LedgerEntry.select().count() == 0


def test_new_entries_get_distinct_version_4_uuids_written_as_uuid4_writes_them(campaign):
    import uuid

    from desk_app.services.ledger_create import create_entries

    ids = create_entries(campaign.id, [NewEntry(_data()) for _ in range(300)] + [NewEntry(_data(), uuid="given")])
    written = [e.uuid for e in LedgerEntry.select(LedgerEntry.uuid).where(LedgerEntry.id.in_(ids))
               .order_by(LedgerEntry.id)]
    assert written[-1] == "given" and len(set(written)) == 301
    for text in written[:-1]:
        value = uuid.UUID(text)
        assert str(value) == text and value.version == 4 and value.variant == uuid.RFC_4122
