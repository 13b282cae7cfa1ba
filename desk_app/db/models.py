"""peewee models for one office's campaigns. Schema changes go through numbered migrations."""

from __future__ import annotations

from datetime import datetime

from peewee import (
    SQL,
    BlobField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from .proxy import SwappableProxy
from .versioned import VersionedMixin

database = SwappableProxy()


def now_to_the_second() -> datetime:
    return datetime.now().replace(microsecond=0)


def new_uuid() -> str:
    import uuid  # noqa: PLC0415 - on the first record made: uuid brings platform and its regexes, the start needs none

    return str(uuid.uuid4())


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = TextField()  # JSON


class ChoiceItem(BaseModel):
    """Editable pick lists: problem categories, sources, rectification modes."""

    list_name = CharField(index=True)
    group = CharField(default="")
    value = CharField()
    sort_order = IntegerField(default=0)
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("list_name", "value"), True),)


class Campaign(BaseModel):
    name = CharField()
    year = IntegerField()
    start_date = DateField(null=True)
    end_date = DateField(null=True)
    is_current = BooleanField(default=False)
    note = TextField(default="")
    created_at = DateTimeField(default=now_to_the_second)


class Unit(BaseModel):
    """A sub-unit that sends its ledger upward in exchange packages."""

    name = CharField(unique=True)
    code = CharField(default="")
    sort_order = IntegerField(default=0)
    active = BooleanField(default=True)


class Department(BaseModel):
    name = CharField(unique=True)
    short_name = CharField(default="")
    sort_order = IntegerField(default=0, index=True)
    active = BooleanField(default=True)
    # A sub-unit's department (migration 20), named 「单位·科室」 and never one of this office's own: its
    # package's 办公室 is the county's, not counted in ours. NULL: this office's own department.
    unit = ForeignKeyField(Unit, null=True, backref="departments", on_delete="SET NULL")


class Person(BaseModel):
    name = CharField(index=True)
    department = ForeignKeyField(Department, null=True, backref="people", on_delete="SET NULL")
    title = CharField(default="")  # 职务
    level = CharField(default="")  # PersonLevel
    phone = CharField(default="")
    active = BooleanField(default=True)
    sort_order = IntegerField(default=0)
    # The name's reading (desk_app/name_keys): lists sort by it, pickers find "gym" by the initials. Kept
    # by save(); a rename around the program empties both (trigger of migration 13), services refill them.
    pinyin = CharField(default="", index=True, constraints=[SQL("DEFAULT ''")])
    initials = CharField(default="", constraints=[SQL("DEFAULT ''")])

    def save(self, *args, **kwargs):
        if self.name and ("name" in {f.name for f in self.dirty_fields} or not self.pinyin):
            from desk_app.name_keys import name_keys  # noqa: PLC0415 - pypinyin only when a name is written

            self.pinyin, self.initials = name_keys(self.name)
        return super().save(*args, **kwargs)


class TaskForce(BaseModel):
    campaign = ForeignKeyField(Campaign, backref="task_forces", on_delete="CASCADE")
    name = CharField()
    goal = TextField(default="")
    plan_due_date = DateField(null=True)
    sort_order = IntegerField(default=0)
    deleted_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("campaign", "name"), True),)


class TaskForceMember(BaseModel):
    task_force = ForeignKeyField(TaskForce, backref="members", on_delete="CASCADE")
    person = ForeignKeyField(Person, backref="memberships", on_delete="CASCADE")
    role = CharField()  # Role
    sort_order = IntegerField(default=0)

    class Meta:
        indexes = ((("task_force", "person", "role"), True),)


class ActionPlanVersion(BaseModel):
    task_force = ForeignKeyField(TaskForce, backref="plan_versions", on_delete="CASCADE")
    version = IntegerField()
    composition = TextField(default="")  # 人员组成
    targets = TextField(default="")  # 目标任务
    measures = TextField(default="")  # 工作举措
    safeguards = TextField(default="")  # 作风保障
    note = TextField(default="")
    created_by = CharField(default="")
    created_at = DateTimeField(default=now_to_the_second)

    class Meta:
        indexes = ((("task_force", "version"), True),)


