"""Benchmark: the 整改台账 as PDF, against the clerk's current way (xlsx → LibreOffice), and at 5,000 rows.

    .venv/bin/python bench/print.py [--entries 1000] [--large 5000] [--runs 3] [--keep DIR]

Builds a throw-away demo database, renders the ledger (all entries, default columns, A4 landscape) and,
when `libreoffice` is on the PATH, writes the same rows as .xlsx with openpyxl (row heights set, header
repeated, fit to page width) and times `libreoffice --headless --convert-to pdf`. Then a second
database of --large entries is printed in a fresh process, which reports its time and peak memory
(resident set) next to a reference: the same process opening the database and loading reportlab and
the fonts without printing. The last line is

    pdf_s=1.10 pages=150 libreoffice_s=3.40 ratio=0.32 large_rows=5000 large_s=6.1 large_pages=700 peak_mb=180 base_mb=95

(pdf_s and libreoffice_s are the best of --runs; libreoffice_s=- and ratio=- without LibreOffice).
Targets (issue 14): ratio ≤ 0.5; large_s and peak_mb are reported for 5,000 rows.

Then the print preview on that PDF (offscreen), pypdfium2 against QtPdf when PySide6-Pdf is installed
(it no longer is a dependency; `pip install PySide6-Pdf` matching your PySide6 for the reference):

    preview_first_page_ms=120 page_render_ms=14.0 qtpdf_page_render_ms=13.1 pages=150

preview_first_page_ms: from opening the preview window to its first page drawn (target ≤ 1000 at any
page count); page_render_ms: median time to render one page 1,100 pixels wide (what the preview does
for each page scrolled into view); qtpdf_…: the same with QtPdf (- without it).
With `--pdf FILE` only this part runs, on that file.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_data(folder: Path, entries: int) -> None:
    from desk_app import paths
    from desk_app.db import open_database
    from desk_app.demo import build_demo

    paths.set_data_dir(folder)
    open_database()
    build_demo(entries=entries, seed=1)


def render_pdf(out: Path) -> tuple[float, int]:
    from desk_app.reports.options import PrintOptions
    from desk_app.reports.registry import render_to_file

    start = time.perf_counter()
    pages = render_to_file("ledger", PrintOptions(), out)
    return time.perf_counter() - start, pages


def write_xlsx(out: Path) -> int:
    """The same ledger as an Excel sheet a clerk would print: heights computed, since LibreOffice does not."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.worksheet.worksheet import Worksheet

    from desk_app.reports.options import iter_entries, with_campaign
    from desk_app.services.ledger_columns import columns_for
    from desk_app.services.ledger_query import LedgerFilter

    columns = columns_for(None)
    wb = Workbook()
    ws = wb.active
    ws.title = "整改台账"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    font = Font(name="宋体", size=9)
    scale = 1.6  # relative width → Excel character units
    headers = ["序号", *[c.label for c in columns]]
    widths = [5, *[c.width * scale for c in columns]]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = width
    ws.append(headers)
    for cell in ws[1]:
        cell.font, cell.alignment, cell.border = Font(name="黑体", size=9), wrap, border
    rows = 0
    for batch in iter_entries(with_campaign(LedgerFilter())):
        for e in batch:
            rows += 1
            values = [str(rows), *[c.value(e) for c in columns]]
            ws.append(values)
            lines = max(math.ceil(max(len(v), 1) * 1.9 / max(w, 1)) for v, w in zip(values, widths, strict=True))
            ws.row_dimensions[rows + 1].height = 12.5 * lines + 4
            for cell in ws[rows + 1]:
                cell.font, cell.alignment, cell.border = font, wrap, border
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    wb.save(out)
    return rows


def time_libreoffice(xlsx: Path, outdir: Path) -> float:
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    profile = outdir / "lo-profile"
    start = time.perf_counter()
    subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), str(xlsx)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=600)
    elapsed = time.perf_counter() - start
    if not (outdir / (xlsx.stem + ".pdf")).is_file():
        raise RuntimeError("LibreOffice produced no PDF")
    return elapsed


def child(folder: Path, out: Path | None) -> None:
    """In a fresh process: open the data, load the fonts, print the ledger unless `out` is None, and
    report seconds, pages and the process's peak resident memory."""
    import resource

    from desk_app import paths
    from desk_app.db import open_database
    from desk_app.reports import fonts, layout  # noqa: F401 - the reference loads what printing loads

    paths.set_data_dir(folder)
    open_database()
    fonts.font_set()
    seconds, pages = render_pdf(out) if out is not None else (0.0, 0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.2f} {pages} {peak_mb:.0f}")


def large_run(folder: Path, out: Path | None) -> tuple[float, int, float]:
    command = [sys.executable, __file__, "--child", str(folder)] + (["--child-out", str(out)] if out else [])
    result = subprocess.run(command, check=True, capture_output=True, text=True, timeout=1800)
    seconds, pages, peak = result.stdout.split()[-3:]
    return float(seconds), int(pages), float(peak)


