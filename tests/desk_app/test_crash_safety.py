"""A process killed (SIGKILL) at a random moment of a long write leaves a consistent database that
holds the data either all before or all after the operation: each service call is one transaction.

50 kills in all, spread over a package import, a bulk create inside one service call, and a bulk
status change; two children run at a time to keep the test short.
"""

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from desk_app import paths
from desk_app.db import close_database

KILLS = {"import": 16, "create": 17, "status": 17}
BULK_CREATE = 1000
STATUS_ENTRIES = 3000
PACKAGE_ENTRIES = 1500

CHILD = r"""
import sys
from datetime import date
from desk_app import paths
paths.set_data_dir(sys.argv[2])
from desk_app.services import context, ledger, session, workflow
from desk_app.db.models import Campaign, LedgerEntry
context.set_today(date(2026, 11, 23))
context.set_actor("压力测试")
session.open_data()
kind = sys.argv[1]
campaign = Campaign.get(Campaign.is_current == True).id  # noqa: E712
ids = [e.id for e in LedgerEntry.select(LedgerEntry.id).order_by(LedgerEntry.id)]


@context.writes
def bulk_create(n):
    for i in range(n):
        ledger.create_entry(campaign, ledger.EntryInput(kind="重点任务", description=f"批量新增第{i}条"))


print("go", flush=True)
if kind == "import":
    from desk_app.exchange.package_apply import apply_package
    from desk_app.exchange.package_import import preview_package
    apply_package(preview_package(sys.argv[3]))
    print("done", flush=True)
    import time
    time.sleep(60)
elif kind == "create":
    while True:
        bulk_create(int(sys.argv[3]))
        print("done", flush=True)
else:
    status = "推进中"
    while True:
        workflow.set_status(ids, status)
        print("done", flush=True)
        status = "未启动" if status == "推进中" else "推进中"
"""


def _build(folder: Path, entries: int, unit: str = "", seed: int = 3) -> None:
    from desk_app.demo import build_demo
    from desk_app.services import session, settings

    paths.set_data_dir(folder)
    session.open_data()
    build_demo(entries=entries, seed=seed)  # the seed also fixes the uuids
    # Every entry open and none broken into measures (whose measures would decide its status and make
    # set_status leave it alone), so a bulk status change touches all of them.
    from desk_app.db.models import database

    database.obj.execute_sql("UPDATE ledger_entry SET status = '未启动', closed_date = NULL, completed_date = NULL")
    database.obj.execute_sql("UPDATE measure SET deleted_at = '2026-11-01 00:00:00'")
    if unit:
        settings.save_report_header(settings.ReportHeader(unit=unit))
    close_database()


@pytest.fixture
def templates(user_folders, tmp_path):
    """A target database, and a package from a sub-unit to import into it."""
    target = tmp_path / "template"
    _build(target, STATUS_ENTRIES)
    source = tmp_path / "subunit"
    _build(source, PACKAGE_ENTRIES, unit="某县活动办", seed=7)
    from desk_app.db import open_database
    from desk_app.exchange.package import write_package

    open_database()
    package = tmp_path / "某县.zip"
    write_package(package)
    close_database()
    paths.set_data_dir(None)
    return target, package


def _rows(conn, sql):
    return conn.execute(sql).fetchone()[0]


def _verify(kind: str, folder: Path, base: dict) -> str:
    """Check one killed child's database; returns 'before' or 'after' (after one or more whole operations)."""
    conn = sqlite3.connect(folder / "desk.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        entries = _rows(conn, "SELECT count(*) FROM ledger_entry")
        changes = _rows(conn, "SELECT count(*) FROM change_log")
        if kind == "create":
            added = entries - base["entries"]
            assert added % BULK_CREATE == 0, f"{added} entries: a bulk create was cut in half"
            assert changes - base["changes"] == added  # one 'create' row per entry, no more, no less
            return "before" if added == 0 else "after"
        if kind == "status":
            statuses = {r[0] for r in conn.execute("SELECT DISTINCT status FROM ledger_entry")}
            assert len(statuses) == 1, f"mixed statuses {statuses}: a status change was cut in half"
            logged = _rows(conn, "SELECT count(*) FROM change_log WHERE field = 'status'")
            assert logged % base["entries"] == 0
            return "before" if logged == 0 else "after"
        receipts = _rows(conn, "SELECT count(*) FROM package_receipt")
        imported = _rows(conn, "SELECT count(*) FROM ledger_entry WHERE source_unit = '某县活动办'")
        assert (receipts, imported) in ((0, 0), (1, PACKAGE_ENTRIES)), (receipts, imported)
        return "before" if receipts == 0 else "after"
    finally:
        conn.close()


def _start(kind: str, folder: Path, template: Path, package: Path) -> subprocess.Popen:
    shutil.copytree(template, folder, ignore=shutil.ignore_patterns("backups", "*.lock"))
    extra = str(package) if kind == "import" else str(BULK_CREATE)
    child = subprocess.Popen([sys.executable, "-c", CHILD, kind, str(folder), extra],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = child.stdout.readline().strip()
    assert line == "go", child.stderr.read()
    return child


def _operation_seconds(kind: str, template: Path, package: Path, root: Path) -> float:
    """How long one whole operation takes on this machine now, so kill moments fall inside it."""
    child = _start(kind, root / f"{kind}-calibrate", template, package)
    started = time.monotonic()
    try:
        assert child.stdout.readline().strip() == "done", child.stderr.read()
        return time.monotonic() - started
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
        child.stderr.close()
        shutil.rmtree(root / f"{kind}-calibrate")


def _one_kill(kind: str, index: int, template: Path, package: Path, root: Path, delay: float) -> tuple[str, str]:
    folder = root / f"{kind}-{index}"
    child = _start(kind, folder, template, package)
    try:
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    return kind, folder


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_fifty_random_kills_leave_the_data_consistent(templates, tmp_path):
    template, package = templates
    conn = sqlite3.connect(template / "desk.sqlite3")
    base = {"entries": _rows(conn, "SELECT count(*) FROM ledger_entry"),
            "changes": _rows(conn, "SELECT count(*) FROM change_log")}
    conn.close()
    rng = random.Random(20261123)
    root = tmp_path / "runs"
    root.mkdir()
    # Kill moments cover the whole operation, from its first statement to a little past its commit,
    # measured on this machine now (two children at a time run slower than one alone).
    spans = {kind: 1.6 * _operation_seconds(kind, template, package, root) for kind in KILLS}
    jobs = [(kind, i, rng.uniform(0.0, spans[kind])) for kind, n in KILLS.items() for i in range(n)]
    rng.shuffle(jobs)
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(_one_kill, kind, i, template, package, root, delay) for kind, i, delay in jobs]
        outcomes = {"import": set(), "create": set(), "status": set()}
        for future in futures:
            kind, folder = future.result()
            outcomes[kind].add(_verify(kind, folder, base))
            shutil.rmtree(folder)
    assert len(jobs) == 50
    # The random moments must have cut into the operation for each kind of work.
    for kind, seen in outcomes.items():
        assert "before" in seen, kind
