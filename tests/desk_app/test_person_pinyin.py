"""People in pinyin order, found by initials; migration 9 gives existing people their keys."""

import sqlite3

from peewee import SqliteDatabase

from desk_app import paths
from desk_app.db import open_database, schema_version
from desk_app.db.migrations import LATEST_VERSION, MIGRATIONS, m0009_person_pinyin
from desk_app.db.models import Person, database
from desk_app.name_keys import name_keys
from desk_app.services import org


def test_keys_read_surnames_as_surnames():
    assert name_keys("郭一鸣") == ("guo yi ming", "gym")
    assert name_keys("曾国藩") == ("zeng guo fan", "zgf")  # not ceng
    assert name_keys("单雄信")[0].startswith("shan ")  # not dan
    assert name_keys("尉迟恭") == ("yu chi gong", "ycg")
    assert name_keys("Tom Li") == ("tom li", "tl") and name_keys("  ") == ("", "")


def test_people_are_listed_in_pinyin_order_and_renames_follow(db):
    dept = org.create_department("办公室")
    for name in ("赵六", "阿里", "郭一鸣", "曾强", "陈明", "白云"):
        org.create_person(name, dept.id)
    assert [p.name for p in org.list_people()] == ["阿里", "白云", "陈明", "郭一鸣", "曾强", "赵六"]
    ali = org.find_people_by_name("阿里")[0]
    assert (ali.pinyin, ali.initials) == ("a li", "al")
    org.update_person(ali.id, name="张阿里")
    assert [p.name for p in org.list_people()][-3:] == ["曾强", "张阿里", "赵六"]


def test_a_rename_around_the_program_is_refilled(db):
    p = org.create_person("郭一鸣")
    database.execute_sql('UPDATE "person" SET "name" = ? WHERE "id" = ?', ("白一鸣", p.id))
    assert Person.get_by_id(p.id).pinyin == ""  # the trigger: no stale reading kept
    database.execute_sql('INSERT INTO "person" ("name", "title", "level", "phone", "active", "sort_order") '
                         "VALUES ('安然', '', '', '', 1, 0)")
    assert [(r.name, r.initials) for r in org.list_people()] == [("安然", "ar"), ("白一鸣", "bym")]


def test_a_version_8_database_gets_keys_for_everyone(user_folders):
    path = paths.database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    old = SqliteDatabase(str(path))
    before = MIGRATIONS.index(m0009_person_pinyin)
    for migration in MIGRATIONS[:before]:
        migration.upgrade(old)
    old.execute_sql(f"PRAGMA user_version = {before}")
    for name in ("郭一鸣", "曾国藩", "王五"):
        old.execute_sql('INSERT INTO "person" ("name", "title", "level", "phone", "active", "sort_order") '
                        "VALUES (?, '', '', '', 1, 0)", (name,))
    old.close()
    db = open_database()
    assert schema_version(db) == LATEST_VERSION
    rows = sqlite3.connect(path).execute('SELECT "name", "pinyin", "initials" FROM "person" ORDER BY "pinyin"')
    assert list(rows) == [("郭一鸣", "guo yi ming", "gym"), ("王五", "wang wu", "ww"),
                          ("曾国藩", "zeng guo fan", "zgf")]
