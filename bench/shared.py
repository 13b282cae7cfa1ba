"""Load test of one campaign shared by several clerks: concurrent edits, none lost (not a timed test).

    .venv/bin/python bench/shared.py                 # PostgreSQL: a throw-away cluster (issue 16 part A)
    .venv/bin/python bench/shared.py --database URL  # a given PostgreSQL server
    .venv/bin/python bench/shared.py --sqlite        # several programs on one SQLite file (WAL)
    .venv/bin/python bench/shared.py --database URL --reuse  # URL already holds the campaign (quicker reruns)
    options: --entries 100000 --clients 8 --edits 500 --hot 20 --hot-share 0.25
             --sqlite-load  (after a PostgreSQL run, the same load on a SQLite file: sqlite_load_list_ms_p95)

The campaign is the demo at --entries (built once per schema version into a cache folder, copied afresh
for every run). Each of --clients processes makes --edits edits the way the entry editor does: read the
entry with its version, change it, save with base_version. A stale save (StaleVersionError) is a
conflict: the client reads the entry again, applies its change to what it finds (the merge view's
"keep theirs, add mine") and saves again. A --hot-share of the edits go to --hot entries, so clerks meet on
the same entries. Every fifth edit the client lists the ledger as the page does (counts, first page of
200, their records).

Each edit appends a unique token to 备注. At the end every token of a save that was reported as saved must
still be in its entry (a missing one is a lost update), and no two saves of an entry may have ended at the
same version (wrong_versions).

The reference, measured in the same run: sqlite_list_ms, the same listing on a SQLite copy of the same
campaign with nobody else working. Also measured before the clients start: alone_list_ms, the listing on
the shared database itself with nobody else working (what the load adds is list_ms against it); and the
clients report list_cpu_ms, the CPU their own process spent per listing (the rest is the server's work,
round trips, and waiting for a core: all the clients run on this one machine); save_cpu_ms likewise per save. load_avg is the machine's
1-minute load before the run (others' work inflates every figure). Targets: lost_updates=0, list_ms_p95 <=
2 × sqlite_list_ms_p95, save_ms_p95 <= 100. The last line is, e.g.:

    lost_updates=0 conflicts=412 list_ms_p95=61.0 save_ms_p95=38.2 sqlite_list_ms_p95=35.1
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LIST_EVERY = 5


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def template(entries: int) -> Path:
    """The demo campaign as a SQLite file, built once per size and schema version."""
    from desk_app.db.migrations import LATEST_VERSION

    folder = Path(tempfile.gettempdir()) / f"desk_app-bench-shared-{entries}-v{LATEST_VERSION}"
    if not (folder / "desk.sqlite3").exists():
        print(f"building {entries} entries in {folder} …", file=sys.stderr)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "desk_app", "--data-dir", str(folder), "demo", "--entries",
                        str(entries), "--index", "--quiet"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return folder


def connect(target: str) -> None:
    """Bind the models to the shared database: 'sqlite:PATH' or a postgresql:// URL."""
    from desk_app.services import context

    context.set_actor(f"bench-{os.getpid()}")
    if target.startswith("sqlite:"):
        from desk_app.db import open_database

        open_database(Path(target.removeprefix("sqlite:")))  # no folder lock: several programs share the file
        return
    from desk_app.db import open_database

    open_database(url=target)  # issue 16 part A: the PostgreSQL engine


def campaign_filter():
    from desk_app.services import campaigns
    from desk_app.services.ledger_filter import LedgerFilter

    f = LedgerFilter()
    f.campaign_id = campaigns.current_campaign().id
    return f


def list_once(f, cpu: list | None = None) -> float:
    """What the ledger page runs to show the list: counts, the first page, its records (ms; the process's
    CPU ms appended to cpu)."""
    from desk_app.services import ledger_paging, ledger_query
    from desk_app.services.entry_records import load_records

    started, on_cpu = time.perf_counter(), time.process_time()
    summary = ledger_query.summarize(f)
    first = ledger_paging.page(f, "code", limit=200, expected=summary.total)
    load_records(first.ids)
    if cpu is not None:
        cpu.append((time.process_time() - on_cpu) * 1000)
    return (time.perf_counter() - started) * 1000


