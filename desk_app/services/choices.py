"""Editable pick lists (问题类别, 问题来源, 整改方式, 任务来源, 催办方式)."""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.db.models import ChoiceItem
from desk_app.domain import DEFAULT_CHOICES
from desk_app.errors import ValidationError

from . import changelog, context

LIST_LABELS = {"category": "问题类别", "source": "问题来源", "rectify_mode": "整改方式", "task_source": "任务来源",
               "urge_way": "催办方式"}


@dataclass(frozen=True)
class Choice:
    id: int
    list_name: str
    group: str
    value: str
    active: bool


def ensure_defaults() -> None:
    """Seed the lists once on a new database; never re-adds what a clerk removed."""
    with ChoiceItem._meta.database.atomic():
        for list_name, items in DEFAULT_CHOICES.items():
            if ChoiceItem.select().where(ChoiceItem.list_name == list_name).exists():
                continue
            ChoiceItem.insert_many([
                {"list_name": list_name, "group": group, "value": value, "sort_order": i}
                for i, (group, value) in enumerate(items)
            ]).execute()


def list_choices(list_name: str, *, include_inactive: bool = False) -> list[Choice]:
    query = ChoiceItem.select().where(ChoiceItem.list_name == list_name)
    if not include_inactive:
        query = query.where(ChoiceItem.active == True)  # noqa: E712 - peewee expression
    return [Choice(c.id, c.list_name, c.group, c.value, c.active)
            for c in query.order_by(ChoiceItem.sort_order, ChoiceItem.id)]


def values(list_name: str) -> list[str]:
    return [c.value for c in list_choices(list_name)]


@context.writes
def add_choice(list_name: str, value: str, group: str = "") -> Choice:
    value = (value or "").strip()
    if list_name not in LIST_LABELS:
        raise ValidationError(f"未知的列表：{list_name}")
    if not value:
        raise ValidationError(f"{LIST_LABELS[list_name]}不能为空", "value")
    existing = ChoiceItem.get_or_none(list_name=list_name, value=value)
    if existing:
        if existing.active:
            raise ValidationError(f"{LIST_LABELS[list_name]}“{value}”已存在", "value")
        existing.active = True
        existing.save()
        changelog.record("choice_item", existing.id, "restore", "value", None, value)
        return Choice(existing.id, list_name, existing.group, value, True)
    last = ChoiceItem.select().where(ChoiceItem.list_name == list_name).count()
    item = ChoiceItem.create(list_name=list_name, value=value, group=group, sort_order=last)
    changelog.record("choice_item", item.id, "create", "value", None, value)
    return Choice(item.id, list_name, group, value, True)


@context.writes
def deactivate_choice(choice_id: int) -> None:
    """Hide a value from pickers; entries that use it keep it."""
    item = ChoiceItem.get_by_id(choice_id)
    item.active = False
    item.save()
    changelog.record("choice_item", item.id, "delete", "value", item.value, None)

