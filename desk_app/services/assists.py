"""牵头 and 配合 as references: an entry's own department leads (牵头处室, 主办单位); its 配合/协办
departments are rows of entry_assist.

Writers hand over 配合处室 as text, the way forms, Excel sheets and exchange packages carry it
("预算科、办公室"): ``absorb`` turns it into department ids and a canonical text (the departments' full
names in order, then names that match no department, kept as written). ledger_entry.co_departments keeps
that text for every reader (prints, exports, frozen months); the references are what filters and
statistics use. A department created or renamed later links the entries that named it (``relink``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from peewee import Case, fn

from desk_app.db.models import Department, EntryAssist, LedgerEntry, database
from desk_app.domain import DONE_STATUSES

from . import changelog, context
from .assists_names import DepartmentNames, split_names

# LedgerFilter.department_role: what "责任单位 is one of department_ids" means.
LEAD = ""  # the entry's own department (牵头处室 / 责任单位)
LEAD_OR_ASSIST = "lead_or_assist"  # it leads or assists ("my department leads or assists")
ASSIST = "assist"  # it assists only
ROLES = (LEAD, LEAD_OR_ASSIST, ASSIST)
ROLE_LABELS = {LEAD: "牵头", LEAD_OR_ASSIST: "牵头或配合", ASSIST: "配合"}


def department_names() -> DepartmentNames:
    return DepartmentNames(Department.select(Department.id, Department.name, Department.short_name).tuples())


def absorb_inputs(inputs: list, names: DepartmentNames | None = None) -> tuple[list, list[list[int]]]:
    """Inputs (EntryInput) with canonical 配合处室 text, and the department ids each names (the 牵头
    department left out). For create_entries, before its insert."""
    names = names or department_names()
    out, ids = [], []
    for data in inputs:
        if not data.co_departments:
            out.append(data)
            ids.append([])
            continue
        matched = names.match(data.co_departments, data.department_id)
        out.append(replace(data, co_departments=matched.text(names.full_names)))
        ids.append(matched.department_ids)
    return out, ids


def link_new(entry_ids: list[int], id_lists: list[list[int]]) -> None:
    """References of entries just created (no rows exist for them yet)."""
    rows = [(entry_id, dept_id, order) for entry_id, ids in zip(entry_ids, id_lists, strict=True)
            for order, dept_id in enumerate(ids)]
    if rows:
        database.cursor().executemany(
            'INSERT INTO "entry_assist" ("entry_id", "department_id", "sort_order") VALUES (?, ?, ?)', rows)


def assist_ids(entry_id: int) -> list[int]:
    return [r[0] for r in EntryAssist.select(EntryAssist.department).where(EntryAssist.entry == entry_id)
            .order_by(EntryAssist.sort_order, EntryAssist.id).tuples()]


def assist_ids_of(entry_ids: list[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for start in range(0, len(entry_ids), 900):
        chunk = entry_ids[start:start + 900]
        for entry_id, dept_id in (EntryAssist.select(EntryAssist.entry, EntryAssist.department)
                                  .where(EntryAssist.entry.in_(chunk))
                                  .order_by(EntryAssist.entry, EntryAssist.sort_order, EntryAssist.id).tuples()):
            out.setdefault(entry_id, []).append(dept_id)
    return out


def _set_links(entry_id: int, wanted: list[int], current: list[int] | None = None) -> bool:
    if (assist_ids(entry_id) if current is None else current) == wanted:
        return False
    EntryAssist.delete().where(EntryAssist.entry == entry_id).execute()
    link_new([entry_id], [wanted])
    return True


def absorb(entry: LedgerEntry, data):
    """For update_entry: the input with canonical 配合处室 text; the entry's references set to match
    (in the caller's transaction). The caller compares and logs the text as any other field."""
    names, linked = _names_and_links(entry.id)
    matched = names.match(data.co_departments, data.department_id)
    _set_links(entry.id, matched.department_ids, linked)
    return replace(data, co_departments=matched.text(names.full_names))


# The departments and an entry's 配合 links in one statement (a save waits for each round trip to the server).
_NAMES_AND_LINKS = ('SELECT 0, "id", "name", "short_name", 0, 0 FROM "department" UNION ALL '
                    'SELECT 1, "department_id", NULL, NULL, "sort_order", "id" FROM "entry_assist" WHERE "entry_id" = ? '
                    'ORDER BY 1, 5, 6, 2')


def _names_and_links(entry_id: int) -> tuple[DepartmentNames, list[int]]:
    """department_names() and assist_ids(entry_id), read together."""
    rows = database.execute_sql(_NAMES_AND_LINKS, (entry_id,)).fetchall()
    return (DepartmentNames((r[1], r[2], r[3]) for r in rows if r[0] == 0),
            [r[1] for r in rows if r[0] == 1])


@context.writes
def relink(names_written: list[str] | None = None, reason: str = "科室名称变化") -> int:
    """Read 配合处室 texts again after a department was created, renamed or given a short name: names that
    now match a department link to it, texts show its current full name. names_written: only the entries
    whose text holds one of these (the department's old and new names); None reads every entry. Returns
    the number of entries changed."""
    names = department_names()
    query = LedgerEntry.select(LedgerEntry.id, LedgerEntry.department, LedgerEntry.co_departments)
    wanted = [n for n in (names_written or []) if n]
    if names_written is not None:
        if not wanted:
            return 0
        cond = LedgerEntry.co_departments.contains(wanted[0])
        for name in wanted[1:]:
            cond |= LedgerEntry.co_departments.contains(name)
        query = query.where(cond)
    else:
        query = query.where(LedgerEntry.co_departments != "")
    rows = list(query.tuples())
    links = assist_ids_of([r[0] for r in rows])
    changed = 0
    for entry_id, lead_id, text in rows:
        linked_ids = links.get(entry_id, [])
        written = split_names(text)
        # A canonical text names its linked departments first (by the names they had): those stay linked
        # whatever they are called now; the names after them are matched again.
        rest = written[len(linked_ids):] if len(written) >= len(linked_ids) else written
        matched = names.match("、".join(rest), lead_id)
        wanted = linked_ids + [i for i in matched.department_ids if i not in linked_ids]
        canonical = "、".join([names.full_names[i] for i in wanted] + matched.unmatched)
        linked = _set_links(entry_id, wanted)
        if canonical != text:
            LedgerEntry.update(co_departments=canonical).where(LedgerEntry.id == entry_id).execute()
            changelog.record("ledger_entry", entry_id, "update", "co_departments", text, f"{canonical}（{reason}）")
        changed += bool(linked or canonical != text)
    return changed


def relink_entries(entry_ids: list[int]) -> None:
    """References of entries whose 配合处室 text was written around absorb (a package's bulk update):
    the text is read again, as written (caller's transaction)."""
    if not entry_ids:
        return
    names = department_names()
    for start in range(0, len(entry_ids), 900):
        chunk = entry_ids[start:start + 900]
        current = assist_ids_of(chunk)  # one query a chunk: 20,000 entries of a package are not 20,000 queries
        rows = (LedgerEntry.select(LedgerEntry.id, LedgerEntry.department, LedgerEntry.co_departments)
                .where(LedgerEntry.id.in_(chunk)).tuples())
        for entry_id, lead_id, text in rows:
            wanted = names.match(text, lead_id).department_ids
            if current.get(entry_id, []) != wanted:  # as _set_links, with the links read above
                EntryAssist.delete().where(EntryAssist.entry == entry_id).execute()
                link_new([entry_id], [wanted])


def unmatched_names(campaign_id: int) -> dict[str, int]:
    """配合处室 names of the campaign's entries that match no department: name -> entries naming it."""
    names = department_names()
    found: dict[str, int] = {}
    query = (LedgerEntry.select(LedgerEntry.co_departments)
             .where(LedgerEntry.campaign == campaign_id, LedgerEntry.deleted_at.is_null(),
                    LedgerEntry.co_departments != "").tuples())
    for (text,) in query:
        for name in split_names(text):
            if names.find(name) is None:
                found[name] = found.get(name, 0) + 1
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))


