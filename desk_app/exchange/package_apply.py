"""Applying a previewed package: one transaction after a backup; re-importing changes nothing."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from itertools import compress, count
from operator import itemgetter, ne
from pathlib import Path

from peewee import fn

from desk_app import paths
from desk_app.db.models import (
    Attachment,
    Campaign,
    ChangeLog,
    EntryEvent,
    LedgerEntry,
    Meeting,
    PackageReceipt,
    Person,
    ProgressUpdate,
    TaskForce,
    Unit,
    database,
)
from desk_app.errors import InputFileError
from desk_app.services import assists, changelog, context, undo_history
from desk_app.services.attachments import stored_path
from desk_app.services.entry_codes import code_key
from desk_app.services.entry_columns import create_entry_columns
from desk_app.services.import_backup import backup_before_import
from desk_app.services.leftovers import tag
from desk_app.services.session import require_writer

from . import package_again, package_measures
from .package_entries import create_names, new_entry_columns, person_key
from .package_format import (
    ATTACHMENT_FIELDS,
    ENTRY_DATE_FIELDS,
    ENTRY_DATETIME_FIELDS,
    ENTRY_PERSON_FIELDS,
    ENTRY_TEXT_FIELDS,
    EVENT_FIELDS,
    FILES_PREFIX,
    PROGRESS_FIELDS,
)
from .package_import import CHANGED, CONFLICT, NEW, UNCHANGED, PackagePreview
from .package_names import make_unit_department, unit_departments, unit_people
from .package_rows import DATE_FIELDS, DATETIME_FIELDS, bulk_update, insert_columns, stored_columns
from .progress import Progress, report
from .safe_zip import PACKAGE_LIMITS, SafeZip, file_sha256
from .xlsx_bulk import without_cycle_collector


@dataclass(frozen=True)
class PackageImportResult:
    unit: str
    period: str
    new: int = 0
    changed: int = 0
    skipped: int = 0  # conflicting entries left as they are
    progress: int = 0
    events: int = 0
    attachments: int = 0
    changes: int = 0
    backup: Path | None = None  # also None when the data held nothing to back up yet
    applied: bool = False

    def text(self) -> str:
        if not self.applied:
            return f"“{self.unit}”{self.period} 的数据包与本机数据相同，没有需要导入的内容。"
        return (f"已导入“{self.unit}”{self.period} 的数据包：新增 {self.new} 条，更新 {self.changed} 条，"
                f"跳过冲突 {self.skipped} 条；整改进展 {self.progress} 条，销号审核记录 {self.events} 条，"
                f"佐证材料 {self.attachments} 个，修改记录 {self.changes} 条。"
                + (f"导入前的备份：{self.backup.name}" if self.backup else "本机此前没有数据，导入前无需备份。"))


_CONVERTERS = {**dict.fromkeys(DATE_FIELDS, date.fromisoformat), **dict.fromkeys(DATETIME_FIELDS, datetime.fromisoformat)}


class _Resolver:
    """Names in the package to ids here; what is missing is created (inactive, so pick lists stay clean). The
    package's 科室 and people are its unit's (package_names), never this office's of the same name."""

    def __init__(self, campaign_id: int, unit: Unit):
        self.campaign_id = campaign_id
        self.unit = unit
        self.departments = unit_departments(unit.name)
        self.people = unit_people(unit.name)
        self.task_forces = dict(TaskForce.select(TaskForce.name, TaskForce.id)
                                .where(TaskForce.campaign == campaign_id).tuples())
        self.meetings = {(t, y, n): mid for mid, t, y, n in Meeting.select(
            Meeting.id, Meeting.meeting_type, Meeting.year, Meeting.number).where(
            Meeting.campaign == campaign_id).tuples()}

    def department(self, name: str) -> int | None:
        return self._unit_department(name) if name else None

    def _unit_department(self, name: str) -> int:
        if name not in self.departments:
            self.departments[name] = make_unit_department(self.unit, name)
        return self.departments[name]

    def person(self, ref: dict | None) -> int | None:
        if not ref:
            return None
        key = (ref["name"], ref.get("department") or "")
        if key not in self.people:
            p = Person.create(name=key[0], department=self._unit_department(key[1]), active=False, sort_order=9999)
            changelog.record("person", p.id, "create", "name", None, key[0])
            self.people[key] = p.id
        return self.people[key]

    def task_force(self, name: str) -> int | None:
        if not name:
            return None
        if name not in self.task_forces:
            tf = TaskForce.create(campaign=self.campaign_id, name=name, sort_order=9999)
            changelog.record("task_force", tf.id, "create", "name", None, name)
            self.task_forces[name] = tf.id
        return self.task_forces[name]

    def meeting(self, ref: dict | None) -> int | None:
        return self.meetings.get((ref["meeting_type"], ref["year"], ref["number"])) if ref else None


