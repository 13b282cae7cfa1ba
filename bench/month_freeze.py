"""Benchmark of 封账 and of reading a frozen month back, on a big database.

    .venv/bin/python bench/month_freeze.py --entries 100000 [--data-dir DIR]

Builds the demo database once (``desk-app demo --entries N``) and reuses it; each run works on a copy.
Prints, with a reference measured in the same run (a bare SQL pass over every entry row, the floor of
any freeze):

    scan_s=0.9 freeze_s=9.1 refreeze_s=7.2 frozen_month_s=1.1 view_s=6.0 growth_mb=…

freeze_s: the first month frozen (every entry's row stored); refreeze_s: the next month, nothing changed
(rows shared, only the month's state stored); frozen_month_s: month_freeze.frozen_month (what the 通报
read); view_s: month_view building the frozen month's database (what a frozen print or export waits for
before it starts); growth_mb: the database file after both freezes minus before.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"


def build(data_dir: Path, entries: int) -> None:
    if (data_dir / "desk.sqlite3").exists():
        return
    print(f"building {entries} entries in {data_dir} …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "desk_app", "--data-dir", str(data_dir), "--today", TODAY, "demo",
                    "--entries", str(entries), "--quiet"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "desk_app-bench-freeze")
    args = parser.parse_args()
    build(args.data_dir, args.entries)
    work = Path(tempfile.mkdtemp())
    try:
        shutil.copy2(args.data_dir / "desk.sqlite3", work / "desk.sqlite3")
        size_before = (work / "desk.sqlite3").stat().st_size
        conn = sqlite3.connect(work / "desk.sqlite3")
        started = time.perf_counter()
        for _ in conn.execute("SELECT * FROM ledger_entry"):
            pass
        scan_s = time.perf_counter() - started
        conn.close()

        from desk_app import paths
        from desk_app.services import campaigns, context, month_freeze, session
        from desk_app.services.ledger_query import LedgerFilter, count_entries
        from desk_app.services.month_view import month_view

        paths.set_data_dir(work)
        context.set_today(date.fromisoformat(TODAY))
        session.open_data()
        campaign = campaigns.require_current_campaign().id
        started = time.perf_counter()
        month_freeze.freeze_month(campaign, "2026-10")
        freeze_s = time.perf_counter() - started
        started = time.perf_counter()
        month_freeze.freeze_month(campaign, "2026-11")
        refreeze_s = time.perf_counter() - started
        started = time.perf_counter()
        frozen = month_freeze.frozen_month(campaign, "2026-11")
        frozen_month_s = time.perf_counter() - started
        started = time.perf_counter()
        with month_view(campaign, "2026-11"):
            assert count_entries(LedgerFilter(campaign_id=campaign)) == len(frozen.entries)
        view_s = time.perf_counter() - started
        session.close_data()
        growth = ((work / "desk.sqlite3").stat().st_size - size_before) / 1e6
        print(f"entries={len(frozen.entries)} scan_s={scan_s:.2f} freeze_s={freeze_s:.2f} refreeze_s={refreeze_s:.2f} "
              f"frozen_month_s={frozen_month_s:.2f} view_s={view_s:.2f} growth_mb={growth:.0f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
