"""Rows of an imported Excel ledger that name an entry we already have (same 问题编号, our own entry
in the same campaign): they update that entry instead of becoming a copy under a new number.

Sub-units return the ledger we sent them as Excel; importing it back must change only what they
changed, through the ledger's own validation, and never close an entry behind the 销号 review."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from desk_app.db.models import LedgerEntry, ProgressUpdate
from desk_app.domain import DeadlineType, Status
from desk_app.services.entry_records import load_records
from desk_app.services.ledger import FIELD_LABELS, EntryInput, EntryRecord, normalise

CHUNK = 500
EXCERPT = 24  # characters of a long text the preview shows
# Statuses only the 申请销号 → 审核 steps may give or take away.
REVIEWED_STATUSES = (Status.PENDING_CLOSE.value, Status.CLOSED.value)
REFERENCE_FIELDS = ("owner_id", "leader_id", "responsible_id", "department_id", "task_force_id")
LABELS = FIELD_LABELS | {"owner_id": "所属人员", "leader_id": "责任领导", "responsible_id": "责任人",
                         "department_id": "责任单位", "task_force_id": "所属专班", "deadline_type": "整改时限",
                         "status": "状态", "progress": "整改进展"}


class ExistingEntries:
    """Our own entries of one campaign that rows of the file name: by 问题编号 (only the codes the file
    names), and, for rows without a 问题编号, by what the entry is (same_content)."""

    def __init__(self, campaign_id: int, codes: set[str], descriptions: set[str] = frozenset()):
        ids: list[int] = []
        wanted = sorted(c for c in codes if c)
        for start in range(0, len(wanted), CHUNK):
            ids.extend(i for (i,) in LedgerEntry.select(LedgerEntry.id).where(
                LedgerEntry.campaign == campaign_id, LedgerEntry.source_unit == "",
                LedgerEntry.code.in_(wanted[start:start + CHUNK])).tuples())
        by_description = _same_descriptions(campaign_id, descriptions, set(wanted))
        records = load_records(ids + [i for group in by_description.values() for i in group])
        named = set(ids)
        self.by_code: dict[str, EntryRecord] = {r.code: r for r in records if r.id in named}
        by_id = {r.id: r for r in records}
        # deleted entries last: a live one with the same content is the one a row means
        self.by_content: dict[str, list[EntryRecord]] = {
            key: sorted((by_id[i] for i in group if i in by_id), key=lambda r: r.deleted_at is not None)
            for key, group in by_description.items()}
        self.latest_progress: dict[int, str] = {}
        every = [r.id for r in records]
        for start in range(0, len(every), CHUNK):
            query = (ProgressUpdate.select(ProgressUpdate.entry, ProgressUpdate.text)
                     .where(ProgressUpdate.entry.in_(every[start:start + CHUNK]))
                     .order_by(ProgressUpdate.date, ProgressUpdate.id).tuples())
            for entry_id, text in query:
                self.latest_progress[entry_id] = text  # ordered: the last one wins
        self.claimed: dict[str, int] = {}  # code -> sheet row that already matched it
        self.taken: set[int] = set()  # entries a row without 问题编号 already matched

    def get(self, code: str) -> EntryRecord | None:
        return self.by_code.get(code) if code else None

    def same_content(self, description: str, *, department: str = "", layer: str = "",
                     owner: str = "") -> EntryRecord | None:
        """The entry a row without 问题编号 repeats: the same 问题表现 (spaces and line breaks aside) and the same
        责任单位, 层级 and 所属人员 where the row states them ('' = the sheet has no such value to compare).

        Why these: they say what the problem is and whose it is, which a later round of the same sheet keeps,
        while 时限, 进展, 状态 and 措施 are what that round changes (so a changed one updates the entry). The same
        问题表现 is often listed for several units or 班子成员, so it alone would merge different entries.
        Each entry answers one row: a sheet listing the same thing twice matches two entries, or adds the second."""
        for record in self.by_content.get(content_key(description), ()):
            if record.id in self.taken:
                continue
            if ((department and record.department_name != department) or (layer and record.layer != layer)
                    or (owner and record.owner_name != owner)):
                continue
            self.taken.add(record.id)
            return record
        return None


def content_key(text) -> str:
    """A 问题表现 compared without its spaces and line breaks (re-typed and re-wrapped cells stay the same)."""
    return "".join(str(text or "").split())


def _same_descriptions(campaign_id: int, descriptions: set[str], named_codes: set[str]) -> dict[str, list[int]]:
    """Ids of our entries whose 问题表现 is one of these, by content_key, in creation order; entries the file
    names by 问题编号 are that row's, never a row's without one. One pass over two columns of the campaign."""
    wanted = {content_key(d) for d in descriptions} - {""}
    found: dict[str, list[int]] = {}
    if not wanted:
        return found
    query = (LedgerEntry.select(LedgerEntry.id, LedgerEntry.description, LedgerEntry.code)
             .where(LedgerEntry.campaign == campaign_id, LedgerEntry.source_unit == "")
             .order_by(LedgerEntry.id).tuples())
    for entry_id, description, code in query:
        key = content_key(description)
        if key in wanted and code not in named_codes:
            found.setdefault(key, []).append(entry_id)
    return found


def merge_for_update(existing: EntryRecord, values: dict) -> EntryInput:
    """The entry as the row would leave it. A blank date, name or 时限 cell keeps what we have:
    a returned ledger often leaves out what the sub-unit did not touch. Text cells are taken as written."""
    kept = {}
    for name, value in values.items():
        if (name in REFERENCE_FIELDS or name == "found_date") and value is None:
            continue
        kept[name] = value
    if kept.get("deadline_type") == DeadlineType.DATE.value and kept.get("deadline") is None:
        kept.pop("deadline_type", None)
        kept.pop("deadline", None)
    input_names = {f.name for f in fields(EntryInput)}
    base = existing.as_input()
    for name, value in kept.items():
        if name in input_names:
            setattr(base, name, value)
    return normalise(base)


def shown(value, other=None) -> str:
    """A value as the preview shows it; of a long text the part around where it differs from `other`."""
    if value is None or value == "":
        return "（空）"
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).replace("\n", " ")
    if len(text) <= EXCERPT:
        return f"“{text}”"
    start = 0
    if isinstance(other, str):
        other = other.replace("\n", " ")
        same = next((i for i, (a, b) in enumerate(zip(text, other, strict=False)) if a != b), min(len(text), len(other)))
        start = max(0, min(same - EXCERPT // 3, len(text) - EXCERPT))
    return f"“{'…' if start else ''}{text[start:start + EXCERPT]}{'…' if start + EXCERPT < len(text) else ''}”"


def _deadline(data) -> str:
    if data.deadline_type == DeadlineType.DATE:
        return shown(data.deadline)
    return f"{data.deadline_type}（{data.deadline.isoformat()}）" if data.deadline else data.deadline_type


def field_changes(existing: EntryRecord, merged: EntryInput, name_of) -> list[str]:
    """What the row changes, each as "label：before → after" (for the preview; the service logs the values).
    name_of(field, id) names the person, 科室 or 专班 an id field points at."""
    before = normalise(existing.as_input())
    changed = []
    for f in fields(EntryInput):
        old, new = getattr(before, f.name), getattr(merged, f.name)
        if old == new:
            continue
        if f.name in ("deadline_type", "deadline"):
            text = f"整改时限：{_deadline(before)} → {_deadline(merged)}"
        elif f.name in REFERENCE_FIELDS:
            text = f"{LABELS[f.name]}：{name_of(f.name, old) or '（空）'} → {name_of(f.name, new) or '（空）'}"
        else:
            text = f"{LABELS.get(f.name, f.name)}：{shown(old, new)} → {shown(new, old)}"
        if text not in changed:
            changed.append(text)
    return changed


def _measure_fields(m, name_of) -> dict[str, str]:
    return {"内容": shown(m.content), "责任单位": name_of("department_id", m.department_id) or "（空）",
            "责任人": name_of("responsible_id", m.responsible_id) or "（空）", "时限": _deadline(m), "状态": m.status}


def measure_changes(current: list, found: list, name_of) -> str:
    """How a row's 措施 differ from the entry's ('' when they do not): "措施：第 2 项责任人 （空）→ 雷勇；新增 1 项"."""
    parts = []
    for number, (old, new) in enumerate(zip(current, found, strict=False), start=1):
        if old.content != new.content:
            parts.append(f"第 {number} 项内容 {shown(old.content, new.content)} → {shown(new.content, old.content)}")
            continue
        before, after = _measure_fields(old, name_of), _measure_fields(new, name_of)
        parts += [f"第 {number} 项{label} {before[label]} → {after[label]}" for label in before
                  if before[label] != after[label]]
    if len(found) > len(current):
        parts.append(f"新增 {len(found) - len(current)} 项")
    elif len(found) < len(current):
        parts.append(f"删去 {len(current) - len(found)} 项")
    return f"措施：{'；'.join(parts)}" if parts else ""


def status_problem(existing: EntryRecord, wanted: str) -> str:
    """Why an import may not move this entry to `wanted` ('' when it may)."""
    if not wanted or wanted == existing.status:
        return ""
    if wanted in REVIEWED_STATUSES:
        return (f"状态需经销号审核：本机为“{existing.status}”，表格为“{wanted}”。"
                "请在台账中申请销号并审核；导入不会改动这条事项的状态")
    if existing.status in REVIEWED_STATUSES:
        return (f"状态需经销号审核：本机已“{existing.status}”，表格为“{wanted}”。"
                "如需重新整改，请在台账中“重新打开”或“退回”；导入不会改动这条事项的状态")
    return ""


def completed_date_differs(existing: EntryRecord, completed: date | None) -> bool:
    return completed is not None and completed != existing.completed_date