class TaskForceReport(BaseModel):
    """A 专班's monthly report: 工作进展 / 存在问题 / 下步计划."""

    task_force = ForeignKeyField(TaskForce, backref="reports", on_delete="CASCADE")
    month = CharField()  # YYYY-MM
    progress = TextField(default="")
    problems = TextField(default="")
    next_steps = TextField(default="")
    updated_at = DateTimeField(default=now_to_the_second)

    class Meta:
        indexes = ((("task_force", "month"), True),)


class Meeting(VersionedMixin, BaseModel):
    campaign = ForeignKeyField(Campaign, backref="meetings", on_delete="CASCADE")
    meeting_type = CharField()  # MeetingType
    year = IntegerField()
    number = IntegerField()  # 第N次 per type and year
    title = CharField(default="")
    start_at = DateTimeField()
    place = CharField(default="")
    host = ForeignKeyField(Person, null=True, on_delete="SET NULL", backref="hosted_meetings")
    recorder = ForeignKeyField(Person, null=True, on_delete="SET NULL", backref="recorded_meetings")
    contact = CharField(default="")  # 联系人及电话 for the notice
    agenda = TextField(default="")
    minutes = TextField(default="")
    issue_no = IntegerField(null=True)  # 纪要（第X期）
    deleted_at = DateTimeField(null=True)
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])  # bumped by every write (db/versioned)

    class Meta:
        indexes = ((("campaign", "meeting_type", "year", "number"), True),)


class MeetingAttendance(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="attendance", on_delete="CASCADE")
    person = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    name = CharField()  # kept for guests and for people later removed
    unit = CharField(default="")
    title = CharField(default="")
    status = CharField(default="")  # Attendance; '' = not yet marked
    reason = CharField(default="")
    sort_order = IntegerField(default=0)


class MeetingReport(BaseModel):
    """What a 专班 reported at a meeting (copied from its monthly report, then editable)."""

    meeting = ForeignKeyField(Meeting, backref="reports", on_delete="CASCADE")
    task_force = ForeignKeyField(TaskForce, on_delete="CASCADE")
    progress = TextField(default="")
    problems = TextField(default="")
    next_steps = TextField(default="")
    sort_order = IntegerField(default=0)

    class Meta:
        indexes = ((("meeting", "task_force"), True),)


