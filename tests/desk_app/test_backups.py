import json
import os
import sqlite3
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from safety_helpers import dump_database, referenced_attachment_bytes, tiny_filesystem

from desk_app import paths
from desk_app.db import close_database, open_database
from desk_app.db.migrations import LATEST_VERSION
from desk_app.errors import DatabaseError, DatabaseTooNewError, ValidationError
from desk_app.services import attachments, backup_daily, backup_restore, backup_rotation, backups, ledger


def _evidence(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _entry_ids(n):
    from desk_app.db.models import LedgerEntry

    return [e.id for e in LedgerEntry.select(LedgerEntry.id).order_by(LedgerEntry.id).limit(n)]


def test_backup_folder_holds_database_manifest_and_attachments(demo, tmp_path):
    first, second = _entry_ids(2)
    attachments.add_attachment(first, _evidence(tmp_path, "整改报告.txt", "已完成整改"))
    attachments.add_attachment(second, _evidence(tmp_path, "照片说明.txt", "现场照片"))
    folder = backups.create_backup("manual")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema_version"] == LATEST_VERSION
    assert manifest["counts"]["entries"] == 450
    assert manifest["counts"]["attachments"] == 2
    assert manifest["missing_attachments"] == []
    for item in manifest["attachments"]:
        copy = folder / "attachments" / item["sha256"][:2] / item["sha256"]
        assert copy.read_bytes() == attachments.stored_path(item["sha256"]).read_bytes()
    assert dump_database(folder / "desk.sqlite3") == dump_database()
    assert not list(paths.backups_dir().glob(".partial-*"))


def test_list_shows_date_reason_size_and_counts(demo):
    backups.create_backup("import")
    backups.create_backup("manual")
    listed = backups.list_backups()
    assert [b.reason for b in listed[:2]] == ["manual", "import"]
    assert listed[1].reason_label == "导入前"
    assert all(b.size > 100_000 and b.counts["entries"] == 450 for b in listed)
    assert "台账 450 条" in listed[0].summary()


def test_zip_backup_round_trip_restores_everything(demo, tmp_path):
    entry_id = _entry_ids(1)[0]
    attachments.add_attachment(entry_id, _evidence(tmp_path, "a.txt", "证明材料一"))
    archive = backups.create_backup("cli", tmp_path / "out" / "备份.zip")
    with zipfile.ZipFile(archive) as z:
        assert {"desk.sqlite3", "manifest.json"} <= set(z.namelist())
        assert any(n.startswith("attachments/") for n in z.namelist())
    expected_rows, expected_files = dump_database(), referenced_attachment_bytes()
    # The attachment store loses its file: the restore must bring it back from the zip.
    for sha in expected_files:
        attachments.stored_path(sha).unlink()
    ledger.delete_entries([entry_id])
    result = backup_restore.restore_backup(archive)
    open_database()
    assert result.safety_backup is not None and result.safety_backup.exists()
    assert dump_database() == expected_rows
    assert referenced_attachment_bytes() == expected_files


def test_backup_change_restore_gives_back_exactly_the_backup(demo, tmp_path):
    first, second, third = _entry_ids(3)
    attachments.add_attachment(first, _evidence(tmp_path, "before.txt", "备份前的附件"))
    folder = backups.create_backup("manual")
    expected_rows, expected_files = dump_database(), referenced_attachment_bytes()

    # Changes of every kind after the backup.
    record = ledger.get_entry(second)
    ledger.update_entry(second, record.as_input().__class__(**{**record.as_input().__dict__,
                                                                 "note": "备份之后改的"}))
    ledger.delete_entries([third])
    att = attachments.add_attachment(first, _evidence(tmp_path, "after.txt", "备份后的附件"))
    ledger.create_entry(demo.campaign_id, ledger.EntryInput(kind="重点任务", description="备份后新增"))
    assert dump_database() != expected_rows

    before_restore = dump_database()
    result = backup_restore.restore_backup(folder)
    open_database()
    assert dump_database() == expected_rows
    assert referenced_attachment_bytes() == expected_files
    # What was there just before the restore is kept, complete, in its own backup.
    assert dump_database(result.safety_backup / "desk.sqlite3") == before_restore
    assert (result.safety_backup / "attachments" / att.sha256[:2] / att.sha256).exists()


def test_inspect_describes_the_backup_in_chinese(demo):
    folder = backups.create_backup("manual")
    check = backup_restore.inspect_backup(folder)
    assert check.ok
    text = check.description()
    assert "手动备份" in text and "台账 450 条" in text and str(folder) in text


def _reseal(folder: Path) -> None:
    """Write the database's new checksum into the manifest, as the program that changed it would."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["checksums"]["desk.sqlite3"] = backups.file_checksum(folder / "desk.sqlite3")
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_a_backup_from_a_newer_version_is_refused(demo):
    folder = backups.create_backup("manual")
    conn = sqlite3.connect(folder / "desk.sqlite3")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.commit()
    conn.close()
    _reseal(folder)
    before = dump_database()
    with pytest.raises(DatabaseTooNewError) as exc:
        backup_restore.restore_backup(folder)
    assert "更新版本" in exc.value.message
    assert dump_database() == before


def test_damaged_or_foreign_files_are_refused_with_a_message(demo, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseError) as exc:
        backup_restore.restore_backup(junk)
    assert "不是本程序的备份" in exc.value.message or "已损坏" in exc.value.message
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.close()
    with pytest.raises(DatabaseError) as exc:
        backup_restore.inspect_backup(other)
    assert "不是本程序的备份" in exc.value.message
    with pytest.raises(DatabaseError):
        backup_restore.inspect_backup(tmp_path / "missing.zip")


def test_a_manifest_that_does_not_match_its_database_fails_the_check(demo):
    folder = backups.create_backup("manual")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["counts"]["entries"] += 1
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    check = backup_restore.inspect_backup(folder)
    assert not check.ok
    with pytest.raises(DatabaseError) as exc:
        backup_restore.restore_backup(folder)
    assert "不符" in exc.value.message


def _fake_backup(root: Path, when: datetime, reason: str = "daily") -> Path:
    folder = root / f"{when.strftime(backups.STAMP_FORMAT)}-{reason}"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({"reason": reason, "counts": {}}), encoding="utf-8")
    return folder


def test_rotation_keeps_7_daily_4_weekly_12_monthly(user_folders):
    now = datetime(2026, 11, 23, 9, 0)
    root = paths.backups_dir()
    made = [_fake_backup(root, now - timedelta(days=d, hours=1)) for d in range(0, 500)]
    removed = backup_rotation.rotate(now=now, keep=backup_rotation.BackupPolicy(7, 4, 12))
    left = sorted(b.created_at for b in backups.list_backups())
    assert len(made) - len(removed) == len(left)
    days = {d.date() for d in left}
    assert all((now - timedelta(days=d, hours=1)).date() in days for d in range(7))
    assert len({tuple(d.isocalendar())[:2] for d in left}) >= 4
    assert len({(d.year, d.month) for d in left}) == 12
    assert len(left) <= 7 + 4 + 12
    assert min(left) > now - timedelta(days=370)


def test_rotation_never_deletes_backups_from_the_last_day(user_folders):
    now = datetime(2026, 11, 23, 18, 0)
    root = paths.backups_dir()
    for hours in range(1, 10):
        _fake_backup(root, now - timedelta(hours=hours), "import")
    assert backup_rotation.rotate(now=now, keep=backup_rotation.BackupPolicy(1, 1, 1)) == []


def test_policy_is_a_setting_with_limits(db):
    assert backup_rotation.policy() == backup_rotation.BackupPolicy(7, 4, 12)
    backup_rotation.save_policy(backup_rotation.BackupPolicy(10, 8, 24))
    assert backup_rotation.policy() == backup_rotation.BackupPolicy(10, 8, 24)
    with pytest.raises(ValidationError):
        backup_rotation.save_policy(backup_rotation.BackupPolicy(0, 4, 12))


def test_daily_backup_runs_once_a_day(db):
    assert backup_daily.daily_backup_due()
    first = backup_daily.daily_backup_if_due()
    assert first is not None and first.name.endswith("-daily")
    assert backup_daily.daily_backup_if_due() is None
    tomorrow = datetime.combine(date.today() + timedelta(days=1), datetime.min.time())
    assert backup_daily.daily_backup_due(tomorrow)


def test_pre_migration_sqlite_files_are_listed_and_restorable(demo):
    paths.backups_dir().mkdir(parents=True, exist_ok=True)
    plain = paths.backups_dir() / "pre-migrate-v1-20260101-080000.sqlite3"
    from desk_app.db import backup_database
    from desk_app.db.models import database

    backup_database(database.obj, plain)
    info = [b for b in backups.list_backups() if b.kind == "sqlite"][0]
    assert info.reason_label == "升级前" and info.created_at == datetime(2026, 1, 1, 8, 0)
    assert backup_restore.inspect_backup(plain).ok


def test_backup_onto_a_full_disk_fails_cleanly(demo, tmp_path):
    target = tmp_path / "tiny"
    with tiny_filesystem(target, "256k") as mounted:
        if not mounted:
            pytest.skip("cannot mount a tiny tmpfs here (needs root)")
        with pytest.raises(DatabaseError) as exc:
            backups.create_backup("cli", target / "备份.zip")
        assert "磁盘空间不足" in exc.value.message
        assert list(target.iterdir()) == []
    assert ledger.get_entry(_entry_ids(1)[0]).code


def test_backups_folder_on_a_full_disk_leaves_no_partial_backup(demo):
    root = paths.backups_dir()
    with tiny_filesystem(root, "128k") as mounted:
        if not mounted:
            pytest.skip("cannot mount a tiny tmpfs here (needs root)")
        with pytest.raises(DatabaseError) as exc:
            backups.create_backup("manual")
        assert "磁盘空间不足" in exc.value.message
        assert [p.name for p in root.iterdir()] == []
    close_database()
    assert open_database() is not None


def test_import_keeps_calling_create_backup_with_a_reason(demo):
    made = backups.create_backup(reason="import")
    assert made.parent == paths.backups_dir() and made.name.endswith("-import")
    assert os.path.isfile(made / "desk.sqlite3")


def _corrupt_live_data():
    from safety_helpers import corrupt_middle_pages

    close_database()
    corrupt_middle_pages(paths.database_path())
    open_database()


@pytest.mark.sqlite_only  # damages the SQLite file itself
def test_backing_up_damaged_data_warns_and_marks_the_copy_damaged(demo, capsys):
    from desk_app.cli import main

    good = backups.create_backup("daily")
    _corrupt_live_data()
    code = main(["backup"])
    captured = capsys.readouterr()
    assert code == 1
    assert "警告" in captured.err and "已损坏" in captured.err
    made = backups.list_backups()[0]
    assert made.path != good and made.damaged and made.status_label == "已损坏"
    manifest = json.loads((made.path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["damaged"] is True and manifest["damage"]
    assert backup_restore.newest_good_backup().path == good
    main(["backup", "--list"])
    listed = capsys.readouterr().out.splitlines()
    assert "已损坏" in next(line for line in listed if made.path.name in line)
    assert "已损坏" not in next(line for line in listed if good.name in line)


def test_a_healthy_backup_is_not_marked_damaged(demo, capsys):
    from desk_app.cli import main

    assert main(["backup"]) == 0
    assert "警告" not in capsys.readouterr().err
    assert not backups.list_backups()[0].damaged


@pytest.mark.sqlite_only  # damages the SQLite file itself
def test_a_damaged_zip_backup_is_marked_too(demo, tmp_path):
    _corrupt_live_data()
    info = backups.describe(backups.create_backup("cli", tmp_path / "坏.zip"))
    assert info.damaged and "不能用于恢复" in info.summary()


def test_rotation_never_drops_the_last_good_backup_for_damaged_ones(user_folders):
    now = datetime(2026, 11, 23, 9, 0)
    root = paths.backups_dir()
    good = _fake_backup(root, now - timedelta(days=40), "daily")
    damaged = []
    for days in range(1, 40):
        folder = _fake_backup(root, now - timedelta(days=days), "daily")
        (folder / "manifest.json").write_text(json.dumps({"reason": "daily", "counts": {}, "damaged": True}),
                                              encoding="utf-8")
        damaged.append(folder)
    removed = backup_rotation.rotate(now=now, keep=backup_rotation.BackupPolicy(2, 1, 1))
    left = {b.path for b in backups.list_backups()}
    assert good in left and good not in removed
    assert len(left & set(damaged)) == backup_rotation.DAMAGED_KEPT  # the rest of the damaged copies go


def test_backups_made_with_back_up_now_are_never_rotated_out(user_folders):
    now = datetime(2026, 11, 23, 9, 0)
    root = paths.backups_dir()
    mine = _fake_backup(root, now - timedelta(days=200, hours=3), "manual")
    for d in range(0, 400):
        _fake_backup(root, now - timedelta(days=d, hours=1))
    removed = backup_rotation.rotate(now=now, keep=backup_rotation.BackupPolicy(2, 1, 1))
    assert mine not in removed and mine in {b.path for b in backups.list_backups()}
    assert len(backups.list_backups()) <= 2 + 1 + 1 + 1


def test_a_backup_is_deleted_from_the_list_only_inside_the_backup_folder(user_folders, tmp_path):
    root = paths.backups_dir()
    mine = _fake_backup(root, datetime(2026, 11, 1, 9, 0), "manual")
    backup_rotation.delete_backup(mine)
    assert not mine.exists()
    elsewhere = tmp_path / "U盘备份.zip"
    elsewhere.write_bytes(b"zip")
    with pytest.raises(DatabaseError, match="只能删除备份文件夹中的备份"):
        backup_rotation.delete_backup(elsewhere)
    assert elsewhere.exists()
