"""Ledger to .csv: UTF-8 with BOM (so WPS and Excel read the Chinese), formula-looking text defused.

CSV has no cell types, so a spreadsheet reads a cell starting with = + - @ as a formula. A phone
number (+86 138…) or a signed number is data, not an attack: it gets an invisible leading tab that
keeps it text without the visible ' prefix clerks complained about; anything else that looks like a
formula keeps the ' prefix (the text stays harmless and visibly odd, which it is)."""

from __future__ import annotations

import csv
import os
import re
import tempfile
from pathlib import Path

from desk_app.errors import InputFileError

from .cells import csv_safe, looks_like_formula
from .ledger_export import LedgerExportOptions, entry_row, fetch_all, header_labels
from .out_path import publish
from .progress import Progress, report

NUMBER_LIKE = re.compile(r"^[+\-]?[\d\s()（）.\-/]+$")
PLAIN_NUMBER = re.compile(r"^-\d+(\.\d+)?$")


def csv_cell(text: str) -> str:
    if not looks_like_formula(text) or PLAIN_NUMBER.match(text) or not text.strip("-"):
        return text  # -3 is a number and "-" a dash to every spreadsheet, never a formula
    if NUMBER_LIKE.match(text):
        return "\t" + text  # +86 138 0000 0000: text, no visible mark
    return csv_safe(text)


def export_csv(options: LedgerExportOptions, out: str | os.PathLike[str], *,
               progress: Progress | None = None) -> int:
    out = Path(out)
    report(progress, 0, 0, "正在读取台账")
    entries = fetch_all(options)
    columns = options.columns
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".export-", suffix=".csv")
    except OSError as exc:
        raise InputFileError(f"无法在 {out.parent} 写入文件：{exc.strerror}。请换一个文件夹。") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(header_labels(columns))
            for serial, entry in enumerate(entries, start=1):
                row = entry_row(serial, entry, columns, options.template_mode)
                writer.writerow([csv_cell(v) for v in row])
                if serial % 1000 == 0:
                    report(progress, serial, len(entries), f"正在写入第 {serial}/{len(entries)} 行")
        publish(tmp)
        os.replace(tmp, out)
    except PermissionError as exc:
        raise InputFileError(f"无法写入 {out.name}：文件可能正在 WPS/Excel 中打开，请关闭后重试。") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return len(entries)
