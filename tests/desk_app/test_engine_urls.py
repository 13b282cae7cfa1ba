"""The database setting without a server: URLs, placeholders, the search's tsquery, the choice's order."""

import json

import pytest

from desk_app.cli import main
from desk_app.db import connection
from desk_app.db.engine import parse_url
from desk_app.db.engine_postgres import convert_placeholders, tsquery_text, tsvector_text
from desk_app.errors import DatabaseError


def test_sqlite_urls_name_the_data_folder_or_a_file(tmp_path):
    assert parse_url("sqlite").engine == "sqlite" and parse_url("sqlite").path is None
    assert parse_url("").engine == "sqlite"
    assert parse_url(f"sqlite:{tmp_path}/a.sqlite3").path == tmp_path / "a.sqlite3"
    assert parse_url(f"sqlite:///{tmp_path}/a.sqlite3").path == tmp_path / "a.sqlite3"


def test_postgresql_urls_keep_the_password_out_of_every_message():
    target = parse_url("postgresql://clerk:s3cret@192.168.1.10:5433/office")
    assert target.is_postgresql and target.display == "clerk@192.168.1.10:5433/office"
    assert "s3cret" not in target.describe() and "s3cret" not in target.display_url()
    socket = parse_url("postgresql://clerk@/office?host=/run/postgresql")
    assert socket.display == "clerk@/run/postgresql/office"


@pytest.mark.parametrize(("url", "words"), [
    ("mysql://clerk@server/office", "不认识的类型“mysql”"),
    ("postgresql://clerk@server", "缺少数据库名"),
    ("postgresql://clerk@server:notaport/office", "无法解析"),
    ("192.168.1.10/office", "不认识的类型"),
])
def test_a_bad_url_says_what_is_wrong_and_how_it_should_look(url, words):
    with pytest.raises(DatabaseError) as err:
        parse_url(url)
    assert words in err.value.message and "postgresql://用户名@服务器" in err.value.message


def test_a_bad_database_option_exits_2_before_anything_is_created(tmp_path, capsys):
    folder = tmp_path / "never"
    assert main(["--data-dir", str(folder), "--database", "postgres://x:pw@server", "stats"]) == 2
    err = capsys.readouterr().err
    assert "缺少数据库名" in err and "pw" not in err.replace("postgresql", "")
    assert not folder.exists()


def test_the_option_then_the_environment_then_the_saved_choice(user_folders, monkeypatch):
    assert connection.configured_url() == "sqlite" and connection.source() == "默认"
    connection.save_url("postgresql://clerk@server/office")
    assert json.loads(connection.setting_path().read_text(encoding="utf-8")) == {"url": "postgresql://clerk@server/office"}
    assert connection.configured_target().display == "clerk@server/office" and "设置" in connection.source()
    monkeypatch.setenv("DESK_APP_DATABASE", "postgresql://env@server/office")
    assert connection.configured_target().display == "env@server/office"
    connection.set_database_url("sqlite")
    assert connection.configured_target().engine == "sqlite" and "--database" in connection.source()
    connection.set_database_url(None)
    connection.save_url("sqlite")
    assert not connection.setting_path().exists()


def test_a_bad_url_is_not_saved(user_folders):
    with pytest.raises(DatabaseError):
        connection.save_url("oracle://x/y")
    assert not connection.setting_path().exists()


@pytest.mark.parametrize(("sql", "expected"), [
    ("SELECT * FROM t WHERE a = ? AND b IN (?, ?)", "SELECT * FROM t WHERE a = %s AND b IN (%s, %s)"),
    ("SELECT '?', \"a?\" FROM t WHERE x = ?", "SELECT '?', \"a?\" FROM t WHERE x = %s"),
    ("SELECT * FROM t WHERE a LIKE '%台账%' AND b = ?", "SELECT * FROM t WHERE a LIKE '%%台账%%' AND b = %s"),
    ('SELECT "t1"."id" FROM "t" AS "t1" WHERE ("t1"."a" = %s) AND x = ?',
     'SELECT "t1"."id" FROM "t" AS "t1" WHERE ("t1"."a" = %s) AND x = %s'),
    ("SELECT 'it''s ?' , ?", "SELECT 'it''s ?' , %s"),
    ("DO $body$ BEGIN RAISE NOTICE '% ?'; END $body$", "DO $body$ BEGIN RAISE NOTICE '%% ?'; END $body$"),
    ("SELECT 7 % 2", "SELECT 7 %% 2"),
])
def test_question_marks_become_psycopg_placeholders_outside_quotes_only(sql, expected):
    assert convert_placeholders(sql) == expected


def test_search_queries_are_phrases_of_bigrams_and_one_character_prefixes():
    assert tsquery_text(["台账"]) == "('台账')"
    assert tsquery_text(["整改台账"]) == "('整改' <-> '改台' <-> '台账')"
    assert tsquery_text(["台", "督办"]) == "'台':* & ('督办')"
    assert tsvector_text("整改 改台 台账 账") == "'整改':1 '改台':2 '台账':3 '账':4"
    assert tsvector_text("it's") == "'it''s':1"
    assert tsvector_text(" ".join(["a"] * 20000)).endswith("'a':16383")
