"""Program settings kept in the database (so the CLI and the GUI print the same header block)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from desk_app.db.models import Setting

from . import changelog, context


def get(key: str, default=None):
    row = Setting.get_or_none(Setting.key == key)
    return json.loads(row.value) if row else default


@context.writes
def put(key: str, value) -> None:
    old = get(key)
    if old == value:
        return
    text = json.dumps(value, ensure_ascii=False)
    # An upsert both engines speak (SQLite's INSERT OR REPLACE is not PostgreSQL's).
    Setting.insert(key=key, value=text).on_conflict(conflict_target=[Setting.key], update={Setting.value: text}).execute()
    changelog.record("setting", 0, "update", key, old, value)


@dataclass
class ReportHeader:
    """填报单位 / 填报人 / 审核人 / 联系电话 printed on every ledger."""

    unit: str = ""
    filled_by: str = ""
    reviewed_by: str = ""
    phone: str = ""


@dataclass
class Preferences:
    due_soon_days: int = 7  # yellow light window
    report_day: int = 25  # 按月调度 report day of month
    clerk_name: str = ""  # who appears in the change log


def report_header() -> ReportHeader:
    stored = get("report_header", {}) or {}
    known = {f.name for f in fields(ReportHeader)}
    return ReportHeader(**{k: v for k, v in stored.items() if k in known})


def save_report_header(header: ReportHeader) -> None:
    put("report_header", asdict(header))


def preferences() -> Preferences:
    stored = get("preferences", {}) or {}
    known = {f.name for f in fields(Preferences)}
    return Preferences(**{k: v for k, v in stored.items() if k in known})


def save_preferences(prefs: Preferences) -> None:
    put("preferences", asdict(prefs))
