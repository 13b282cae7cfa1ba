"""Saved views of the ledger: the built-in "本月调度" and "逾期清单", and the clerk's own.

A view is a LedgerFilter without its campaign (views apply to whichever campaign is current),
stored as JSON in the settings table.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date

from desk_app.domain import OPEN_STATUSES
from desk_app.errors import ValidationError

from . import settings
from .ledger_query import LedgerFilter

SETTING_KEY = "ledger_saved_views"
MAX_NAME = 30


@dataclass(frozen=True)
class SavedView:
    name: str
    filter: LedgerFilter
    builtin: bool = False
    dispatch: bool = False  # opens the 调度 screen rather than the plain list


def builtin_views() -> list[SavedView]:
    return [
        SavedView("本月调度", LedgerFilter(statuses=[s.value for s in OPEN_STATUSES]), True, True),
        SavedView("逾期清单", LedgerFilter(overdue_only=True), True),
        SavedView("待审核销号", LedgerFilter(statuses=["申请销号"]), True),
    ]


def filter_to_dict(f: LedgerFilter) -> dict:
    data = asdict(f)
    data.pop("campaign_id", None)
    data.pop("deleted", None)
    for key in ("deadline_from", "deadline_to"):
        if data[key] is not None:
            data[key] = data[key].isoformat()
    return {k: v for k, v in data.items() if v not in (None, "", [], False)}


def filter_from_dict(data: dict, campaign_id: int | None = None) -> LedgerFilter:
    known = {f.name for f in fields(LedgerFilter)} - {"campaign_id", "deleted"}
    values = {k: v for k, v in (data or {}).items() if k in known}
    for key in ("deadline_from", "deadline_to"):
        if values.get(key):
            try:
                values[key] = date.fromisoformat(values[key])
            except (TypeError, ValueError):
                values[key] = None
    return LedgerFilter(campaign_id=campaign_id, **values)


def user_views() -> list[SavedView]:
    stored = settings.get(SETTING_KEY, []) or []
    return [SavedView(v["name"], filter_from_dict(v.get("filter", {}))) for v in stored
            if isinstance(v, dict) and v.get("name")]


def list_views() -> list[SavedView]:
    return builtin_views() + user_views()


def save_view(name: str, f: LedgerFilter) -> SavedView:
    """Save (or replace) a user view under a name."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("请给视图起个名字", "name")
    if len(name) > MAX_NAME:
        raise ValidationError(f"视图名称不能超过 {MAX_NAME} 个字", "name")
    if name in {v.name for v in builtin_views()}:
        raise ValidationError(f"“{name}”是内置视图的名字，请换一个", "name")
    stored = [v for v in (settings.get(SETTING_KEY, []) or []) if v.get("name") != name]
    stored.append({"name": name, "filter": filter_to_dict(f)})
    settings.put(SETTING_KEY, stored)
    return SavedView(name, filter_from_dict(filter_to_dict(f)))


def delete_view(name: str) -> None:
    stored = settings.get(SETTING_KEY, []) or []
    settings.put(SETTING_KEY, [v for v in stored if v.get("name") != name])
