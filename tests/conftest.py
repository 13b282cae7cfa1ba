"""Every test gets a fresh data folder and database, redirected user folders and a pinned 'today'.

The demo campaign is built once per test session (it is deterministic) and every test that asks for it
gets its own copy of that database file: same data, own folder, a fraction of the time. So does the empty
migrated database (``db``), and so can a fixture that builds more on top of them (``built_once``).

Both engines (issue 16): ``db`` and ``demo`` open the engine the ``db_engine`` fixture names, "sqlite" unless
a test is parametrised. The service, exchange and print tests are (tests/engines.py decides which): their
PostgreSQL variant runs against a throw-away cluster this session starts (desk_app/db/pg_cluster), each
test in its own database created from a migrated template (the demo's from a demo template); where no
server can start, those variants skip with the reason and the SQLite ones still run.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from engine_matrix import pg_generate_tests, pg_modify_items

# Qt aborts without a display unless told to draw offscreen; set before anything imports Qt. The offscreen
# screen is the clerks' smallest, 1366×768 (issue 18), so every window and dialog is tried at that size.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    _SCREEN = os.path.join(os.path.dirname(__file__), "screen_1366x768.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def user_folders(tmp_path, monkeypatch):
    """Keep the tests away from the real user's data, settings and logs."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    data = tmp_path / "data"
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(data))
    monkeypatch.delenv("DESK_APP_DATABASE", raising=False)
    from desk_app import paths
    from desk_app.db.connection import set_database_url
    from desk_app.services import context

    paths.set_data_dir(None)
    set_database_url(None)
    context.set_today(TODAY)
    context.set_actor("测试员")
    yield data
    from desk_app.db import close_database

    close_database()
    context.set_today(None)
    context.set_actor(None)
    paths.set_data_dir(None)
    set_database_url(None)


def pytest_generate_tests(metafunc):
    pg_generate_tests(metafunc)


def pytest_collection_modifyitems(config, items):
    pg_modify_items(items)
    _xdist_groups_in_node_ids(config, items)


def _xdist_groups_in_node_ids(config, items) -> None:
    """pytest-xdist (3.8) keeps a test's xdist_group on one worker by adding "@group" to its node id
    (item._nodeid), which pytest 9.2 no longer reads (the id comes from item._id): every group was split over
    the workers. Where its suffix did not take, it is added here (--dist loadgroup, scripts/test.sh)."""
    if not getattr(config.option, "loadgroup", False):  # set on xdist's workers
        return
    for item in items:
        names = {str(m.args[0] if m.args else m.kwargs.get("name", "default")) for m in item.iter_markers("xdist_group")}
        suffix = "@" + "_".join(sorted(names))
        if names and not item.nodeid.endswith(suffix) and hasattr(item, "_id"):
            item._id = type(item._id).parse(item.nodeid + suffix)


@pytest.fixture
def db_engine():
    """The engine of this test's database: "sqlite", or "postgresql" in a parametrised test's PG variant."""
    return "sqlite"


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    """A throw-away PostgreSQL cluster for the session (skips the test with the reason when none starts)."""
    from desk_app.db import pg_cluster

    try:
        cluster = pg_cluster.start()
    except pg_cluster.ClusterUnavailable as exc:
        pytest.skip(f"PostgreSQL server unavailable: {exc}")
    yield cluster
    cluster.stop()


def _pg_template(cluster, name: str, demo: bool) -> str:
    """A database at the current version (the demo campaign in it when demo): db init as a clerk runs it."""
    from desk_app import paths
    from desk_app.db import close_database, open_database
    from desk_app.db.engine import parse_url
    from desk_app.db.open_postgres import initialise
    from desk_app.services import context

    cluster.sql(f'CREATE DATABASE "{name}"')
    initialise(parse_url(cluster.url(name))).close()
    previous = paths.data_dir() if os.environ.get("DESK_APP_DATA_DIR") else None
    from desk_app.db.models import database

    pinned, actor = context._today, context._actor  # built inside a test's setup: give them back after
    bound = database.obj
    context.set_today(TODAY)
    context.set_actor("测试员")
    try:
        open_database(url=cluster.url(name))  # seeds the pick lists, as the first open does
        if demo:
            from desk_app.demo import build_demo

            build_demo(seed=1, today=TODAY)
    finally:
        close_database()
        context.set_today(pinned)
        context.set_actor(actor)
        paths.set_data_dir(previous)
        database.initialize(bound)  # the test's own database again (it reconnects on its next query)
    return name


