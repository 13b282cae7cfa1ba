"""Ledger entries: create, edit, delete to the recycle bin, restore. Every change is logged."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime

from desk_app.db.models import Campaign, Department, LedgerEntry, Meeting, Person, TaskForce
from desk_app.domain import KIND_CODE_PREFIX, DeadlineType, EntryKind, Layer, Status
from desk_app.errors import NotFoundError, ValidationError, ValidationErrors

from . import changelog, context

MAX_TEXT = 20000

# Fields a clerk edits directly (status and 销号 fields move through workflow.py).
EDITABLE_FIELDS = (
    "kind", "layer", "owner_id", "category", "source", "description", "cause", "target", "measures",
    "standard", "leader_id", "department_id", "co_departments", "responsible_id", "task_force_id",
    "found_date", "deadline_type", "deadline", "rectify_mode", "schedule", "note",
)
TEXT_FIELDS = ("category", "source", "description", "cause", "target", "measures", "standard",
               "co_departments", "rectify_mode", "schedule", "note")

FIELD_LABELS = {
    "code": "问题编号", "kind": "类型", "layer": "层级", "owner_id": "所属人员", "category": "问题类别",
    "source": "问题来源", "description": "问题表现", "cause": "原因剖析", "target": "整改目标",
    "measures": "整改措施", "standard": "整改标准", "leader_id": "责任领导", "department_id": "责任单位",
    "co_departments": "配合处室", "responsible_id": "责任人", "task_force_id": "所属专班",
    "found_date": "发现日期", "deadline_type": "时限类型", "deadline": "整改时限",
    "rectify_mode": "整改方式", "schedule": "月度序时进度", "status": "状态",
    "completed_date": "完成日期", "completion_summary": "完成情况", "closed_date": "销号日期",
    "reviewer_id": "销号审核人", "note": "备注", "meeting_id": "所属会议", "decision_no": "议定事项序号",
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

    def as_input(self) -> EntryInput:
        return EntryInput(**{f.name: getattr(self, f.name) for f in fields(EntryInput)})

    @property
    def is_ready(self) -> bool:
        return not self.missing


def _clean_text(value) -> str:
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    # Control characters come in from pasted or imported text; keep only newlines and tabs.
    text = "".join(ch for ch in text if ch >= " " or ch in "\n\t")
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
    return replace(data, **cleaned)


def validate(data: EntryInput) -> None:
    """Raise ValidationErrors listing every problem in the input, each tied to its field."""
    errors: list[ValidationError] = []
    if data.kind not in {k.value for k in EntryKind}:
        errors.append(ValidationError(f"类型“{data.kind}”不正确，应为：{'、'.join(EntryKind)}", "kind"))
    if not data.description:
        label = "问题表现" if data.kind == EntryKind.RECTIFICATION else "事项内容"
        errors.append(ValidationError(f"{label}不能为空", "description"))
    if data.layer and data.layer not in {lv.value for lv in Layer}:
        errors.append(ValidationError(f"层级“{data.layer}”不正确，应为：{'、'.join(Layer)}", "layer"))
    if data.kind == EntryKind.RECTIFICATION and not data.layer:
        errors.append(ValidationError("问题整改事项必须选择层级", "layer"))
    if data.deadline_type not in {t.value for t in DeadlineType}:
        errors.append(ValidationError(f"时限类型“{data.deadline_type}”不正确", "deadline_type"))
    if data.deadline and data.found_date and data.deadline < data.found_date:
        errors.append(ValidationError("整改时限不能早于发现日期", "deadline"))
    if data.found_date and data.found_date > context.today():
        errors.append(ValidationError("发现日期不能晚于今天", "found_date"))
    for name in TEXT_FIELDS:
        if len(getattr(data, name)) > MAX_TEXT:
            errors.append(ValidationError(f"{FIELD_LABELS[name]}超过 {MAX_TEXT} 字，请精简或改用附件", name))
    for name, model, what in (("owner_id", Person, "人员"), ("leader_id", Person, "人员"),
                              ("responsible_id", Person, "人员"), ("department_id", Department, "科室"),
                              ("task_force_id", TaskForce, "专班")):
        value = getattr(data, name)
        if value is not None and not model.select().where(model.id == value).exists():
            errors.append(ValidationError(f"所选{FIELD_LABELS[name]}（{what}）不存在", name))
    if errors:
        raise ValidationErrors(errors)


def next_code(campaign: Campaign, kind: str, source_unit: str = "") -> str:
    prefix = f"{KIND_CODE_PREFIX[EntryKind(kind)]}-{campaign.year}-"
    last = (LedgerEntry.select(LedgerEntry.code)
            .where(LedgerEntry.campaign == campaign, LedgerEntry.source_unit == source_unit,
                   LedgerEntry.code.startswith(prefix))
            .order_by(LedgerEntry.code.desc()).scalar())
    number = int(last[len(prefix):]) + 1 if last and last[len(prefix):].isdigit() else 1
    return f"{prefix}{number:04d}"


def _model_values(data: EntryInput) -> dict:
    values = {f.name: getattr(data, f.name) for f in fields(EntryInput)}
    if values["deadline_type"] == DeadlineType.LONG_TERM:
        values["deadline"] = values["deadline"]  # a long-term item may still carry a review date
    return values


@context.writes
def create_entry(campaign_id: int, data: EntryInput, *, status: str = Status.NOT_STARTED,
                 meeting_id: int | None = None, decision_no: int | None = None) -> EntryRecord:
    campaign = Campaign.get_or_none(Campaign.id == campaign_id)
    if campaign is None:
        raise NotFoundError("找不到所选活动，请先新建活动")
    data = normalise(data)
    if data.found_date is None:
        data = replace(data, found_date=context.today())
    validate(data)
    if meeting_id is not None and not Meeting.select().where(Meeting.id == meeting_id).exists():
        raise ValidationError("所选会议不存在", "meeting_id")
    now = context.now()
    entry = LedgerEntry.create(
        campaign=campaign, code=next_code(campaign, data.kind), status=status, meeting=meeting_id,
        decision_no=decision_no, created_at=now, updated_at=now, **_model_values(data))
    changelog.record("ledger_entry", entry.id, "create", "code", None, entry.code)
    return get_entry(entry.id)


@context.writes
def update_entry(entry_id: int, data: EntryInput) -> EntryRecord:
    entry = _get_model(entry_id)
    data = normalise(data)
    validate(data)
    new_values = _model_values(data)
    changes = {}
    for name, new in new_values.items():
        old = getattr(entry, name)
        if old != new:
            changes[name] = (old, new)
            setattr(entry, name, new)
    if changes:
        if "kind" in changes:
            entry.code = next_code(entry.campaign, entry.kind, entry.source_unit)
            changes["code"] = (None, entry.code)
        entry.updated_at = context.now()
        entry.save()
        changelog.record_changes("ledger_entry", entry.id, _named(changes))
    return get_entry(entry.id)


def _named(changes: dict) -> dict:
    """Log people and departments by name, not by id, so the history reads well."""
    named = {}
    for name, (old, new) in changes.items():
        if name in ("owner_id", "leader_id", "responsible_id", "reviewer_id"):
            old, new = _person_name(old), _person_name(new)
        elif name == "department_id":
            old, new = _dept_name(old), _dept_name(new)
        elif name == "task_force_id":
            old, new = _tf_name(old), _tf_name(new)
        named[name] = (old, new)
    return named


def _person_name(pid):
    p = Person.get_or_none(Person.id == pid) if pid else None
    return p.name if p else pid


def _dept_name(did):
    d = Department.get_or_none(Department.id == did) if did else None
    return d.name if d else did


def _tf_name(tid):
    t = TaskForce.get_or_none(TaskForce.id == tid) if tid else None
    return t.name if t else tid


def _get_model(entry_id: int) -> LedgerEntry:
    entry = LedgerEntry.get_or_none(LedgerEntry.id == entry_id)
    if entry is None:
        raise NotFoundError(f"找不到编号为 {entry_id} 的台账事项，可能已被彻底删除")
    return entry


def get_entry(entry_id: int) -> EntryRecord:
    from .entry_records import load_records  # noqa: PLC0415 - avoids an import cycle

    records = load_records([entry_id])
    if not records:
        raise NotFoundError(f"找不到编号为 {entry_id} 的台账事项，可能已被彻底删除")
    return records[0]


@context.writes
def delete_entries(entry_ids: list[int]) -> int:
    """Move entries to the recycle bin."""
    now = context.now()
    count = 0
    for entry_id in entry_ids:
        entry = _get_model(entry_id)
        if entry.deleted_at is None:
            entry.deleted_at = now
            entry.save()
            changelog.record("ledger_entry", entry.id, "delete", "deleted_at", None, now)
            count += 1
    return count


@context.writes
def restore_entries(entry_ids: list[int]) -> int:
    count = 0
    for entry_id in entry_ids:
        entry = _get_model(entry_id)
        if entry.deleted_at is not None:
            changelog.record("ledger_entry", entry.id, "restore", "deleted_at", entry.deleted_at, None)
            entry.deleted_at = None
            entry.save()
            count += 1
    return count
