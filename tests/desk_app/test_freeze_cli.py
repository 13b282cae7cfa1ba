"""desk-app freeze / stats --month / print --month from the command line."""

from __future__ import annotations

import json

from desk_app.cli import main
from desk_app.db.models import ChangeLog, LedgerEntry
from desk_app.services import month_freeze


def _run(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_freeze_list_stats_and_undo(demo, capsys):
    code, out, _ = _run(capsys, "freeze", "2026-10")
    assert code == 0 and "已封账：2026年10月，报送日 2026-10-25" in out and "--month 2026-10" in out
    code, out, _ = _run(capsys, "freeze", "--list")
    # Every entry found by the 25th (the six 督办 matters came in November): 428 of the demo's 450.
    found = LedgerEntry.select().where(LedgerEntry.found_date <= "2026-10-25", LedgerEntry.deleted_at.is_null())
    assert found.count() == 428
    assert code == 0 and "2026年10月  报送日 2026-10-25  428 条" in out
    code, out, _ = _run(capsys, "stats", "--json", "--month", "2026-10")
    data = json.loads(out)
    frozen = month_freeze.frozen_month(demo.campaign_id, "2026-10")
    assert data["ledger"] == json.loads(json.dumps(frozen.figures.as_dict()))
    assert data["report_day"] == "2026-10-25" and data["frozen_by"] == "测试员"
    code, out, _ = _run(capsys, "stats", "--month", "2026-10")
    assert code == 0 and "2026-10 封账数字（报送日 2026-10-25" in out and "按责任单位：" in out
    code, _, err = _run(capsys, "freeze", "2026-10", "--undo")
    assert code == 2 and "原因" in err
    code, out, _ = _run(capsys, "freeze", "2026-10", "--undo", "--reason", "报送有误")
    assert code == 0 and "已解除2026年10月的封账" in out
    assert ChangeLog.select().where(ChangeLog.field == "解除封账", ChangeLog.new == "报送有误").exists()
    assert month_freeze.frozen_months(demo.campaign_id) == []


def test_bad_months_and_unfrozen_months_are_named(demo, capsys, tmp_path):
    code, _, err = _run(capsys, "freeze", "2026-5-1")
    assert code == 2 and "YYYY-MM" in err
    code, _, err = _run(capsys, "freeze", "2027-01")
    assert code == 2 and "还没到" in err
    code, _, err = _run(capsys, "stats", "--month", "2026-09")
    assert code == 2 and "2026年9月尚未封账" in err
    out_pdf = tmp_path / "ledger.pdf"
    code, _, err = _run(capsys, "print", "ledger", "--month", "2026-09", "--out", str(out_pdf))
    assert code == 2 and "尚未封账" in err and "desk-app freeze 2026-09" in err and not out_pdf.exists()
    # A 调度表 of a month not frozen is the live one, as before.
    code, out, _ = _run(capsys, "print", "dispatch", "--month", "2026-09", "--out", str(out_pdf))
    assert code == 0 and out_pdf.exists()
    code, _, err = _run(capsys, "export", "xlsx", "--month", "2026-09", "--out", str(tmp_path / "x.xlsx"))
    assert code == 2 and "尚未封账" in err


def test_print_month_of_a_frozen_month_is_that_month(demo, capsys, tmp_path):
    # Before the report day (the 25th) 封账 is refused, saying who has not reported, unless --early.
    code, _, err = _run(capsys, "freeze", "2026-11", "--report-day", "2026-11-20")
    assert code == 2 and "报送日是2026年11月25日" in err and "个科室未报本月进展" in err and "--early" in err
    assert month_freeze.frozen_months(demo.campaign_id) == []
    assert _run(capsys, "freeze", "2026-11", "--report-day", "2026-11-20", "--early")[0] == 0
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert _run(capsys, "print", "ledger", "--month", "2026-11", "--out", str(first))[0] == 0
    assert _run(capsys, "--today", "2026-11-20", "print", "ledger", "--out", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_fill_ins_of_a_frozen_month_say_they_are_late(demo, capsys, tmp_path):
    assert _run(capsys, "freeze", "2026-10")[0] == 0
    code, out, _ = _run(capsys, "export", "fill-in", "--month", "2026-10", "--out", str(tmp_path / "f"))
    assert code == 0 and out.startswith("注意：2026年10月已于") and "不进入2026年10月的通报" in out
    code, out, _ = _run(capsys, "import", "fill-in", str(tmp_path / "f"), "--dry-run")
    assert code == 0 and out.startswith("注意：2026年10月已于") and "--undo" in out
