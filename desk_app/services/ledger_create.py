"""The one way a ledger entry comes into being: the form, 议定事项, Excel and package imports and the demo.

``create_entries`` validates every item (references checked with one query per kind of record),
numbers the ones without a code (entry_codes.CodeAllocator), inserts them with bulk statements,
writes one ChangeLog row each and indexes them for search, all in one transaction: either every
item is stored or none. ``create_entry`` (ledger.py) is the single-item case of the same path.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime
from operator import attrgetter

from desk_app.db.bulk_insert import insert_many
from desk_app.db.models import Campaign, LedgerEntry, Meeting, Person, ProgressUpdate, database
from desk_app.domain import Status
from desk_app.errors import NotFoundError, ValidationError, ValidationErrors
from desk_app.progress import Progress, report

from . import assists, changelog, context, search
from .entry_codes import CodeAllocator, code_key, taken_codes
from .entry_input import (
    EntryInput,
    field_problems,
    missing_references,
    no_field_problems,
    normalise_all,
    reference_problems,
)

BATCH = 2000
REBUILD_INDEXES_FROM = 5000  # entries in one call from which the indexes are built after the rows (see below)
_STATUSES = frozenset(s.value for s in Status)
_INPUT_FIELDS = tuple(f.name for f in fields(EntryInput))


@dataclass
class NewEntry:
    """One entry to create. ``code=None`` lets the allocator number it."""

    data: EntryInput
    status: str = Status.NOT_STARTED
    completed_date: date | None = None
    closed_date: date | None = None
    completion_summary: str = ""
    reviewer_name: str = ""  # 销号审核人 by name (found among the people, else added as an inactive person)
    source_unit: str = ""  # '' = our own entry; else the sub-unit it came from (its own numbering)
    code: str | None = None
    meeting_id: int | None = None
    decision_no: int | None = None
    # What imports and the demo bring along (defaults: a new uuid, now, no progress, nothing extra logged).
    reviewer_id: int | None = None
    uuid: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None  # a sub-unit's entry that sits in its recycle bin
    progress_text: str = ""  # a first 整改进展, dated today
    note_for_log: str = ""  # appended to the ChangeLog row, e.g. "导入自 台账.xlsx 第 12 行"


def new_uuids(count: int) -> list[str]:
    """`count` random (version 4) UUIDs as str(uuid.uuid4()) writes them, made from one read of the
    system's random source: uuid4() one at a time took a noticeable share of a 10,000-row import."""
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes(b & 0x0F | 0x40 for b in raw[6::16])  # version 4
    raw[8::16] = bytes(b & 0x3F | 0x80 for b in raw[8::16])  # RFC 4122 variant
    text = raw.hex()
    return [f"{text[i:i + 8]}-{text[i + 8:i + 12]}-{text[i + 12:i + 16]}-{text[i + 16:i + 20]}-{text[i + 20:i + 32]}"
            for i in range(0, 32 * count, 32)]


def _copied(item: NewEntry) -> NewEntry:
    """A shallow copy (copy.copy's result, without its generic protocol: one per item of a big batch)."""
    twin = object.__new__(item.__class__)
    twin.__dict__.update(item.__dict__)
    return twin


def _label(index: int, item: NewEntry, many: bool) -> str:
    if not many:
        return ""
    return f"第 {index + 1} 条" + (f"（{item.code}）" if item.code else "") + "："


