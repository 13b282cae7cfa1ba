"""PostgreSQL against a real server (the session's throw-away cluster): connecting, db init, the schema
both engines share, and the same answers as SQLite for the same data."""

import json

import pytest
from peewee import SqliteDatabase

from desk_app.cli import main
from desk_app.db import close_database, models, open_database, pg_schema, pg_stamps
from desk_app.db.engine import parse_url
from desk_app.db.models import LedgerEntry, Person, database
from desk_app.services import search
from desk_app.services.ledger_query import LedgerFilter


@pytest.fixture
def empty_server_db(pg_server, pg_database, request):
    """A new, empty database (not initialised) and its URL."""
    name = f"e{abs(hash(request.node.nodeid)) % 10**8}"
    pg_server.sql(f'CREATE DATABASE "{name}"')
    yield pg_server.url(name)
    close_database()
    pg_server.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _tables(pg_server, url) -> list[str]:
    import psycopg

    with psycopg.connect(url) as conn:
        return [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]


def test_init_creates_the_schema_once_and_commands_then_use_it(user_folders, empty_server_db, pg_server, capsys):
    assert main(["db", "init", empty_server_db]) == 0
    assert "已初始化" in capsys.readouterr().out
    assert main(["db", "init", empty_server_db]) == 2
    assert "已经初始化过" in capsys.readouterr().err
    assert main(["--database", empty_server_db, "campaign", "new", "2026年专项行动", "--year", "2026"]) == 0
    capsys.readouterr()
    assert main(["--database", empty_server_db, "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["campaign"]["name"] == "2026年专项行动"
    assert not (user_folders / "desk.sqlite3").exists()


def test_a_database_that_is_not_initialised_is_named_and_left_untouched(user_folders, empty_server_db, pg_server,
                                                                        capsys):
    assert main(["--database", empty_server_db, "stats"]) == 2
    err = capsys.readouterr().err
    assert "还没有初始化" in err and "desk-app db init" in err
    assert _tables(pg_server, empty_server_db) == []


def test_init_refuses_a_database_holding_other_tables(user_folders, empty_server_db, pg_server, capsys):
    import psycopg

    with psycopg.connect(empty_server_db, autocommit=True) as conn:
        conn.execute("CREATE TABLE payroll (id int)")
    assert main(["db", "init", empty_server_db]) == 2
    assert "不是空的" in capsys.readouterr().err and _tables(pg_server, empty_server_db) == ["payroll"]


def test_connection_failures_name_their_cause_exit_2_and_write_nothing(user_folders, pg_server, pg_templates,
                                                                       capsys):
    cases = [
        (pg_server.tcp_url(pg_templates["empty"], password="wrong"), "用户名或密码不正确"),
        (pg_server.tcp_url(pg_templates["empty"], password=None), "要求密码"),
        (pg_server.url("no_such_db"), "没有这个数据库"),
        (pg_server.url(pg_templates["empty"], user="nobody"), "没有这个数据库用户"),
        (f"postgresql://desk@/x?host={pg_server.folder}/nowhere", "连接被拒绝"),
        ("postgresql://desk@no-such-host.invalid/office", "找不到这台服务器"),
    ]
    for url, words in cases:
        assert main(["--database", url, "stats"]) == 2, url
        err = capsys.readouterr().err
        assert words in err and "没有读写任何数据" in err, (url, err)
        assert "wrong" not in err
    assert main(["db", "init", pg_server.tcp_url("postgres", password="wrong")]) == 2
    assert "用户名或密码不正确" in capsys.readouterr().err


def test_the_password_user_reaches_the_server_over_tcp(user_folders, pg_server, pg_database, capsys):
    from psycopg.conninfo import conninfo_to_dict

    name = conninfo_to_dict(pg_database("empty"))["dbname"]
    pg_server.sql(f'GRANT ALL ON SCHEMA public TO desk_pw; ALTER DATABASE "{name}" OWNER TO desk_pw', name)
    pg_server.sql("GRANT ALL ON ALL TABLES IN SCHEMA public TO desk_pw; "
                  "GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO desk_pw", name)
    assert main(["--database", pg_server.tcp_url(name), "db", "info"]) == 0
    assert "数据版本" in capsys.readouterr().out


def test_postgresql_carries_the_indexes_and_triggers_the_migrations_give_sqlite(pg_server, pg_templates):
    import psycopg

    reference = pg_schema.reference_sqlite()
    sqlite_indexes = {r[0] for r in reference.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall()}
    sqlite_triggers = {r[0] for r in reference.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()}
    sqlite_columns = {}
    for (table,) in reference.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        sqlite_columns[table] = {r[1]: r[3] for r in reference.execute_sql(f'PRAGMA table_info("{table}")')}
    reference.close()
    with psycopg.connect(pg_server.url(pg_templates["empty"])) as conn:
        pg_indexes = {r[0] for r in conn.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")}
        pg_triggers = {r[0] for r in conn.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
        rows = conn.execute("SELECT table_name, column_name, is_nullable, collation_name, data_type FROM "
                            "information_schema.columns WHERE table_schema = 'public'").fetchall()
    assert sqlite_indexes <= pg_indexes
    primary_keys = {name for name in pg_indexes if name.endswith("_pkey")}  # PostgreSQL names its own
    live = set(pg_schema.live_indexes(pg_schema.translated_indexes(pg_schema.reference_sqlite())))
    assert live == {"ledger_entry_pg_live_code", "ledger_entry_pg_live_status", "ledger_entry_pg_live_deadline",
                    "ledger_entry_pg_live_kind", "ledger_entry_pg_live_layer", "ledger_entry_pg_live_overdue"}
    assert pg_indexes - sqlite_indexes - primary_keys == {"ledger_search_body", "ledger_search_tags", *live}
    assert sqlite_triggers == pg_triggers - set(pg_stamps.TRIGGERS)  # and the list's change stamps (pg_stamps)
    assert set(pg_stamps.TRIGGERS) <= pg_triggers
    pg_columns = {}
    for table, column, nullable, collation, kind in rows:
        pg_columns.setdefault(table, {})[column] = int(nullable == "NO")
        if kind in ("text", "character varying"):
            assert collation == "C", (table, column)
    for model in models.ALL_MODELS:
        table = model._meta.table_name
        assert pg_columns[table] == sqlite_columns[table], table


def _stats_json(capsys) -> str:
    assert main(["stats", "--json"]) == 0
    return capsys.readouterr().out


def test_stats_json_is_byte_identical_on_both_engines(demo, pg_database, capsys):
    on_sqlite = _stats_json(capsys)
    pg_database("demo")
    close_database()
    on_postgresql = _stats_json(capsys)
    assert database.engine_name == "postgresql"
    assert on_postgresql == on_sqlite
    assert json.loads(on_sqlite)["ledger"]["average_days_to_close"] is not None


QUERIES = ["台", "账", "台账", "整改台账", "消防", "督办", "z", "2026", "推进会", "不存在的词语", "台 督办", "%", "_"]


def _answers(campaign_id):
    out = {}
    for text in QUERIES:
        f = LedgerFilter(campaign_id=campaign_id, text=text)
        out[text] = (sorted(search.matching_ids(text)), search.summary_counts(text, campaign_id, False,
                                                                             __import__("datetime").date(2026, 11, 23)),
                     [e.id for e in __import__("desk_app.services.ledger_query", fromlist=["x"]).fetch_entries(f)])
    names = [p.name for p in Person.select().order_by(Person.name)]
    from desk_app.services import ledger_paging, ledger_query

    everything = LedgerFilter(campaign_id=campaign_id)
    # Every sort but 更新时间: the two demos were built at different moments of the clock.
    orders = {(sort, down): ledger_query.entry_ids(everything, sort, descending=down)
              for sort in ledger_paging.SORT_KEYS if sort != "updated_at" for down in (False, True)}
    by_found = [e.id for e in LedgerEntry.select(LedgerEntry.id).order_by(LedgerEntry.found_date.desc(),
                                                                          LedgerEntry.id)]
    return out, names, orders, by_found


def _with_gaps():
    """Entries without 发现日期, 整改时限, 责任单位 or 所属人员: where the engines would put NULLs apart."""
    for column, every in ((LedgerEntry.found_date, 7), (LedgerEntry.deadline, 5), (LedgerEntry.department, 6),
                          (LedgerEntry.owner, 4)):
        ids = [i for (i,) in LedgerEntry.select(LedgerEntry.id).tuples() if i % every == 0]
        LedgerEntry.update({column: None}).where(LedgerEntry.id.in_(ids)).execute()


def test_search_and_every_order_give_the_same_answers_on_both_engines(demo, pg_database):
    _with_gaps()
    search.sync()
    on_sqlite = _answers(demo.campaign_id)
    pg_database("demo")
    open_database()
    assert database.engine_name == "postgresql"
    _with_gaps()
    search.sync()
    on_postgresql = _answers(demo.campaign_id)
    assert on_postgresql == on_sqlite
    ids, counts, _ = on_postgresql[0]["台"]
    assert ids and counts[0] == len([i for i in ids if LedgerEntry.get_by_id(i).deleted_at is None])
    assert on_postgresql[1] == sorted(on_postgresql[1])  # code-point order, as SQLite's, not the server's locale
    assert LedgerEntry.select().where(LedgerEntry.found_date.is_null()).exists()  # NULLs where SQLite puts them


def test_triggers_keep_the_tally_the_queue_and_the_pinyin_on_postgresql(db_postgresql):
    from desk_app.services import ledger_summary

    person = Person.create(name="郭一鸣")
    assert person.pinyin == "guo yi ming"
    database.execute_sql('UPDATE "person" SET "name" = ? WHERE "id" = ?', ("张三", person.id))
    assert Person.get_by_id(person.id).pinyin == ""
    demo_f = LedgerFilter()
    assert ledger_summary.counts_by(demo_f, "status") == {}


@pytest.fixture
def db_postgresql(user_folders, pg_database):
    pg_database("empty")
    return open_database()


def test_a_raw_insert_and_update_keep_the_tally_and_the_search_queue(demo, pg_database):
    from desk_app.services import ledger_summary

    pg_database("demo")
    open_database()
    f = LedgerFilter(campaign_id=demo.campaign_id)
    before = ledger_summary.counts_by(f, "status")
    entry = LedgerEntry.select().where(LedgerEntry.status == "推进中", LedgerEntry.deleted_at.is_null()).first()
    search.sync()
    database.execute_sql('UPDATE "ledger_entry" SET "status" = ?, "description" = ? WHERE "id" = ?',
                         ("已销号", "独一无二的防汛问题", entry.id))
    after = ledger_summary.counts_by(f, "status")
    assert after["推进中"] == before["推进中"] - 1 and after["已销号"] == before["已销号"] + 1
    assert search.pending() == 1
    assert search.matching_ids("防汛问题") == [entry.id] and search.pending() == 0
    # A statement of many rows (the bulk paths): one insert, one update, one delete of several entries.
    template = LedgerEntry.select().where(LedgerEntry.deleted_at.is_null()).order_by(LedgerEntry.id).limit(40)
    fresh = [{**{f.name: getattr(e, f.name) for f in LedgerEntry._meta.sorted_fields if f.name != "id"},
              "uuid": f"bulk-{i}", "code": f"BULK-{i:03d}", "code_key": f"BULK-{i:012d}"}
             for i, e in enumerate(template)]
    LedgerEntry.insert_many(fresh).execute()
    LedgerEntry.update(status="已销号", department=None).where(LedgerEntry.code.startswith("BULK-0")).execute()
    LedgerEntry.delete().where(LedgerEntry.code.in_(["BULK-001", "BULK-002", "BULK-039"])).execute()
    assert _tally() == _recount()


def _tally() -> dict:
    return {tuple(r[:-1]): r[-1] for r in database.execute_sql(
        'SELECT "campaign_id", "live", "kind", "layer", "department_id", "owner_id", "category", "status", "n" '
        'FROM "ledger_tally" WHERE "n" <> 0').fetchall()}


def _recount() -> dict:
    return {tuple(r[:-1]): r[-1] for r in database.execute_sql(
        'SELECT "campaign_id", CASE WHEN "deleted_at" IS NULL THEN 1 ELSE 0 END, "kind", "layer", '
        'COALESCE("department_id", 0), COALESCE("owner_id", 0), "category", "status", COUNT(*) '
        'FROM "ledger_entry" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8').fetchall()}


def test_the_in_memory_reference_is_the_sqlite_schema(tmp_path):
    reference = pg_schema.reference_sqlite()
    assert isinstance(reference, SqliteDatabase)
    indexes = pg_schema.translated_indexes(reference)
    assert indexes["ledger_entry_live_kind"].startswith('CREATE INDEX "ledger_entry_live_kind" ON "ledger_entry" '
                                                        '("campaign_id", "deleted_at", (CASE')
    assert "(IFNULL(\"deadline\", '9999-12-31'))" in indexes["ledger_entry_live_deadline"]
    reference.close()
    assert parse_url("postgresql://a@b/c").is_postgresql


class _AddNotes:
    """A later migration, as one would be written: portable SQL that runs on both engines."""

    @staticmethod
    def upgrade(db):
        db.execute_sql('CREATE TABLE "desk_note" ("id" INTEGER NOT NULL PRIMARY KEY, "text" TEXT NOT NULL)')


def test_a_later_migration_upgrades_the_server_once_after_a_backup(user_folders, pg_database, monkeypatch):
    from desk_app import paths
    from desk_app.db import migrations, open_postgres
    from desk_app.db.migrations import LATEST_VERSION, MIGRATIONS
    from desk_app.errors import DatabaseTooNewError

    url = pg_database("demo")
    for module in (open_postgres, migrations):  # a program one version newer than the server's data
        monkeypatch.setattr(module, "MIGRATIONS", [*MIGRATIONS, _AddNotes])
        monkeypatch.setattr(module, "LATEST_VERSION", LATEST_VERSION + 1)
    db = open_database()
    assert db.schema_version() == LATEST_VERSION + 1
    assert db.execute_sql('SELECT COUNT(*) FROM "desk_note"').fetchone()[0] == 0
    saved = list(paths.backups_dir().glob(f"pre-migrate-v{LATEST_VERSION}-*.sqlite3"))
    assert len(saved) == 1 and saved[0].stat().st_size > 100_000
    backup = SqliteDatabase(str(saved[0]))  # the data as it was, at the version it was
    assert backup.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert backup.execute_sql("SELECT COUNT(*) FROM ledger_entry").fetchone()[0] == 450
    backup.close()
    close_database()
    open_database()  # already upgraded: nothing runs twice
    assert len(list(paths.backups_dir().glob("pre-migrate-*"))) == 1
    close_database()

    for module in (open_postgres, migrations):  # an older program meets it
        monkeypatch.setattr(module, "LATEST_VERSION", LATEST_VERSION)
    with pytest.raises(DatabaseTooNewError) as err:
        open_database(url=url)
    assert "更新版本的程序" in err.value.message


def test_each_clerk_logs_in_as_themself_and_the_login_decides_the_role(user_folders, pg_server, pg_database):
    """On the server who acts is the PostgreSQL login (README: one login per clerk, members of the owner's
    group role), mapped to a person in 设置 › 角色; the name typed in 设置 › 常规 does not matter there."""
    from psycopg.conninfo import conninfo_to_dict

    from desk_app.db.models import TaskForceMember
    from desk_app.errors import PermissionDeniedError, ValidationError
    from desk_app.services import context, org, roles, roles_admin, taskforce_reports

    url = pg_database("demo")
    name = conninfo_to_dict(url)["dbname"]
    for login in ("liaison_li", "leader_zhao", "stranger"):
        pg_server.sql(f"DO $$ BEGIN CREATE ROLE {login} LOGIN IN ROLE desk_pw; "
                      f"EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    pg_server.sql("GRANT ALL ON ALL TABLES IN SCHEMA public TO desk_pw; "  # the office's group role
                  "GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO desk_pw", name)
    open_database()
    member = TaskForceMember.select().order_by(TaskForceMember.id).first()
    clerk = org.create_person("王文员")
    leader = next(p for p in Person.select().order_by(Person.id) if p.id not in (member.person_id, clerk.id))
    with pytest.raises(ValidationError, match="不再是活动办"):  # the first role must keep this login 活动办
        roles_admin.set_role(clerk.id, "活动办", login="someone_else")
    roles_admin.set_role(clerk.id, "活动办", login="desk")
    roles_admin.set_role(member.person_id, "专班联络员", login="liaison_li")
    roles_admin.set_role(leader.id, "只读", login="leader_zhao")
    close_database()

    def as_login(login):
        close_database()
        open_database(url=pg_server.url(name, user=login))
        context.set_actor("随便填的名字")
        roles.forget_cached()
        return roles.current()

    office = as_login("desk")
    assert office.login == "desk" and office.person_id == clerk.id and office.role == roles.Role.OFFICE
    liaison = as_login("liaison_li")
    assert liaison.person_id == member.person_id and liaison.role == roles.Role.TASK_FORCE_LIAISON
    with pytest.raises(PermissionDeniedError):
        org.create_department("新科室")
    taskforce_reports.save_report(member.task_force_id, "2026-11", "本月进展", "", "")  # their own 专班
    assert as_login("leader_zhao").read_only
    with pytest.raises(PermissionDeniedError):
        taskforce_reports.save_report(member.task_force_id, "2026-11", "改一下", "", "")
    assert as_login("stranger").read_only  # a login nobody was given: read only once roles are in use
    close_database()


def test_the_live_list_reads_partial_indexes_which_an_older_database_gets_on_opening(demo, pg_database):
    from desk_app.services import ledger_paging, ledger_summary

    pg_database("demo")
    open_database()
    for name in pg_schema.live_indexes(pg_schema.translated_indexes(pg_schema.reference_sqlite())):
        database.execute_sql(f'DROP INDEX "{name}"')  # as a database initialised before they existed
    close_database()
    open_database()
    present = {r[0] for r in database.execute_sql("SELECT indexname FROM pg_indexes").fetchall()}
    assert {"ledger_entry_pg_live_code", "ledger_entry_pg_live_overdue"} <= present
    assert database.execute_sql("SHOW join_collapse_limit").fetchone()[0] == "1"
    database.execute_sql("VACUUM ANALYZE")
    f = LedgerFilter(campaign_id=demo.campaign_id)
    sql, params = ledger_paging._query(f, "code", False, True).limit(200).sql()
    database.execute_sql("SET enable_seqscan = off")  # a demo is small: ask which index answers, not if
    plan = "\n".join(r[0] for r in database.execute_sql("EXPLAIN " + sql, params).fetchall())
    assert "ledger_entry_pg_live_code" in plan and "Sort" not in plan  # walked in order, stops after a page
    database.execute_sql("RESET enable_seqscan")
    summary = ledger_summary.summarize(f)
    assert summary.overdue == LedgerEntry.select().where(
        LedgerEntry.campaign_id == demo.campaign_id, LedgerEntry.deleted_at.is_null(),
        ledger_summary.overdue_condition(ledger_summary.context.today())).count()
    assert ledger_paging.page(f, "code", limit=5).ids == [e.id for e in LedgerEntry.select().where(
        LedgerEntry.campaign_id == demo.campaign_id, LedgerEntry.deleted_at.is_null())
        .order_by(LedgerEntry.code_key, LedgerEntry.id).limit(5)]
