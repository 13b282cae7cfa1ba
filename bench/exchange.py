"""Benchmark: 10,000 demo entries to .xlsx and to an exchange package, and the package into an empty
database; a clerk's 10,000-row Excel ledger (two-row header, merged cells, status and deadline words)
previewed and imported; then a sub-unit's 20,000-entry package through the command line, as a clerk
runs it. Targets (absolute, on a 2-core machine):

    xlsx_s             10,000 entries to .xlsx with the full print setup (XlsxWriter constant-memory)  ≤ 1.5 s
    package_s, import_s                                                                              ≤ 3 s
    xlsx_import_s      the 10,000-row ledger previewed and imported (xlsx_preview_s: the preview alone)  ≤ 3 s
    package_cli_s      `desk-app import package FILE --yes` into a folder with its own ledger, backup included  ≤ 4 s
    package_again_s    the same package again (nothing to do: its receipt answers, exchange/package_again)       ≤ 1.5 s
    package_changed_s  the next package of the same unit, every entry changed                                 ≤ 8 s

Run: .venv/bin/python bench/exchange.py [--entries N] [--package-entries N] [--only package|ledger|xlsx] [--runs N]
(--only package: the three command-line package steps alone, with `desk-app --help` as the reference, and
each command's CPU seconds as *_cpu_s, which a machine loaded by others swells far less than wall time;
they count the command's children too: the first import's field checks run in a forked child on the other
core (exchange/package_aside), so package_cli_cpu_s adds both cores' seconds while package_cli_s waits for the
longer of the two.
--only ledger: the Excel ledger's preview and import alone, with their CPU seconds as xlsx_preview_cpu_s and
xlsx_import_cpu_s, and the references.
--only xlsx: the .xlsx export alone, --runs times (default 5) in one process after the first, alternating with
its floor: xlsx_first_s the first export (what the full run's xlsx_s measures), xlsx_s and xlsx_cpu_s the best
of the runs, xlsx_floor_s and xlsx_floor_cpu_s XlsxWriter alone writing the same cells (constant memory, one
write_string/write_number/write_datetime per cell with its format, no row heights, no print setup), the
least any export through XlsxWriter's own cell calls could take.)
Prints one line per step and finally the name=value line, with the references measured in the same run
for the Excel import: openpyxl's read-only mode reading the same ledger (the reader python-calamine
replaced) and a bare Python loop.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


CPU_SECONDS: dict[str, float] = {}  # per command of package_cli: the process's own CPU time (user + system)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cli(data_dir: Path, *args: str, name: str = "") -> float:
    """Seconds for one desk-app command in a fresh process, as a clerk runs it. With a name, its CPU
    seconds go to CPU_SECONDS too: on a machine others load, wall time swells, CPU time much less."""
    cpu, started = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-m", "desk_app", "--data-dir", str(data_dir), *args], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    if name:
        CPU_SECONDS[name.removesuffix("_s") + "_cpu_s"] = _children_cpu() - cpu
    return time.perf_counter() - started


def package_cli(work: Path, entries: int) -> dict[str, float]:
    """A sub-unit's package of `entries` into an office with its own (demo) ledger: first, again, all changed."""
    unit, office = work / "subunit", work / "office"
    _cli(unit, "demo", "--entries", str(entries), "--seed", "3", "--quiet")
    _cli(office, "demo", "--quiet")
    first, second = work / "unit-1.zip", work / "unit-2.zip"
    _cli(unit, "export", "package", "--out", str(first), "--period", "2026-10", "--unit", "区财政局")
    times = {"package_cli_s": _cli(office, "import", "package", str(first), "--yes", name="package_cli_s")}
    times["package_again_s"] = _cli(office, "import", "package", str(first), "--yes", name="package_again_s")
    # The unit's next month: every entry edited (as a bulk change of 备注 would), then sent again.
    code = ("import sys; from desk_app import paths; paths.set_data_dir(sys.argv[1]);"
            "from desk_app.services import session; from desk_app.db.models import database; session.open_data();"
            "database.execute_sql(\"UPDATE ledger_entry SET note = note || '已复核', "
            "updated_at = datetime(updated_at, '+1 day')\")")
    subprocess.run([sys.executable, "-c", code, str(unit)], check=True, cwd=ROOT)
    _cli(unit, "export", "package", "--out", str(second), "--period", "2026-11", "--unit", "区财政局")
    times["package_changed_s"] = _cli(office, "import", "package", str(second), "--yes", name="package_changed_s")
    print(f"package via the command line: {entries} entries new {times['package_cli_s']:.2f} s, "
          f"again {times['package_again_s']:.2f} s, all changed {times['package_changed_s']:.2f} s")
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--package-entries", type=int, default=20_000)
    parser.add_argument("--only", choices=("package", "ledger", "xlsx"),
                        help="package: only the command-line package steps; ledger: only the Excel ledger import; "
                             "xlsx: only the .xlsx export, several times, with its floor")
    parser.add_argument("--runs", type=int, default=5, help="--only xlsx: how many exports after the first")
    args = parser.parse_args()
    if args.only == "package":
        return main_package(args.package_entries)
    if args.only == "ledger":
        return main_ledger(args.entries)
    if args.only == "xlsx":
        return main_xlsx(args.entries, args.runs)
    from desk_app import paths
    from desk_app.db import close_database, open_database
    from desk_app.demo import build_demo
    from desk_app.exchange.ledger_export import LedgerExportOptions
    from desk_app.exchange.package import write_package
    from desk_app.exchange.package_apply import apply_package
    from desk_app.exchange.package_import import preview_package
    from desk_app.exchange.xlsx_export import export_xlsx
    from desk_app.services import campaigns, context, settings
    from desk_app.services.ledger_query import LedgerFilter

    work = Path(tempfile.mkdtemp(prefix="bench-exchange-"))
    try:
        paths.set_data_dir(work / "unit")
        open_database()
        context.set_actor("bench")
        build_demo(entries=args.entries, seed=1)
        settings.save_report_header(settings.ReportHeader(unit="区财政局", filled_by="张三"))
        campaign = campaigns.current_campaign()

        started = time.perf_counter()
        rows = export_xlsx(LedgerExportOptions(filter=LedgerFilter(campaign_id=campaign.id)), work / "ledger.xlsx")
        xlsx_s = time.perf_counter() - started
        print(f"xlsx: {rows} rows, {(work / 'ledger.xlsx').stat().st_size / 1e6:.1f} MB in {xlsx_s:.2f} s")

        started = time.perf_counter()
        summary = write_package(work / "package.zip", campaign_id=campaign.id)
        package_s = time.perf_counter() - started
        print(f"package: {summary.entries} entries, {summary.progress} progress updates, "
              f"{(work / 'package.zip').stat().st_size / 1e6:.1f} MB in {package_s:.2f} s")
        close_database()

        paths.set_data_dir(work / "upper")
        open_database()
        started = time.perf_counter()
        preview = preview_package(work / "package.zip")
        result = apply_package(preview)
        import_s = time.perf_counter() - started
        print(f"import: {result.new} new entries, {result.progress} progress updates in {import_s:.2f} s")
        close_database()
        cli = package_cli(work / "cli", args.package_entries)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    xlsx_preview_s, xlsx_import_s = bench_ledger_import(args.entries)
    print(f"xlsx_s={xlsx_s:.2f} package_s={package_s:.2f} import_s={import_s:.2f} xlsx_preview_s={xlsx_preview_s:.2f} "
          f"xlsx_import_s={xlsx_import_s:.2f} " + " ".join(f"{name}={value:.2f}" for name, value in cli.items()))
    return 0


