"""The program reads back its own Excel files: the default export (no 类型 column), the 上报模板
export (blanks written as "0", derived “（逾期）” on the status) and a ledger moved to another campaign."""

import pytest

from desk_app.cli import main
from desk_app.db.models import LedgerEntry
from desk_app.domain import EntryKind, Status
from desk_app.exchange.xlsx_apply import apply_import
from desk_app.exchange.xlsx_import import ImportOptions, plan_import
from desk_app.services import campaigns, context


def _reopen():
    from desk_app.db import open_database

    open_database()  # each command closes the database


@pytest.mark.parametrize("extra", [[], ["--template"]], ids=["default", "template"])
def test_export_then_dry_run_import_changes_nothing(demo, tmp_path, capsys, db_dump, extra):
    path = tmp_path / "ledger.xlsx"
    assert main(["export", "xlsx", "--out", str(path), *extra]) == 0
    _reopen()
    total = LedgerEntry.select().where(LedgerEntry.source_unit == "", LedgerEntry.deleted_at.is_null()).count()
    before = db_dump()
    capsys.readouterr()
    assert main(["import", "xlsx", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"共 {total} 行数据：新增 0 条 / 更新 0 条 / 无变化 {total} 条，有问题 0 行" in out, out[:800]
    _reopen()
    assert db_dump() == before


@pytest.mark.parametrize("extra", [[], ["--template"]], ids=["default", "template"])
def test_export_reads_into_another_campaign(demo, tmp_path, extra):
    """New rows there: kinds from the 问题编号 prefix, "0" cells blank, overdue statuses understood."""
    path = tmp_path / "moved.xlsx"
    assert main(["export", "xlsx", "--out", str(path), *extra]) == 0
    _reopen()
    source = {e.code: e for e in LedgerEntry.select().where(LedgerEntry.source_unit == "",
                                                             LedgerEntry.deleted_at.is_null())}
    assert {e.kind for e in source.values()} > {EntryKind.RECTIFICATION.value}  # the demo has every kind
    other = campaigns.create_campaign("另一个活动", 2027)
    plan = plan_import(path, ImportOptions(campaign_id=other.id))
    assert not plan.problems, plan.report_text()[:800]
    assert plan.counts() == (len(source), 0, 0)
    for row in plan.rows:
        entry = source[row.code]
        assert row.data.kind == entry.kind and row.data.layer == entry.layer
        assert row.data.owner_id == entry.owner_id and row.data.deadline == entry.deadline
        assert row.status == entry.status
    overdue = [r for r in plan.rows if source[r.code].status == Status.NOT_STARTED
               and source[r.code].deadline and source[r.code].deadline < context.today()]
    assert overdue and all(r.status == Status.NOT_STARTED for r in overdue)
    apply_import(plan)
    assert LedgerEntry.select().where(LedgerEntry.campaign == other.id).count() == len(source)