_TEXTS = itemgetter(*ENTRY_TEXT_FIELDS)


def _entry_values(e: dict, resolve: _Resolver) -> dict:
    values = dict(zip(ENTRY_TEXT_FIELDS, _TEXTS(e), strict=True))
    for name in ENTRY_DATE_FIELDS:
        values[name] = None if (raw := e[name]) is None else date.fromisoformat(raw)
    for name in ENTRY_DATETIME_FIELDS:
        values[name] = None if (raw := e[name]) is None else datetime.fromisoformat(raw)
    values["decision_no"] = e.get("decision_no")
    # Names known here answered by a lookup in line; the resolver's methods (which create what is missing,
    # in the same order as before) only for the others: six calls fewer for each of 20,000 entries.
    people = resolve.people
    for name in ENTRY_PERSON_FIELDS:
        ref = e[name]
        values[name] = (people.get(person_key(ref)) or resolve.person(ref)) if ref else None
    department, task_force, meeting = e.get("department", ""), e.get("task_force", ""), e.get("meeting")
    values["department"] = (resolve.departments.get(department) or resolve.department(department)) if department else None
    values["task_force"] = (resolve.task_forces.get(task_force) or resolve.task_force(task_force)) if task_force else None
    values["meeting"] = resolve.meeting(meeting) if meeting else None
    return values


def _store_files(preview: PackagePreview) -> int:
    """Copy evidence files into the content-hash store (before the transaction; harmless if it fails)."""
    data = preview.data
    wanted = {a["sha256"] for a in data.attachments
              if preview.child_states.get("attachments", {}).get(a["uuid"]) in (NEW, CHANGED)}
    missing = [sha for sha in sorted(wanted) if not stored_path(sha).is_file()]
    if not missing:
        return 0
    store = paths.attachments_dir()
    store.mkdir(parents=True, exist_ok=True)
    with SafeZip(data.path, PACKAGE_LIMITS, "数据包") as archive:
        for sha in missing:
            fd, tmp = tempfile.mkstemp(dir=store, prefix=".incoming-" + tag())
            try:
                digest = hashlib.sha256()
                with os.fdopen(fd, "wb") as out:
                    for chunk in archive.chunks(FILES_PREFIX + sha):
                        digest.update(chunk)
                        out.write(chunk)
                if digest.hexdigest() != sha:
                    raise InputFileError("数据包中的佐证材料在导入时校验不符，没有导入任何内容。请重新发送。")
                target = stored_path(sha)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp, target)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
    return len(missing)


@without_cycle_collector()  # as preview_package: millions of live objects and no cycles (xlsx_bulk)
def apply_package(preview: PackagePreview, *, take_conflicts: bool = False,
                  progress: Progress | None = None) -> PackageImportResult:
    """Back up, then write everything in one transaction. A second run of the same package is a no-op."""
    data = preview.data
    try:
        unchanged_file = file_sha256(data.path) == data.sha256
    except OSError:
        unchanged_file = False
    if not unchanged_file:
        raise InputFileError(f"数据包“{data.path.name}”在预览之后被移动或改动，请重新打开再导入。没有导入任何内容。")
    if not preview.has_changes:
        return PackageImportResult(data.unit, data.period)
    require_writer()
    report(progress, 0, 0, "正在备份数据")
    backup = backup_before_import()  # refuses damaged data before any evidence file is copied
    report(progress, 0, 0, "正在复制佐证材料")
    _store_files(preview)
    report(progress, 0, 0, "正在写入数据")
    counts = _apply(preview, take_conflicts, progress)
    return PackageImportResult(data.unit, data.period, backup=backup, applied=True, **counts)


