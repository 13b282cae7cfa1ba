"""Crafted backups (issue 13, items 2, 3 and 13): every restore is validated completely before a byte is
written; nothing lands outside the data folder; the current data stays as it was."""

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from safety_helpers import dump_database

from desk_app import paths
from desk_app.cli import main
from desk_app.errors import DeskAppError
from desk_app.services import attachments, backup_restore, backups


@pytest.fixture
def archive(demo, tmp_path):
    """A good zip backup of the demo with one evidence file, and the data folder's state."""
    from desk_app.db.models import LedgerEntry

    evidence = tmp_path / "整改报告.txt"
    evidence.write_text("已完成整改", encoding="utf-8")
    attachments.add_attachment(LedgerEntry.select().first().id, evidence)
    return backups.create_backup("manual", tmp_path / "good.zip")


def _members(path):
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def _rezip(path: Path, members: dict, *, reseal: bool = True) -> Path:
    if reseal and "desk.sqlite3" in members:
        manifest = json.loads(members["manifest.json"])
        db = members["desk.sqlite3"]
        manifest["checksums"] = {"desk.sqlite3": {"sha256": hashlib.sha256(db).hexdigest(), "size": len(db)}}
        members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _edit_db(members: dict, tmp_path: Path, sql: str) -> None:
    db = tmp_path / "edit.sqlite3"
    db.write_bytes(members["desk.sqlite3"])
    conn = sqlite3.connect(db)
    conn.executescript(sql)
    conn.commit()
    conn.close()
    members["desk.sqlite3"] = db.read_bytes()


