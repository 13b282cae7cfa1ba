import sqlite3

import pytest

from desk_app import paths
from desk_app.db import close_database, models, open_database, schema_version
from desk_app.db.migrations import LATEST_VERSION, MIGRATIONS
from desk_app.errors import DatabaseCorruptError, DatabaseTooNewError


def _columns(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {t: [tuple(r[1:]) for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}


def test_new_database_is_at_latest_version_with_wal_and_foreign_keys(db):
    assert schema_version(db) == LATEST_VERSION
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert paths.database_path().exists()


def test_migrations_build_exactly_the_schema_the_models_declare(db, tmp_path):
    from peewee import SqliteDatabase

    reference = SqliteDatabase(str(tmp_path / "models.sqlite3"))
    with reference.bind_ctx(models.ALL_MODELS):
        reference.create_tables(models.ALL_MODELS)
    reference.close()
    migrated = _columns(sqlite3.connect(paths.database_path()))
    declared = _columns(sqlite3.connect(tmp_path / "models.sqlite3"))
    for table, cols in declared.items():
        assert migrated.get(table) == cols, table


def test_older_database_is_upgraded_after_a_backup(user_folders):
    path = paths.database_path()
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    # Build version 1 by hand, as a clerk's first release would have left it.
    from peewee import SqliteDatabase

    v1 = SqliteDatabase(str(path))
    MIGRATIONS[0].upgrade(v1)
    v1.execute_sql("PRAGMA user_version = 1")
    v1.execute_sql("INSERT INTO department (name, short_name, sort_order, active) VALUES ('办公室', '', 1, 1)")
    v1.close()
    conn.close()
    db = open_database()
    assert schema_version(db) == LATEST_VERSION
    assert models.Department.get().name == "办公室"
    backups = list(paths.backups_dir().glob("pre-migrate-v1-*.sqlite3")) if paths.backups_dir().exists() else []
    assert len(backups) == (1 if LATEST_VERSION > 1 else 0)


def test_newer_database_is_refused_and_left_untouched(user_folders):
    path = paths.database_path()
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError) as err:
        open_database()
    assert "更新版本" in err.value.message
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_gets_a_chinese_message(user_folders):
    path = paths.database_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not sqlite at all" * 200)
    with pytest.raises(DatabaseCorruptError) as err:
        open_database()
    assert "已损坏" in err.value.message and "恢复" in err.value.message
    close_database()


def test_default_choice_lists_are_seeded_once(db):
    from desk_app.services import choices

    categories = choices.values("category")
    assert "开放意识不强" in categories and "慢作为" in categories and "效能意识" in categories
    assert "作风指数评价" in choices.values("source")
    open_database()  # opening again must not duplicate
    assert choices.values("category") == categories
