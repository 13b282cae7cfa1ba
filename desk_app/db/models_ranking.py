"""Rankings (作风指数评价 …), the 提醒约谈 they call for, and the simple registers kept beside the ledger.
Kept apart from models.py for size only; models re-exports them."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from .models import BaseModel, Campaign, Department, Person, now_to_the_second


class RankingKind(BaseModel):
    """A kind of ranked activity (作风指数评价, 财政大讲堂 …) and its 提醒约谈 rule: a subject in the last
    `bottom_count` of `consecutive` rounds running is called in."""

    name = CharField(unique=True)
    subject_label = CharField(default="科室（单位）")  # what is ranked
    scorer = CharField(default="")  # who scores (第三方评价机构, 听课人员)
    higher_is_better = BooleanField(default=True)
    bottom_count = IntegerField(default=3)
    consecutive = IntegerField(default=2)
    sort_order = IntegerField(default=0)
    active = BooleanField(default=True)


class RankingRound(BaseModel):
    kind = ForeignKeyField(RankingKind, backref="rounds", on_delete="CASCADE")
    period = CharField()  # YYYY-Qn (a quarter) or YYYY-MM (a month)
    title = CharField(default="")
    scorer = CharField(default="")
    scored_on = DateField(null=True)
    published_on = DateField(null=True)
    note = TextField(default="")
    created_at = DateTimeField(default=now_to_the_second)
    updated_at = DateTimeField(default=now_to_the_second)

    class Meta:
        indexes = ((("kind", "period"), True),)


class RankingScore(BaseModel):
    ranking_round = ForeignKeyField(RankingRound, backref="scores", on_delete="CASCADE")
    subject = CharField()  # the name as ranked; kept when the department is renamed or removed
    department = ForeignKeyField(Department, null=True, on_delete="SET NULL")
    score = FloatField()
    items = TextField(default="")  # JSON {"服务态度": 28.5, …}: the scorer's sub-scores, in their order
    note = TextField(default="")

    class Meta:
        indexes = ((("ranking_round", "subject"), True),)


class Interview(BaseModel):
    """A 提醒约谈 owed after `ranking_round` (the round that made it consecutive): when, who, outcome."""

    ranking_round = ForeignKeyField(RankingRound, backref="interviews", on_delete="CASCADE")
    subject = CharField()
    department = ForeignKeyField(Department, null=True, on_delete="SET NULL")
    planned_on = DateField(null=True)
    held_on = DateField(null=True)
    interviewer = CharField(default="")  # 约谈人
    attendees = CharField(default="")  # 被约谈人
    outcome = TextField(default="")
    updated_at = DateTimeField(default=now_to_the_second)

    class Meta:
        indexes = ((("ranking_round", "subject"), True),)


class RegisterItem(BaseModel):
    """A row of a simple register kept beside the ledger: 制度清单 (rules revised, by area) and
    晋位升级目标 (one or two targets per section)."""

    campaign = ForeignKeyField(Campaign, backref="register_items", on_delete="CASCADE")
    register = CharField(index=True)  # 制度清单 / 晋位升级目标
    area = CharField(default="")  # 方面 (制度) / 目标类别 (目标)
    title = CharField()  # 制度名称 / 目标
    content = TextField(default="")  # 主要内容 / 具体措施
    action = CharField(default="")  # 新制定 / 修订 / 废止 / 保留 (制度)
    department = ForeignKeyField(Department, null=True, on_delete="SET NULL")
    owner = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    status = CharField(default="")
    start_on = DateField(null=True)
    due_on = DateField(null=True)
    done_on = DateField(null=True)  # 印发日期 / 实现日期
    doc_number = CharField(default="")  # 文号
    doc_link = CharField(default="")  # where the document is: a file path or an address
    note = TextField(default="")
    sort_order = IntegerField(default=0)
    created_at = DateTimeField(default=now_to_the_second)
    updated_at = DateTimeField(default=now_to_the_second)
    deleted_at = DateTimeField(null=True)