def _check(campaign: Campaign, items: list[NewEntry], renumber_taken: bool) -> None:
    """Every problem of every item at once; raises ValidationErrors (item numbers in front when many)."""
    today = context.today()
    many = len(items) > 1
    missing = missing_references([item.data for item in items])
    meetings = {m for m in (item.meeting_id for item in items) if m is not None}
    known_meetings = known_ids(Meeting, meetings)
    reviewers = {r for r in (item.reviewer_id for item in items) if r is not None}
    known_reviewers = known_ids(Person, reviewers)
    errors: list[ValidationError] = []
    # Told for all items at once first (a big import's usual case): item by item only when something is wrong.
    clean = (no_field_problems([item.data for item in items], today) and not any(missing.values())
             and statuses_known(map(attrgetter("status"), items)) and meetings <= known_meetings
             and reviewers <= known_reviewers)
    for index, item in enumerate(() if clean else items):
        problems = field_problems(item.data, today) + reference_problems(item.data, missing)
        if item.status not in _STATUSES:
            problems.append(ValidationError(f"状态“{item.status}”不正确，应为：{'、'.join(Status)}", "status"))
        if item.meeting_id is not None and item.meeting_id not in known_meetings:
            problems.append(ValidationError("所选会议不存在", "meeting_id"))
        if item.reviewer_id is not None and item.reviewer_id not in known_reviewers:
            problems.append(ValidationError("所选销号审核人不存在", "reviewer_id"))
        if problems:
            label = _label(index, item, many)
            errors.extend(ValidationError(label + p.message, p.field) for p in problems)
    given: dict[str, list[str]] = {}
    seen: set[tuple[str, str]] = set()
    twice: list[str] = []
    for item in items:
        if not item.code:
            continue
        if (item.source_unit, item.code) in seen:
            if renumber_taken:
                item.code = None  # a later row with the same 编号 gets the next free number
                continue
            twice.append(item.code)
        seen.add((item.source_unit, item.code))
        given.setdefault(item.source_unit, []).append(item.code)
    if twice:
        errors.append(ValidationError(f"问题编号重复：{'、'.join(sorted(set(twice))[:5])}", "code"))
    for unit, codes in given.items():
        taken = taken_codes(campaign.id, unit, codes)
        if taken and not renumber_taken:
            shown = "、".join(sorted(taken)[:5]) + (f" 等 {len(taken)} 个" if len(taken) > 5 else "")
            errors.append(ValidationError(f"问题编号 {shown} 已被使用，请换一个编号或留空由程序编号", "code"))
        elif taken:
            for item in items:
                if item.source_unit == unit and item.code in taken:
                    item.code = None
    if errors:
        raise ValidationErrors(errors)


def statuses_known(statuses) -> bool:
    return set(statuses) <= _STATUSES


def known_ids(model, ids: set[int]) -> set[int]:
    """Which of `ids` exist in `model` (the meetings and 销号审核人 new entries name)."""
    if not ids:
        return set()
    return {r[0] for r in model.select(model.id).where(model.id.in_(sorted(ids))).tuples()}


def _reviewer_ids(items: list[NewEntry]) -> None:
    """销号审核人 given by name: an existing person of that name, else a new inactive one (logged)."""
    names = {item.reviewer_name for item in items if item.reviewer_id is None and item.reviewer_name}
    if not names:
        return
    found: dict[str, int] = {}
    for pid, name in (Person.select(Person.id, Person.name).where(Person.name.in_(sorted(names)))
                      .order_by(Person.active.desc(), Person.id).tuples()):
        found.setdefault(name, pid)
    for name in sorted(names - set(found)):
        person = Person.create(name=name, active=False, sort_order=9999)
        changelog.record("person", person.id, "create", "name", None, name)
        found[name] = person.id
    for item in items:
        if item.reviewer_id is None and item.reviewer_name:
            item.reviewer_id = found[item.reviewer_name]


def _day(value) -> str | None:
    return value.isoformat() if value is not None else None


def _time(value) -> str | None:
    return str(value) if value is not None else None  # what peewee stores: 'YYYY-MM-DD HH:MM:SS'


_DAY_FIELDS = frozenset(("found_date", "deadline", "assigned_date"))


_INPUT_VALUES = attrgetter(*_INPUT_FIELDS)  # EntryInput's fields in _INPUT_FIELDS order, in one C call
_DAY_POSITIONS = tuple(i for i, name in enumerate(_INPUT_FIELDS) if name in _DAY_FIELDS)


def _row(campaign_id: int, item: NewEntry, now: str, uuid: str) -> tuple:
    values = list(_INPUT_VALUES(item.data))
    for i in _DAY_POSITIONS:
        values[i] = _day(values[i])
    return (item.uuid or uuid, item.code, code_key(item.code), campaign_id, *values,
            item.status, _day(item.completed_date), item.completion_summary or "", _day(item.closed_date),
            item.reviewer_id, item.source_unit, item.meeting_id, item.decision_no,
            _time(item.created_at) or now, _time(item.updated_at) or now, _time(item.deleted_at))


