"""What an Excel import will do, row by row, before anything is written: the plan and its preview
text. Nothing is silent: every column's target, every skipped row, every value the import read as
words rather than as written, every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desk_app.domain import EntryKind, Status
from desk_app.services.ledger import EntryInput, EntryRecord

from .xlsx_header import ColumnNote
from .xlsx_rows import FilledRange, SkippedRow
from .xlsx_vocab import target_label

PREVIEW_LIMIT = 200


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str  # the column's header as written in the sheet (or the field label)
    message: str

    def text(self) -> str:
        return f"第 {self.row} 行“{self.column}”：{self.message}" if self.column else f"第 {self.row} 行：{self.message}"


@dataclass
class RowPlan:
    row: int
    data: EntryInput
    status: str
    code: str = ""
    progress: str = ""
    completed_date: date | None = None
    completion_summary: str = ""  # 申请销号 / finished rows: the sheet's own words
    closure_words: str = ""  # finished rows: the words that said so (kept on the 销号 record)
    new_names: dict[str, str] = field(default_factory=dict)  # field -> name to create
    new_titles: dict[str, str] = field(default_factory=dict)  # person field -> 职务 for a person to create
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    readings: list[RowProblem] = field(default_factory=list)  # values changed by interpretation
    status_given: str = ""  # the status the sheet states ('' when blank)
    existing: EntryRecord | None = None  # our entry with the same 问题编号 (or content): this row updates it
    matched_by_content: bool = False  # no 问题编号: existing repeats the row's 问题表现, 责任单位, 层级/所属人员
    changes: list[str] = field(default_factory=list)  # labels of the fields an update changes
    measures: list = field(default_factory=list)  # its 措施 (MeasureInputs) read from the rows under it

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def is_update(self) -> bool:
        return self.existing is not None and bool(self.changes)

    @property
    def is_unchanged(self) -> bool:
        return self.existing is not None and not self.changes

    @property
    def lands_finished(self) -> bool:
        return self.existing is None and self.status == Status.CLOSED


@dataclass
class ImportOptions:
    sheet: str | None = None
    mapping: dict[int, str] | None = None  # column index -> field key, KEEP or IGNORE; None: automatic
    default_kind: str | None = None  # None: from the sheet (its 问题/任务/督办 header), else 问题整改
    default_layer: str = ""  # '' : from 所属人员's level, else 局领导班子 for a unit's ledger
    create_missing: bool = False  # create unknown departments / people / 专班
    create_missing_hint: str = "勾选“自动新建本机没有的科室、人员和专班”"  # how this caller asks for it (the CLI: an option)
    campaign_id: int | None = None
    header_row: int | None = None  # 1-based; None: found automatically


@dataclass
class ImportPlan:
    path: Path
    sheet: str
    header_row: int
    headers: list[str]  # one label per column ("group/child" under a two-row header)
    mapping: dict[int, str]
    rows: list[RowPlan]
    options: ImportOptions
    missing: dict[str, set[str]] = field(default_factory=dict)  # "department"/"person"/"task_force" -> names
    header_depth: int = 1
    columns: list[ColumnNote] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    filled: list[FilledRange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # sheet-level readings (hidden sheet, defaults taken)
    import_day: date | None = None
    names: object = None  # the ImportNames of the planning pass: the people and 科室 it would create

    @property
    def valid_rows(self) -> list[RowPlan]:
        return [r for r in self.rows if r.ok]

    @property
    def problems(self) -> list[RowProblem]:
        return [p for r in self.rows for p in r.problems]

    @property
    def readings(self) -> list[RowProblem]:
        return [p for r in self.rows for p in r.readings]

    def counts(self) -> tuple[int, int, int]:
        """(new, updated, unchanged) among the rows without problems."""
        valid = self.valid_rows
        new = sum(1 for r in valid if r.existing is None)
        updated = sum(1 for r in valid if r.is_update)
        return new, updated, len(valid) - new - updated

    @property
    def has_changes(self) -> bool:
        new, updated, _ = self.counts()
        return bool(new or updated)

    def counts_text(self) -> str:
        new, updated, same = self.counts()
        finished = sum(1 for r in self.valid_rows if r.lands_finished)
        tail = f"（其中已完成 {finished} 条，以导入记作销号）" if finished else ""
        return f"新增 {new} 条{tail} / 更新 {updated} 条 / 无变化 {same} 条"

    def column_of(self, key: str) -> str:
        for index, mapped in self.mapping.items():
            if mapped == key:
                return self.headers[index] or target_label(key)
        return target_label(key)

    def header_text(self) -> str:
        if self.header_depth == 2:
            return f"表头在第 {self.header_row}–{self.header_row + 1} 行（两行表头，列名写作“大类/小类”）"
        return f"表头在第 {self.header_row} 行"

    def report_text(self, limit: int | None = PREVIEW_LIMIT) -> str:
        bad = len(self.rows) - len(self.valid_rows)
        lines = [f"工作表“{self.sheet}”，{self.header_text()}；共 {len(self.rows)} 行数据：{self.counts_text()}，"
                 f"有问题 {bad} 行；跳过 {len(self.skipped)} 行（不是事项）。"]
        lines += [f"说明：{note}" for note in self.notes]
        lines.append("列对应：")
        lines += [f"  {c.text()}" for c in self.columns]
        for what, label in (("department", "科室（单位）"), ("person", "人员"), ("task_force", "专班")):
            if self.missing.get(what):
                lines.append(f"本机没有的{label}：{'、'.join(sorted(self.missing[what]))}"
                             + ("（将新建）" if self.options.create_missing else f"（可{self.options.create_missing_hint}）"))
        sections = [
            ("跳过的行", [s.line() for s in self.skipped]),
            ("合并单元格", [f.line() for f in self.filled]),
            ("按词义理解的值", [p.text() for p in self.readings]),
            ("问题（这些行不能导入）", [p.text() for p in self.problems]),
            ("已有，不重复导入", [f"第 {r.row} 行：即本机事项 {r.existing.code}" for r in self.rows
                                  if r.ok and r.is_unchanged and r.matched_by_content]),
            ("提示", [p.text() for r in self.rows for p in r.warnings]
             + [f"第 {r.row} 行：更新 {r.existing.code}：{'；'.join(r.changes)}" for r in self.rows
                if r.ok and r.is_update]),
        ]
        for title, items in sections:
            if not items:
                continue
            lines.append(f"{title}（{len(items)}）：")
            shown = items if limit is None else items[:limit]
            lines += [f"  {item}" for item in shown]
            if len(shown) < len(items):
                lines.append(f"  ……另有 {len(items) - len(shown)} 条（加 --full 显示全部）")
        return "\n".join(lines)


KIND_BY_DESCRIPTION_WORD = {
    **dict.fromkeys(("重点任务", "重点工作", "工作任务", "任务", "任务内容", "目标任务", "主要任务", "重点工作任务",
                     "任务名称", "工作内容"), EntryKind.KEY_TASK.value),
    **dict.fromkeys(("督办事项", "交办事项", "督查事项"), EntryKind.SUPERVISION.value),
    **dict.fromkeys(("议定事项", "决策事项"), EntryKind.DECISION.value),
}