def main_package(entries: int) -> int:
    """The command-line package steps alone, with a reference: a fresh `desk-app --help` process."""
    work = Path(tempfile.mkdtemp(prefix="bench-package-"))
    try:
        help_s = _cli(work / "help", "--help", name="cli_help_s")
        cli = package_cli(work, entries)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"cli_help_s={help_s:.2f} " + " ".join(f"{name}={value:.2f}" for name, value in cli.items())
          + " " + " ".join(f"{name}={value:.2f}" for name, value in CPU_SECONDS.items()))
    return 0


def main_ledger(rows: int) -> int:
    """The Excel ledger's preview and import alone, with their CPU seconds (this process's own)."""
    xlsx_preview_s, xlsx_import_s = bench_ledger_import(rows)
    print(f"xlsx_preview_s={xlsx_preview_s:.2f} xlsx_import_s={xlsx_import_s:.2f} "
          + " ".join(f"{name}={value:.2f}" for name, value in CPU_SECONDS.items()))
    return 0


def _own_cpu() -> float:
    return time.process_time()


def main_xlsx(entries: int, runs: int) -> int:
    """The .xlsx export of `entries` demo entries alone: once, then `runs` times alternating with its floor."""
    from desk_app import paths
    from desk_app.db import close_database, open_database
    from desk_app.demo import build_demo
    from desk_app.exchange.ledger_export import LedgerExportOptions
    from desk_app.exchange.xlsx_export import export_xlsx
    from desk_app.services import campaigns, context, settings
    from desk_app.services.ledger_query import LedgerFilter

    work = Path(tempfile.mkdtemp(prefix="bench-xlsx-"))
    try:
        paths.set_data_dir(work / "unit")
        open_database()
        context.set_actor("bench")
        build_demo(entries=entries, seed=1)
        settings.save_report_header(settings.ReportHeader(unit="区财政局", filled_by="张三"))
        options = LedgerExportOptions(filter=LedgerFilter(campaign_id=campaigns.current_campaign().id))
        out = work / "ledger.xlsx"

        def export() -> tuple[float, float]:
            started, cpu = time.perf_counter(), _own_cpu()
            export_xlsx(options, out)
            return time.perf_counter() - started, _own_cpu() - cpu

        first_s, first_cpu = export()
        rows = _sheet_cells(options)
        exports, floors = [], []
        for _ in range(runs):  # alternating, so that both see the same load
            exports.append(export())
            floors.append(_xlsx_floor(rows, work / "floor.xlsx"))
        close_database()
        size = out.stat().st_size / 1e6
    finally:
        shutil.rmtree(work, ignore_errors=True)
    best, cpu = min(exports)[0], min(c for _, c in exports)
    floor, floor_cpu = min(floors)[0], min(c for _, c in floors)
    print(f"xlsx: {entries} entries ({len(rows)} sheet rows, {size:.1f} MB): first {first_s:.2f} s "
          f"({first_cpu:.2f} s CPU), then " + ", ".join(f"{w:.2f}/{c:.2f}" for w, c in exports)
          + " s wall/CPU; XlsxWriter alone for the same cells: " + ", ".join(f"{w:.2f}/{c:.2f}" for w, c in floors))
    print(f"xlsx_first_s={first_s:.2f} xlsx_s={best:.2f} xlsx_cpu_s={cpu:.2f} xlsx_floor_s={floor:.2f} "
          f"xlsx_floor_cpu_s={floor_cpu:.2f}")
    return 0


