"""One sheet row → the entry it describes, through the ledger's own validation. Words are read
through the word tables; every value changed by that reading is noted on the row."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desk_app.domain import KIND_CODE_PREFIX, DeadlineType, EntryKind, Layer, Status
from desk_app.services import context
from desk_app.services.entry_input import field_problems
from desk_app.services.ledger import TEXT_FIELDS as LEDGER_TEXT_FIELDS
from desk_app.services.ledger import EntryInput

from .cells import has_controls
from .dates import DateParseError, parse_date
from .xlsx_match import ExistingEntries
from .xlsx_people import TitleReader, split_units
from .xlsx_plan import ImportPlan, RowPlan, RowProblem
from .xlsx_rowmatch import RowMatching
from .xlsx_vocab import IGNORE, KEEP, target_label
from .xlsx_words import DeadlineReader, StatusReader, read_flag

# Excel and WPS store characters XML cannot hold as _xHHHH_; decoded here when a reader left them.
EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
KIND_WORDS = {k.value: k.value for k in EntryKind} | {"问题": EntryKind.RECTIFICATION.value,
                                                       "整改": EntryKind.RECTIFICATION.value,
                                                       "任务": EntryKind.KEY_TASK.value,
                                                       "督办": EntryKind.SUPERVISION.value}
KIND_OF_PREFIX = {prefix: kind.value for kind, prefix in KIND_CODE_PREFIX.items()}
PERSON_FIELDS = ("owner", "leader", "responsible")
ENTRY_TEXT_FIELDS = ("category", "source", "description", "cause", "target", "measures", "standard",
                     "co_departments", "rectify_mode", "schedule", "note", "task_source", "doc_number",
                     "instructing_leader")
LAYER_WORDS = {"班子": Layer.TEAM, "领导班子": Layer.TEAM, "科长": Layer.SECTION_CHIEF, "主任": Layer.SECTION_CHIEF,
               "科级干部": Layer.SECTION_CHIEF, "经办人员": Layer.STAFF, "一般干部": Layer.STAFF,
               "业务经办人员": Layer.STAFF}


def cell_text(value) -> str:
    if value.__class__ is str:  # most cells: checked first (called some twenty times a row)
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _is_template_blank(value) -> bool:
    """Upward templates write "0" in every blank cell; no name, date or text of a ledger is just "0"."""
    if isinstance(value, str):
        return value.strip() == "0"
    return isinstance(value, int | float) and not isinstance(value, bool) and value == 0


def _new_input(kind: str, layer: str, values: dict) -> EntryInput:
    """EntryInput(kind, layer, **values) as ledger.normalise leaves it, for cells already checked free of
    control characters (build() refuses them): the same result without its per-character filter, and
    only the texts the row gives looked at (the others are the empty defaults)."""
    data = EntryInput(**{"kind": kind, "layer": layer, **values})
    for name in LEDGER_TEXT_FIELDS:
        if name not in values:
            continue
        value = values[name]
        text = "" if value is None else value if value.__class__ is str else str(value)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        setattr(data, name, text.strip())
    return data


def _layer(text: str) -> str:
    t = text.replace("（", "(").replace("）", ")").replace(" ", "")
    for layer in Layer:
        if t == layer.value or (t and layer.value.startswith(t) and len(t) >= 2):
            return layer.value
    return LAYER_WORDS[t].value if t in LAYER_WORDS else text


@dataclass
class Readers:
    status: StatusReader
    deadline: DeadlineReader
    titles: TitleReader


class RowBuilder(RowMatching):
    def __init__(self, plan: ImportPlan, names, existing: ExistingEntries, readers: Readers, *,
                 kind: str, layer: str, found_date: date | None, sections: dict[int, str]):
        self.plan = plan
        self.names = names
        self.existing = existing
        self.readers = readers
        self.kind = kind
        self.layer = layer
        self.found_date = found_date
        self.sections = sections
        self.today = plan.import_day or context.today()
        self.template_blanks = 0  # "0" cells of an upward template, read as blank (the preview says so)
        self.by_field: dict[str, list[int]] = {}
        for index, key in sorted(plan.mapping.items()):
            self.by_field.setdefault(key, []).append(index)
        self.read_columns = [index for index, key in plan.mapping.items() if key != IGNORE]
        # Fields read from several columns, all under one group (季度形象进度/一季度 …): each under its name.
        self.grouped = {key for key, indices in self.by_field.items()
                        if len(indices) > 1 and all("/" in plan.headers[i] for i in indices)}
        self._columns: dict[str, str] = {}
        self.text_fields = [key for key in ENTRY_TEXT_FIELDS if key in self.by_field]

    def description_of(self, values: list) -> str:
        """A row's 问题表现 as build() reads it (before the cells' checks): what matching by content looks for."""
        cells = {i: values[i] for i in self.by_field.get("description", ()) if i < len(values)}
        return self._joined(cells, "description")

    def label(self, index: int) -> str:
        return self.plan.headers[index] or target_label(self.plan.mapping.get(index, ""))

    def build(self, row_number: int, values: list, uncomputed: set[int]) -> RowPlan:
        row = RowPlan(row_number, None, Status.NOT_STARTED.value)
        cells: dict[int, object] = {}
        width = len(values)
        for index in self.read_columns:
            if uncomputed and index in uncomputed:
                row.problems.append(RowProblem(row_number, self.label(index), "是没有计算结果的公式，不能导入。请在 "
                                               "WPS/Excel 中打开并保存（让公式算出结果），或“选择性粘贴 → 数值”再导入"))
                continue
            value = values[index] if index < width else None
            if value.__class__ is str:  # most cells: the checks of the general case below, in line
                if "_x" in value:
                    value = EXCEL_ESCAPE.sub(lambda m: chr(int(m[1], 16)), value)
                if has_controls(value):
                    row.problems.append(RowProblem(row_number, self.label(index), "含有不可见的控制字符，请删除后再导入"))
                    continue
                if "0" in value and value.strip() == "0":
                    self.template_blanks += 1
                    value = None
            elif value is not None:
                if isinstance(value, str):
                    if "_x" in value:
                        value = EXCEL_ESCAPE.sub(lambda m: chr(int(m[1], 16)), value)
                    if has_controls(value):
                        row.problems.append(RowProblem(row_number, self.label(index), "含有不可见的控制字符，请删除后再导入"))
                        continue
                if _is_template_blank(value):
                    self.template_blanks += 1
                    value = None
            cells[index] = value
        self._fill(row, cells)
        return row

    # -- helpers ------------------------------------------------------------------------------------
    def _column(self, key: str) -> str:
        """plan.column_of(key), looked up once per field (the mapping does not change while rows are built)."""
        label = self._columns.get(key)
        if label is None:
            label = self._columns[key] = self.plan.column_of(key)
        return label

    def _problem(self, row: RowPlan, key: str, message: str, warning: bool = False) -> None:
        (row.warnings if warning else row.problems).append(RowProblem(row.row, self._column(key), message))

    def _reading(self, row: RowPlan, key: str, note: str) -> None:
        if note:
            row.readings.append(RowProblem(row.row, self._column(key), note))

    def _first(self, cells: dict, key: str, extra: list[str]):
        """The first non-empty value of a field; a different value in a later column goes to 备注."""
        chosen = None
        for index in self.by_field.get(key, []):
            value = cells.get(index)
            if value is None or not cell_text(value):
                continue
            if chosen is None:
                chosen = value
            elif cell_text(value) != cell_text(chosen):
                extra.append(f"{self.label(index)}：{cell_text(value)}")
        return chosen

    def _joined(self, cells: dict, key: str) -> str:
        """Several columns of one field: the first as written, later ones under their header; columns
        under one group (季度形象进度/一季度 …) each under their own name."""
        indices = self.by_field.get(key)
        if not indices:
            return ""
        if len(indices) == 1:
            return cell_text(cells.get(indices[0]))
        grouped = key in self.grouped
        parts = []
        for index in indices:
            text = cell_text(cells.get(index))
            if text:
                labelled = grouped or bool(parts)
                parts.append(f"{self.label(index).split('/')[-1]}：{text}" if labelled else text)
        return "\n".join(parts)

    # -- the row ------------------------------------------------------------------------------------
    def _fill(self, row: RowPlan, cells: dict) -> None:
        values: dict[str, object] = {}
        extra: list[str] = []  # 原表其他列 and second opinions: kept in 备注
        for key in self.text_fields:
            values[key] = self._joined(cells, key)
        for index in self.by_field.get(KEEP, []):
            text = cell_text(cells.get(index))
            if text:
                extra.append(f"{self.label(index)}：{text}")
        if not values.get("category") and row.row in self.sections and "category" not in self.by_field:
            values["category"] = self.sections[row.row]
        kind_value = self._first(cells, "kind", extra)
        if kind_value is not None:
            kind = KIND_WORDS.get(cell_text(kind_value))
            if kind is None:
                self._problem(row, "kind", f"“{cell_text(kind_value)}”不是事项类型，应为：{'、'.join(EntryKind)}")
            else:
                values["kind"] = kind
        layer_value = self._first(cells, "layer", extra)
        if layer_value is not None:
            values["layer"] = _layer(cell_text(layer_value))
        self._dates(row, cells, values, extra)
        self._status(row, cells, values)
        row.code = cell_text(self._first(cells, "code", extra))
        row.existing = self._match(row) if row.code else self._same_content(row, cells, values)
        self._names(row, cells, values, extra)
        if extra:
            note = str(values.get("note") or "")
            values["note"] = (note + "\n" if note else "") + "【原表其他列】" + "；".join(extra)
        if row.existing is None:
            if "kind" not in values and "kind" not in self.by_field:
                values["kind"] = KIND_OF_PREFIX.get(row.code.split("-", 1)[0].upper(), self.kind)
            if not values.get("layer") and (values.get("kind") or self.kind) != EntryKind.RECTIFICATION:
                values["layer"] = ""
            row.data = _new_input(self.kind, self.layer, values)
            if row.data.found_date is None and self.found_date is not None:
                found = min(self.found_date, row.data.deadline) if row.data.deadline else self.found_date
                row.data.found_date = found
            self._validate(row)
        else:
            self._update(row, values)

    def _dates(self, row: RowPlan, cells: dict, values: dict, extra: list[str]) -> None:
        for key in ("found_date", "assigned_date", "completed_date"):
            value = self._first(cells, key, extra)
            if value is None:
                continue
            try:
                parsed = parse_date(value.strip() if isinstance(value, str) else value)
            except DateParseError as exc:
                self._problem(row, key, str(exc))
                continue
            if key == "completed_date":
                row.completed_date = parsed
            else:
                values[key] = parsed
        if values.get("assigned_date") and not values.get("found_date"):
            values["found_date"] = values["assigned_date"]  # a 督办 sheet's one date: handed over = found
        value = self._first(cells, "deadline", extra)
        if value is None:
            return
        try:
            deadline = self.readers.deadline.read(value, base=values.get("found_date"))
        except DateParseError as exc:
            self._problem(row, "deadline", str(exc))
            return
        values["deadline_type"], values["deadline"] = deadline.kind, deadline.when
        self._reading(row, "deadline", deadline.note)
        if deadline.note and ("记入备注" in deadline.note):
            extra.append(f"原整改时限：{cell_text(value)}")
        if deadline.long_term_too:
            mode = str(values.get("rectify_mode") or "")
            if "长期坚持" not in mode:
                values["rectify_mode"] = f"{mode}；长期坚持" if mode else "长期坚持"

    def _status(self, row: RowPlan, cells: dict, values: dict) -> None:
        progress = self._joined(cells, "progress")
        status_text = self._joined(cells, "status")
        flag_text = self._joined(cells, "closed_flag")
        reading = None
        if status_text:
            reading = self.readers.status.read(status_text)
            if reading is None:
                self._problem(row, "status", f"“{status_text[:30]}”不是能识别的状态，按“{'推进中' if progress else '未启动'}”"
                              "导入，原文记入整改进展。可在“设置 › 导入词表”中添加这个词", warning=True)
                progress = "\n".join(p for p in (f"状态：{status_text}", progress) if p)
        elif progress:
            reading = self.readers.status.read(progress, leading_only=True)
        flag = read_flag(flag_text) if flag_text else None
        if flag_text and flag is None:
            self._problem(row, "closed_flag", f"“{flag_text[:20]}”不是“是”或“否”，按未销号导入", warning=True)
        status = reading.status if reading else (Status.IN_PROGRESS.value if progress else Status.NOT_STARTED.value)
        if flag is True and status != Status.CLOSED:
            if reading and reading.status not in (Status.CLOSED, Status.ONGOING):
                self._problem(row, "closed_flag", f"“是否销号”为“{flag_text}”，但状态写的是“{status_text}”：按已销号导入",
                              warning=True)
            if status != Status.ONGOING:
                status = Status.CLOSED.value
            self._reading(row, "closed_flag", f"“{flag_text}” → {status}")
        elif flag is False and status == Status.CLOSED:
            status = Status.PENDING_CLOSE.value
            self._reading(row, "closed_flag", f"已完成但“是否销号”为“{flag_text}” → 申请销号（待审核）")
        elif reading and reading.note:
            self._reading(row, "status" if status_text else "progress", reading.note)
        if reading and reading.rest and status_text and reading.rest not in progress:
            progress = "\n".join(p for p in (progress, reading.rest) if p)
        row.status = status
        row.status_given = status if (status_text or flag_text or reading) else ""
        row.progress = progress
        if status in (Status.CLOSED, Status.PENDING_CLOSE):
            row.completion_summary = progress or status_text or flag_text
            row.closure_words = "；".join(t for t in (status_text, flag_text and f"是否销号：{flag_text}") if t)
            if not row.closure_words:
                row.closure_words = progress[:200]

    def _names(self, row: RowPlan, cells: dict, values: dict, extra: list[str]) -> None:
        """Names to ids. For an update a name equal to the entry's own keeps its id."""
        existing = row.existing
        units: list[str] = []
        for index in self.by_field.get("department", []):
            units += [u for u in split_units(cell_text(cells.get(index))) if u not in units]
        if "co_departments" in values:
            co = [u for u in split_units(str(values["co_departments"])) if u not in units]
            values["co_departments"] = "、".join(co)
        if units:
            first, rest = units[0], units[1:]
            if rest:
                co = [u for u in split_units(str(values.get("co_departments") or "")) if u not in rest]
                values["co_departments"] = "、".join(rest + co)
                self._reading(row, "department", f"第一个单位“{first}”记为责任单位，其余记为配合单位")
            values["department_id"] = (existing.department_id if existing and existing.department_name == first
                                       else self.names.departments.get(first))
            if values["department_id"] is None:
                self._missing(row, "department", "department", first, "科室（单位）")
        task_force = cell_text(self._first(cells, "task_force", extra))
        if task_force:
            values["task_force_id"] = (existing.task_force_id if existing and existing.task_force_name == task_force
                                       else self.names.task_forces.get(task_force))
            if values["task_force_id"] is None:
                self._missing(row, "task_force", "task_force", task_force, "专班")
        for key in PERSON_FIELDS:
            text = self._joined(cells, key)
            if not text:
                continue
            people = self.readers.titles.people(text)
            named = [p for p in people if p.name]
            if not named:
                self._problem(row, key, f"“{text[:20]}”只写了职务，没有姓名：原文记入备注", warning=True)
                extra.append(f"{self.plan.column_of(key)}：{text}")
                continue
            person, others = named[0], named[1:]
            if others:
                self._problem(row, key, f"有多个姓名，只关联第一个“{person.name}”，其余记入备注", warning=True)
                extra.append(f"{self.plan.column_of(key)}（其他）：{'、'.join(p.name for p in others)}")
            if person.title:
                self._reading(row, key, f"“{text[:30]}” → 姓名 {person.name}，职务 {person.title}")
            if existing and getattr(existing, f"{key}_name") == person.name and not person.unit:
                pid = getattr(existing, f"{key}_id")
            else:
                unit_id = self.names.departments.get(person.unit) if person.unit else None
                pid = self.names.person(person.name, unit_id or values.get("department_id"), role=key,
                                        title=person.title)
                if pid is not None and self.names.names.get(pid, person.name) != person.name:  # 王局长 → 王建国
                    self._reading(row, key, f"“{text[:30]}” → 本机的{self.names.names[pid]}（{person.title}）")
            values[f"{key}_id"] = pid
            if pid is None:
                row.new_titles[key] = person.title
                self._missing(row, key, "person", person.name, "人员")
                if self.plan.options.create_missing:  # one new person per name, whatever rows name them
                    values[f"{key}_id"] = self.names.new_person(
                        person.name, role=key, row_unit=units[0] if units else "", unit=person.unit,
                        title=person.title, layer=str(values.get("layer") or self.layer))
            elif key == "owner" and not values.get("layer") and "layer" not in self.by_field:
                layer = self.names.layer_of(pid)
                if layer:
                    values["layer"] = layer

    def _missing(self, row: RowPlan, key: str, kind: str, name: str, label: str) -> None:
        self.plan.missing.setdefault(kind, set()).add(name)
        row.new_names[key] = name
        if not self.plan.options.create_missing:
            where = "专班页面" if kind == "task_force" else "设置 › 科室与人员"
            self._problem(row, key, f"本机没有{label}“{name}”。请先在“{where}”中添加，"
                                    f"或{self.plan.options.create_missing_hint}")

    def _validate(self, row: RowPlan) -> None:
        label_to_key = {"owner_id": "owner", "leader_id": "leader", "responsible_id": "responsible",
                        "department_id": "department", "task_force_id": "task_force", "deadline_type": "deadline"}
        data = row.data
        if data.deadline_type == DeadlineType.IMMEDIATE and data.deadline and data.found_date \
                and data.deadline < data.found_date:
            data.found_date = data.deadline
        # The ledger's own checks of the fields (services.entry_input). The ids were read from the database
        # in this same planning pass, so the references need no look-up per row (create_entries checks
        # them again, in one query per kind, when the rows are written).
        for error in field_problems(data, self.today):
            key = label_to_key.get(error.field, error.field)
            if key == "layer" and "layer" not in self.by_field:
                self._problem(row, "layer", error.message + "（表格中没有“层级”列：请在导入时选择默认层级，"
                                                           "或把事项类型设为重点任务等）")
            else:
                self._problem(row, key, error.message)
        if row.completed_date and data.found_date and row.completed_date < data.found_date:
            self._problem(row, "completed_date", "完成日期不能早于发现日期")
