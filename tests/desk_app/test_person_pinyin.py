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


def test_names_are_read_character_by_character_not_as_words():
    # A phrase dictionary reads 建行 as the bank (jian hang), 段长 as a section chief (duan zhang) and
    # 于思 as "yu sai"; in a name each character keeps its own reading.
    assert name_keys("王建行") == ("wang jian xing", "wjx")
    assert name_keys("段长江") == ("duan chang jiang", "dcj")  # 长 of a given name: cháng
    assert name_keys("李朝阳") == ("li zhao yang", "lzy")
    assert name_keys("于思远") == ("yu si yuan", "ysy")
    assert name_keys("长孙无忌") == ("zhang sun wu ji", "zswj")  # the compound surname keeps its reading
    assert name_keys("A组王五2号") == ("a zu wang wu 2 hao", "azww2h")


def test_heteronym_surnames_sort_by_their_surname_reading(db):
    # 曾 zeng (not ceng), 单 shan (not dan), 解 xie (not jie), 仇 qiu (not chou), 区 ou (not qu), 查 zha (not cha)
    dept = org.create_department("办公室")
    names = ("区海", "查良", "仇明", "单强", "解放", "曾伟", "陈东", "丁一", "齐二", "谢三", "周四")
    for name in names:
        org.create_person(name, dept.id)
    assert [p.name for p in org.list_people()] == ["陈东", "丁一", "区海", "齐二", "仇明", "单强",
                                                    "解放", "谢三", "曾伟", "查良", "周四"]


def test_a_key_is_read_without_the_phrase_dictionary():
    # Loading pypinyin's phrases took some 0.25 s of every import that adds people; a name never needs them,
    # and the reading is the same whether or not another part of the program loaded them first.
    import subprocess
    import sys

    code = ("import sys; from desk_app.name_keys import name_keys; k = name_keys('段长江');"
            "print(k, 'pypinyin.phrases_dict' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "('duan chang jiang', 'dcj') False"
    code = "import pypinyin; from desk_app.name_keys import name_keys; print(name_keys('段长江'), name_keys('王建行'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "('duan chang jiang', 'dcj') ('wang jian xing', 'wjx')"
