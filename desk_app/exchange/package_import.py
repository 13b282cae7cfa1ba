"""Taking in a sub-unit's exchange package: validate, preview (new / changed / unchanged /
conflicting, keyed by UUID and unit), then apply atomically after a backup."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
from operator import attrgetter, itemgetter
from pathlib import Path

from peewee import DateTimeField

from desk_app.db.models import (
    Attachment,
    Campaign,
    EntryEvent,
    LedgerEntry,
    PackageReceipt,
    ProgressUpdate,
    Unit,
    database,
)
from desk_app.errors import InputFileError
from desk_app.services import settings

from . import package_aside, package_measures
from .package import PackageNames, json_value
from .package_format import (
    ATTACHMENT_FIELDS,
    ENTRY_COMPARED_FIELDS,
    ENTRY_DATE_FIELDS,
    ENTRY_PERSON_FIELDS,
    ENTRY_TEXT_FIELDS,
    EVENT_FIELDS,
    PROGRESS_FIELDS,
)
from .package_names import NewNames, names_to_create
from .package_read import PackageData, checked_members, loaded_package, passed_members
from .progress import Progress, report
from .xlsx_bulk import without_cycle_collector

NEW, CHANGED, UNCHANGED, CONFLICT = "新增", "有变化", "无变化", "冲突"
FIELD_NAMES = {
    "code": "问题编号", "kind": "类型", "layer": "层级", "category": "问题类别", "source": "问题来源",
    "description": "问题表现", "cause": "原因剖析", "target": "整改目标", "measures": "整改措施",
    "standard": "整改标准", "co_departments": "配合处室", "deadline_type": "时限类型", "rectify_mode": "整改方式",
    "schedule": "月度序时进度", "status": "状态", "completion_summary": "完成情况", "note": "备注",
    "found_date": "发现日期", "deadline": "整改时限", "completed_date": "完成日期", "closed_date": "销号日期",
    "deleted_at": "删除", "decision_no": "议定事项序号", "department": "责任单位", "task_force": "所属专班",
    "owner": "所属人员", "leader": "责任领导", "responsible": "责任人", "reviewer": "销号审核人",
    "progress": "整改进展", "events": "销号审核记录", "attachments": "佐证材料", "measure_rows": "措施及序时进度",
    "task_source": "任务来源", "doc_number": "发文字号", "instructing_leader": "批示领导", "assigned_date": "交办日期",
}
CHUNK = 5000
LOCAL_NEWER = "本机的这条事项在数据包生成之后又被修改过"


@dataclass(frozen=True)
class EntryDiff:
    uuid: str
    code: str
    description: str
    state: str  # NEW / CHANGED / UNCHANGED / CONFLICT
    changed: tuple[str, ...] = ()  # Chinese field names
    reason: str = ""  # why it conflicts

    @property
    def takeable(self) -> bool:
        """A conflict the clerk may resolve in the package's favour (same unit, edited here since)."""
        return self.state == CONFLICT and self.reason == LOCAL_NEWER


