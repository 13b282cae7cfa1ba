"""Benchmark of 首页's and 统计's charts on a big database (offscreen, the GUI's own code).

    .venv/bin/python bench/charts.py --entries 100000 [--data-dir DIR]

Builds the demo database once (as bench/ledger.py does) and reuses it. Prints:
    like_ms         reference: a bare SELECT count(*) … LIKE '%台账%' over 问题表现 (fastest of three)
    overview_ms     首页's figure cards (the main thread's part of a refresh)
    charts_read_ms  the charts' reading (breakdowns by 科室, 专班, 层级 and the trend); 首页 runs it on a
                    worker thread, so it delays the charts, never the window
    charts_draw_ms  drawing them once read (main thread)
    refresh_ms      reference: HomePage.refresh() alone (cards, reminders, people short of problems)
    show_home_ms    HomePage.refresh() plus showing it with the charts to read, on the main thread
Targets: show_home_ms <= refresh_ms + 100 (the reading stays off the main thread); charts_draw_ms <= 50.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ledger import build  # noqa: E402 - the shared demo builder


def best_ms(fn, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.gettempdir()) / f"desk_app_bench_{args.entries}"
    build(data_dir, args.entries)
    os.environ["DESK_APP_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desk_app.db.models import database
    from desk_app.services import campaigns, session, stats
    from desk_app.services.ledger_query import LedgerFilter
    from ui.app import create_application
    from ui.state import AppState
    from ui.views.chart_panel import ChartPanel, chart_data
    from ui.views.home_page import HomePage

    create_application()
    session.open_data()
    campaign_id = campaigns.current_campaign().id
    base = LedgerFilter(campaign_id=campaign_id)
    like = best_ms(lambda: database.execute_sql(
        "SELECT count(*) FROM ledger_entry WHERE description LIKE '%台账%'").fetchone())
    overview = best_ms(lambda: stats.overview(campaign_id))
    data = chart_data(base)
    read = best_ms(lambda: chart_data(base), rounds=2)
    panel = ChartPanel()
    panel.resize(1200, 360)

    def draw():
        panel.show_data(base, data)
        panel.grab()

    drawn = best_ms(draw)
    home = HomePage(AppState())
    home.resize(1230, 700)
    from PySide6.QtCore import QThreadPool

    def show_without_charts():
        home.refresh()
        home._charts_stale = False
        home.show()
        home.hide()

    refresh = best_ms(show_without_charts, rounds=3)
    show = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        home.refresh()
        home._charts_stale = True
        home.show()
        home.hide()
        show = min(show, (time.perf_counter() - started) * 1000)
        QThreadPool.globalInstance().waitForDone()
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()  # deliver the readings' last signals before the objects go
    print(f"like_ms={like:.0f} overview_ms={overview:.0f} refresh_ms={refresh:.0f} charts_read_ms={read:.0f} "
          f"charts_draw_ms={drawn:.0f} show_home_ms={show:.0f}")


if __name__ == "__main__":
    main()
