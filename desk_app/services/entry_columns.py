"""Many new entries given a field at a time (a sub-unit's package: 20,000 of them): create_entries' checks and
writes without an object per entry.

create_entries (ledger_create) takes one NewEntry per entry: a package's entry became a dict of values, an
EntryInput, a NewEntry, a copy of it and finally a row, with its dates parsed and written back as text on the
way. Here the values go from the package's columns to the rows in a few passes per field. The checks are
create_entries' own, asked of the columns (entry_input.texts_clean, columns_pass, missing_in_columns, the
statuses, meetings, 销号审核人 and codes); when any finds something, or anything needs the per-entry path
(an entry without a code, a uuid or its times), the entries are handed to create_entries as NewEntry objects,
which words every problem exactly as for any other caller and numbers what has no code. The rows are written
by the same ledger_create.store_rows.

Columns: EntryInput's fields with dates as the ISO texts the database stores ('YYYY-MM-DD'; they order as the
dates do), and uuid, code, status, completed_date, completion_summary, closed_date, reviewer_id, source_unit,
meeting_id, decision_no, created_at, updated_at, deleted_at (times as stored: 'YYYY-MM-DD HH:MM:SS').
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime

from desk_app.db.models import Campaign, Meeting, Person
from desk_app.errors import NotFoundError
from desk_app.progress import Progress, report

from . import assists, context
from .entry_codes import code_key, taken_codes
from .entry_input import EntryInput, columns_pass, missing_in_columns, texts_clean
from .ledger_create import (
    BATCH,
    NewEntry,
    create_entries,
    known_ids,
    log_created,
    plan_and_index,
    statuses_known,
    store_rows,
)

INPUT_FIELDS = tuple(f.name for f in fields(EntryInput))
_DAY_FIELDS = ("found_date", "deadline", "assigned_date", "completed_date", "closed_date")
_TIME_FIELDS = ("created_at", "updated_at", "deleted_at")
_ITEM_FIELDS = ("status", "completed_date", "closed_date", "completion_summary", "source_unit", "code", "meeting_id",
                "decision_no", "reviewer_id", "uuid", "created_at", "updated_at", "deleted_at")


def _passes(campaign: Campaign, columns: dict[str, list]) -> bool:
    """True when create_entries would accept every entry as it is: texts already normalised, no field problem,
    every reference here, every code given, unique and free, every uuid and time given."""
    codes, units = columns["code"], columns["source_unit"]
    if not (all(codes) and all(columns["uuid"]) and all(columns["created_at"]) and all(columns["updated_at"])):
        return False
    if not texts_clean(columns) or not columns_pass(columns, context.today().isoformat()):
        return False
    if any(missing_in_columns(columns).values()) or not statuses_known(columns["status"]):
        return False
    meetings = set(columns["meeting_id"]) - {None}
    reviewers = set(columns["reviewer_id"]) - {None}
    if known_ids(Meeting, meetings) != meetings or known_ids(Person, reviewers) != reviewers:
        return False
    if len(set(zip(units, codes, strict=True))) != len(codes):
        return False
    by_unit: dict[str, list[str]] = {}
    for unit, code in zip(units, codes, strict=True):
        by_unit.setdefault(unit, []).append(code)
    return not any(taken_codes(campaign.id, unit, unit_codes) for unit, unit_codes in by_unit.items())


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def entries_of(columns: dict[str, list]) -> list[NewEntry]:
    """The same entries as NewEntry objects, dates and times as such (the per-entry path)."""
    def value(name: str, i: int):
        v = columns[name][i]
        return _day(v) if name in _DAY_FIELDS else _time(v) if name in _TIME_FIELDS else v

    return [NewEntry(EntryInput(**{name: value(name, i) for name in INPUT_FIELDS}),
                     **{name: value(name, i) for name in _ITEM_FIELDS})
            for i in range(len(columns["code"]))]


def _assists(columns: dict[str, list]) -> tuple[list[str], list]:
    """配合处室 in their canonical text and the department ids each names (assists.absorb_inputs, asked only
    of the entries that name any)."""
    texts = list(columns["co_departments"])
    ids: list = [()] * len(texts)
    named = [i for i, text in enumerate(texts) if text]
    if named:
        departments = columns["department_id"]
        inputs = [EntryInput(co_departments=texts[i], department_id=departments[i]) for i in named]
        absorbed, found = assists.absorb_inputs(inputs)
        for i, data, department_ids in zip(named, absorbed, found, strict=True):
            texts[i], ids[i] = data.co_departments, department_ids
    return texts, ids


@context.writes
def create_entry_columns(campaign_id: int, columns: dict[str, list], *, progress: Progress | None = None,
                         log: bool = True, index_now: bool = True) -> list[int]:
    """create_entries for entries given a field at a time (see the module's docstring); their ids in order."""
    campaign = Campaign.get_or_none(Campaign.id == campaign_id)
    if campaign is None:
        raise NotFoundError("找不到所选活动，请先新建活动")
    total = len(columns["code"])
    if not total:
        return []
    report(progress, 0, total, "正在检查")
    if not _passes(campaign, columns):
        return create_entries(campaign_id, entries_of(columns), progress=progress, log=log, index_now=index_now)
    codes = columns["code"]
    actor, now = context.actor(), context.now()
    co_departments, assist_ids = _assists(columns)
    inputs = [co_departments if name == "co_departments" else columns[name] for name in INPUT_FIELDS]
    rows = list(zip(columns["uuid"], codes, map(code_key, codes), [campaign.id] * total, *inputs, columns["status"],
                    columns["completed_date"], [text or "" for text in columns["completion_summary"]],
                    columns["closed_date"], columns["reviewer_id"], columns["source_unit"], columns["meeting_id"],
                    columns["decision_no"], columns["created_at"], columns["updated_at"], columns["deleted_at"],
                    strict=True))

    def logged(chunk_ids: list[int], start: int) -> None:
        if log:
            log_created(chunk_ids, codes[start:start + BATCH], actor, now)

    ids = store_rows(rows, assist_ids, progress, logged)
    planned = [(entry_id, schedule, _day(found)) for entry_id, schedule, found
               in zip(ids, columns["schedule"], columns["found_date"], strict=True) if "%" in schedule or "％" in schedule]
    plan_and_index(campaign, ids, planned, index_now, progress)
    return ids
