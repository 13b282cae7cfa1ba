"""Importing an existing Excel ledger: every row checked (row, column, problem) with the ledger's own
validation; nothing is written until the clerk accepts, then all in one transaction after a backup."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from desk_app.db.models import Department, Person, TaskForce
from desk_app.domain import KIND_CODE_PREFIX, EntryKind, Layer, Status
from desk_app.errors import InputFileError, ValidationError, ValidationErrors
from desk_app.services import campaigns
from desk_app.services.ledger import EntryInput, EntryRecord, normalise, validate

from .cells import has_controls
from .dates import DateParseError, parse_date, parse_deadline
from .xlsx_match import ExistingEntries, completed_date_differs, field_changes, merge_for_update, status_problem
from .xlsx_read import FIELD_LABELS, SheetContent, auto_mapping, mapping_from_json, read_sheet

__all__ = ["ImportOptions", "ImportPlan", "RowPlan", "RowProblem", "mapping_from_json", "plan_import"]

# Excel and WPS store characters XML cannot hold as _xHHHH_; openpyxl hands them over undecoded.
EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
NAME_SPLIT = re.compile(r"[、，,；;/\s]+")
STATUS_WORDS = {
    "未启动": Status.NOT_STARTED, "未开始": Status.NOT_STARTED, "未整改": Status.NOT_STARTED,
    "推进中": Status.IN_PROGRESS, "整改中": Status.IN_PROGRESS, "正在整改": Status.IN_PROGRESS,
    "进行中": Status.IN_PROGRESS, "正在推进": Status.IN_PROGRESS, "未完成": Status.IN_PROGRESS,
    "申请销号": Status.PENDING_CLOSE, "待销号": Status.PENDING_CLOSE,
    "已销号": Status.CLOSED, "已完成": Status.CLOSED, "完成": Status.CLOSED, "已整改": Status.CLOSED,
    "已办结": Status.CLOSED, "办结": Status.CLOSED, "是": Status.CLOSED, "否": Status.IN_PROGRESS,
    "长期坚持": Status.ONGOING, "持续整改": Status.ONGOING, "长期": Status.ONGOING,
}
KIND_WORDS = {k.value: k.value for k in EntryKind} | {"问题": EntryKind.RECTIFICATION.value,
                                                       "整改": EntryKind.RECTIFICATION.value,
                                                       "任务": EntryKind.KEY_TASK.value,
                                                       "督办": EntryKind.SUPERVISION.value}
# Without a 类型 column the 问题编号 tells the kind: our own exports leave that column out.
KIND_OF_PREFIX = {prefix: kind.value for kind, prefix in KIND_CODE_PREFIX.items()}
PERSON_FIELDS = ("owner", "leader", "responsible")
TEXT_FIELDS = ("code", "category", "source", "description", "cause", "target", "measures", "standard",
               "co_departments", "rectify_mode", "schedule", "note", "progress")


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
    new_names: dict[str, str] = field(default_factory=dict)  # field -> name to create
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    status_given: str = ""  # the status the sheet states ('' when blank)
    existing: EntryRecord | None = None  # our entry with the same 问题编号: this row updates it
    changes: list[str] = field(default_factory=list)  # labels of the fields an update changes

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def is_update(self) -> bool:
        return self.existing is not None and bool(self.changes)

    @property
    def is_unchanged(self) -> bool:
        return self.existing is not None and not self.changes


@dataclass
class ImportOptions:
    sheet: str | None = None
    mapping: dict[int, str] | None = None  # column index -> field key; None: automatic
    default_kind: str = EntryKind.RECTIFICATION.value
    default_layer: str = ""
    create_missing: bool = False  # create unknown departments / people / 专班
    campaign_id: int | None = None


@dataclass
class ImportPlan:
    path: Path
    sheet: str
    header_row: int
    headers: list[str]
    mapping: dict[int, str]
    rows: list[RowPlan]
    options: ImportOptions
    missing: dict[str, set[str]] = field(default_factory=dict)  # "department"/"person"/"task_force" -> names

    @property
    def valid_rows(self) -> list[RowPlan]:
        return [r for r in self.rows if r.ok]

    @property
    def problems(self) -> list[RowProblem]:
        return [p for r in self.rows for p in r.problems]

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
        return f"新增 {new} 条 / 更新 {updated} 条 / 无变化 {same} 条"

    def column_of(self, key: str) -> str:
        for index, mapped in self.mapping.items():
            if mapped == key:
                return self.headers[index] or FIELD_LABELS[key]
        return FIELD_LABELS.get(key, key)

    def report_text(self, limit: int = 200) -> str:
        lines = [f"工作表“{self.sheet}”，表头在第 {self.header_row} 行；共 {len(self.rows)} 行数据："
                 f"{self.counts_text()}，有问题 {len(self.rows) - len(self.valid_rows)} 行。"]
        lines.append("列对应：" + "，".join(f"{self.headers[i] or i + 1}→{FIELD_LABELS[k]}"
                                         for i, k in sorted(self.mapping.items())))
        for what, label in (("department", "科室"), ("person", "人员"), ("task_force", "专班")):
            if self.missing.get(what):
                lines.append(f"本机没有的{label}：{'、'.join(sorted(self.missing[what]))}"
                             + ("（将新建）" if self.options.create_missing else "（可选择“自动新建”）"))
        issues = [p.text() for r in self.rows for p in r.problems + r.warnings]
        issues += [f"第 {r.row} 行：更新 {r.existing.code} 的{'、'.join(r.changes)}" for r in self.rows
                   if r.ok and r.is_update]
        lines.extend(issues[:limit])
        if len(issues) > limit:
            lines.append(f"……另有 {len(issues) - limit} 条提示")
        return "\n".join(lines)


class _Names:
    def __init__(self, campaign_id: int):
        self.departments = {}
        for d in Department.select():
            self.departments.setdefault(d.name, d.id)
            if d.short_name:
                self.departments.setdefault(d.short_name, d.id)
        self.people: dict[str, list[tuple[int, int | None]]] = {}
        for p in Person.select(Person.id, Person.name, Person.department):
            self.people.setdefault(p.name, []).append((p.id, p.department_id))
        self.task_forces = dict(TaskForce.select(TaskForce.name, TaskForce.id)
                                .where(TaskForce.campaign == campaign_id).tuples())

    def person(self, name: str, department_id: int | None) -> int | None:
        matches = self.people.get(name, [])
        for pid, dept in matches:
            if dept == department_id:
                return pid
        return matches[0][0] if matches else None


def _is_template_blank(value) -> bool:
    """Upward templates (and our 上报模板 export) write "0" in every blank cell; no name, date,
    layer or text of a ledger is just "0"."""
    if isinstance(value, str):
        return value.strip() == "0"
    return isinstance(value, int | float) and not isinstance(value, bool) and value == 0


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _layer(text: str) -> str:
    t = text.replace("（", "(").replace("）", ")").replace(" ", "")
    for layer in Layer:
        if t == layer.value or (t and layer.value.startswith(t) and len(t) >= 2):
            return layer.value
    if t in ("班子", "领导班子"):
        return Layer.TEAM.value
    if t in ("科长", "主任", "科级干部"):
        return Layer.SECTION_CHIEF.value
    if t in ("经办人员", "一般干部", "业务经办人员"):
        return Layer.STAFF.value
    return text


class _RowBuilder:
    def __init__(self, plan: ImportPlan, names: _Names, existing: ExistingEntries):
        self.plan = plan
        self.names = names
        self.existing = existing

    def build(self, row_number: int, values: list, formulas: set[int]) -> RowPlan:
        opts = self.plan.options
        row = RowPlan(row_number, EntryInput(kind=opts.default_kind, layer=opts.default_layer), Status.NOT_STARTED)
        raw: dict[str, object] = {}
        for index, key in self.plan.mapping.items():
            column = self.plan.headers[index] or FIELD_LABELS[key]
            value = values[index] if index < len(values) else None
            if index in formulas:
                row.problems.append(RowProblem(row_number, column, "是公式，不能导入。请在 WPS/Excel 中复制后"
                                                                   "“选择性粘贴 → 数值”再导入"))
                continue
            if isinstance(value, str) and "_x" in value:
                value = EXCEL_ESCAPE.sub(lambda m: chr(int(m[1], 16)), value)
            if isinstance(value, str) and has_controls(value):
                row.problems.append(RowProblem(row_number, column, "含有不可见的控制字符，请删除后再导入"))
                continue
            raw[key] = None if _is_template_blank(value) else value
        self._fill(row, raw)
        return row

    def _problem(self, row: RowPlan, key: str, message: str, warning: bool = False) -> None:
        (row.warnings if warning else row.problems).append(RowProblem(row.row, self.plan.column_of(key), message))

    def _fill(self, row: RowPlan, raw: dict) -> None:
        values: dict[str, object] = {}
        for key in TEXT_FIELDS:
            if key in raw:
                values[key] = _text(raw[key]).strip()
        if "kind" in raw and _text(raw["kind"]).strip():
            kind = KIND_WORDS.get(_text(raw["kind"]).strip())
            if kind is None:
                self._problem(row, "kind", f"“{_text(raw['kind'])}”不是事项类型，应为：{'、'.join(EntryKind)}")
            else:
                values["kind"] = kind
        if "layer" in raw and _text(raw["layer"]).strip():
            values["layer"] = _layer(_text(raw["layer"]).strip())
        for key in ("found_date",):
            if key in raw:
                try:
                    values[key] = parse_date(raw[key])
                except DateParseError as exc:
                    self._problem(row, key, str(exc))
        if "completed_date" in raw:
            try:
                row.completed_date = parse_date(raw["completed_date"])
            except DateParseError as exc:
                self._problem(row, "completed_date", str(exc))
        if "deadline" in raw:
            try:
                values["deadline_type"], values["deadline"] = parse_deadline(raw["deadline"])
            except DateParseError as exc:
                self._problem(row, "deadline", str(exc))
        if "status" in raw and _text(raw["status"]).strip():
            word = re.sub(r"[（(]逾期[）)]$", "", _text(raw["status"]).strip())
            status = STATUS_WORDS.get(word)
            if status is None:
                self._problem(row, "status", f"“{word}”不是能识别的状态，应为：{'、'.join(Status)}")
            else:
                row.status_given = row.status = status.value
        elif values.get("progress"):
            row.status = Status.IN_PROGRESS.value
        row.code = str(values.pop("code", "") or "")
        row.progress = str(values.pop("progress", "") or "")
        row.existing = self._match(row)
        self._names(row, raw, values)
        if row.existing is None:
            if "kind" not in values and "kind" not in self.plan.mapping.values():
                values["kind"] = KIND_OF_PREFIX.get(row.code.split("-", 1)[0].upper(), row.data.kind)
            row.data = normalise(replace(row.data, **values))
            self._validate(row)
        else:
            self._update(row, values)

    def _match(self, row: RowPlan) -> EntryRecord | None:
        existing = self.existing.get(row.code)
        if existing is None:
            return None
        first = self.existing.claimed.setdefault(row.code, row.row)
        if first != row.row:
            self._problem(row, "code", f"与第 {first} 行的问题编号重复：同一事项只能出现一次")
        if existing.deleted_at is not None:
            self._problem(row, "code", f"事项 {row.code} 在回收站中，请先在“设置 → 回收站”中恢复再导入")
        return existing

    def _update(self, row: RowPlan, values: dict) -> None:
        """The row names an entry we have: change what differs, through the ledger's validation."""
        existing = row.existing
        kind = values.pop("kind", existing.kind)
        if kind != existing.kind:
            self._problem(row, "kind", f"事项 {existing.code} 是“{existing.kind}”，导入不能改变事项类型")
        row.data = merge_for_update(existing, values)
        self._validate(row)
        row.changes = field_changes(existing, row.data)
        row.changes += [FIELD_LABELS[key] for key in row.new_names if FIELD_LABELS[key] not in row.changes]
        problem = status_problem(existing, row.status_given)
        if problem:
            self._problem(row, "status", problem)
        elif row.status_given and row.status_given != existing.status:
            row.changes.append("状态")
        row.status = existing.status if problem or not row.status_given else row.status_given
        if row.progress and row.progress != self.existing.latest_progress.get(existing.id, ""):
            row.changes.append("整改进展")
        else:
            row.progress = ""
        if completed_date_differs(existing, row.completed_date):
            self._problem(row, "completed_date", "完成日期由销号流程记录，导入不会修改", warning=True)

    def _names(self, row: RowPlan, raw: dict, values: dict) -> None:
        """Names to ids. For an update a name equal to the entry's own keeps its id, so a second
        person or department of the same name never swaps in."""
        existing = row.existing
        dept_text = _text(raw.get("department")).strip()
        if dept_text:
            first, *rest = [n for n in NAME_SPLIT.split(dept_text) if n]
            if rest and not values.get("co_departments"):
                values["co_departments"] = "、".join(rest)
            values["department_id"] = (existing.department_id if existing and existing.department_name == first
                                       else self.names.departments.get(first))
            if values["department_id"] is None:
                self._missing(row, "department", "department", first, "科室（单位）")
        if "task_force" in raw and _text(raw["task_force"]).strip():
            name = _text(raw["task_force"]).strip()
            values["task_force_id"] = (existing.task_force_id if existing and existing.task_force_name == name
                                       else self.names.task_forces.get(name))
            if values["task_force_id"] is None:
                self._missing(row, "task_force", "task_force", name, "专班")
        for key in PERSON_FIELDS:
            text = _text(raw.get(key)).strip()
            if not text:
                continue
            first, *rest = [n for n in NAME_SPLIT.split(text) if n]
            if rest:
                self._problem(row, key, f"有多个姓名，只关联第一个“{first}”", warning=True)
            if existing and getattr(existing, f"{key}_name") == first:
                pid = getattr(existing, f"{key}_id")
            else:
                pid = self.names.person(first, values.get("department_id"))
            values[f"{key}_id"] = pid
            if pid is None:
                self._missing(row, key, "person", first, "人员")

    def _missing(self, row: RowPlan, key: str, kind: str, name: str, label: str) -> None:
        self.plan.missing.setdefault(kind, set()).add(name)
        row.new_names[key] = name
        if not self.plan.options.create_missing:
            self._problem(row, key, f"本机没有{label}“{name}”。请先在设置中添加，或勾选“自动新建缺少的科室和人员”")

    def _validate(self, row: RowPlan) -> None:
        label_to_key = {"owner_id": "owner", "leader_id": "leader", "responsible_id": "responsible",
                        "department_id": "department", "task_force_id": "task_force",
                        "deadline_type": "deadline"}
        try:
            validate(row.data)
        except ValidationErrors as errors:
            for error in errors.errors:
                key = label_to_key.get(error.field, error.field)
                if key == "layer" and "layer" not in self.plan.mapping.values():
                    self._problem(row, "layer", error.message + "（表格中没有“层级”列：请在导入时选择默认层级，"
                                                               "或把事项类型设为重点任务等）")
                else:
                    self._problem(row, key, error.message)
        if row.completed_date and row.data.found_date and row.completed_date < row.data.found_date:
            self._problem(row, "completed_date", "完成日期不能早于发现日期")


