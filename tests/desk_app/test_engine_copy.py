"""Moving an office onto the server and back (desk-app db copy), and backups across engines: every table,
checked by counts and a digest."""

import json
import re

import pytest

from desk_app import paths
from desk_app.cli import main
from desk_app.db import close_database, open_database, table_copy
from desk_app.db.engine_sqlite import SqliteEngine
from desk_app.db.models import LedgerEntry, database
from desk_app.services import attachments, backup_daily, backup_restore, backups, search


def _digests(out: str) -> tuple[str, str]:
    source = re.search(r"源摘要\s+([0-9a-f]{64})", out).group(1)
    target = re.search(r"目标摘要\s+([0-9a-f]{64})", out).group(1)
    return source, target


def _file_digest(path) -> str:
    db = SqliteEngine(f"file:{path}?mode=ro", uri=True)
    try:
        return table_copy.digest(db)[1]
    finally:
        db.close()


@pytest.fixture
def server(user_folders, pg_server, pg_templates, request):
    """An initialised, empty server database (db init, pick lists seeded) and its URL."""
    name = f"c{abs(hash(request.node.nodeid)) % 10**8}"
    pg_server.create_database(name, pg_templates["empty"])
    yield pg_server.url(name)
    close_database()
    pg_server.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow  # 5-8 s each (a server database made and copied): keeps the default tier under 4 minutes
def test_a_round_trip_onto_the_server_and_back_keeps_every_row(demo, server, tmp_path, capsys):
    entry = LedgerEntry.select().first()
    evidence = tmp_path / "整改报告.txt"
    evidence.write_text("已完成整改", encoding="utf-8")
    attachments.add_attachment(entry.id, evidence)
    assert main(["stats", "--json"]) == 0
    stats_here = capsys.readouterr().out
    original = _file_digest(paths.database_path())

    assert main(["db", "copy", "--from", "sqlite", "--to", server]) == 0
    out = capsys.readouterr().out
    up_source, up_target = _digests(out)
    assert up_source == up_target == original and "校验一致" in out and "ledger_entry: 450" in out

    back = tmp_path / "back" / "desk.sqlite3"
    assert main(["db", "copy", "--from", server, "--to", f"sqlite:{back}"]) == 0
    down_source, down_target = _digests(capsys.readouterr().out)
    assert down_source == down_target == original == _file_digest(back)

    assert main(["--database", server, "stats", "--json"]) == 0
    assert capsys.readouterr().out == stats_here
    assert main(["--database", f"sqlite:{back}", "stats", "--json"]) == 0
    assert capsys.readouterr().out == stats_here
    assert main(["--database", server, "db", "info"]) == 0
    assert original in capsys.readouterr().out
    open_database(url=server)
    assert search.pending() == 0 and search.matching_ids("整改")  # db copy indexed the server for search


@pytest.mark.slow  # 5-8 s each (a server database made and copied): keeps the default tier under 4 minutes
def test_a_copy_onto_data_refuses_unless_told_to_replace(demo, server, tmp_path, capsys):
    assert main(["db", "copy", "--from", "sqlite", "--to", server]) == 0
    capsys.readouterr()
    open_database(url=server)
    LedgerEntry.update(note="服务器上的改动").where(LedgerEntry.id == 1).execute()
    before = table_copy.digest(database.current)[1]
    close_database()
    assert main(["db", "copy", "--from", "sqlite", "--to", server]) == 2
    err = capsys.readouterr().err
    assert "已有数据" in err and "--replace" in err
    open_database(url=server)
    assert table_copy.digest(database.current)[1] == before
    close_database()
    assert main(["db", "copy", "--from", "sqlite", "--to", server, "--replace"]) == 0
    source, target = _digests(capsys.readouterr().out)
    assert source == target != before


def test_copy_failures_name_the_cause_and_write_nothing(demo, server, tmp_path, capsys):
    assert main(["db", "copy", "--from", f"sqlite:{tmp_path}/missing.sqlite3", "--to", server]) == 2
    assert "找不到数据文件" in capsys.readouterr().err
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database" * 100)
    assert main(["db", "copy", "--from", f"sqlite:{garbage}", "--to", server]) == 2
    assert "无法打开数据文件" in capsys.readouterr().err
    assert main(["db", "copy", "--from", "sqlite", "--to", "sqlite"]) == 2
    assert "同一个数据库" in capsys.readouterr().err
    assert main(["db", "copy", "--from", "sqlite", "--to", server.replace("host=", "host=/nowhere")]) == 2
    assert "无法连接数据库服务器" in capsys.readouterr().err
    open_database(url=server)
    assert LedgerEntry.select().count() == 0


@pytest.mark.slow  # 5-8 s each (a server database made and copied): keeps the default tier under 4 minutes
def test_a_backup_on_the_server_is_the_backup_format_and_restores_into_either_engine(demo, server, tmp_path,
                                                                                  capsys):
    original = _file_digest(paths.database_path())
    assert main(["db", "copy", "--from", "sqlite", "--to", server]) == 0
    capsys.readouterr()
    open_database(url=server)
    folder = backups.create_backup("manual")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["entries"] == 450 and _file_digest(folder / "desk.sqlite3") == original

    LedgerEntry.delete().where(LedgerEntry.id <= 10).execute()
    assert LedgerEntry.select().count() == 440
    result = backup_restore.restore_backup(folder)
    assert result.safety_backup is not None
    open_database(url=server)
    assert table_copy.digest(database.current)[1] == original

    close_database()
    other = tmp_path / "other-pc"
    paths.set_data_dir(other)
    open_database(url="sqlite")
    backup_restore.restore_backup(folder)
    assert _file_digest(other / "desk.sqlite3") == original


def test_on_the_server_one_program_a_day_makes_the_daily_backup(server, tmp_path):
    from datetime import datetime

    open_database(url=server)
    first = backup_daily.daily_backup_if_due()
    assert first is not None and first.name.endswith("-daily")
    close_database()
    paths.set_data_dir(tmp_path / "second-pc")  # another clerk's PC, the same server, the same day
    open_database(url=server)
    assert backup_daily.daily_backup_due() and backup_daily.daily_backup_if_due() is None
    tomorrow = datetime.combine(datetime.now().date().replace(day=1), datetime.min.time()).replace(year=2100)
    assert backup_daily.daily_backup_if_due(tomorrow) is not None  # the next day, the first program makes it
