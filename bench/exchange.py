"""Benchmark: 10,000 demo entries to .xlsx and to an exchange package, and the package into an empty
database; a clerk's 10,000-row Excel ledger (two-row header, merged cells, status and deadline words)
previewed and imported. Targets: xlsx_s ≤ 1.5 s (issue 12; XlsxWriter constant-memory, the full export
with its print setup), the others ≤ 3 s. Run: .venv/bin/python bench/exchange.py [--entries N]

Prints one line per step and finally `xlsx_s=… package_s=… import_s=… xlsx_preview_s=… xlsx_import_s=…`
(xlsx_import_s = preview + write), with the
references measured in the same run: openpyxl's read-only mode reading the same ledger (the reader
python-calamine replaced) and a bare Python loop.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
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
    finally:
        shutil.rmtree(work, ignore_errors=True)
    xlsx_preview_s, xlsx_import_s = bench_ledger_import(args.entries)
    print(f"xlsx_s={xlsx_s:.2f} package_s={package_s:.2f} import_s={import_s:.2f} xlsx_preview_s={xlsx_preview_s:.2f} "
          f"xlsx_import_s={xlsx_import_s:.2f}")
    return 0


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
        started = time.perf_counter()
        content = read_sheet(path)
        read_s = time.perf_counter() - started
        plan = plan_import(path, ImportOptions(create_missing=True), content=content)
        preview_s = time.perf_counter() - started
        result = apply_import(plan)
        total_s = time.perf_counter() - started
        close_database()
        print(f"ledger import: {len(plan.rows)} rows read in {read_s:.2f} s (openpyxl read-only: {openpyxl_s:.2f} s "
              f"for the same {cells} cells), preview {preview_s:.2f} s, written {result.created} entries in "
              f"{total_s - preview_s:.2f} s; reference: bare loop of 3M additions {loop_s:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return preview_s, total_s


if __name__ == "__main__":
    sys.exit(main())