def _stored_after(names: list[str], updates: list[tuple[str, dict]]) -> list[tuple]:
    """Each update's values of `names` as peewee would store them (_sql_value: ISO dates, 'YYYY-MM-DD
    HH:MM:SS' times, the rest as is), converted a field at a time over all rows, as tuples."""
    values = list(map(itemgetter(1), updates))
    columns = []
    for name in names:
        column = list(map(itemgetter(name), values))
        convert = date.isoformat if name in DATE_FIELDS else str if name in DATETIME_FIELDS else None
        if convert is not None:
            column = [None if v is None else convert(v) for v in column]
        columns.append(column)
    return list(zip(*columns, strict=True))


def _log_text(value):
    """changelog.as_text, answered in line for the texts and empty values most fields hold."""
    return value if value is None or type(value) is str else changelog.as_text(value)


def _update_entries(updates: list[tuple[str, dict]], unit_scope: tuple[int, str]) -> tuple[dict[str, int], list[int]]:
    """Changed entries: one bulk UPDATE of every package field, one ChangeLog row per field that differs
    (unit_scope: the campaign's id and the sending unit, whose entries they usually are).
    Returns the entries' ids by uuid, and the ids of those whose 配合处室 text or department changed."""
    if not updates:
        return {}, []
    names = list(updates[0][1])
    columns = [LedgerEntry._meta.fields[n].column_name for n in names]
    current: dict[str, tuple[int, tuple]] = {}
    uuids = [u for u, _ in updates]
    quoted = ", ".join(f'"{c}"' for c in columns)
    select = f'SELECT "uuid", "id", {quoted} FROM "ledger_entry" WHERE '
    # The unit's entries of the campaign by one index range (where a changed entry is), not 20,000 probes of
    # the uuid index; any not found there (a conflict taken from elsewhere) by uuid.
    wanted = set(uuids)
    for row in database.execute_sql(select + '"campaign_id" = ? AND "source_unit" = ?', unit_scope).fetchall():
        if row[0] in wanted:
            current[row[0]] = (row[1], row[2:])
    rest = [u for u in uuids if u not in current]
    for start in range(0, len(rest), 900):
        chunk = rest[start:start + 900]
        marks = ", ".join("?" * len(chunk))
        for row in database.execute_sql(f'{select}"uuid" IN ({marks})', chunk).fetchall():
            current[row[0]] = (row[1], row[2:])
    by_fields: dict[tuple[str, ...], list[tuple[int, dict]]] = {}
    log, ids, relink = [], {}, []
    now, actor = str(context.now()), context.actor()
    for (uuid, values), afters in zip(updates, _stored_after(names, updates), strict=True):
        entry_id, old = current[uuid]
        ids[uuid] = entry_id
        if old == afters:
            continue
        changed = {}
        for i in compress(count(), map(ne, old, afters)):  # the differing fields, found in C
            name, before, after = names[i], old[i], afters[i]
            changed[name] = after
            log.append((now, actor, "ledger_entry", entry_id, "update", name, _log_text(before), _log_text(after)))
        if "code" in changed:
            changed["code_key"] = code_key(values["code"])
        if "co_departments" in changed or "department" in changed:
            relink.append(entry_id)
        # only what differs: SQLite rewrites each index (and fires each trigger) a column is named in
        by_fields.setdefault(tuple(changed), []).append((entry_id, changed))
    for rows in by_fields.values():
        bulk_update(LedgerEntry, rows)
    database.cursor().executemany(
        'INSERT INTO "change_log" ("at", "actor", "entity", "entity_id", "action", "field", "old", "new") '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", log)
    return ids, relink


@context.writes
def _apply(preview: PackagePreview, take_conflicts: bool, progress: Progress | None = None) -> dict:
    data = preview.data
    m = data.manifest
    campaign_id = preview.campaign_id
    if campaign_id is None or not Campaign.select().where(Campaign.id == campaign_id).exists():
        first = not Campaign.select().exists()
        c = Campaign.create(name=m["campaign"]["name"], year=m["campaign"]["year"], is_current=first)
        changelog.record("campaign", c.id, "create", "name", None, c.name)
        campaign_id = c.id
    unit = Unit.get_or_none(Unit.name == data.unit)
    if unit is None:
        order = (Unit.select(fn.MAX(Unit.sort_order)).scalar() or 0) + 1
        unit = Unit.create(name=data.unit, sort_order=order)
        changelog.record("unit", unit.id, "create", "name", None, data.unit)
    resolve = _Resolver(campaign_id, unit)
    departments_before = len(resolve.departments)
    by_uuid = {e["uuid"]: e for e in data.entries}
    accepted = set()
    taken, new_entries, changed, skipped = [], [], [], 0
    for diff in preview.entries:
        take = take_conflicts and diff.takeable
        if diff.state == CONFLICT and not take:
            skipped += 1
            continue
        accepted.add(diff.uuid)
        if diff.state == NEW:
            new_entries.append(by_uuid[diff.uuid])
        elif diff.state == CHANGED or take:
            changed.append(by_uuid[diff.uuid])
        else:
            continue
        taken.append(by_uuid[diff.uuid])
    create_names(resolve, taken)  # in the order the entries name them, before any is written
    updates = [(e["uuid"], _entry_values(e, resolve)) for e in changed]
    # The package brings the entries' own history (changes.json) and the receipt below records the import,
    # so the new entries get no "created here" row of their own.
    new_ids = create_entry_columns(campaign_id, new_entry_columns(new_entries, resolve, data.unit), progress=progress,
                                   log=False, index_now=False)
    entry_ids = dict(zip(map(itemgetter("uuid"), new_entries), new_ids, strict=True))
    updated_ids, relink = _update_entries(updates, (campaign_id, data.unit))
    entry_ids.update(updated_ids)
    rest = [u for u in accepted if u not in entry_ids]
    for start in range(0, len(rest), 900):
        entry_ids.update(dict(LedgerEntry.select(LedgerEntry.uuid, LedgerEntry.id)
                              .where(LedgerEntry.uuid.in_(rest[start:start + 900])).tuples()))
    children = {}
    for kind, model, rows, fields in (("progress", ProgressUpdate, data.progress, PROGRESS_FIELDS),
                                      ("events", EntryEvent, data.events, EVENT_FIELDS),
                                      ("attachments", Attachment, data.attachments, ATTACHMENT_FIELDS)):
        children[kind] = _apply_children(model, rows, fields, preview.child_states.get(kind, {}), entry_ids)
    carried = {d.uuid for d in preview.entries if d.state == NEW or "措施及序时进度" in d.changed}
    package_measures.apply(data, {u: i for u, i in entry_ids.items() if u in accepted and u in carried}, resolve)
    # 配合处室 texts written by the bulk update: those that changed are read again; all of them when this
    # import added a department (a name it matches may now be in an unchanged text).
    if len(resolve.departments) != departments_before:
        relink = [entry_ids[u] for u, _ in updates]
    assists.relink_entries(relink)
    allowed = set(accepted)
    for kind, rows in (("progress", data.progress), ("events", data.events), ("attachments", data.attachments)):
        states = preview.child_states.get(kind, {})
        allowed.update(r["uuid"] for r in rows if r["entry_uuid"] in accepted and states.get(r["uuid"]) != CONFLICT)
    changes = [c for c in preview.new_changes if c["record_uuid"] in allowed]
    change_rows = _change_rows(changes)
    insert_columns(ChangeLog, change_rows)
    if not preview.already_received:
        receipt = PackageReceipt.create(unit=unit, campaign=campaign_id, period=data.period,
                                        created_at=datetime.fromisoformat(m["created_at"]),
                                        imported_at=context.now(), sha256=data.sha256,
                                        entry_count=len(data.entries))
        changelog.record("package_receipt", receipt.id, "import", "period", None,
                         f"{data.unit} {data.period}：新增 {len(new_entries)} 条，更新 {len(updates)} 条")
    # Took everything: the office now holds what the package carries, and the same file again would compare
    # as unchanged, which its receipt can answer (package_again) until anything here changes.
    written_changes = len(change_rows["entity_id"])
    clean = (not skipped and written_changes == len(preview.new_changes)
             and not any(state == CONFLICT for states in preview.child_states.values() for state in states.values()))
    package_again.remember(unit.id, data.unit, m, data.sha256, campaign_id, clean)
    # The search index is not built here: the triggers queued the new and changed entries, searches find
    # queued ones by a plain scan (a short queue is indexed by the first search), and the GUI indexes a long
    # queue in the background after the import (services/search.py) — not minutes inside this transaction.
    undo_history.irreversible("导入数据包")
    return {"new": len(new_entries), "changed": len(updates), "skipped": skipped,
            "progress": children["progress"], "events": children["events"],
            "attachments": children["attachments"], "changes": written_changes}


def _apply_children(model, rows: list[dict], fields: tuple[str, ...], states: dict[str, str],
                    entry_ids: dict[str, int]) -> int:
    inserts, updates = [], []
    converters = [(f, _CONVERTERS.get(f)) for f in fields if f not in ("uuid", "entry_uuid")]
    for row in rows:
        state = states.get(row["uuid"], UNCHANGED)
        if state in (UNCHANGED, CONFLICT) or row["entry_uuid"] not in entry_ids:
            continue
        if state == NEW:
            inserts.append(row)
        else:
            values = {f: None if (raw := row[f]) is None else convert(raw) if convert else raw
                      for f, convert in converters}
            updates.append((row["uuid"], values))
    if inserts:  # column by column (package_rows): 37,500 progress notes without a call per value
        by_column = {"uuid": [row["uuid"] for row in inserts],
                     "entry": list(map(entry_ids.__getitem__, map(itemgetter("entry_uuid"), inserts))),
                     **stored_columns(inserts, [f for f, _ in converters])}
        insert_columns(model, by_column)
    if updates:
        ids = {}
        uuids = [u for u, _ in updates]
        for start in range(0, len(uuids), 900):
            ids.update(model.select(model.uuid, model.id).where(model.uuid.in_(uuids[start:start + 900])).tuples())
        bulk_update(model, [(ids[u], values) for u, values in updates])
    return len(inserts) + len(updates)


def _change_rows(changes: list[dict]) -> dict[str, list]:
    """ChangeLog rows, column by column (package_rows), for the changes whose record is here."""
    models = {"ledger_entry": LedgerEntry, "progress_update": ProgressUpdate, "entry_event": EntryEvent,
              "attachment": Attachment}
    ids: dict[str, dict[str, int]] = {}
    for entity, model in models.items():
        wanted = list({c["record_uuid"] for c in changes if c["entity"] == entity})
        ids[entity] = {}
        for start in range(0, len(wanted), 900):
            part = wanted[start:start + 900]
            ids[entity].update(database.execute_sql(
                f'SELECT "uuid", "id" FROM "{model._meta.table_name}" WHERE "uuid" IN ({", ".join("?" * len(part))})',
                part).fetchall())
    local_ids = [ids[c["entity"]].get(c["record_uuid"]) for c in changes]
    kept = [c for c, local_id in zip(changes, local_ids, strict=True) if local_id is not None]  # else: a conflict
    by_column = stored_columns(kept, ("at", "actor", "entity"))
    by_column["entity_id"] = [local_id for local_id in local_ids if local_id is not None]
    by_column.update(stored_columns(kept, ("action", "field", "old", "new")))
    return by_column