def render_medians(pdf: Path) -> tuple[float, float | None]:
    """Median ms per page, 1,100 pixels wide, for pypdfium2 and (when installed) QtPdf, alternating
    page by page so the noise of a shared machine falls on both alike."""
    import statistics

    from ui.views.print_pdf import PdfPages

    pages = PdfPages(pdf)
    try:
        from PySide6.QtCore import QSize
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        print("QtPdf not installed: no reference figure")
        document = None
    else:
        document = QPdfDocument()
        document.load(str(pdf))
    ours, theirs = [], []
    for index in [*range(min(pages.count, 40))] * 2:  # the first round warms fonts and caches
        start = time.perf_counter()
        pages.render_width(index, 1100)
        ours.append(time.perf_counter() - start)
        if document is not None:
            start = time.perf_counter()
            size = document.pagePointSize(index)
            document.render(index, QSize(1100, round(1100 * size.height() / size.width())))
            theirs.append(time.perf_counter() - start)
    pages.close()
    half = len(ours) // 2
    return statistics.median(ours[half:]) * 1000, (statistics.median(theirs[half:]) * 1000 if theirs else None)


def preview_figures(pdf: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import create_application
    from ui.views.print_preview import PrintPreviewWindow

    app = create_application()
    start = time.perf_counter()
    window = PrintPreviewWindow(pdf, "bench")
    window.show()
    while not window.view.rendered_count:
        app.processEvents()
    first_ms = (time.perf_counter() - start) * 1000
    pages_count = window.page_count()
    window.close()
    pdfium_ms, qtpdf_ms = render_medians(pdf)
    qtpdf = "-" if qtpdf_ms is None else f"{qtpdf_ms:.1f}"
    return f"preview_first_page_ms={first_ms:.0f} page_render_ms={pdfium_ms:.1f} qtpdf_page_render_ms={qtpdf} " \
           f"pages={pages_count}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--large", type=int, default=5000, help="rows of the second, large print (0: skip)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the PDF/xlsx files in this folder")
    parser.add_argument("--pdf", type=Path, help="only the preview figures, on this PDF")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.child_out)
        return
    if args.pdf:
        print(preview_figures(args.pdf))
        return
    work = Path(tempfile.mkdtemp(prefix="bench-print-"))
    out_dir = args.keep or work
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        build_data(work / "data", args.entries)
        print(f"demo data: {args.entries} entries in {time.perf_counter() - t0:.1f} s")
        from desk_app.reports import fonts

        t0 = time.perf_counter()
        fonts.font_set()
        print(f"font registration (once per process): {time.perf_counter() - t0:.2f} s")
        timings = []
        pages = 0
        for run in range(args.runs):
            seconds, pages = render_pdf(out_dir / "ledger.pdf")
            timings.append(seconds)
            print(f"run {run + 1}: pdf {seconds:.2f} s, {pages} pages, "
                  f"{(out_dir / 'ledger.pdf').stat().st_size / 1e6:.1f} MB")
        pdf_s = min(timings)
        lo_text = ratio_text = "-"
        if shutil.which("libreoffice") or shutil.which("soffice"):
            xlsx = out_dir / "ledger-excel.xlsx"
            t0 = time.perf_counter()
            rows = write_xlsx(xlsx)
            print(f"xlsx: {rows} rows written in {time.perf_counter() - t0:.2f} s (not counted)")
            lo_runs = [time_libreoffice(xlsx, out_dir) for _ in range(max(1, min(args.runs, 2)))]
            for i, s in enumerate(lo_runs, start=1):
                print(f"libreoffice run {i}: {s:.2f} s")
            lo_s = min(lo_runs)
            lo_text, ratio_text = f"{lo_s:.2f}", f"{pdf_s / lo_s:.2f}"
        else:
            print("libreoffice not found: install it (apt-get install -y libreoffice-calc) for the ratio")
        large_text = ""
        if args.large:
            from desk_app.db import close_database

            close_database()
            t0 = time.perf_counter()
            build_data(work / "large", args.large)
            close_database()
            print(f"demo data: {args.large} entries in {time.perf_counter() - t0:.1f} s")
            _s, _p, base_mb = large_run(work / "large", None)
            large_s, large_pages, peak_mb = large_run(work / "large", out_dir / "ledger-large.pdf")
            print(f"{args.large} rows: {large_s:.2f} s, {large_pages} pages, peak {peak_mb:.0f} MB "
                  f"(the same process without printing: {base_mb:.0f} MB)")
            large_text = (f" large_rows={args.large} large_s={large_s:.2f} large_pages={large_pages}"
                          f" peak_mb={peak_mb:.0f} base_mb={base_mb:.0f}")
        print(f"pdf_s={pdf_s:.2f} pages={pages} libreoffice_s={lo_text} ratio={ratio_text}{large_text}")
        print(preview_figures(out_dir / "ledger.pdf"))
    finally:
        from desk_app.db import close_database

        close_database()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("DESK_APP_DATA_DIR", tempfile.gettempdir())
    main()