class _Templates(dict):
    """kind ("empty" or "demo") -> template database name, each built the first time it is asked for."""

    def __init__(self, cluster):
        super().__init__()
        self.cluster = cluster

    def __missing__(self, kind: str) -> str:
        self[kind] = _pg_template(self.cluster, f"desk_{kind}_template", demo=kind == "demo")
        return self[kind]


@pytest.fixture(scope="session")
def pg_templates(pg_server):
    """The template databases: pg_templates["empty"], pg_templates["demo"] (each built once, on first use)."""
    return _Templates(pg_server)


@pytest.fixture
def pg_database(request, monkeypatch):
    """Make a fresh PostgreSQL database for this test from a template and point the program at it
    (DESK_APP_DATABASE, as a clerk's setting would); call with "empty" or "demo". Dropped afterwards."""
    cluster = request.getfixturevalue("pg_server")
    templates = request.getfixturevalue("pg_templates")
    made = []

    def make(kind: str = "empty") -> str:
        name = f"t{os.getpid()}_{len(made)}_{abs(hash(request.node.nodeid)) % 10**8}"
        cluster.create_database(name, templates[kind])
        made.append(name)
        url = cluster.url(name)
        monkeypatch.setenv("DESK_APP_DATABASE", url)
        return url

    yield make
    from desk_app.db import close_database

    close_database()
    for name in made:
        cluster.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def db(user_folders, request, db_engine):
    """An empty, migrated database in the test's data folder (a copy of the session's empty template; the
    demo's, when the test also asks for it); on PostgreSQL a fresh database of the session's cluster."""
    from desk_app.db import open_database
    from desk_app.db.models import database

    if "demo" in request.fixturenames:
        request.getfixturevalue("demo")
        return database.obj
    if db_engine == "postgresql":
        request.getfixturevalue("pg_database")("empty")
        return open_database()
    from desk_app import paths

    target = paths.database_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(request.getfixturevalue("empty_template"), target)
    return open_database()


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory):
    """A new database file as open_database makes it (migrated, pick lists seeded), made once: the same
    file every time, so each test gets a copy of it instead of running every migration again."""
    from desk_app.db import close_database, open_database
    from desk_app.db.models import database
    from desk_app.paths import DB_FILE_NAME

    path = tmp_path_factory.mktemp("empty-template") / DB_FILE_NAME
    bound = database.obj
    open_database(path)
    close_database()  # checkpoints the WAL: one self-contained file
    database.initialize(bound)
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The default demo campaign (deterministic: seed 1, today pinned), built once: (folder, DemoResult)."""
    from desk_app import paths
    from desk_app.db import close_database, open_database
    from desk_app.demo import build_demo
    from desk_app.services import context

    folder = tmp_path_factory.mktemp("demo-template")
    previous = paths.data_dir() if os.environ.get("DESK_APP_DATA_DIR") else None
    paths.set_data_dir(folder)
    context.set_today(TODAY)
    context.set_actor("测试员")
    try:
        open_database()
        result = build_demo(seed=1, today=TODAY)
    finally:
        close_database()  # checkpoints the WAL: the folder holds one self-contained file
        context.set_today(None)
        context.set_actor(None)
        paths.set_data_dir(previous)
    return folder, result


@pytest.fixture
def demo(user_folders, demo_template, db_engine, request):
    """The default demo campaign in this test's own data folder (a copy of the session's template); on
    PostgreSQL in a fresh database made from the session's demo template."""
    from desk_app import paths
    from desk_app.db import open_database

    folder, result = demo_template
    if db_engine == "postgresql":
        request.getfixturevalue("pg_database")("demo")
        open_database()
        return result
    target = paths.database_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder / target.name, target)
    open_database()
    return result


@dataclasses.dataclass
class _BuiltOnce:
    """What built_once keeps of a build: the building test's whole folder copied aside (folder; it was
    source), the program's data folder if the build moved it, whether the database was left open, the result."""

    folder: Path
    source: str
    data_dir: str | None
    was_open: bool
    result: object


