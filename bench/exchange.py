"""Benchmark: 10,000 demo entries to .xlsx and to an exchange package, and the package into an empty
database. Targets: xlsx_s ≤ 1.5 s (issue 12; XlsxWriter constant-memory, the full export with its print setup), the others ≤ 3 s. Run: .venv/bin/python bench/exchange.py [--entries N]

Prints one line per step and finally `xlsx_s=… package_s=… import_s=…`.
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
    print(f"xlsx_s={xlsx_s:.2f} package_s={package_s:.2f} import_s={import_s:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
