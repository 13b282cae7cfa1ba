"""Reading an office's existing Excel ledger safely and fast: the zip checked first (bombs, climbing
paths), then the sheet read by python-calamine (Rust; about ten times openpyxl's read-only mode on a
10,000-row ledger, see bench/exchange.py), with its merged ranges and the formula cells Excel/WPS
never computed (those have no value to import)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath

from desk_app.errors import InputFileError

from .progress import report
from .safe_zip import XLSX_LIMITS, SafeZip

MAX_DATA_ROWS = 50_000
MAX_COLUMNS = 200
# <row> tags far beyond the limit: refused before the sheet is parsed at all.
MAX_ROW_TAGS = MAX_DATA_ROWS * 4
NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# A formula cell: <c r="B3" ...><f>…</f>[<v>…</v>]</c>; without <v> Excel/WPS never computed it.
_FORMULA_CELL = re.compile(rb"<c\s[^>/]*?r=\"([A-Z]{1,3})(\d+)\"[^>/]*>(?:(?!</c>).)*?<f[\s>/](?:(?!</c>).)*?</c>", re.S)
_VALUE = re.compile(rb"<v>[^<]+</v>|<is>")


@dataclass(frozen=True)
class SheetInfo:
    name: str
    declared_rows: int  # <row> tags in the sheet: a hint for the wizard, never trusted
    hidden: bool = False


@dataclass
class RawSheet:
    """One sheet as values: rows[i][j] is cell (i+1, j+1); '' and None both mean empty."""

    name: str
    rows: list[list] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based r1, c1, r2, c2 inclusive
    uncomputed: set[tuple[int, int]] = field(default_factory=set)  # 0-based formula cells without a value
    notes: list[str] = field(default_factory=list)  # sheet-level things the preview says


def _check_path(path: str | Path) -> Path:
    path = Path(path)
    if path.is_dir():
        raise InputFileError(f"“{path}”是文件夹，不是 Excel 文件。请给出文件夹中要导入的那个 .xlsx 文件。")
    if not path.is_file():
        raise InputFileError(f"找不到文件：{path}")
    if path.suffix.lower() in (".xls", ".et", ".csv"):
        raise InputFileError(f"“{path.name}”不是 .xlsx 文件。请先在 WPS/Excel 中“另存为” Excel 工作簿（.xlsx）再导入。")
    return path


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


class _Parts:
    """Sheet names → their XML part, and per part the <row> count and uncomputed formula cells,
    all found in the one pass that checks the zip."""

    def __init__(self, path: Path):
        self.path = path
        self.sheets: list[tuple[str, str, bool]] = []  # (name, part, hidden)
        self.row_tags: dict[str, int] = {}
        self.uncomputed: dict[str, set[tuple[int, int]]] = {}
        with SafeZip(path, XLSX_LIMITS, "Excel 文件") as archive:
            if "xl/workbook.xml" not in archive.names:
                raise InputFileError(f"“{path.name}”不是 Excel 2007 及以后的 .xlsx 文件。"
                                     "如果是旧的 .xls 或 WPS 的 .et 文件，请先在 WPS/Excel 中“另存为” .xlsx 再导入。")
            self._read_workbook(archive)
            parts = {part for _, part, _ in self.sheets}
            for name in archive.names:  # decompress everything once, counting real sizes: headers can lie
                if name in parts:
                    self._scan_sheet(archive, name)
                else:
                    for _ in archive.chunks(name):
                        pass

    def _read_workbook(self, archive: SafeZip) -> None:
        try:
            book = ET.fromstring(archive.read("xl/workbook.xml", 16 * 1024 * 1024))
            rels = {}
            if "xl/_rels/workbook.xml.rels" in archive.names:
                for rel in ET.fromstring(archive.read("xl/_rels/workbook.xml.rels", 16 * 1024 * 1024)):
                    rels[rel.get("Id")] = rel.get("Target", "")
        except ET.ParseError as exc:
            raise InputFileError(f"“{self.path.name}”的工作簿目录已损坏（{exc}）。"
                                 "请在 WPS/Excel 中打开并另存为 .xlsx 后再导入。") from exc
        for sheet in book.iter(f"{NS_MAIN}sheet"):
            target = rels.get(sheet.get(f"{NS_REL}id"), "")
            part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            part = str(PurePosixPath(part)).replace("xl/./", "xl/")
            self.sheets.append((sheet.get("name", ""), part, sheet.get("state", "visible") != "visible"))

    def _scan_sheet(self, archive: SafeZip, name: str) -> None:
        rows = 0
        has_formula = False
        tail = b""
        for chunk in archive.chunks(name):
            data = tail + chunk
            rows += data.count(b"<row") - tail.count(b"<row")
            has_formula = has_formula or b"<f" in data
            tail = data[-8:]
            if rows > MAX_ROW_TAGS:
                raise InputFileError(f"“{self.path.name}”的一个工作表超过 {MAX_DATA_ROWS} 行，超出一次导入的上限。"
                                     "请把表格拆成几个文件分批导入；没有导入任何内容。")
        self.row_tags[name] = rows
        if has_formula:  # rare: only then is the part read again and searched
            xml = archive.read(name)
            self.uncomputed[name] = {(int(m[2]) - 1, _col_index(m[1])) for m in _FORMULA_CELL.finditer(xml)
                                     if not _VALUE.search(m[0])}


def list_sheets(path: str | Path) -> list[SheetInfo]:
    parts = _Parts(_check_path(path))
    return [SheetInfo(name, parts.row_tags.get(part, 0), hidden) for name, part, hidden in parts.sheets]


def _cell(value):
    if value.__class__ is str:  # most cells
        return value or None
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return value


def _open_book(path: Path):
    import python_calamine  # noqa: PLC0415 - loaded only when a sheet is read

    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # noqa: BLE001 - calamine raises its own kinds on malformed files
        raise InputFileError(f"“{path.name}”已损坏或不完整，无法读取（{type(exc).__name__}）。"
                             "请在 WPS/Excel 中打开并另存为 .xlsx 后再导入。") from exc


def read_raw(path: str | Path, sheet: str | None = None, *, progress=None) -> RawSheet:
    """One sheet's values. Without a name: the first visible sheet (a hidden first sheet is skipped
    and the preview says so)."""
    path = _check_path(path)
    parts = _Parts(path)
    names = [name for name, _, _ in parts.sheets]
    notes = []
    if sheet is None:
        visible = [(name, part) for name, part, hidden in parts.sheets if not hidden]
        if not visible:
            raise InputFileError(f"“{path.name}”中没有可见的工作表。请在 WPS/Excel 中取消隐藏后再导入。")
        sheet = visible[0][0]
        hidden_before = [name for name, _, hidden in parts.sheets[:names.index(sheet)] if hidden]
        if hidden_before:
            notes.append(f"跳过了隐藏的工作表“{'、'.join(hidden_before)}”，读取第一个可见的工作表“{sheet}”"
                         "（要读取隐藏的工作表请用 --sheet 指定）")
    if sheet not in names:
        raise InputFileError(f"“{path.name}”中没有名为“{sheet}”的工作表。可选：{'、'.join(names)}")
    part = parts.sheets[names.index(sheet)][1]
    report(progress, 0, 0, f"正在读取工作表“{sheet}”")
    book = _open_book(path)
    try:
        ws = book.get_sheet_by_name(sheet)
        grid = ws.to_python(skip_empty_area=False)
        merged = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in (ws.merged_cell_ranges or [])]
    except Exception as exc:  # noqa: BLE001 - malformed sheet XML
        raise InputFileError(f"工作表“{sheet}”已损坏，无法读取（{type(exc).__name__}）。"
                             "请在 WPS/Excel 中打开并另存为 .xlsx 后再导入。") from exc
    finally:
        book.close()
    filled = sum(1 for row in grid if any(v != "" for v in row))
    if filled > MAX_DATA_ROWS:
        raise InputFileError(f"工作表“{sheet}”的数据超过 {MAX_DATA_ROWS} 行，超出一次导入的上限。"
                             "请把表格拆成几个文件分批导入；没有导入任何内容。")
    rows = [[_cell(v) for v in row[:MAX_COLUMNS]] for row in grid]
    return RawSheet(sheet, rows, merged, parts.uncomputed.get(part, set()), notes)


def as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None
