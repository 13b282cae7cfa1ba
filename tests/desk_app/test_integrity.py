import re
import sqlite3
import subprocess
import sys

import pytest
from safety_helpers import corrupt_middle_pages

from desk_app import paths
from desk_app.cli import main
from desk_app.db import close_database, open_database
from desk_app.errors import DatabaseError
from desk_app.services import attachments, backup_restore, backups, integrity


def _first_entry_id():
    from desk_app.db.models import LedgerEntry

    return LedgerEntry.select(LedgerEntry.id).order_by(LedgerEntry.id).scalar()


def test_healthy_data_passes_every_check(demo, tmp_path):
    source = tmp_path / "证明.txt"
    source.write_text("材料", encoding="utf-8")
    attachments.add_attachment(_first_entry_id(), source)
    report = integrity.check()
    assert report.ok and not report.damaged
    text = report.text()
    assert "数据库结构完整性：正常" in text and "外键" in text and "共 1 个，全部完好" in text
    assert "结论：数据完好" in text


def test_a_changed_or_missing_attachment_file_is_reported(demo, tmp_path):
    one, two = tmp_path / "一.txt", tmp_path / "二.txt"
    one.write_text("一号材料", encoding="utf-8")
    two.write_text("二号材料", encoding="utf-8")
    a = attachments.add_attachment(_first_entry_id(), one)
    b = attachments.add_attachment(_first_entry_id(), two)
    attachments.stored_path(a.sha256).write_text("被改过的内容", encoding="utf-8")
    attachments.stored_path(b.sha256).unlink()
    report = integrity.check()
    assert not report.ok and report.database_ok  # the database is fine, two files are not
    text = report.text()
    assert "文件缺失：二.txt" in text and "内容与登记不符" in text and "一.txt" in text
    # The quick check compares sizes only, and sees the missing file.
    assert not integrity.check(quick=True).ok


def test_broken_foreign_keys_are_reported(demo):
    close_database()
    conn = sqlite3.connect(paths.database_path())
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE ledger_entry SET owner_id = 999999 WHERE id = (SELECT min(id) FROM ledger_entry)")
    conn.commit()
    conn.close()
    report = integrity.check()
    assert report.damaged
    assert "指向不存在的数据" in report.text() and "ledger_entry" in report.text()


def _corrupt_demo_with_a_backup():
    good = backups.create_backup("daily")
    close_database()
    corrupt_middle_pages(paths.database_path())
    return good


def test_a_corrupted_file_is_found_by_the_quick_check_and_a_good_backup_offered(demo):
    good = _corrupt_demo_with_a_backup()
    report = integrity.startup_check()
    assert report.damaged
    assert "数据已损坏" in report.text()
    newest = backup_restore.newest_good_backup()
    assert newest is not None and newest.path == good
    result = backup_restore.restore_backup(newest.path)
    assert result.safety_backup.name.endswith("-damaged")  # the damaged file is kept, not thrown away
    open_database()
    assert integrity.check().ok


def test_newest_good_backup_skips_damaged_backups(demo):
    older = backups.create_backup("daily")
    newer = backups.create_backup("manual")
    corrupt_middle_pages(newer / "desk.sqlite3")
    assert backup_restore.newest_good_backup().path == older


def test_desk_app_check_reports_corruption_in_chinese(demo, capsys):
    good = _corrupt_demo_with_a_backup()
    code = main(["check"])
    out = capsys.readouterr().out
    assert code == 1
    assert "数据已损坏" in out and "最近的完好备份" in out and str(good) in out
    assert "Traceback" not in out
    summary, _, technical = out.partition("技术细节")
    assert technical, "SQLite's own lines belong under 技术细节"
    assert not re.search(r"[Pp]age \d+|btree|malformed", summary)  # the Chinese part comes first, in Chinese
    raw = [line for line in technical.splitlines()[1:] if line.strip()]
    assert raw and all(line.startswith("    ") for line in raw)


def test_the_report_explains_damage_in_plain_chinese(demo):
    _corrupt_demo_with_a_backup()
    report = integrity.check(quick=True)
    assert "不要继续录入" in report.explanation() and "备份" in report.explanation()
    assert not re.search(r"[A-Za-z]{3,}", report.explanation())
    assert report.technical_lines() and "技术细节" in report.text()
    assert "技术细节" not in report.text(technical=False)


def test_desk_app_check_in_a_child_process(demo, tmp_path):
    close_database()
    result = subprocess.run([sys.executable, "-m", "desk_app", "--data-dir", str(paths.data_dir()), "check"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "结论：数据完好" in result.stdout


def test_a_file_that_is_not_a_database_is_reported_not_raised(user_folders):
    paths.database_path().parent.mkdir(parents=True)
    paths.database_path().write_bytes(b"\x00garbage" * 2000)
    report = integrity.check()
    assert report.damaged and "已损坏" in report.text()


def test_opening_a_damaged_database_in_services_gives_a_chinese_error(demo):
    close_database()
    corrupt_middle_pages(paths.database_path(), pages=40)
    with pytest.raises(DatabaseError) as exc:
        open_database()
        from desk_app.db.models import LedgerEntry
        from desk_app.services import ledger_query, stats  # noqa: F401

        list(LedgerEntry.select().where(LedgerEntry.description.contains("x")))
    assert "损坏" in exc.value.message
