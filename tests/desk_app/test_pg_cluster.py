"""The throw-away cluster of the tests and benchmarks: a killed process's cluster is cleaned up by the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from desk_app.db import pg_cluster


def _ended_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _folder(parent: Path, name: str, owner: str | None) -> Path:
    folder = parent / f"desk-pg-{name}"
    (folder / "data").mkdir(parents=True)
    if owner is not None:
        (folder / pg_cluster.OWNER_FILE).write_text(owner, encoding="ascii")
    return folder


def test_clean_stale_removes_only_clusters_whose_process_ended(tmp_path):
    started = pg_cluster._process_started(os.getpid())
    ended = _folder(tmp_path, "ended", f"{_ended_pid()} 1")
    reused = _folder(tmp_path, "reused", f"{os.getpid()} {int(started or 0) + 1}")  # our pid, another process
    alive = _folder(tmp_path, "alive", pg_cluster._owner_text())
    unknown = _folder(tmp_path, "unknown", None)  # an older program's: cannot tell, left alone
    other = tmp_path / "something-else"
    other.mkdir()

    removed = pg_cluster.clean_stale(tmp_path)

    expected = {ended, reused} if started else {ended}
    assert set(removed) == expected
    assert all(p.is_dir() for p in (alive, unknown, other)) and not any(p.exists() for p in expected)


@pytest.mark.slow
def test_a_fresh_start_stops_the_cluster_of_a_killed_process():
    parent = Path(tempfile.mkdtemp(prefix="pgc-", dir=pg_cluster._default_parent()))
    os.chmod(parent, 0o755)  # as root the server runs as postgres, who must reach its folder
    script = ("import sys, time\nfrom desk_app.db import pg_cluster\n"
              f"c = pg_cluster.start({str(parent)!r})\nprint(c.folder, flush=True)\ntime.sleep(600)\n")
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as child:
        try:
            _kill_and_start_again(child)
        finally:
            if child.poll() is None:
                os.kill(child.pid, signal.SIGKILL)
                child.wait()
            pg_cluster.clean_stale(parent)
            os.rmdir(parent)


def _kill_and_start_again(child) -> None:
    """Kill the process that started a cluster; the next start in the same folder stops and removes it."""
    line = child.stdout.readline().strip()
    if not line:
        pytest.skip(f"PostgreSQL server unavailable: {child.stderr.read()[-300:]}")
    stale = Path(line)
    os.kill(child.pid, signal.SIGKILL)  # no chance to stop its cluster
    child.wait()
    postmaster = int((stale / "data" / "postmaster.pid").read_text().split()[0])
    os.kill(postmaster, 0)  # still running after its starter died

    fresh = pg_cluster.start(stale.parent)
    try:
        assert not stale.exists()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and Path(f"/proc/{postmaster}").exists():
            time.sleep(0.1)
        assert not Path(f"/proc/{postmaster}").exists()
        assert fresh.sql("SELECT 1") == (1,)
    finally:
        fresh.stop()