@dataclass
class PackagePreview:
    data: PackageData
    campaign_id: int | None  # None: the campaign will be created
    unit_known: bool
    already_received: bool
    entries: list[EntryDiff] = field(default_factory=list)
    child_news: dict[str, int] = field(default_factory=dict)  # progress/events/attachments/changes
    child_states: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> uuid -> state
    new_names: NewNames = field(default_factory=NewNames)  # 科室, people, 专班 the import would create
    new_changes: list[dict] = field(default_factory=list)  # change records not yet here (apply writes them)
    known_counts: dict[str, int] | None = None  # state -> entries, when answered from a receipt (package_again)

    @property
    def unit(self) -> str:
        return self.data.unit

    @property
    def period(self) -> str:
        return self.data.period

    def _target_text(self) -> str:
        if self.campaign_id is None:
            return "（本机没有，将新建）"
        target = Campaign.get_by_id(self.campaign_id)
        return "" if target.name == self.data.manifest["campaign"]["name"] else f"（导入到本机的“{target.name}”）"

    def count(self, state: str) -> int:
        if self.known_counts is not None:
            return self.known_counts.get(state, 0)
        return sum(1 for d in self.entries if d.state == state)

    @property
    def has_changes(self) -> bool:
        """Something to write: entries or records to add or update, or a first receipt for a package
        that is not wholly in conflict (one that is would only record a receipt for nothing)."""
        if any(d.state in (NEW, CHANGED) for d in self.entries) or any(self.child_news.values()):
            return True
        takeable = any(d.takeable for d in self.entries)
        all_conflicts = bool(self.entries) and self.count(CONFLICT) == len(self.entries)
        return takeable or (not self.already_received and not all_conflicts)

    def summary_text(self) -> str:
        m = self.data.manifest
        parts = [f"报送单位：{self.unit}（{'已登记' if self.unit_known else '新单位，将自动登记'}）",
                 f"活动：{m['campaign']['name']}{self._target_text()}",
                 f"期间：{self.period}，生成于 {m['created_at'].replace('T', ' ')}",
                 f"事项：新增 {self.count(NEW)} 条，有变化 {self.count(CHANGED)} 条，无变化 {self.count(UNCHANGED)} 条，"
                 f"冲突 {self.count(CONFLICT)} 条",
                 f"整改进展新增 {self.child_news.get('progress', 0)} 条，销号审核记录新增 "
                 f"{self.child_news.get('events', 0)} 条，佐证材料新增 {self.child_news.get('attachments', 0)} 个，"
                 f"修改记录新增 {self.child_news.get('changes', 0)} 条"]
        if self.new_names:
            parts.append(self.new_names.text())
        if self.already_received:
            parts.append("这个数据包以前已经导入过")
        return "\n".join(parts)


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _by_uuid(model, uuids: list[str], scope: tuple[str, tuple] | None = None) -> dict[str, tuple]:
    """Local rows by uuid, read as plain tuples (building 20,000 peewee models takes seconds): named tuples
    whose attributes are column names (owner_id, entry_id …), dates and times already in the package's
    JSON form.

    scope: a WHERE clause and its parameters naming where most of them are expected (the unit's own rows
    of the campaign, found by one index range instead of 20,000 probes of the uuid index in chunks); the
    uuids not found there are looked up as before, so the answer is the same wherever a row is."""
    fields = list(model._meta.sorted_fields)
    names = [f.column_name for f in fields]
    row_type = _row_types.get(model)
    if row_type is None:
        row_type = _row_types[model] = namedtuple(f"Local{model.__name__}", names)
    # Times in the JSON form by the query itself ('YYYY-MM-DD HH:MM:SS[.ffffff]' -> 'YYYY-MM-DDTHH:MM:SS'),
    # not by a Python loop over some 60,000 rows; the same expression on both engines.
    selected = [f"REPLACE(SUBSTR(CAST(\"{n}\" AS TEXT), 1, 19), ' ', 'T')" if isinstance(f, DateTimeField)
                else f'"{n}"' for f, n in zip(fields, names, strict=True)]
    at_uuid = names.index("uuid")
    sql = f'SELECT {", ".join(selected)} FROM "{model._meta.table_name}" WHERE '
    found = {}
    make = partial(tuple.__new__, row_type)  # row_type._make without a Python call per row
    wanted = [str(u) for u in uuids]  # as the CharField would: a number is its text
    if scope is not None and wanted:
        rows = database.execute_sql(sql + scope[0], scope[1]).fetchall()
        wanted_set = set(wanted)
        found.update((row[at_uuid], make(row)) for row in rows if row[at_uuid] in wanted_set)
        if found:
            wanted = [u for u in wanted if u not in found]
    for part in _chunks(wanted, 900):
        rows = database.execute_sql(sql + f'"uuid" IN ({", ".join("?" * len(part))})', part).fetchall()
        found.update(zip(map(itemgetter(at_uuid), rows), map(make, rows), strict=True))
    return found


_row_types: dict = {}