class LedgerEntry(VersionedMixin, BaseModel):
    """Every tracked item: 问题整改, 重点任务, 议定事项, 督办事项. 逾期 is derived, never stored."""

    uuid = CharField(unique=True, default=new_uuid)
    code = CharField()  # 问题编号, e.g. ZG-2022-0001
    campaign = ForeignKeyField(Campaign, backref="entries", on_delete="CASCADE", index=False)
    kind = CharField()
    layer = CharField(default="")
    owner = ForeignKeyField(Person, null=True, on_delete="SET NULL", backref="owned_entries")
    category = CharField(default="")
    source = CharField(default="")
    description = TextField(default="")  # 问题表现
    cause = TextField(default="")  # 原因剖析
    target = TextField(default="")  # 整改目标 / 工作目标
    measures = TextField(default="")  # 整改措施 / 具体措施
    standard = TextField(default="")  # 整改标准
    leader = ForeignKeyField(Person, null=True, on_delete="SET NULL", backref="led_entries")
    department = ForeignKeyField(Department, null=True, on_delete="SET NULL")
    co_departments = CharField(default="")  # 配合处室
    responsible = ForeignKeyField(Person, null=True, on_delete="SET NULL", backref="responsible_entries")
    task_force = ForeignKeyField(TaskForce, null=True, on_delete="SET NULL")
    meeting = ForeignKeyField(Meeting, null=True, on_delete="SET NULL", backref="decisions")
    decision_no = IntegerField(null=True)  # 议定事项 number within its meeting
    found_date = DateField(null=True)
    deadline_type = CharField(default="按期")  # DeadlineType
    deadline = DateField(null=True)
    rectify_mode = CharField(default="")  # 整改方式
    schedule = TextField(default="")  # 月度序时进度 (重点任务)
    status = CharField(default="未启动")
    completed_date = DateField(null=True)
    completion_summary = TextField(default="")
    closed_date = DateField(null=True)  # 销号日期
    reviewer = ForeignKeyField(Person, null=True, on_delete="SET NULL", backref="reviewed_entries")
    note = TextField(default="")
    source_unit = CharField(default="")  # '' = our own; else the unit that sent it
    created_at = DateTimeField(default=now_to_the_second)
    updated_at = DateTimeField(default=now_to_the_second)
    deleted_at = DateTimeField(null=True, index=True)
    # 问题编号 with its digit runs zero-padded (services/entry_codes.code_key): sorts …9999 before …10000.
    code_key = CharField(default="", constraints=[SQL("DEFAULT ''")])
    # Where a 督办/交办 matter comes from (migration 0012): 任务来源, 发文字号, 批示领导 and 交办日期, the day the
    # 13710 clock starts (services/supervision).
    task_source = CharField(default="", constraints=[SQL("DEFAULT ''")])
    doc_number = CharField(default="", constraints=[SQL("DEFAULT ''")])
    instructing_leader = CharField(default="", constraints=[SQL("DEFAULT ''")])
    assigned_date = DateField(null=True)
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])  # bumped by every write (db/versioned)

    class Meta:
        indexes = ((("campaign", "source_unit", "code"), True),
                   (("campaign", "source_unit", "code_key"), False),
                   # Migrations 3–7 (the ledger list); 6 also adds expression indexes (整改时限, 类型 sorts) and 7
                   # the ledger_tally table with its triggers.
                   (("campaign", "deleted_at", "status", "deadline_type", "deadline", "kind", "layer", "department",
                     "responsible", "owner", "leader", "task_force", "category", "source", "source_unit", "code_key"),
                    False),
                   (("campaign", "deleted_at", "code_key"), False),
                   (("campaign", "deleted_at", "status", "code_key"), False),
                   (("campaign", "deleted_at", "department", "code_key"), False),  # migration 16
                   (("id", "campaign", "deleted_at", "status", "deadline_type", "deadline", "kind", "layer", "department",
                     "responsible", "owner", "leader", "task_force", "meeting", "category", "source", "source_unit"),
                    False))


class ProgressUpdate(BaseModel):
    uuid = CharField(unique=True, default=new_uuid)
    entry = ForeignKeyField(LedgerEntry, backref="progress", on_delete="CASCADE")
    date = DateField()
    month = CharField(index=True)  # YYYY-MM the update reports on (按月调度)
    text = TextField()
    author = CharField(default="")
    created_at = DateTimeField(default=now_to_the_second)


class EntryEvent(BaseModel):
    """Workflow steps of an entry: 申请销号, 审核通过, 退回重办, 重新打开, 延期."""

    uuid = CharField(unique=True, default=new_uuid)
    entry = ForeignKeyField(LedgerEntry, backref="events", on_delete="CASCADE")
    kind = CharField(index=True)  # EventKind
    text = TextField(default="")  # summary or reason
    old_deadline = DateField(null=True)
    new_deadline = DateField(null=True)
    actor = CharField(default="")
    at = DateTimeField(default=now_to_the_second)


class Attachment(BaseModel):
    """Evidence file; the bytes live in attachments/<sha[:2]>/<sha> inside the data folder."""

    uuid = CharField(unique=True, default=new_uuid)
    entry = ForeignKeyField(LedgerEntry, null=True, backref="attachments", on_delete="CASCADE")
    file_name = CharField()
    sha256 = CharField(index=True)
    size = IntegerField()
    added_by = CharField(default="")
    added_at = DateTimeField(default=now_to_the_second)
    deleted_at = DateTimeField(null=True)


