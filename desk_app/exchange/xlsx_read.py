"""Reading an office's existing Excel ledger safely: sheet list, streamed rows with a limit,
the header row found among the first rows, columns mapped from the names offices use."""

from __future__ import annotations

import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from desk_app.errors import InputFileError

from .progress import Cancelled, report
from .safe_zip import XLSX_LIMITS, SafeZip

MAX_DATA_ROWS = 50_000
HEADER_SEARCH_ROWS = 20
CONTINUED_MARK = "续"  # xlsx_rows.CONTINUED: the 序号 of a row that continues the one above
MAX_COLUMNS = 200

# field key -> (Chinese label, header names offices use). The first name is the label shown.
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "code": ("问题编号", ("问题编号", "编号", "事项编号", "清单编号", "任务编号")),
    "kind": ("类型", ("类型", "事项类型")),
    "layer": ("层级", ("层级", "层次", "清单层级", "所属层级")),
    "owner": ("所属人员", ("所属人员", "姓名", "查摆人", "人员", "填报人姓名", "对象")),
    "category": ("问题类别", ("问题类别", "问题类型", "类别", "问题分类", "问题属性")),
    "source": ("问题来源", ("问题来源", "来源", "查找方式", "发现途径")),
    "description": ("问题表现", ("问题表现", "问题描述", "存在问题", "问题内容", "具体问题", "问题", "重点任务",
                                "事项内容", "任务内容", "督办事项", "议定事项", "主要问题")),
    "cause": ("原因剖析", ("原因剖析", "原因分析", "问题原因", "产生原因")),
    "target": ("整改目标", ("整改目标", "工作目标", "目标任务", "目标")),
    "measures": ("整改措施", ("整改措施", "具体措施", "整改举措", "工作措施", "主要措施", "措施")),
    "standard": ("整改标准", ("整改标准", "完成标准", "验收标准")),
    "leader": ("责任领导", ("责任领导", "责任局领导", "分管领导", "牵头领导", "分管局领导")),
    "department": ("责任单位", ("责任单位", "牵头处室", "责任科室", "责任处室", "牵头单位", "责任部门",
                              "牵头科室", "承办单位", "责任单位（科室）")),
    "co_departments": ("配合处室", ("配合处室", "配合单位", "协办单位", "配合科室", "协助单位")),
    "responsible": ("责任人", ("责任人", "具体责任人", "经办人", "承办人", "联系人")),
    "task_force": ("所属专班", ("所属专班", "专班", "专班名称")),
    "found_date": ("发现日期", ("发现日期", "查找日期", "提出日期", "登记日期")),
    "deadline": ("整改时限", ("整改时限", "完成时限", "整改期限", "时限", "完成时间", "办结时限", "截止日期")),
    "rectify_mode": ("整改方式", ("整改方式", "整改类型")),
    "schedule": ("月度序时进度", ("月度序时进度", "序时进度", "时间节点", "进度安排")),
    "status": ("状态", ("状态", "整改状态", "完成情况", "进展状态", "办理状态", "是否完成")),
    "completed_date": ("完成日期", ("完成日期", "实际完成时间", "办结日期", "整改完成时间")),
    "progress": ("整改进展", ("整改进展", "本月进展", "进展情况", "整改情况", "推进情况", "工作进展")),
    "note": ("备注", ("备注", "说明")),
}
FIELD_LABELS = {key: label for key, (label, _) in FIELDS.items()}
# Rows that are not entries: the template's example, its instructions, the signature foot. Left out
# here so every step counts the same rows.
NOT_AN_ENTRY = re.compile(r"^(例[:：]|示例|填写说明|说明[:：]|注[:：]|填报人|审核人|单位负责人|制表人)")


@dataclass(frozen=True)
class SheetInfo:
    name: str
    declared_rows: int  # from the file's own dimension tag: a hint, never trusted


@dataclass
class SheetContent:
    name: str
    header_row: int  # 1-based row number in the sheet, 0 if none found
    headers: list[str]
    rows: list[tuple[int, list, set[int]]] = field(default_factory=list)  # (row number, values, formula columns)


def normalise_header(text) -> str:
    if text is None:
        return ""
    text = re.sub(r"[\s\u3000*＊]", "", str(text))
    return text.replace("(", "（").replace(")", "）")