def _sheet_cells(options) -> list[list]:
    """The ledger sheet's data rows as the export writes them (typed values, 续 and measure rows included)."""
    from desk_app.exchange.ledger_export import fetch_all, split_sheets
    from desk_app.exchange.xlsx_layout import column_widths, sheet_rows
    from desk_app.exchange.xlsx_measures import Nesting

    rows, columns = [], options.columns
    for sheet in split_sheets(options, fetch_all(options)):
        widths = column_widths(columns, sheet.rows)
        records = sheet_rows(sheet.rows, columns, widths)
        nested = Nesting.for_sheet([c.key for c in columns], sheet.entry_ids)
        if nested is not None:
            records = nested.insert(records, sheet.entry_ids, widths)
        rows += [r.values for r in records]
    return rows


def _xlsx_floor(rows: list[list], out: Path) -> tuple[float, float]:
    """XlsxWriter alone writing these cells: constant memory, one call per cell with its format."""
    from datetime import date

    import xlsxwriter

    started, cpu = time.perf_counter(), _own_cpu()
    workbook = xlsxwriter.Workbook(str(out), {"constant_memory": True, "strings_to_formulas": False,
                                              "strings_to_urls": False, "strings_to_numbers": False})
    sheet = workbook.add_worksheet()
    text = workbook.add_format({"text_wrap": True, "border": 1, "valign": "vcenter"})
    number = workbook.add_format({"align": "center", "border": 1})
    when = workbook.add_format({"num_format": 'yyyy"年"m"月"d"日"', "border": 1})
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if isinstance(value, str):
                sheet.write_string(r, c, value, text)
            elif isinstance(value, date):
                sheet.write_datetime(r, c, value, when)
            else:
                sheet.write_number(r, c, value, number)
    workbook.close()
    return time.perf_counter() - started, _own_cpu() - cpu