def _everything_outside(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


def _refused(path: Path, capsys, *words) -> str:
    data = paths.data_dir()
    rows = dump_database()
    files = {p for p in data.rglob("*") if "logs" not in p.parts and p.name != "desk_app.lock"
             and not p.name.endswith(("-wal", "-shm"))}
    code = main(["restore", str(path), "--yes"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err
    after = {p for p in data.rglob("*") if "logs" not in p.parts and p.name != "desk_app.lock"
             and not p.name.endswith(("-wal", "-shm"))}
    assert after == files, after ^ files  # no .restore-* folder, no safety backup, no attachment
    assert dump_database() == rows
    return err


def test_an_attachment_row_naming_a_path_outside_is_refused(archive, tmp_path, capsys):
    """The old restore built attachments/<sha[:2]>/<sha> from the row and wrote there: with
    sha = '../../../../<tmp>/pwned' the file landed outside the data folder and restore exited 0."""
    members = _members(archive)
    escape = "../../../../" + str(tmp_path / "pwned").lstrip("/")
    _edit_db(members, tmp_path, f"UPDATE attachment SET sha256 = '{escape}'")
    members["attachments/../" + escape] = b"payload"
    crafted = _rezip(tmp_path / "escape.zip", {k: v for k, v in members.items() if ".." not in k})
    _refused(crafted, capsys, "附件记录不正确")
    assert not (tmp_path / "pwned").exists()


def test_a_member_named_with_dotdot_is_refused(archive, tmp_path, capsys):
    members = _members(archive)
    members["attachments/../../evil.txt"] = b"x"
    _refused(_rezip(tmp_path / "dotdot.zip", members), capsys, "..")
    assert not (paths.data_dir().parent / "evil.txt").exists()


def test_a_foreign_member_is_refused(archive, tmp_path, capsys):
    members = _members(archive)
    members["autorun.inf"] = b"[autorun]"
    _refused(_rezip(tmp_path / "extra.zip", members), capsys, "不属于备份的文件")


def test_a_3_mb_bomb_is_refused_before_anything_is_unpacked(archive, tmp_path, capsys, monkeypatch):
    """The old restore unpacked the database (3.2 GB of zeros from a 3 MB zip) before checking it."""
    members = _members(archive)
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", members["manifest.json"])
        with zf.open("desk.sqlite3", "w", force_zip64=True) as out:
            block = b"SQLite format 3\x00" + bytes(1024 * 1024 - 16)
            for _ in range(256):  # 256 MB unpacked from a few hundred KB (the report's was 3.2 GB from 3 MB)
                out.write(block)
    assert bomb.stat().st_size < 1024 * 1024
    _refused(bomb, capsys, "压缩炸弹")


def test_an_attachment_bigger_than_the_limit_is_refused(archive, tmp_path, capsys, monkeypatch):
    from desk_app.exchange import safe_zip

    monkeypatch.setattr(safe_zip, "BACKUP_LIMITS", safe_zip.ZipLimits(max_member_bytes=1024 * 1024))
    monkeypatch.setattr("desk_app.services.backup_check.BACKUP_LIMITS", safe_zip.BACKUP_LIMITS)
    _refused(archive, capsys, "过大")


def test_not_enough_disk_space_is_said_before_unpacking(archive, capsys, monkeypatch):
    from desk_app.services import backup_check

    monkeypatch.setattr(backup_check, "_free_bytes", lambda folder: 10 * 1024 * 1024)
    _refused(archive, capsys, "磁盘空间不足")


def test_an_edited_row_with_matching_counts_is_refused(archive, tmp_path, capsys):
    """Item 13: the old backups carried no checksum of their database, so this restored silently."""
    members = _members(archive)
    _edit_db(members, tmp_path, "UPDATE ledger_entry SET description = '被改过的内容' WHERE id = 1")
    _refused(_rezip(tmp_path / "edited.zip", members, reseal=False), capsys, "校验码不符")


def test_an_edited_database_in_a_backup_folder_is_refused(demo, capsys):
    folder = backups.create_backup("manual")
    conn = sqlite3.connect(folder / "desk.sqlite3")
    conn.execute("UPDATE ledger_entry SET description = '被改过的内容' WHERE id = 1")
    conn.commit()
    conn.close()
    _refused(folder, capsys, "校验码不符")


def test_an_attachment_whose_bytes_do_not_match_its_name_is_refused(archive, tmp_path, capsys):
    members = _members(archive)
    name = next(n for n in members if n.startswith("attachments/"))
    members[name] = b"not the evidence"
    store = paths.attachments_dir()
    for file in store.rglob("*"):  # the store must need the file, or it is not even read
        if file.is_file():
            file.unlink()
    _refused(_rezip(tmp_path / "swapped.zip", members), capsys, "校验码不符")


def test_a_good_zip_restores_and_its_files_are_verified(archive, tmp_path):
    for file in paths.attachments_dir().rglob("*"):
        if file.is_file():
            file.unlink()
    result = backup_restore.restore_backup(archive)
    assert result.restored_from == archive
    stored = [p for p in paths.attachments_dir().rglob("*") if p.is_file()]
    assert stored and all(hashlib.sha256(p.read_bytes()).hexdigest() == p.name for p in stored)


def test_an_old_backup_without_checksums_still_restores_with_a_note(archive, tmp_path):
    members = _members(archive)
    manifest = json.loads(members["manifest.json"])
    manifest["format"] = 1
    del manifest["checksums"]
    members["manifest.json"] = json.dumps(manifest).encode()
    old = _rezip(tmp_path / "old.zip", members, reseal=False)
    check = backup_restore.inspect_backup(old)
    try:
        assert check.ok and "没有数据库校验码" in check.description()
    finally:
        check.cleanup()


def test_a_backup_of_a_newer_format_is_refused(archive, tmp_path, capsys):
    members = _members(archive)
    manifest = json.loads(members["manifest.json"])
    manifest["format"] = 99
    members["manifest.json"] = json.dumps(manifest).encode()
    _refused(_rezip(tmp_path / "newer.zip", members, reseal=False), capsys, "更新版本")


def test_a_manifest_nested_100000_deep_is_not_a_backup(archive, tmp_path, capsys):
    members = _members(archive)
    members["manifest.json"] = b"[" * 100_000 + b"]" * 100_000
    _refused(_rezip(tmp_path / "deep.zip", members, reseal=False), capsys, "不是本程序的备份")


def test_a_windows_file_held_open_is_named_and_nothing_is_lost(demo, monkeypatch):
    """On Windows an open handle (a viewer, an antivirus) blocks replacing the database: simulated."""
    folder = backups.create_backup("manual")
    from desk_app.db.models import LedgerEntry

    LedgerEntry.update(description="恢复前的修改").where(LedgerEntry.id == 1).execute()
    before = dump_database()
    real_replace = backup_restore.os.replace

    def held_open(src, dst):
        if Path(dst) == paths.database_path():
            raise PermissionError(13, "The process cannot access the file because it is being used by "
                                      "another process", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(backup_restore.os, "replace", held_open)
    with pytest.raises(DeskAppError) as exc:
        backup_restore.restore_backup(folder)
    assert "正被其他程序占用" in exc.value.message
    assert dump_database() == before
