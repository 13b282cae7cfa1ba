"""Benchmark of measures, 配合 and 序时进度 on a big ledger, through the services the ledger page calls.

    .venv/bin/python bench/measures.py --entries 100000 [--data-dir DIR]

Builds the demo (``desk-app demo --entries N``) once, then gives every 20th entry three measures, three
配合 departments and a monthly plan (in that folder; reused afterwards). Times, fastest of five:
    page_ms            a page of 64 rows as the table model reads it (records)
    page_nested_ms     the same plus the measures' count and worst light of those rows (what nesting adds)
    expand_ms          one task's measures read when it is expanded
    assist_count_ms    the count of "my department leads or assists" (the filter bar's 牵头或配合)
    assist_page_ms     its first page, sorted by 编号
    lagging_count_ms   the count of 滞后 tasks
References measured in the same run: like_ms (bench/ledger.py's bare LIKE scan over three text columns).
Targets: page_nested_ms <= 2 × page_ms; assist_count_ms, assist_page_ms, lagging_count_ms <= like_ms.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ledger import build, like_ms  # noqa: E402 - the same demo and reference as bench/ledger.py


def _best(work, rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def _prepare(campaign_id: int) -> None:
    from desk_app.db.models import Department, EntryAssist, LedgerEntry, ProgressPlan, database
    from desk_app.services import measures
    from desk_app.services.measures import MeasureInput

    if EntryAssist.select().count() > 1000:
        return
    print("adding measures, 配合 and plans to every 20th entry …", file=sys.stderr)
    depts = [d.id for d in Department.select(Department.id)]
    ids = [r[0] for r in LedgerEntry.select(LedgerEntry.id).where(LedgerEntry.campaign == campaign_id)
           .order_by(LedgerEntry.id).tuples()][::20]
    with database.atomic():
        pairs = [(i, [MeasureInput(f"措施{n}", department_id=depts[(i + n) % len(depts)], deadline=date(2026, 12, 1),
                                   status=measures.IN_PROGRESS) for n in range(3)]) for i in ids]
        measures.create_for_entries(pairs, log=False)
        database.cursor().executemany('INSERT OR IGNORE INTO "entry_assist" ("entry_id", "department_id", '
                                      '"sort_order") VALUES (?, ?, ?)',
                                      [(i, depts[(i + k) % len(depts)], k) for i in ids for k in range(1, 4)])
        ProgressPlan.insert_many([{"entry": i, "month": "2026-06", "planned": 50.0, "actual": 30.0 if i % 3 else 50.0,
                                   "updated_at": "2026-06-30 00:00:00"} for i in ids]).execute()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=100000)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    data_dir = args.data_dir or Path(tempfile.gettempdir()) / f"desk_app-bench-measures-{args.entries}"
    build(data_dir, args.entries)
    from desk_app import paths
    from desk_app.db import open_database
    from desk_app.services import assists, campaigns, ledger_query, measures
    from desk_app.services.ledger_query import LedgerFilter

    paths.set_data_dir(data_dir)
    open_database()
    campaign = campaigns.require_current_campaign()
    _prepare(campaign.id)
    like = like_ms(data_dir)
    everything = LedgerFilter(campaign_id=campaign.id)
    total = ledger_query.summarize(everything).total
    middle = ledger_query.page(everything, "code", offset=total // 2, limit=64, expected=total).ids
    page = _best(lambda: ledger_query.load_records(middle))
    nested = _best(lambda: (ledger_query.load_records(middle), measures.lights(middle)))
    parent = next(i for i in middle if measures.has_measures(i)) if any(measures.has_measures(i) for i in middle) \
        else middle[0]
    expand = _best(lambda: measures.measures_of(parent))
    dept = assists.department_names().find("预算科") or 1
    either = LedgerFilter(campaign_id=campaign.id, department_ids=[dept], department_role=assists.LEAD_OR_ASSIST)
    count = ledger_query.summarize(either).total
    assist_count = _best(lambda: ledger_query.summarize(either))
    assist_page = _best(lambda: ledger_query.page(either, "code", limit=64, expected=count))
    lagging = LedgerFilter(campaign_id=campaign.id, lagging=True)
    lagging_n = ledger_query.summarize(lagging).total
    lagging_count = _best(lambda: ledger_query.summarize(lagging))
    print(f"{total} entries, {count} led or assisted by one department, {lagging_n} behind schedule ({data_dir}); "
          f"nesting adds {nested / page:.2f} × page_ms (≤ 2); 牵头或配合 count {assist_count / like:.2f}, page "
          f"{assist_page / like:.2f}, 滞后 count {lagging_count / like:.2f} × like_ms (≤ 1)", file=sys.stderr)
    print(f"like_ms={like:.0f} page_ms={page:.1f} page_nested_ms={nested:.1f} expand_ms={expand:.1f} "
          f"assist_count_ms={assist_count:.0f} assist_page_ms={assist_page:.0f} lagging_count_ms={lagging_count:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