def _ledger_file(rows: int, folder: Path) -> Path:
    """A 巡察整改台账 laid out like the corpus' first ledger, its five problems repeated to `rows` rows."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "desk_app" / "exchange"))
    from corpus.build import build
    from corpus.layouts import LAYOUTS

    layout = LAYOUTS[0]
    problems = [row for row in layout.body if isinstance(row[0], int)]
    body, merges = [], []
    for group in range(-(-rows // len(problems))):
        start = len(body)
        for row in problems[: rows - len(body)]:
            body.append([len(body) + 1, *row[1:2], f"{row[2]}（第{group + 1}组）", *row[3:]])
        if len(body) - start >= 2:
            merges += [(1, start, 1, start + 1), (6, start, 6, start + 1)]
    layout.body, layout.body_merges, layout.expected = body, merges, []
    return build(layout, folder)


def bench_ledger_import(rows: int) -> tuple[float, float]:
    """Preview (read, understand, check every row) and import of a clerk's ledger into a new folder."""
    from openpyxl import load_workbook

    from desk_app import paths
    from desk_app.db import close_database, open_database
    from desk_app.exchange.xlsx_apply import apply_import
    from desk_app.exchange.xlsx_import import ImportOptions, plan_import, read_sheet
    from desk_app.services import campaigns, context

    work = Path(tempfile.mkdtemp(prefix="bench-ledger-"))
    try:
        path = _ledger_file(rows, work)
        started = time.perf_counter()
        wb = load_workbook(path, read_only=True, data_only=True)
        cells = sum(len(row) for row in wb.worksheets[0].iter_rows(values_only=True))
        wb.close()
        openpyxl_s = time.perf_counter() - started
        started = time.perf_counter()
        total = 0
        for i in range(3_000_000):
            total += i
        loop_s = time.perf_counter() - started
        paths.set_data_dir(work / "clerk")
        open_database()
        context.set_actor("bench")
        campaigns.create_campaign("2023年巡察整改", 2023)
        started, cpu = time.perf_counter(), _own_cpu()
        content = read_sheet(path)
        read_s = time.perf_counter() - started
        plan = plan_import(path, ImportOptions(create_missing=True), content=content)
        preview_s = time.perf_counter() - started
        CPU_SECONDS["xlsx_preview_cpu_s"] = _own_cpu() - cpu
        result = apply_import(plan)
        total_s = time.perf_counter() - started
        CPU_SECONDS["xlsx_import_cpu_s"] = _own_cpu() - cpu
        close_database()
        print(f"ledger import: {len(plan.rows)} rows read in {read_s:.2f} s (openpyxl read-only: {openpyxl_s:.2f} s "
              f"for the same {cells} cells), preview {preview_s:.2f} s, written {result.created} entries in "
              f"{total_s - preview_s:.2f} s; reference: bare loop of 3M additions {loop_s:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return preview_s, total_s


if __name__ == "__main__":
    sys.exit(main())