def _alias_index() -> dict[str, str]:
    index = {}
    for key, (_, names) in FIELDS.items():
        for name in names:
            index.setdefault(normalise_header(name), key)
    return index


ALIASES = _alias_index()


def field_for_header(text) -> str | None:
    """The field a header names: exact, then without a bracketed remark, then a known name inside it."""
    h = normalise_header(text)
    if not h:
        return None
    if h in ALIASES:
        return ALIASES[h]
    bare = re.sub(r"（[^）]*）", "", h)
    if bare in ALIASES:
        return ALIASES[bare]
    for alias, key in sorted(ALIASES.items(), key=lambda kv: -len(kv[0])):
        if len(alias) >= 3 and alias in h:
            return key
    return None


def auto_mapping(headers: list[str]) -> dict[int, str]:
    """Column index (0-based) -> field key; each field taken by the first column that names it."""
    mapping: dict[int, str] = {}
    used = set()
    for index, header in enumerate(headers):
        key = field_for_header(header)
        if key and key not in used:
            mapping[index] = key
            used.add(key)
    return mapping


def _open(path: Path):
    from openpyxl import load_workbook  # noqa: PLC0415

    # The zip layer first: a bomb or a climbing path is refused before openpyxl sees it.
    with SafeZip(path, XLSX_LIMITS, "Excel 文件") as archive:
        if "xl/workbook.xml" not in archive.names:
            raise InputFileError(f"“{path.name}”不是 Excel 2007 及以后的 .xlsx 文件。"
                                 "如果是旧的 .xls 或 WPS 的 .et 文件，请先在 WPS/Excel 中“另存为” .xlsx 再导入。")
        for name in archive.names:  # decompress once, counting real sizes: headers can lie
            for _ in archive.chunks(name):
                pass
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise InputFileError(f"“{path.name}”已损坏或不完整，无法读取（{type(exc).__name__}）。"
                             "请在 WPS/Excel 中打开并另存为 .xlsx 后再导入。") from exc
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on malformed XML
        raise InputFileError(f"“{path.name}”的内容无法识别（{type(exc).__name__}）。"
                             "请在 WPS/Excel 中打开并另存为 .xlsx 后再导入。") from exc


def _check_path(path: str | Path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"找不到文件：{path}")
    if path.suffix.lower() in (".xls", ".et", ".csv"):
        raise InputFileError(f"“{path.name}”不是 .xlsx 文件。请先在 WPS/Excel 中“另存为” Excel 工作簿（.xlsx）再导入。")
    return path


def list_sheets(path: str | Path) -> list[SheetInfo]:
    path = _check_path(path)
    wb = _open(path)
    try:
        shown = [ws for ws in wb.worksheets if ws.sheet_state == "visible"] or wb.worksheets
        return [SheetInfo(ws.title, _declared_rows(ws)) for ws in shown]  # not our hidden 下拉选项
    finally:
        wb.close()


def _declared_rows(ws) -> int:
    try:
        return int(ws.max_row or 0)
    except (TypeError, ValueError):
        return 0


def _is_empty(values: list) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _is_not_an_entry(values: list) -> bool:
    first = next((v for v in values if v is not None and str(v).strip()), "")
    return isinstance(first, str) and bool(NOT_AN_ENTRY.match(first.strip()))


def _is_continuation(values: list) -> bool:
    """A row our export added because a text was too long for one row: 序号 says 续."""
    return isinstance(values[0], str) and values[0].strip() == CONTINUED_MARK


def _join_continuation(previous: list, values: list) -> None:
    """Append a continuation row's texts to the row it continues (repeated cells such as 问题编号
    are the same value again and are not doubled)."""
    for i, value in enumerate(values[1:], start=1):
        if value is None or value == "" or i >= len(previous) or value == previous[i]:
            continue
        previous[i] = f"{previous[i] or ''}{value}"


def _header_score(values: list) -> int:
    return sum(1 for v in values if isinstance(v, str) and field_for_header(v))