def unmatched_warnings(campaign_id: int) -> list:
    """首页's reminder: 配合处室 names that match no department (one line for all of them)."""
    from .compliance import REMINDER, ComplianceWarning  # noqa: PLC0415 - compliance calls this

    found = unmatched_names(campaign_id)
    if not found:
        return []
    shown = "、".join(f"“{name}”" for name in list(found)[:5]) + (f"等 {len(found)} 个名称" if len(found) > 5 else "")
    entries = sum(found.values())
    return [ComplianceWarning("unmatched_assists", REMINDER, "",
                              f"配合处室中的{shown}不在科室（单位）列表中（涉及 {entries} 条事项），不计入按科室的统计："
                              "请在事项中改选科室，或在“设置 → 科室与人员”中新建该科室（新建后自动关联）", "ledger")]


def unmatched_in(text: str, names: DepartmentNames | None = None) -> list[str]:
    names = names or department_names()
    return [n for n in split_names(text) if names.find(n) is None]


def condition(department_ids: list[int], role: str):
    """The ledger filter's 责任单位 condition for a role (LEAD, LEAD_OR_ASSIST, ASSIST)."""
    assisting = LedgerEntry.id.in_(EntryAssist.select(EntryAssist.entry)
                                   .where(EntryAssist.department.in_(list(department_ids))))
    if role == ASSIST:
        return assisting
    lead = LedgerEntry.department.in_(list(department_ids))
    return (lead | assisting) if role == LEAD_OR_ASSIST else lead


