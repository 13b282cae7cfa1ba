"""Benchmark of the 督办 clock: due dates are computed on every read (never stored), so 首页's card, the
ledger's 督办节点 filter and `stats` cost what computing every open matter's nodes costs.

    .venv/bin/python bench/supervision.py [--matters 2000]

Builds a fresh folder with that many open 督办事项 (交办日期 over the last four months, some nodes met, one
in ten on the 重大事项 rule set) and prints:
    import_calendar_ms  importing chinese-calendar (lazily, on the first date counted)
    count_ms            reference: a bare SELECT count(*) of the open matters
    overview_ms         supervision_overview.overview() (every matter's nodes, lights and escalation)
    filter_ids_ms       the ledger filter's entry ids (the same computation, ids only)
Target: overview_ms stays under 300 for 2,000 open matters (an office has tens to hundreds).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta


def best_ms(fn, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--matters", type=int, default=2000)
    args = parser.parse_args()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import chinese_calendar"], check=True)
    spawn = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    print(f"import_calendar_ms={max(0.0, (spawn - (time.perf_counter() - started)) * 1000):.0f}")

    from desk_app import paths
    from desk_app.db import open_database
    from desk_app.db.models import LedgerEntry
    from desk_app.domain import EntryKind, Status
    from desk_app.services import campaigns, context, org, supervision, supervision_overview
    from desk_app.services.ledger import EntryInput, NewEntry, create_entries

    paths.set_data_dir(tempfile.mkdtemp(prefix="bench-supervision-"))
    open_database()
    today = date(2026, 12, 1)
    context.set_today(today)
    rng = random.Random(15)
    campaign = campaigns.create_campaign("督办基准", 2026)
    dept = org.create_department("预算科")
    items = []
    for n in range(args.matters):
        assigned = today - timedelta(days=rng.randint(0, 120))
        items.append(NewEntry(EntryInput(kind=EntryKind.SUPERVISION, description=f"督办事项{n}", department_id=dept.id,
                                         found_date=assigned, assigned_date=assigned, deadline=today + timedelta(30)),
                              status=Status.IN_PROGRESS))
    ids = create_entries(campaign.id, items, index_now=False)
    for entry_id in ids[::10]:
        supervision.choose_rule(entry_id, "重大事项")
    for entry_id in ids[::3]:
        supervision.set_done_date(entry_id, 1, supervision.clock(entry_id).nodes[0].due)
    open_statuses = [Status.NOT_STARTED.value, Status.IN_PROGRESS.value]
    print(f"count_ms={best_ms(lambda: LedgerEntry.select().where(LedgerEntry.kind == EntryKind.SUPERVISION, LedgerEntry.status.in_(open_statuses)).count()):.1f}")  # noqa: E501
    print(f"overview_ms={best_ms(lambda: supervision_overview.overview(campaign.id)):.0f}")
    print(f"filter_ids_ms={best_ms(lambda: supervision_overview.entry_ids(campaign.id, 'attention')):.0f}")


if __name__ == "__main__":
    main()