class ChangeLog(BaseModel):
    at = DateTimeField(default=now_to_the_second, index=True)
    actor = CharField(default="")
    entity = CharField(index=True)  # table name
    entity_id = IntegerField(index=True)
    action = CharField(default="update")  # create / update / delete / restore
    field = CharField(default="")
    old = TextField(null=True)
    new = TextField(null=True)


class PackageReceipt(BaseModel):
    """An exchange package taken in from a sub-unit (for the 未报 list)."""

    unit = ForeignKeyField(Unit, backref="receipts", on_delete="CASCADE")
    campaign = ForeignKeyField(Campaign, on_delete="CASCADE")
    period = CharField()  # YYYY-MM
    created_at = DateTimeField()
    imported_at = DateTimeField(default=now_to_the_second)
    sha256 = CharField()
    entry_count = IntegerField(default=0)
    state_digest = TextField(null=True)  # migration 14: exchange/package_again
    again_summary = TextField(null=True)


class MonthlySnapshot(BaseModel):
    """Frozen figures of the ledger on a report day, so last month stays reproducible."""

    campaign = ForeignKeyField(Campaign, on_delete="CASCADE")
    month = CharField()
    report_day = DateField()
    data = TextField()  # JSON
    created_at = DateTimeField(default=now_to_the_second)

    class Meta:
        indexes = ((("campaign", "month"), True),)


class FrozenRecord(BaseModel):
    """An entry's whole row as it stood when a month was frozen (migration 10). Content-addressed: the
    months in which an entry did not change share one record."""

    campaign = ForeignKeyField(Campaign, on_delete="CASCADE", index=False)
    sha256 = CharField()
    data = BlobField()  # zlib-compressed JSON: {"entry": {column: stored value}, "extensions": [延期 event rows]}

    class Meta:
        indexes = ((("campaign", "sha256"), True),)


class FrozenEntry(BaseModel):
    """One entry of a frozen month: its state on the report day (services/month_freeze)."""

    snapshot = ForeignKeyField(MonthlySnapshot, backref="entries", on_delete="CASCADE", index=False)
    entry_id = IntegerField()  # no foreign key: the entry may be purged later, its month stays
    record = ForeignKeyField(FrozenRecord, on_delete="RESTRICT")
    code = CharField()
    kind = CharField()
    layer = CharField(default="")
    department_id = IntegerField(null=True)
    task_force_id = IntegerField(null=True)
    responsible_id = IntegerField(null=True)
    category = CharField(default="")
    status = CharField()
    deadline_type = CharField()
    deadline = DateField(null=True)
    found_date = DateField(null=True)
    completed_date = DateField(null=True)
    closed_date = DateField(null=True)
    light = CharField()
    overdue = BooleanField()
    due = BooleanField()  # a dated deadline on or before the report day
    closed_on_time = BooleanField()
    month_progress = TextField(default="")  # the month's latest 本月进展
    progress_rows = TextField(default="")  # JSON: the month's progress_update rows

    class Meta:
        indexes = ((("snapshot", "entry_id"), True),)


# Migration 13's tables (配合 departments, measures, 月度序时进度) live beside these, re-exported here.
from .measure_models import EntryAssist, Measure, MeasureProgress, ProgressPlan  # noqa: E402
from .models_ranking import Interview, RankingKind, RankingRound, RankingScore, RegisterItem  # noqa: E402
from .models_sharing import EditingLease, UserRole  # noqa: E402 - they refer to Person, defined above
from .models_supervision import SupervisionNode, SupervisionPlan, Urge  # noqa: E402

ALL_MODELS = [
    Setting, ChoiceItem, Campaign, Department, Person, Unit, TaskForce, TaskForceMember,
    ActionPlanVersion, TaskForceReport, Meeting, MeetingAttendance, MeetingReport, LedgerEntry,
    ProgressUpdate, EntryEvent, Attachment, ChangeLog, PackageReceipt, MonthlySnapshot, FrozenRecord, FrozenEntry,
    RankingKind, RankingRound, RankingScore, Interview, RegisterItem, SupervisionPlan, SupervisionNode, Urge, UserRole, EditingLease,
    EntryAssist, Measure, MeasureProgress, ProgressPlan,
]
