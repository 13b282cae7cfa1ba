"""Benchmark: the 月度通报 and 季度办结率通报 of a frozen month at full size (100,000 entries).

    .venv/bin/python bench/bulletin.py [--entries 100000] [--runs 2] [--keep DIR]

--keep DIR keeps the data; a later run with the same DIR measures again without building it.

Builds a throw-away demo of --entries, freezes its last two past months (the second is compared with
the first), then times, best of --runs:
- bulletin_s: the 月度通报 as PDF (both frozen months read, the month's view built, laid out, rendered);
- bulletin_xlsx_s, bulletin_docx_s: the same 通报 as Excel and Word;
- quarter_s: the 季度办结率通报 as PDF;
- reference view_s: month_view alone (the frozen month loaded into its private database, no layout),
  the floor every "as of that month" document pays.
The last line is

    entries=100000 view_s=… bulletin_s=… bulletin_xlsx_s=… bulletin_docx_s=… quarter_s=… pages=… ratio=…

with ratio = bulletin_s / view_s (what laying out the 通报 adds to reading the month).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best(runs: int, work) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-bulletin-"))
    from desk_app import paths
    from desk_app.db import open_database
    from desk_app.demo import build_demo
    from desk_app.exchange.bulletin_files import notice_bytes
    from desk_app.services import context, month_freeze
    from desk_app.services.month_view import run_as_of

    context.set_today(date(2026, 11, 23))
    paths.set_data_dir(folder)
    reuse = (folder / "desk.sqlite3").exists()  # --keep DIR from an earlier run: measure again on it
    open_database()
    if not reuse:
        started = time.perf_counter()
        build_demo(entries=args.entries, seed=1)
        print(f"demo_s={time.perf_counter() - started:.1f}", flush=True)
    from desk_app.services import campaigns

    cid = campaigns.require_current_campaign().id
    if not reuse:
        started = time.perf_counter()
        for month, day in (("2026-09", date(2026, 9, 25)), ("2026-10", date(2026, 10, 25))):
            with context.today_in_this_thread(day):
                month_freeze.freeze_month(cid, month, report_day=day)
        print(f"freeze_two_months_s={time.perf_counter() - started:.1f}", flush=True)
    view_s, _ = best(args.runs, lambda: run_as_of(cid, "2026-10", lambda: None))
    bulletin_s, pdf = best(args.runs, lambda: notice_bytes("bulletin", cid, ".pdf", month="2026-10")[0])
    xlsx_s, _ = best(args.runs, lambda: notice_bytes("bulletin", cid, ".xlsx", month="2026-10"))
    docx_s, _ = best(args.runs, lambda: notice_bytes("bulletin", cid, ".docx", month="2026-10"))
    quarter_s, _ = best(args.runs, lambda: notice_bytes("quarter", cid, ".pdf", quarter="2026-Q4"))
    pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
    print(f"entries={args.entries} view_s={view_s:.2f} bulletin_s={bulletin_s:.2f} bulletin_xlsx_s={xlsx_s:.2f} "
          f"bulletin_docx_s={docx_s:.2f} quarter_s={quarter_s:.2f} pages={pages} ratio={bulletin_s / view_s:.2f}")
    if not args.keep:
        from desk_app.db import close_database

        close_database()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
