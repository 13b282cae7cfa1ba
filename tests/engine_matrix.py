"""Which tests run on both engines (issue 16), used by conftest's collection hooks.

Every test of the service, exchange and print suites (tests/desk_app, its exchange/ and reports/) that
uses the ``db`` or ``demo`` fixture runs twice: ``[sqlite]`` and ``[postgresql]``. A test about SQLite
itself (its file, WAL, PRAGMAs, file locks, migrations of old files) is marked ``sqlite_only``, or its module
is listed in SQLITE_ONLY_MODULES. The engine tests (test_engine_*.py) open both engines themselves and
run in the default tier.

Tiers: the PostgreSQL variants carry the marker ``pg`` and stay out of the default run, except those of
DEFAULT_TIER_MODULES and DEFAULT_TIER_TESTS (a representative subset: search, the ledger, its pages and
figures, 封账, a package import, a print), which run by default. CI runs the rest with ``-m "pg and not slow"``; slow tests' variants run with
``-m slow``.

In the default tier every test that needs the server (those variants and the engine tests) is in one xdist
group (PG_GROUP): one worker starts the session's cluster and builds its templates (the demo's too), the
other runs the rest meanwhile; each worker had started its own cluster and built the demo on it again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SUITES = ("desk_app",)  # and everything below it: exchange/, reports/

# About SQLite's files themselves, or opening old SQLite files: nothing to compare on a server.
SQLITE_ONLY_MODULES = {
    "desk_app/test_db.py", "desk_app/test_crash_safety.py", "desk_app/test_faults.py",
    "desk_app/test_instance_lock.py", "desk_app/test_integrity.py", "desk_app/test_migration_month_freeze.py",
    "desk_app/test_migration_rankings.py", "desk_app/test_migrations_6_7.py", "desk_app/test_backup_hostile.py",
    "desk_app/test_paths.py", "desk_app/test_windows_files.py", "desk_app/test_windows_names.py",
    "desk_app/test_windows_platform.py", "desk_app/exchange/test_damaged_database.py",
    # Who acts is the clerk name there; on PostgreSQL it is the database login (a login of its own per
    # person: test_engine_postgres connects as such logins).
    "desk_app/test_roles.py",
}

# PostgreSQL variants in the default tier (about 40 s on two cores with the engine tests): whole modules,
# and single tests of the exchange and print suites.
DEFAULT_TIER_MODULES = {
    "desk_app/test_search.py", "desk_app/test_query_and_stats.py", "desk_app/test_ledger_service.py",
    "desk_app/test_ledger_create.py", "desk_app/test_ledger_paging.py", "desk_app/test_month_freeze.py",
}
DEFAULT_TIER_TESTS = {
    "desk_app/exchange/test_package_roundtrip.py::test_missing_units",
    "desk_app/reports/test_print_documents.py::test_dispatch_shows_this_months_progress_for_open_entries_only",
}

ENGINES = ("sqlite", "postgresql")
PG_GROUP = "postgresql"
SERVER_FIXTURES = {"pg_server", "pg_templates", "pg_database"}


def _module(path) -> str:
    try:
        return Path(path).resolve().relative_to(TESTS).as_posix()
    except ValueError:
        return ""


def _in_matrix(metafunc) -> bool:
    module = _module(metafunc.definition.fspath)
    if not module.startswith(tuple(f"{s}/" for s in SUITES)) or module in SQLITE_ONLY_MODULES:
        return False
    if Path(module).name.startswith("test_engine_"):
        return False  # the engine tests open each engine themselves
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return False
    for mark in metafunc.definition.iter_markers("parametrize"):
        if "db_engine" in str(mark.args[0] if mark.args else mark.kwargs.get("argnames", "")):
            return False  # the test names its engines itself
    names = metafunc.fixturenames
    return "db_engine" in names and ("db" in names or "demo" in names)


def pg_generate_tests(metafunc) -> None:
    if _in_matrix(metafunc):
        metafunc.parametrize("db_engine", ENGINES, ids=ENGINES)


def pg_modify_items(items) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_postgresql = callspec is not None and callspec.params.get("db_engine") == "postgresql"
        module = _module(item.fspath)
        if on_postgresql and module not in DEFAULT_TIER_MODULES and \
                f"{module}::{item.originalname}" not in DEFAULT_TIER_TESTS:
            item.add_marker(pytest.mark.pg)
        elif (on_postgresql or SERVER_FIXTURES & set(getattr(item, "fixturenames", ()))) and \
                not item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.xdist_group(PG_GROUP))  # one cluster in the default tier (see above)