@cache
def _compared(fields: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f for f in fields if f not in ("uuid", "entry_uuid"))


def _local_child(row, fields: tuple[str, ...]) -> tuple:
    values = _child_getter(type(row), fields)(row)
    if _PLAIN_TYPES.issuperset(map(type, values)):  # SQLite gives text dates: nothing to convert
        return values
    return tuple(map(json_value, values))


_PLAIN_TYPES = frozenset({str, int, float, type(None)})


@cache
def _child_getter(row_type, fields: tuple[str, ...]):
    """The compared fields of a local child row in one C call (a tuple even for one field)."""
    names = _compared(fields)
    return attrgetter(*names) if len(names) > 1 else (lambda row: (getattr(row, names[0]),))


def change_key(c: dict) -> tuple:
    return (c["entity"], c["record_uuid"], c["at"], c["actor"], c["action"], c["field"], c["old"], c["new"])


def _child_diffs(data: PackageData, scope: tuple[str, tuple] | None,
                 locals_entries: dict[int, str]) -> tuple[dict[str, dict[str, str]], dict[str, set[str]], dict]:
    """Per child kind: uuid -> NEW/CHANGED/CONFLICT; per entry uuid: which kinds changed; and per change
    entity, the local ids of the package's child rows found here (uuid -> id). `locals_entries`: entry id ->
    uuid of entries read already (more are read as needed)."""
    states: dict[str, dict[str, str]] = {}
    touched: dict[str, set[str]] = {}
    local_ids: dict[str, dict[str, int]] = {}
    for kind, model, rows, fields in (("progress", ProgressUpdate, data.progress, PROGRESS_FIELDS),
                                      ("events", EntryEvent, data.events, EVENT_FIELDS),
                                      ("attachments", Attachment, data.attachments, ATTACHMENT_FIELDS)):
        local = _by_uuid(model, [r["uuid"] for r in rows], scope)
        local_ids[model._meta.table_name] = {u: row.id for u, row in local.items()}
        entry_ids = {row.entry_id for row in local.values()}
        missing_ids = [i for i in entry_ids if i not in locals_entries]
        for part in _chunks(missing_ids, 900):  # plain SQL: peewee takes seconds to build 20,000 parameters
            locals_entries.update(database.execute_sql(
                f'SELECT "id", "uuid" FROM "ledger_entry" WHERE "id" IN ({", ".join("?" * len(part))})',
                part).fetchall())
        states[kind] = {}
        compared = _compared(fields)
        theirs = itemgetter(*compared) if len(compared) > 1 else (lambda row, name=compared[0]: (row[name],))
        for r in rows:
            mine = local.get(r["uuid"])
            if mine is None:
                state = NEW
            elif locals_entries.get(mine.entry_id) != r["entry_uuid"]:
                state = CONFLICT
            elif _local_child(mine, fields) != theirs(r):  # a package row's compared values
                state = CHANGED
            else:
                continue
            states[kind][r["uuid"]] = state
            touched.setdefault(r["entry_uuid"], set()).add(kind)
    return states, touched, local_ids


@without_cycle_collector()  # some millions of objects alive through the step, no cycles among them (xlsx_bulk)
def preview_package(path: str | Path, progress: Progress | None = None, *, campaign_id: int | None = None,
                    meanwhile: Callable[[PackagePreview], object] | None = None) -> PackagePreview:
    """Everything is validated first (InputFileError on any problem); nothing is written.

    The entries go into `campaign_id` if given, else the campaign of the same name and year
    (created on import when there is none). Where it can, a child process checks the fields while this one
    compares (package_aside); the preview is returned only once they passed. meanwhile(preview): this
    process's own work while that child finishes (the command line loads what the write will need)."""
    data, loaded = loaded_package(path, progress)
    aside = package_aside.start(data, loaded)
    if aside is None:
        preview = _preview(checked_members(data, loaded), progress, campaign_id)
        if meanwhile is not None:
            meanwhile(preview)
        return preview
    try:
        preview = _preview(passed_members(data, loaded), progress, campaign_id)
        if meanwhile is not None:
            meanwhile(preview)
    except Exception:  # an unchecked package may break the comparison: the child's refusal names why
        aside.answer()
        raise
    except BaseException:  # Ctrl+C
        aside.cancel()
        raise
    aside.answer()
    return preview