@dataclass(frozen=True)
class DepartmentRole:
    """A department's entries counted both ways: those it leads and those it assists."""

    key: str
    led: int
    led_done: int
    led_overdue: int
    assisted: int
    assisted_done: int
    assisted_overdue: int

    def as_dict(self) -> dict:
        return {"key": self.key, "led": self.led, "led_done": self.led_done, "led_overdue": self.led_overdue,
                "assisted": self.assisted, "assisted_done": self.assisted_done,
                "assisted_overdue": self.assisted_overdue}


def department_roles(f) -> list[DepartmentRole]:
    """Per department (the clerk's order), entries of filter `f` it leads and entries it assists, with how
    many of each are done and overdue. An entry counts once per department and role."""
    from .ledger_filter import overdue_condition, where_clause  # noqa: PLC0415 - ledger_filter imports us

    done = [s.value for s in DONE_STATUSES]
    overdue = overdue_condition(context.today())

    def counts(key, query):
        rows = (query.select(key, fn.COUNT(LedgerEntry.id), fn.SUM(Case(None, [(LedgerEntry.status.in_(done), 1)], 0)),
                             fn.SUM(Case(None, [(overdue, 1)], 0)))
                .where(where_clause(f)).group_by(key).tuples())
        return {k: (n, d or 0, o or 0) for k, n, d, o in rows}

    led = counts(LedgerEntry.department, LedgerEntry.select())
    assisted = counts(EntryAssist.department, LedgerEntry.select().join(
        EntryAssist, on=(EntryAssist.entry == LedgerEntry.id)))
    out = []
    for dept_id, name in (Department.select(Department.id, Department.name)
                          .order_by(Department.sort_order, Department.id).tuples()):
        a, b = led.get(dept_id, (0, 0, 0)), assisted.get(dept_id, (0, 0, 0))
        if a[0] or b[0]:
            out.append(DepartmentRole(name, *a, *b))
    return out


def assisted_totals(f) -> tuple[int, int, int]:
    """(entries, done, overdue) of filter `f` that have any 配合 department, each entry once."""
    from .ledger_filter import overdue_condition, where_clause  # noqa: PLC0415 - ledger_filter imports us

    done = [s.value for s in DONE_STATUSES]
    row = (LedgerEntry.select(fn.COUNT(LedgerEntry.id), fn.SUM(Case(None, [(LedgerEntry.status.in_(done), 1)], 0)),
                              fn.SUM(Case(None, [(overdue_condition(context.today()), 1)], 0)))
           .where(where_clause(f) & LedgerEntry.id.in_(EntryAssist.select(EntryAssist.entry))).tuples().first())
    return tuple(v or 0 for v in row) if row else (0, 0, 0)
