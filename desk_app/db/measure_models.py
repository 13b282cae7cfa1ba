"""Models of migration 12: 配合/协办 departments as references, an entry's 措施 (measures) with their
monthly progress, and the 月度序时进度 plan of a 重点任务. Kept apart from models.py for size only."""

from __future__ import annotations

from peewee import CharField, DateField, DateTimeField, FloatField, ForeignKeyField, IntegerField, TextField

from .models import BaseModel, Department, LedgerEntry, Person, new_uuid, now_to_the_second


class EntryAssist(BaseModel):
    """A 配合/协办 department of an entry (migration 12); the 牵头 (主办) one is the entry's own department."""

    entry = ForeignKeyField(LedgerEntry, backref="assists", on_delete="CASCADE", index=False)
    department = ForeignKeyField(Department, on_delete="CASCADE")
    sort_order = IntegerField(default=0)

    class Meta:
        indexes = ((("entry", "department"), True),)


class Measure(BaseModel):
    """One 措施/子任务 of an entry (migration 12): its own 责任单位, 责任人, 时限 and state. The entry's
    status and light derive from its live measures (services/measures)."""

    uuid = CharField(unique=True, default=new_uuid)
    entry = ForeignKeyField(LedgerEntry, backref="measure_rows", on_delete="CASCADE", index=False)
    seq = IntegerField(default=0)
    content = TextField(default="")
    department = ForeignKeyField(Department, null=True, on_delete="SET NULL")
    responsible = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    deadline_type = CharField(default="按期")
    deadline = DateField(null=True)
    status = CharField(default="未启动")
    completed_date = DateField(null=True)
    note = TextField(default="")
    created_at = DateTimeField(default=now_to_the_second)
    updated_at = DateTimeField(default=now_to_the_second)
    deleted_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("entry", "deleted_at", "seq"), False),)


class MeasureProgress(BaseModel):
    """A measure's 本月进展: one text per measure and month."""

    measure = ForeignKeyField(Measure, backref="progress", on_delete="CASCADE", index=False)
    month = CharField()
    text = TextField(default="")
    author = CharField(default="")
    updated_at = DateTimeField(default=now_to_the_second)

    class Meta:
        indexes = ((("measure", "month"), True),)


class ProgressPlan(BaseModel):
    """月度序时进度 of a 重点任务: the % planned by the end of a month and the % reported (migration 12)."""

    entry = ForeignKeyField(LedgerEntry, backref="plan_months", on_delete="CASCADE", index=False)
    month = CharField()  # YYYY-MM
    planned = FloatField(null=True)
    actual = FloatField(null=True)
    updated_at = DateTimeField(default=now_to_the_second)

    class Meta:
        indexes = ((("entry", "month"), True),)