def _preview(data: PackageData, progress: Progress | None, campaign_id: int | None) -> PackagePreview:
    report(progress, 0, 0, "正在与本机数据比对")
    m = data.manifest
    if campaign_id is not None:
        campaign = Campaign.get_or_none(Campaign.id == campaign_id)
        if campaign is None:
            raise InputFileError("所选的活动不存在，请重新选择导入到哪个活动。")
    else:
        campaign = Campaign.get_or_none((Campaign.name == m["campaign"]["name"])
                                        & (Campaign.year == m["campaign"]["year"]))
    unit_known = Unit.select().where(Unit.name == data.unit).exists()
    already = PackageReceipt.select().join(Unit).where(Unit.name == data.unit,
                                                       PackageReceipt.sha256 == data.sha256).exists()
    preview = PackagePreview(data, campaign.id if campaign else None, unit_known, already)
    scope = children_scope = None
    if campaign:  # where a unit's entries and their records usually are: its own, in this campaign
        scope = ('"campaign_id" = ? AND "source_unit" = ?', (campaign.id, data.unit))
        children_scope = (f'"entry_id" IN (SELECT "id" FROM "ledger_entry" WHERE {scope[0]})', scope[1])
    local = _by_uuid(LedgerEntry, [e["uuid"] for e in data.entries], scope)
    _refuse_own_package(data, local)
    codes = {}
    if campaign:
        codes = dict(database.execute_sql('SELECT "code", "uuid" FROM "ledger_entry" WHERE "campaign_id" = ? '
                                          'AND "source_unit" = ?', (campaign.id, data.unit)).fetchall())
    names = PackageNames()
    child_states, touched, local_ids = _child_diffs(data, children_scope, {row.id: u for u, row in local.items()})
    local_ids["ledger_entry"] = {u: row.id for u, row in local.items()}
    for uuid in package_measures.touched(data, {u: row.id for u, row in local.items()}):
        touched.setdefault(uuid, set()).add("measure_rows")
    for e in data.entries:
        mine = local.get(e["uuid"])
        kinds = tuple(FIELD_NAMES[k] for k in sorted(touched.get(e["uuid"], ())))
        short = e["description"][:60]
        if mine is None:
            if codes.get(e["code"], e["uuid"]) != e["uuid"]:
                diff = EntryDiff(e["uuid"], e["code"], short, CONFLICT, (),
                                 "问题编号已被该单位的另一条事项使用")
            else:
                diff = EntryDiff(e["uuid"], e["code"], short, NEW)
        elif mine.source_unit != data.unit:
            owner = "本单位自己的台账" if not mine.source_unit else f"“{mine.source_unit}”报送的台账"
            diff = EntryDiff(e["uuid"], e["code"], short, CONFLICT, (), f"这条事项属于{owner}")
        elif campaign is None or mine.campaign_id != campaign.id:
            diff = EntryDiff(e["uuid"], e["code"], short, CONFLICT, (), "这条事项在本机属于另一个活动")
        else:
            theirs_code_owner = codes.get(e["code"], e["uuid"])
            ours, theirs = _compared_values(mine, names), [e.get(f) for f in ENTRY_COMPARED_FIELDS]
            if ours == theirs:
                changed = kinds
            else:
                changed = tuple(FIELD_NAMES[f] for f, a, b in zip(ENTRY_COMPARED_FIELDS, ours, theirs, strict=True)
                                if a != b) + kinds
            if theirs_code_owner != e["uuid"]:
                diff = EntryDiff(e["uuid"], e["code"], short, CONFLICT, changed, "问题编号已被该单位的另一条事项使用")
            elif not changed:
                diff = EntryDiff(e["uuid"], e["code"], short, UNCHANGED)
            elif json_value(mine.updated_at) > e["updated_at"]:
                diff = EntryDiff(e["uuid"], e["code"], short, CONFLICT, changed, LOCAL_NEWER)
            else:
                diff = EntryDiff(e["uuid"], e["code"], short, CHANGED, changed)
        preview.entries.append(diff)
    preview.child_news = {k: sum(1 for s in v.values() if s == NEW) for k, v in child_states.items()}
    preview.new_changes = _new_changes(data, local_ids)
    preview.child_news["changes"] = len(preview.new_changes)
    preview.child_states = child_states
    taken = {d.uuid for d in preview.entries if d.state in (NEW, CHANGED)}
    preview.new_names = names_to_create([e for e in data.entries if e["uuid"] in taken], preview.campaign_id, data.unit)
    return preview


