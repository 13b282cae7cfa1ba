"""督办 on the 13710 clock: an entry's rule set, the nodes it met and the 催办 made. Kept apart from models.py
for size only; models re-exports them."""

from __future__ import annotations

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from .models import BaseModel, LedgerEntry, new_uuid, now_to_the_second


class SupervisionPlan(BaseModel):
    """The 督办 rule set an entry follows (一般事项, 重大事项 …) with its nodes as they stood when chosen, so a
    later change of the rules in 设置 does not move an old matter's due dates. An entry without a plan row
    follows the first rule set as it is now."""

    entry = ForeignKeyField(LedgerEntry, unique=True, backref="supervision_plan", on_delete="CASCADE")
    rule_name = CharField()
    nodes = TextField(default="")  # JSON [{"name", "count", "unit"}]
    updated_at = DateTimeField(default=now_to_the_second)


class SupervisionNode(BaseModel):
    """When a node of an entry's 13710 clock was met (接办, 反馈, 办结 …); its due date is computed."""

    entry = ForeignKeyField(LedgerEntry, backref="supervision_nodes", on_delete="CASCADE")
    seq = IntegerField()  # 1-based position in the entry's rule set
    name = CharField(default="")
    done_date = DateField(null=True)
    note = TextField(default="")
    updated_at = DateTimeField(default=now_to_the_second)

    class Meta:
        indexes = ((("entry", "seq"), True),)


class Urge(BaseModel):
    """A 催办: the office pressed the responsible unit about an entry (by phone, a 督办单, a 通报 …)."""

    uuid = CharField(unique=True, default=new_uuid)
    entry = ForeignKeyField(LedgerEntry, backref="urges", on_delete="CASCADE")
    date = DateField()
    way = CharField(default="")  # 电话 / 督办单 / 通报 / …
    target = CharField(default="")  # to whom
    answer = TextField(default="")  # what they answered
    author = CharField(default="")
    created_at = DateTimeField(default=now_to_the_second)