_COLUMNS = ("uuid", "code", "code_key", "campaign", *_INPUT_FIELDS, "status", "completed_date",
            "completion_summary", "closed_date", "reviewer", "source_unit", "meeting", "decision_no",
            "created_at", "updated_at", "deleted_at")


def _insert_sql() -> str:
    by_name = LedgerEntry._meta.fields
    names = [by_name[n if n in by_name else n.removesuffix("_id")].column_name for n in _COLUMNS]
    columns = ", ".join(f'"{c}"' for c in names)
    return f'INSERT INTO "ledger_entry" ({columns}) VALUES ({", ".join("?" * len(names))})'


def _insert(rows: list[tuple]) -> list[int]:
    """Bulk insert; returns the new ids in order. In one write transaction SQLite gives each new row
    the next rowid after the largest, so the ids are consecutive (checked, else looked up by uuid)."""
    cursor = database.cursor()
    before = cursor.execute('SELECT COALESCE(MAX("id"), 0) FROM "ledger_entry"').fetchone()[0]
    insert_many(database, "ledger_entry", _insert_sql(), rows)
    after = cursor.execute('SELECT COALESCE(MAX("id"), 0) FROM "ledger_entry"').fetchone()[0]
    if after - before == len(rows):
        return list(range(before + 1, after + 1))
    ids_by_uuid: dict[str, int] = {}
    uuids = [row[0] for row in rows]
    for start in range(0, len(uuids), 900):
        chunk = uuids[start:start + 900]
        ids_by_uuid.update(LedgerEntry.select(LedgerEntry.uuid, LedgerEntry.id)
                           .where(LedgerEntry.uuid.in_(chunk)).tuples())
    return [ids_by_uuid[u] for u in uuids]


def _dropped_indexes(adding: int) -> list[str]:
    """For a big batch (a demo, a sub-unit's whole ledger into an almost empty one): drop ledger_entry's
    plain indexes and return the statements that build them again. Filling some twenty indexes row by row
    in random order took most of a 100,000-entry demo; building each once, sorted, afterwards is several
    times faster. Unique indexes stay (they check as rows come in). It all happens inside the caller's
    transaction: a failure or a cancel rolls the indexes back with the rows."""
    if adding < REBUILD_INDEXES_FROM or getattr(database, "engine_name", "sqlite") != "sqlite":
        return []  # PostgreSQL's bulk path (engine_postgres) has its own answer: multi-row INSERTs
    present = database.execute_sql('SELECT COUNT(*) FROM "ledger_entry"').fetchone()[0]
    if present > adding:  # a small batch next to a big ledger: adding to the indexes costs less
        return []
    indexes = database.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_entry' "
        "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %'").fetchall()
    for name, _sql in indexes:
        database.execute_sql(f'DROP INDEX "{name}"')
    return [sql for _name, sql in indexes]


def log_created(ids: list[int], texts: list[str], actor: str, now: datetime) -> None:
    """One "created" ChangeLog row per new entry: its code (and a note, e.g. the Excel row it came from)."""
    rows = [(str(now), actor, "ledger_entry", entry_id, "create", "code", None, text)
            for entry_id, text in zip(ids, texts, strict=True)]
    database.cursor().executemany(
        'INSERT INTO "change_log" ("at", "actor", "entity", "entity_id", "action", "field", "old", "new") '
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?)', rows)


def _first_progress(ids: list[int], items: list[NewEntry], actor: str, now: datetime) -> None:
    today = context.today()
    for entry_id, item in zip(ids, items, strict=True):
        if item.progress_text.strip():
            text = item.progress_text.strip()
            update = ProgressUpdate.create(entry=entry_id, date=today, month=today.strftime("%Y-%m"), text=text,
                                           author=actor, created_at=now)
            changelog.record("progress_update", update.id, "create", "text", None, f"{item.code}：{text[:200]}")