_TEXTS = attrgetter(*ENTRY_TEXT_FIELDS)
_DATES = attrgetter(*ENTRY_DATE_FIELDS)
_PEOPLE = attrgetter(*(f"{name}_id" for name in ENTRY_PERSON_FIELDS))


def _compared_values(mine, names: PackageNames) -> list:
    """A local entry's values of ENTRY_COMPARED_FIELDS, in that order, as entry_dict gives them."""
    people = names.people.get
    return [*_TEXTS(mine), *map(json_value, _DATES(mine)), json_value(mine.deleted_at), mine.decision_no,
            names.departments.get(mine.department_id, ""), names.task_forces.get(mine.task_force_id, ""),
            *map(people, _PEOPLE(mine))]


def _refuse_own_package(data: PackageData, local: dict[str, LedgerEntry]) -> None:
    """Packages carry a sub-unit's ledger up to us. One sent under our own 填报单位, or made of our
    own entries, would only come back as conflicts and register us as our own sub-unit."""
    own_unit = settings.report_header().unit.strip()
    own_entries = sum(1 for e in data.entries if (mine := local.get(e["uuid"])) is not None and not mine.source_unit)
    if (own_unit and data.unit == own_unit) or (data.entries and own_entries == len(data.entries)):
        raise InputFileError(f"这是本单位自己的数据包（《{data.unit}》），不能导入。"
                             "数据包用于汇总下级单位报送的台账；本单位的台账已在本机中。")


def _new_changes(data: PackageData, local_ids: dict[str, dict[str, int]]) -> list[dict]:
    """Change records not yet in the ChangeLog (matched by content, as they carry no id). local_ids: per
    entity, the ids here of the package's records found already (uuid -> id); others are looked up."""
    wanted = {change_key(c): c for c in data.changes}
    if not wanted:
        return []
    uuids: dict[str, dict[int, str]] = {}
    for entity, model in (("ledger_entry", LedgerEntry), ("progress_update", ProgressUpdate),
                          ("entry_event", EntryEvent), ("attachment", Attachment)):
        known = local_ids.get(entity, {})
        needed = list({c["record_uuid"] for c in data.changes if c["entity"] == entity})
        uuids[entity] = {known[u]: u for u in needed if u in known}
        for part in _chunks([u for u in needed if u not in known], 900):
            uuids[entity].update(database.execute_sql(
                f'SELECT "id", "uuid" FROM "{model._meta.table_name}" WHERE "uuid" IN ({", ".join("?" * len(part))})',
                part).fetchall())
    for entity, by_id in uuids.items():
        ids = list(by_id)
        for part in _chunks(ids, 900):
            rows = database.execute_sql(
                'SELECT "entity_id", REPLACE(SUBSTR(CAST("at" AS TEXT), 1, 19), \' \', \'T\'), "actor", "action", '
                '"field", "old", "new" FROM "change_log" '
                f'WHERE "entity" = ? AND "entity_id" IN ({", ".join("?" * len(part))})', [entity, *part]).fetchall()
            for entity_id, at, actor, action, field_name, old, new in rows:
                wanted.pop((entity, by_id[entity_id], at, actor, action, field_name, old, new), None)
    return list(wanted.values())