def client(number: int, target: str, edits: int, hot: list[int], hot_share: float, start_at: float,
           checked: bool = True) -> dict:
    from desk_app.db.models import LedgerEntry
    from desk_app.errors import StaleVersionError
    from desk_app.services import concurrency, ledger

    connect(target)
    rng = random.Random(number)

    ids = [r[0] for r in LedgerEntry.select(LedgerEntry.id).where(LedgerEntry.deleted_at.is_null())
           .order_by(LedgerEntry.id).tuples()]
    hot = [ids[p % len(ids)] for p in hot]  # positions in the list: the same entries for every client
    f = campaign_filter()
    time.sleep(max(0.0, start_at - time.time()))
    saves, save_cpu, lists, list_cpu, saved, conflicts = [], [], [], [], [], 0
    for n in range(edits):
        entry_id = rng.choice(hot) if rng.random() < hot_share else rng.choice(ids)
        token = f"[c{number}e{n}]"
        record = ledger.get_entry(entry_id)
        while True:
            data = replace(record.as_input(), note=(record.note + token)[-19000:])
            started, on_cpu = time.perf_counter(), time.process_time()
            try:
                after = ledger.update_entry(entry_id, data, base_version=record.version if checked else None)
            except StaleVersionError:
                conflicts += 1
                record = ledger.get_entry(entry_id)  # theirs, then mine on top of it
                continue
            finally:
                saves.append((time.perf_counter() - started) * 1000)
                save_cpu.append((time.process_time() - on_cpu) * 1000)
            saved.append((entry_id, token, after.version))
            break
        if n % LIST_EVERY == 0:
            lists.append(list_once(f, list_cpu))
    return {"saves": saves, "save_cpu": save_cpu, "lists": lists, "list_cpu": list_cpu, "saved": saved, "conflicts": conflicts,
            "retries": concurrency.retries_so_far(), "records": records_kept_and_read()}


def records_kept_and_read() -> tuple[int, int]:
    """(records a listing handed out as kept, records it read) in this process (PostgreSQL's list cache)."""
    try:
        from desk_app.services import ledger_pg_cache
    except ImportError:  # a program without it
        return 0, 0
    return ledger_pg_cache.counts["kept"], ledger_pg_cache.counts["read"]


def _client_main(args):
    return client(*args)


def check(target: str, saved: list[tuple[int, str, int]]) -> tuple[int, int]:
    """(lost updates, entries whose saves do not line up as one version after the other).

    A save reported as saved must have left its token in the entry; and the versions its saves ended at must
    all differ (two saves on the same base version: one overwrote the other) with the last one stored."""
    from desk_app.services import ledger

    connect(target)
    by_entry: dict[int, list[tuple[str, int]]] = {}
    for entry_id, token, version in saved:
        by_entry.setdefault(entry_id, []).append((token, version))
    lost = wrong_version = 0
    for entry_id, saves in by_entry.items():
        record = ledger.get_entry(entry_id)
        lost += sum(1 for token, _ in saves if token not in record.note)
        versions = [v for _, v in saves]
        wrong_version += len(set(versions)) != len(versions) or record.version != max(versions)
    return lost, wrong_version


def reference_lists(target: str, rounds: int) -> list[float]:
    """The listing's times with nobody else working ('sqlite:PATH' or a URL)."""
    connect(target)
    f = campaign_filter()
    list_once(f)  # warm
    return [list_once(f) for _ in range(rounds)]


