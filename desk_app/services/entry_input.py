"""What a ledger entry is made of: the input a form, an import or the demo hands over, the record every
reader sees, and the checks an input must pass before any writer stores it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from operator import attrgetter

from desk_app.db.models import Department, Person, TaskForce, database
from desk_app.domain import DeadlineType, EntryKind, Layer
from desk_app.errors import ValidationError, ValidationErrors

from . import context

MAX_TEXT = 20000

# Fields a clerk edits directly (status and 销号 fields move through workflow.py).
EDITABLE_FIELDS = (
    "kind", "layer", "owner_id", "category", "source", "description", "cause", "target", "measures",
    "standard", "leader_id", "department_id", "co_departments", "responsible_id", "task_force_id",
    "found_date", "deadline_type", "deadline", "rectify_mode", "schedule", "note",
    "task_source", "doc_number", "instructing_leader", "assigned_date",
)
TEXT_FIELDS = ("category", "source", "description", "cause", "target", "measures", "standard",
               "co_departments", "rectify_mode", "schedule", "note", "task_source", "doc_number", "instructing_leader")

FIELD_LABELS = {
    "code": "问题编号", "kind": "类型", "layer": "层级", "owner_id": "所属人员", "category": "问题类别",
    "source": "问题来源", "description": "问题表现", "cause": "原因剖析", "target": "整改目标",
    "measures": "整改措施", "standard": "整改标准", "leader_id": "责任领导", "department_id": "责任单位",
    "co_departments": "配合处室", "responsible_id": "责任人", "task_force_id": "所属专班",
    "found_date": "发现日期", "deadline_type": "时限类型", "deadline": "整改时限",
    "rectify_mode": "整改方式", "schedule": "月度序时进度", "status": "状态",
    "completed_date": "完成日期", "completion_summary": "完成情况", "closed_date": "销号日期",
    "reviewer_id": "销号审核人", "note": "备注", "meeting_id": "所属会议", "decision_no": "议定事项序号",
    "task_source": "任务来源", "doc_number": "发文字号", "instructing_leader": "批示领导", "assigned_date": "交办日期",
    # What the 督办 tab logs on the entry (services/supervision, supervision_urges).
    "supervision_node": "督办节点", "supervision_rule": "督办规则", "urge": "催办记录",
}


@dataclass
class EntryInput:
    """What a form, an import or the demo hands to create_entry / update_entry."""

    kind: str = EntryKind.RECTIFICATION
    layer: str = ""
    owner_id: int | None = None
    category: str = ""
    source: str = ""
    description: str = ""
    cause: str = ""
    target: str = ""
    measures: str = ""
    standard: str = ""
    leader_id: int | None = None
    department_id: int | None = None
    co_departments: str = ""
    responsible_id: int | None = None
    task_force_id: int | None = None
    found_date: date | None = None
    deadline_type: str = DeadlineType.DATE
    deadline: date | None = None
    rectify_mode: str = ""
    schedule: str = ""
    note: str = ""
    task_source: str = ""  # 任务来源: 上级批转, 党组会议定, 领导批示 …
    doc_number: str = ""  # 发文字号
    instructing_leader: str = ""  # 批示领导 (often from above: a name as written)
    assigned_date: date | None = None  # 交办日期: the 13710 clock starts here


@dataclass(frozen=True)
class EntryRecord:
    """One entry with the names it points at, as every reader sees it."""

    id: int
    uuid: str
    code: str
    campaign_id: int
    kind: str
    layer: str
    owner_id: int | None
    owner_name: str
    category: str
    source: str
    description: str
    cause: str
    target: str
    measures: str
    standard: str
    leader_id: int | None
    leader_name: str
    department_id: int | None
    department_name: str
    co_departments: str
    responsible_id: int | None
    responsible_name: str
    task_force_id: int | None
    task_force_name: str
    meeting_id: int | None
    decision_no: int | None
    found_date: date | None
    deadline_type: str
    deadline: date | None
    rectify_mode: str
    schedule: str
    status: str
    completed_date: date | None
    completion_summary: str
    closed_date: date | None
    reviewer_id: int | None
    reviewer_name: str
    note: str
    source_unit: str
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
    extension_count: int = 0
    missing: tuple[str, ...] = field(default=())  # 四定 not yet met
    latest_progress: str = ""  # the newest progress text (lists; entry_records.load_records fills it)
    task_source: str = ""
    doc_number: str = ""
    instructing_leader: str = ""
    assigned_date: date | None = None
    version: int = 1  # bumped by every write: an editor saves with base_version=this (db/versioned)

    def as_input(self) -> EntryInput:
        return EntryInput(**{f.name: getattr(self, f.name) for f in fields(EntryInput)})

    @property
    def is_ready(self) -> bool:
        return not self.missing


# Control characters come in from pasted or imported text; newlines and tabs stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_STR = frozenset({str})


def _clean_text(value) -> str:
    if value is None:
        return ""
    text = value if type(value) is str else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):  # rare: most texts are clean and keep their object
        text = _CONTROL.sub("", text)
    return text.strip()


def missing_essentials(data) -> tuple[str, ...]:
    """定目标、定责任、定时限、定标准: which of the four are still missing."""
    missing = []
    if not data.target:
        missing.append("定目标")
    if not (data.responsible_id or data.department_id):
        missing.append("定责任")
    if data.deadline_type == DeadlineType.DATE and data.deadline is None:
        missing.append("定时限")
    if not data.standard and data.kind == EntryKind.RECTIFICATION:
        missing.append("定标准")
    return tuple(missing)


def normalise(data: EntryInput) -> EntryInput:
    cleaned = {name: _clean_text(getattr(data, name)) for name in TEXT_FIELDS}
    changed = {name: text for name, text in cleaned.items() if text != getattr(data, name)}
    return replace(data, **changed) if changed else data  # most inputs are clean already: no copy


_KINDS = frozenset(k.value for k in EntryKind)
_LAYERS = frozenset(lv.value for lv in Layer)
_DEADLINE_TYPES = frozenset(t.value for t in DeadlineType)
# Fields that name another record, with the model it must exist in and what the message calls it.
REFERENCES = (("owner_id", Person, "人员"), ("leader_id", Person, "人员"), ("responsible_id", Person, "人员"),
              ("department_id", Department, "科室"), ("task_force_id", TaskForce, "专班"))


def field_problems(data: EntryInput, today: date | None = None) -> list[ValidationError]:
    """Every problem of one normalised input that needs no database lookup."""
    today = today or context.today()
    errors: list[ValidationError] = []
    if data.kind not in _KINDS:
        errors.append(ValidationError(f"类型“{data.kind}”不正确，应为：{'、'.join(EntryKind)}", "kind"))
    if not data.description:
        label = "问题表现" if data.kind == EntryKind.RECTIFICATION else "事项内容"
        errors.append(ValidationError(f"{label}不能为空", "description"))
    if data.layer and data.layer not in _LAYERS:
        errors.append(ValidationError(f"层级“{data.layer}”不正确，应为：{'、'.join(Layer)}", "layer"))
    if data.kind == EntryKind.RECTIFICATION and not data.layer:
        errors.append(ValidationError("问题整改事项必须选择层级", "layer"))
    if data.deadline_type not in _DEADLINE_TYPES:
        errors.append(ValidationError(f"时限类型“{data.deadline_type}”不正确", "deadline_type"))
    if data.deadline and data.found_date and data.deadline < data.found_date:
        errors.append(ValidationError("整改时限不能早于发现日期", "deadline"))
    if data.found_date and data.found_date > today:
        errors.append(ValidationError("发现日期不能晚于今天", "found_date"))
    if data.assigned_date and data.assigned_date > today:
        errors.append(ValidationError("交办日期不能晚于今天", "assigned_date"))
    if data.assigned_date and data.deadline and data.deadline < data.assigned_date:
        errors.append(ValidationError("整改时限不能早于交办日期", "deadline"))
    for name in TEXT_FIELDS:
        if len(getattr(data, name)) > MAX_TEXT:
            errors.append(ValidationError(f"{FIELD_LABELS[name]}超过 {MAX_TEXT} 字，请精简或改用附件", name))
    return errors


class InputColumns(dict):
    """EntryInput fields a field at a time, read from the inputs as they are asked for (field name -> list)."""

    def __init__(self, inputs: list[EntryInput]):
        super().__init__()
        self.inputs = inputs

    def __missing__(self, name: str) -> list:
        values = self[name] = list(map(attrgetter(name), self.inputs))
        return values


def texts_clean(columns) -> bool:
    """True when normalise() would change no text of any input (columns: field name -> values, as
    InputColumns gives them): told a field at a time by passes in C over all inputs."""
    for name in TEXT_FIELDS:
        values = columns[name]
        if values and set(map(type, values)) != _STR:
            return False
        joined = "\n".join(values)  # "\n" is kept by _clean_text, so it hides nothing here
        if "\r" in joined or _CONTROL.search(joined) or list(map(str.strip, values)) != values:
            return False
    return True


def normalise_all(inputs: list[EntryInput]) -> list[EntryInput]:
    """normalise() of each input; when every text is clean already (an import's usual case), told a field at
    a time (texts_clean: the same objects come back) instead of 14 calls per input."""
    if texts_clean(InputColumns(inputs)):
        return list(inputs)
    return [normalise(data) for data in inputs]


def no_field_problems(inputs: list[EntryInput], today: date) -> bool:
    """True when field_problems() finds nothing in any of the normalised inputs, told a field at a time
    (False only means: ask field_problems for each, which words the problems)."""
    return columns_pass(InputColumns(inputs), today)


def columns_pass(columns, today) -> bool:
    """no_field_problems of inputs given a field at a time (field name -> values). Dates may also be ISO texts
    ('YYYY-MM-DD', with `today` one too): they order as the dates do."""
    kinds, layers = columns["kind"], columns["layer"]
    founds, deadlines, assigned = columns["found_date"], columns["deadline"], columns["assigned_date"]
    if not set(kinds) <= _KINDS or not all(columns["description"]):
        return False
    if not set(layers) <= _LAYERS | {""} or (EntryKind.RECTIFICATION.value, "") in set(zip(kinds, layers, strict=True)):
        return False
    if not set(columns["deadline_type"]) <= _DEADLINE_TYPES:
        return False
    if any(f > today for f in founds if f) or any(a > today for a in assigned if a):
        return False
    if any(d < f for d, f in zip(deadlines, founds, strict=True) if d and f) \
            or any(d < a for d, a in zip(deadlines, assigned, strict=True) if d and a):
        return False
    return all(max(map(len, columns[name]), default=0) <= MAX_TEXT for name in TEXT_FIELDS)


_ID_CHUNK = 900


def missing_references(inputs: list[EntryInput]) -> dict[str, set[int]]:
    """Per reference field, the ids the inputs name that do not exist (one statement for every model: a save
    waits for each round trip to the server)."""
    return missing_in_columns(InputColumns(inputs))


def missing_in_columns(columns) -> dict[str, set[int]]:
    """missing_references of inputs given a field at a time (field name -> values)."""
    wanted: dict[type, set[int]] = {}
    for name, model, _ in REFERENCES:
        wanted.setdefault(model, set()).update(columns[name])
    for ids in wanted.values():
        ids.discard(None)
    models = list(wanted)
    existing: dict[type, set[int]] = {model: set() for model in models}
    parts: list[tuple[str, list[int]]] = []  # one id lookup per model and chunk of ids
    for number, model in enumerate(models):
        ordered = sorted(wanted[model])
        for start in range(0, len(ordered), _ID_CHUNK):
            chunk = ordered[start:start + _ID_CHUNK]
            parts.append((f'SELECT {number}, "id" FROM "{model._meta.table_name}" '
                          f'WHERE "id" IN ({",".join("?" * len(chunk))})', chunk))
    while parts:  # as many lookups per statement as SQLite's oldest limit of bound values allows
        batch, size = [], 0
        while parts and (not batch or size + len(parts[0][1]) <= _ID_CHUNK):
            size += len(parts[0][1])
            batch.append(parts.pop(0))
        sql = " UNION ALL ".join(part for part, _ in batch)
        for number, found in database.execute_sql(sql, [i for _, ids in batch for i in ids]).fetchall():
            existing[models[number]].add(found)
    return {name: wanted[model] - existing[model] for name, model, _ in REFERENCES}


def reference_problems(data: EntryInput, missing: dict[str, set[int]]) -> list[ValidationError]:
    errors = []
    for name, _model, what in REFERENCES:
        value = getattr(data, name)
        if value is not None and value in missing.get(name, ()):
            errors.append(ValidationError(f"所选{FIELD_LABELS[name]}（{what}）不存在", name))
    return errors


def validate(data: EntryInput) -> None:
    """Raise ValidationErrors listing every problem in the input, each tied to its field."""
    errors = field_problems(data) + reference_problems(data, missing_references([data]))
    if errors:
        raise ValidationErrors(errors)