def plan_import(path: str | Path, options: ImportOptions | None = None, *, content: SheetContent | None = None,
                progress=None) -> ImportPlan:
    """Read, map and check every row. Writes nothing."""
    options = options or ImportOptions()
    path = Path(path)
    if content is None:
        content = read_sheet(path, options.sheet, progress=progress)
    campaign_id = options.campaign_id or campaigns.require_current_campaign().id
    options = replace(options, campaign_id=campaign_id, sheet=content.name)
    mapping = dict(options.mapping) if options.mapping is not None else auto_mapping(content.headers)
    if "description" not in mapping.values():
        raise InputFileError("没有找到“问题表现”（问题描述/存在问题）列，无法导入。请在列对应中指定哪一列是问题描述。")
    if options.default_layer and options.default_layer not in {v.value for v in Layer}:
        raise ValidationError(f"默认层级“{options.default_layer}”不正确，应为：{'、'.join(Layer)}", "layer")
    plan = ImportPlan(path, content.name, content.header_row, content.headers, mapping, [], options)
    code_index = next((i for i, k in mapping.items() if k == "code"), None)
    codes = set() if code_index is None else {_text(values[code_index]).strip() for _, values, _ in content.rows}
    builder = _RowBuilder(plan, _Names(campaign_id), ExistingEntries(campaign_id, codes))
    for row_number, values, formulas in content.rows:
        plan.rows.append(builder.build(row_number, values, formulas))
    return plan
