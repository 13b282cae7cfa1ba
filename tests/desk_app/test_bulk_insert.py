"""db/bulk_insert: a big batch goes in without the row triggers, and leaves the search queue, the tally and
the triggers themselves exactly as the triggers would have."""

from datetime import date

import pytest

from desk_app.db import bulk_insert
from desk_app.db.models import LedgerEntry, ProgressUpdate, database
from desk_app.domain import Layer, Status
from desk_app.services import campaigns, ledger, org
from desk_app.services.ledger import EntryInput, NewEntry

TALLY = 'SELECT * FROM "ledger_tally" WHERE "n" != 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8'


def _triggers() -> list[tuple]:
    if getattr(database, "engine_name", "sqlite") != "sqlite":
        pytest.skip("PostgreSQL's triggers run once per statement: its bulk inserts are plain")
    return database.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()


def _items(owner_ids: list[int]) -> list[NewEntry]:
    items = []
    for i in range(60):
        data = EntryInput(layer=(Layer.DIVISION, Layer.TEAM_MEMBER)[i % 2], description=f"问题{i}",
                          found_date=date(2026, 2, 1), owner_id=owner_ids[i % len(owner_ids)],
                          category=("制度", "作风", "")[i % 3])
        items.append(NewEntry(data, status=(Status.NOT_STARTED, Status.IN_PROGRESS)[i % 2], progress_text=""))
    return items


def _write(monkeypatch, defer_from: int) -> tuple[list, list, list]:
    """The same batch written into a fresh campaign; the tally, the queue and the triggers after it."""
    monkeypatch.setattr(bulk_insert, "DEFER_FROM", defer_from)
    campaign = campaigns.create_campaign(f"批量{defer_from}", 2026)
    people = [org.create_person(f"人员{defer_from}-{n}").id for n in range(3)]
    ids = ledger.create_entries(campaign.id, _items(people), index_now=False)
    queued = [r[0] for r in database.execute_sql('SELECT "entry_id" FROM "search_dirty" ORDER BY 1')]
    tally = [row for row in database.execute_sql(TALLY) if row[0] == campaign.id]
    owner = {person_id: n for n, person_id in enumerate(people)}  # the two batches' people differ by id only
    return ids, queued, sorted((*row[1:5], owner[row[5]], *row[6:]) for row in tally)


def test_a_big_batch_leaves_queue_tally_and_triggers_as_the_row_triggers_would(db, monkeypatch):
    triggers = _triggers()
    row_ids, row_queue, row_tally = _write(monkeypatch, defer_from=10**9)  # the triggers run per row
    bulk_ids, bulk_queue, bulk_tally = _write(monkeypatch, defer_from=1)  # dropped, then one statement each
    assert set(row_ids) <= set(row_queue) and set(bulk_ids) <= set(bulk_queue)
    assert row_tally == bulk_tally and len(bulk_tally) > 4  # the same count in every group
    assert _triggers() == triggers
    # and the triggers work on afterwards: an edit and a delete reach queue and tally as before
    database.execute_sql('DELETE FROM "search_dirty"')
    entry = LedgerEntry.get_by_id(bulk_ids[0])
    entry.description = "改过"
    entry.save()
    assert [r[0] for r in database.execute_sql('SELECT "entry_id" FROM "search_dirty"')] == [entry.id]


def test_progress_rows_in_bulk_queue_their_entries_once(db, monkeypatch):
    monkeypatch.setattr(bulk_insert, "DEFER_FROM", 1)
    campaign = campaigns.create_campaign("进展", 2026)
    ids = ledger.create_entries(campaign.id, _items([org.create_person("甲").id]))
    database.execute_sql('DELETE FROM "search_dirty"')
    rows = [(f"u{i}", ids[i % 3], "2026-03-01", "2026-03", f"进展{i}", "录入员", "2026-03-01 09:00:00")
            for i in range(9)]
    sql = ('INSERT INTO "progress_update" ("uuid", "entry_id", "date", "month", "text", "author", "created_at") '
           'VALUES (?, ?, ?, ?, ?, ?, ?)')
    with database.atomic():
        bulk_insert.insert_many(database, "progress_update", sql, rows)
    assert sorted(r[0] for r in database.execute_sql('SELECT "entry_id" FROM "search_dirty"')) == sorted(ids[:3])
    assert ProgressUpdate.select().count() == 9


def test_a_failing_batch_rolls_back_with_its_triggers_in_place(db, monkeypatch):
    monkeypatch.setattr(bulk_insert, "DEFER_FROM", 1)
    campaign = campaigns.create_campaign("失败", 2026)
    ids = ledger.create_entries(campaign.id, _items([org.create_person("乙").id]))
    triggers = _triggers()
    rows = [("same-uuid", ids[0], "2026-03-01", "2026-03", "一", "甲", "2026-03-01 09:00:00")] * 2
    sql = ('INSERT INTO "progress_update" ("uuid", "entry_id", "date", "month", "text", "author", "created_at") '
           'VALUES (?, ?, ?, ?, ?, ?, ?)')
    with pytest.raises(Exception, match="UNIQUE"), database.atomic():
        bulk_insert.insert_many(database, "progress_update", sql, rows)
    assert _triggers() == triggers and ProgressUpdate.select().count() == 0