def _moved(value, old: str, new: str):
    """value with every path (and path string) under folder old moved to the same place under new."""
    if isinstance(value, os.PathLike):
        text = os.fspath(value)
        return type(value)(new + text[len(old):]) if text == old or text.startswith(old + os.sep) else value
    if isinstance(value, str):
        return new + value[len(old):] if value == old or value.startswith(old + os.sep) else value
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return type(value)(*(_moved(item, old, new) for item in value))
    if isinstance(value, (list, tuple)):
        return type(value)(_moved(item, old, new) for item in value)
    if isinstance(value, dict):
        return {key: _moved(item, old, new) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _moved(getattr(value, f.name), old, new) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value


@pytest.fixture(scope="session")
def _built_once_store(tmp_path_factory):
    return {}, tmp_path_factory.mktemp("built-once")


@pytest.fixture
def built_once(request, tmp_path, db_engine, _built_once_store):
    """built_once(name, build) -> build()'s result: for a fixture that builds the same data (on ``db`` or
    ``demo``) for many tests. On SQLite the module's first test runs build(), then its whole folder (data
    folder, files written beside it) is copied aside; later tests get a copy of that folder and the result
    with its paths moved into their own folder: the same data, built once. PostgreSQL variants build."""
    store, root = _built_once_store

    def once(name: str, build):
        if db_engine != "sqlite":
            return build()
        key = f"{request.module.__name__}.{name}"
        if key not in store:
            result = build()
            store[key] = _snapshot(root / key, tmp_path, result)
            return result
        return _restore(store[key], tmp_path)

    return once


def _snapshot(folder, tmp_path, result) -> _BuiltOnce:
    from desk_app import paths
    from desk_app.db import close_database, open_database
    from desk_app.db.models import database

    was_open = database.obj is not None and not database.obj.is_closed()
    close_database()  # folds the WAL into the file
    shutil.copytree(tmp_path, folder)
    if was_open:
        open_database()
    default = paths.data_dir() == Path(os.environ["DESK_APP_DATA_DIR"]).resolve()
    data_dir = None if default else str(paths.data_dir())  # where the build left the program's data folder
    return _BuiltOnce(folder, str(tmp_path), data_dir, was_open, result)


def _restore(built: _BuiltOnce, tmp_path):
    from desk_app import paths
    from desk_app.db import close_database, open_database

    close_database()
    here = str(tmp_path)
    for item in tmp_path.iterdir():
        shutil.rmtree(item) if item.is_dir() else item.unlink()
    shutil.copytree(built.folder, tmp_path, dirs_exist_ok=True)
    paths.set_data_dir(None if built.data_dir is None else _moved(built.data_dir, built.source, here))
    open_database()
    if not built.was_open:
        close_database()
    return _moved(built.result, built.source, here)


class Offices:
    """Two offices for exchange tests (a sub-unit sends, the upper office takes in): each its own data
    folder, and on PostgreSQL its own database. Made after the sender's data is open."""

    def __init__(self, tmp_path, monkeypatch, sender_url, other_url):
        from desk_app import paths

        self.sender_dir, self.other_dir = paths.data_dir(), tmp_path / "upper"
        self.monkeypatch, self.sender_url, self.other_url = monkeypatch, sender_url, other_url

    def _open(self, folder, url):
        from desk_app import paths
        from desk_app.db import close_database, open_database

        close_database()
        paths.set_data_dir(folder)
        if url:
            self.monkeypatch.setenv("DESK_APP_DATABASE", url)
        open_database()

    def other(self):
        self._open(self.other_dir, self.other_url)

    def sender(self):
        self._open(self.sender_dir, self.sender_url)


@pytest.fixture
def offices(tmp_path, monkeypatch, db_engine, request):
    """Offices (see there): .other() opens the upper office's empty data, .sender() the sender's again."""
    sender_url = os.environ.get("DESK_APP_DATABASE")
    other_url = request.getfixturevalue("pg_database")("empty") if db_engine == "postgresql" else None
    if sender_url:
        monkeypatch.setenv("DESK_APP_DATABASE", sender_url)  # making the other database pointed there
    return Offices(tmp_path, monkeypatch, sender_url, other_url)

