"""`backup --out` as a clerk types it: a USB stick's folder, a name without .zip, a stick pulled out."""

import errno
from datetime import datetime
from pathlib import Path

from desk_app.cli import main
from desk_app.services import backup_restore, backups


def test_a_folder_gets_a_dated_zip_inside_it(demo, tmp_path, capsys):
    stick = tmp_path / "U盘"
    stick.mkdir()
    assert main(["backup", "--out", str(stick)]) == 0
    made = list(stick.iterdir())
    assert len(made) == 1 and made[0].name.startswith("desk_app-备份-") and made[0].suffix == ".zip"
    assert str(made[0]) in capsys.readouterr().out
    assert backup_restore.inspect_backup(made[0]).ok


def test_a_name_without_zip_gets_the_suffix_so_restore_takes_it(demo, tmp_path, capsys):
    assert main(["backup", "--out", str(tmp_path / "月底备份.txt")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["月底备份.txt.zip"]
    assert "月底备份.txt.zip" in capsys.readouterr().out
    assert main(["restore", str(tmp_path / "月底备份.txt.zip"), "--yes"]) == 0


def test_zip_destination_keeps_a_zip_name():
    now = datetime(2026, 12, 2, 9, 30, 5)
    assert backups.zip_destination(Path("/x/备份.ZIP"), now).name == "备份.ZIP"
    assert backups.zip_destination(Path("/x/备份"), now).name == "备份.zip"


def test_a_pulled_out_stick_is_said_in_chinese(demo, tmp_path, capsys, monkeypatch):
    def pulled_out(path, *args, **kwargs):
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(path))

    monkeypatch.setattr(backups.zipfile, "ZipFile", pulled_out)
    assert main(["backup", "--out", str(tmp_path / "备份.zip")]) == 2
    err = capsys.readouterr().err
    assert "U 盘已拔出" in err and "No such file" not in err and "现有数据没有改动" in err
    assert list(tmp_path.glob("备份.zip*")) == []


def test_a_damaged_backup_zip_points_to_another_backup_not_to_a_sender(demo, tmp_path, capsys):
    import pytest

    from desk_app.errors import InputFileError
    from desk_app.exchange.safe_zip import SafeZip

    good = backups.create_backup("cli", tmp_path / "好.zip")
    cut = tmp_path / "坏.zip"
    cut.write_bytes(good.read_bytes()[:50_000])
    assert main(["restore", str(cut), "--yes"]) == 2
    err = capsys.readouterr().err
    assert "另一个完好的备份" in err and "对方" not in err
    with pytest.raises(InputFileError, match="请让对方重新生成并发送"):  # a data package is sent again
        SafeZip(cut)


def test_an_existing_file_is_not_written_over(demo, tmp_path, capsys):
    stick = tmp_path / "U盘"
    stick.mkdir()
    older = stick / "台账备份.zip"
    older.write_bytes(b"last month's backup")
    assert main(["backup", "--out", str(stick / "台账备份")]) == 2
    assert "已存在" in capsys.readouterr().err and older.read_bytes() == b"last month's backup"
    assert [p.name for p in stick.iterdir()] == ["台账备份.zip"]


def test_a_backup_renamed_by_a_mail_system_is_restored_by_its_content(demo, tmp_path, capsys):
    assert main(["backup", "--out", str(tmp_path / "月底备份.zip")]) == 0
    mailed = (tmp_path / "月底备份.zip").rename(tmp_path / "月底备份.zip.txt")
    info = backups.describe(mailed)
    assert info is not None and info.kind == "zip" and info.reason_label == "命令行备份"
    capsys.readouterr()
    assert main(["restore", str(mailed), "--yes"]) == 0
    assert "命令行备份" in capsys.readouterr().out


def test_a_foreign_file_named_like_a_backup_is_still_refused(demo, tmp_path, capsys):
    letter = tmp_path / "备份.txt"
    letter.write_text("请于月底前报送整改台账。", encoding="utf-8")
    assert main(["restore", str(letter), "--yes"]) == 2
    assert "不是本程序的备份" in capsys.readouterr().err


def test_a_data_file_is_not_called_a_backup_the_clerk_made(demo, tmp_path, capsys):
    from desk_app.db import backup_database
    from desk_app.db.models import database

    copied = tmp_path / "desk.sqlite3"
    backup_database(database.obj, copied)
    assert backups.describe(copied).reason_label.startswith("数据文件")
    renamed = copied.rename(tmp_path / "科室数据.dat")  # a data file is recognised by its content too
    assert main(["restore", str(renamed), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "数据文件" in out and "手动备份" not in out