@context.writes
def create_entries(campaign_id: int, items: list[NewEntry], *, actor: str | None = None,
                   progress: Progress | None = None, renumber_taken: bool = False,
                   index_now: bool = True, log: bool = True) -> list[int]:
    """Create entries (validated, numbered, logged, indexed for search) in one transaction; their ids.

    renumber_taken: a given code that is already used gets a new number instead of failing.
    index_now=False leaves the new entries queued for search (the demo indexes once at its very end);
    log=False writes no "created" ChangeLog row (a package brings the entries' own history instead).
    Raises ValidationErrors naming every problem (item numbers in front when there are several);
    progress may cancel (Cancelled) and then nothing is stored.
    """
    campaign = Campaign.get_or_none(Campaign.id == campaign_id)
    if campaign is None:
        raise NotFoundError("找不到所选活动，请先新建活动")
    if not items:
        return []
    items = [_copied(item) for item in items]  # numbering and name lookups fill in these copies, not the caller's
    for item, data in zip(items, normalise_all([item.data for item in items]), strict=True):
        item.data = data
    total = len(items)
    report(progress, 0, total, "正在检查")
    _check(campaign, items, renumber_taken)
    allocators: dict[str, CodeAllocator] = {}
    for item in items:
        allocator = allocators.setdefault(item.source_unit, CodeAllocator(campaign, item.source_unit))
        if item.code:
            allocator.reserve(item.code)
    for item in items:
        if not item.code:
            item.code = allocators[item.source_unit].next_code(item.data.kind)
    _reviewer_ids(items)
    datas, assist_ids = assists.absorb_inputs([item.data for item in items])  # 配合处室 as references
    for item, data in zip(items, datas, strict=True):
        item.data = data
    actor = actor if actor is not None else context.actor()
    now = context.now()
    rows = [_row(campaign.id, item, str(now), uuid) for item, uuid in zip(items, new_uuids(total), strict=True)]

    def logged(chunk_ids: list[int], start: int) -> None:
        chunk = items[start:start + BATCH]
        if log:
            log_created(chunk_ids, [item.code + (f"（{item.note_for_log}）" if item.note_for_log else "") for item in chunk],
                 actor, now)
        _first_progress(chunk_ids, chunk, actor, now)

    ids = store_rows(rows, assist_ids, progress, logged)
    planned = [(entry_id, item.data.schedule, item.data.found_date) for entry_id, item in zip(ids, items, strict=True)
               if "%" in item.data.schedule or "％" in item.data.schedule]
    plan_and_index(campaign, ids, planned, index_now, progress)
    return ids


def store_rows(rows: list[tuple], assist_ids: list, progress: Progress | None,
               logged: Callable[[list[int], int], None] | None = None) -> list[int]:
    """New entries' rows (in _COLUMNS order, checked and numbered) inserted in batches, with their 配合处室
    references; logged(ids, start) writes what the caller logs of each batch. A big batch goes in without
    the plain indexes, which are built again after the last row (_dropped_indexes). Returns the new ids."""
    total = len(rows)
    ids: list[int] = []
    rebuilt = _dropped_indexes(total)
    for start in range(0, total, BATCH):
        chunk_ids = _insert(rows[start:start + BATCH])
        if logged is not None:
            logged(chunk_ids, start)
        assists.link_new(chunk_ids, assist_ids[start:start + BATCH])
        ids.extend(chunk_ids)
        report(progress, len(ids), total, f"正在写入 {len(ids)}/{total} 条")
    if rebuilt:
        report(progress, total, total, "正在整理索引")
        for statement in rebuilt:
            database.execute_sql(statement)
    return ids


def plan_and_index(campaign: Campaign, ids: list[int], planned: list[tuple[int, str, date | None]], index_now: bool,
                   progress: Progress | None) -> None:
    """After the rows: 月度序时进度 written as "3月底完成30%…" read into the task's monthly plan (planned: id,
    text, 发现日期), and the entries indexed for search unless left queued (index_now=False)."""
    if planned:
        from .progress_plan import plan_from_schedules  # noqa: PLC0415

        plan_from_schedules(planned, campaign.year)
    if index_now:
        search.index_entries(ids, progress=progress)
