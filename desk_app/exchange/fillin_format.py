"""The fill-in workbook (科室本月进展填报表): its columns, its hidden key sheet and its checksums.

A department that does not run desk_app gets one workbook with its open entries. The clerk's
columns (编号, 问题表现 … 状态) are locked by sheet protection; the department fills 本月进展,
申请销号 (with 完成情况) and 延期申请 (new deadline and reason). Each row carries, in hidden columns,
the entry's key (its uuid) and a checksum of the locked cells, so a returned file is matched to its
entries however its rows were sorted, and a row whose locked cells were changed (after removing the
protection) is recognised as damaged. A very hidden sheet repeats every key with what the entry looked
like when exported (状态, 本月进展), sealed by one checksum over the whole sheet.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

FORMAT = "desk_app 本月进展填报表"
FORMAT_VERSION = 1
SHEET = "本月进展填报"
META_SHEET = "desk_app_keys"
YES, NO = "是", "否"
BLANK_WORDS = ("0", "无变化", "/")  # what offices write for "nothing to report"; 无 stays a progress text


@dataclass(frozen=True)
class FillColumn:
    key: str
    label: str
    width: float
    editable: bool = False
    hidden: bool = False


COLUMNS = [
    FillColumn("serial", "序号", 5),
    FillColumn("code", "问题编号", 13),
    FillColumn("kind", "类型", 8),
    FillColumn("description", "问题表现", 30),
    FillColumn("measures", "整改措施", 28),
    FillColumn("responsible", "责任人", 8),
    FillColumn("deadline", "整改时限", 12),
    FillColumn("status", "状态", 8),
    FillColumn("last_progress", "最近一次进展", 18),
    FillColumn("progress", "本月进展（必填）", 28, editable=True),
    FillColumn("apply_close", "申请销号", 8, editable=True),
    FillColumn("summary", "完成情况（申请销号时填）", 18, editable=True),
    FillColumn("extend_to", "申请延期至", 11, editable=True),
    FillColumn("extend_reason", "延期理由", 12, editable=True),
    FillColumn("key", "行标识", 10, hidden=True),
    FillColumn("checksum", "校验码", 10, hidden=True),
]
INDEX = {c.key: i for i, c in enumerate(COLUMNS)}
IDENTITY = ("code", "description", "deadline", "status")  # the locked cells a row's checksum covers
TITLE_ROWS = 3  # title, 填报说明, 填报单位 line; the header row follows
HEADER_ROW = TITLE_ROWS  # 0-based index of the header row
META_HEADER = ["行标识", "事项id", "问题编号", "导出时状态", "导出时本月进展", "校验码"]


def normalise(value) -> str:
    """A cell as text, the way both sides see it: line ends unified, outer spaces dropped."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def _digest(parts: list[str], length: int = 16) -> str:
    joined = "\x1f".join(parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def row_checksum(key: str, month: str, department_id: int, identity: list[str]) -> str:
    """Seals a row's key to its locked cells, its month and its department."""
    return _digest([FORMAT, str(FORMAT_VERSION), key, month, str(department_id), *map(normalise, identity)])


def meta_checksum(header: dict[str, str], rows: list[list[str]]) -> str:
    """Seals the hidden key sheet: the workbook's header values and every key row."""
    parts = [f"{k}={normalise(v)}" for k, v in sorted(header.items()) if k != "校验码"]
    parts += ["|".join(normalise(v) for v in row) for row in rows]
    return _digest(parts, 32)


def is_blank_progress(text: str) -> bool:
    return not text or text in BLANK_WORDS