def read_sheet(path: str | Path, sheet: str | None = None, *, max_rows: int = MAX_DATA_ROWS,
               header_row: int | None = None, progress=None) -> SheetContent:
    """Stream one sheet: find the header row (or take the clerk's), collect data rows up to max_rows."""
    path = _check_path(path)
    wb = _open(path)
    try:
        names = wb.sheetnames
        if sheet is None:
            sheet = names[0]
        if sheet not in names:
            raise InputFileError(f"“{path.name}”中没有名为“{sheet}”的工作表。可选：{'、'.join(names)}")
        ws = wb[sheet]
        content = SheetContent(sheet, 0, [])
        candidates: list[tuple[int, list, set[int]]] = []
        try:
            for row_number, cells in enumerate(ws.iter_rows(), start=1):
                cells = cells[:MAX_COLUMNS]
                values = [c.value for c in cells]
                formulas = {i for i, c in enumerate(cells) if getattr(c, "data_type", None) == "f"}
                if not content.header_row:
                    if row_number > max(HEADER_SEARCH_ROWS, header_row or 0):
                        break
                    score = _header_score(values)
                    filled = sum(1 for v in values if v is not None and str(v).strip())
                    if (row_number == header_row if header_row
                            else score >= 3 or (score >= 2 and filled <= 3)):
                        content.header_row = row_number
                        content.headers = ["" if v is None else str(v).strip() for v in values]
                    continue
                if _is_empty(values) or _is_not_an_entry(values):
                    continue
                if candidates and _is_continuation(values):
                    _join_continuation(candidates[-1][1], values)
                    continue
                candidates.append((row_number, values, formulas))
                if len(candidates) > max_rows:
                    raise InputFileError(f"工作表“{sheet}”的数据超过 {max_rows} 行，超出一次导入的上限。"
                                         "请把表格拆成几个文件分批导入；没有导入任何内容。")
                if len(candidates) % 1000 == 0:
                    report(progress, len(candidates), 0, f"正在读取第 {row_number} 行")
        except (InputFileError, Cancelled):
            raise
        except Exception as exc:  # noqa: BLE001 - malformed sheet XML
            raise InputFileError(f"工作表“{sheet}”已损坏，读到第 {len(candidates)} 行时出错（{type(exc).__name__}）。"
                                 "请在 WPS/Excel 中打开并另存为 .xlsx 后再导入。") from exc
        if not content.header_row:
            raise InputFileError(f"在工作表“{sheet}”的前 {HEADER_SEARCH_ROWS} 行中没有找到表头（例如“问题表现”“整改措施”"
                                 "“责任单位”“整改时限”）。请确认选对了工作表，或在表头行填上这些列名。")
        width = len(content.headers)
        content.rows = [(n, (v + [None] * width)[:width], f) for n, v, f in candidates]
        return content
    finally:
        wb.close()


def mapping_from_json(spec: dict, headers: list[str]) -> dict[int, str]:
    """`--mapping '{"问题描述": "description", "F": "措施"}'`: header text or column letter to a field key
    or its Chinese label; "" ignores the column. Columns not named keep the automatic mapping."""
    from openpyxl.utils import column_index_from_string  # noqa: PLC0415

    by_label = {label: key for key, label in FIELD_LABELS.items()} | {k: k for k in FIELD_LABELS}
    mapping = auto_mapping(headers)
    for column, target in spec.items():
        column = str(column).strip()
        if column in headers:
            index = headers.index(column)
        elif re.fullmatch(r"[A-Za-z]{1,3}", column):
            index = column_index_from_string(column.upper()) - 1
            if index >= len(headers):
                raise InputFileError(f"列对应中的列“{column}”超出了表格的范围（表格共 {len(headers)} 列）。")
        else:
            raise InputFileError(f"列对应中的“{column}”既不是表头中的列名，也不是列字母（A、B、C…）。"
                                 f"表头有：{'、'.join(h for h in headers if h)}")
        if target in ("", None):
            mapping.pop(index, None)
            continue
        if not isinstance(target, str) or target not in by_label:
            raise InputFileError(f"列对应中的“{target}”不是可导入的字段。可用：{'、'.join(FIELD_LABELS.values())}")
        key = by_label[target]
        for other, mapped in list(mapping.items()):
            if mapped == key:
                del mapping[other]
        mapping[index] = key
    return mapping