def run_in_process(func, *args):
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(func, args)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", help="postgresql://… : a given server (the campaign is copied onto it)")
    parser.add_argument("--sqlite", action="store_true", help="several programs on one SQLite file instead")
    parser.add_argument("--entries", type=int, default=100000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument("--hot", type=int, default=20, help="entries several clerks edit")
    parser.add_argument("--hot-share", type=float, default=0.25)
    parser.add_argument("--reuse", action="store_true",
                        help="with --database: it already holds this campaign (an earlier run's copy); no copy")
    parser.add_argument("--no-versions", action="store_true",
                        help="save without base_version (last writer wins): shows what the check catches")
    parser.add_argument("--sqlite-load", action="store_true",
                        help="also run the same load on a SQLite file afterwards and print its list times "
                             "(sqlite_load_list_ms: several programs on one file, beside the server's)")
    args = parser.parse_args(argv)
    source = template(args.entries)
    work = Path(tempfile.mkdtemp(prefix="desk_app-bench-shared-"))
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, work, ignore_errors=True)  # last: after a cluster of the run stopped
        reference = work / "reference" / "desk.sqlite3"
        reference.parent.mkdir()
        shutil.copyfile(source / "desk.sqlite3", reference)
        if args.sqlite:
            shared = work / "shared" / "desk.sqlite3"
            shared.parent.mkdir()
            shutil.copyfile(source / "desk.sqlite3", shared)
            target = f"sqlite:{shared}"
        else:
            target = shared_server(args, reference, stack)
        load_avg = os.getloadavg()[0]
        reference_ms = run_in_process(reference_lists, f"sqlite:{reference}", 30)
        alone_ms = run_in_process(reference_lists, target, 30)
        results, wall = run_load(target, args)
        saved = [tuple(s) for r in results for s in r["saved"]]
        lost, wrong_version = run_in_process(check, target, saved)
        if args.sqlite_load and not args.sqlite:  # the same load on a SQLite file, for comparison
            shared = work / "shared-sqlite" / "desk.sqlite3"
            shared.parent.mkdir()
            shutil.copyfile(source / "desk.sqlite3", shared)
            sqlite_results, _ = run_load(f"sqlite:{shared}", args)
            sqlite_lists = [ms for r in sqlite_results for ms in r["lists"]]
    saves = [ms for r in results for ms in r["saves"]]
    lists = [ms for r in results for ms in r["lists"]]
    list_cpu = [ms for r in results for ms in r["list_cpu"]]
    save_cpu = [ms for r in results for ms in r["save_cpu"]]
    conflicts = sum(r["conflicts"] for r in results)
    engine = "sqlite" if args.sqlite else "postgresql"
    print(f"engine={engine} entries={args.entries} clients={args.clients} edits={len(saved)} wall_s={wall:.1f} "
          f"load_avg={load_avg:.1f} retries={sum(r['retries'] for r in results)} wrong_versions={wrong_version} "
          f"save_ms_p50={percentile(saves, 50):.1f} save_cpu_ms_p50={percentile(save_cpu, 50):.1f} list_ms_p50={percentile(lists, 50):.1f} "
          f"list_cpu_ms_p50={percentile(list_cpu, 50):.1f} alone_list_ms_p50={percentile(alone_ms, 50):.1f} "
          f"alone_list_ms_p95={percentile(alone_ms, 95):.1f} sqlite_list_ms_p50={percentile(reference_ms, 50):.1f}")
    if args.sqlite_load and not args.sqlite:
        print(f"sqlite_load_list_ms_p50={percentile(sqlite_lists, 50):.1f} "
              f"sqlite_load_list_ms_p95={percentile(sqlite_lists, 95):.1f}")
    kept, read = (sum(r["records"][i] for r in results) for i in (0, 1))
    if kept + read:
        print(f"records_kept_share={kept / (kept + read):.3f}")
    print(f"lost_updates={lost} conflicts={conflicts} list_ms_p95={percentile(lists, 95):.1f} "
          f"save_ms_p95={percentile(saves, 95):.1f} sqlite_list_ms_p95={percentile(reference_ms, 95):.1f}")
    return 0


def run_load(target: str, args) -> tuple[list[dict], float]:
    """--clients processes making their edits on target at once: their results and the wall seconds."""
    rng = random.Random(0)
    hot = rng.sample(range(args.entries), args.hot)
    start_at = time.time() + 3.0  # every client connected and ready before the first edit
    jobs = [(n, target, args.edits, hot, args.hot_share, start_at, not args.no_versions)
            for n in range(args.clients)]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(args.clients) as pool:
        results = pool.map(_client_main, jobs)
    return results, time.perf_counter() - started - 3.0


def shared_server(args, reference: Path, stack: ExitStack) -> str:
    """The PostgreSQL database of the run, holding a copy of the campaign: --database (an empty database
    the run may fill), else a throw-away cluster started the way the tests start theirs (db/pg_cluster)."""
    url = args.database
    if not url:
        try:
            from desk_app.db import pg_cluster
        except ImportError:
            sys.exit("PostgreSQL needs the engine layer of issue 16 part A (desk_app.db.pg_cluster); run with --sqlite.")
        cluster = pg_cluster.start(durable=True)  # synchronous commit, as an office's server runs
        stack.callback(cluster.stop)
        cluster.sql("CREATE DATABASE bench_shared")
        url = cluster.url("bench_shared")
    if args.reuse and args.database:
        return url
    print(f"copying the campaign onto {url.split('@')[-1]} …", file=sys.stderr)
    for command in (["db", "init", url], ["db", "copy", "--from", f"sqlite:{reference}", "--to", url]):
        subprocess.run([sys.executable, "-m", "desk_app", *command], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return url


if __name__ == "__main__":
    sys.exit(main())
