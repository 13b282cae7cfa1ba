"""Measures and 月度序时进度 in exchange packages (measures.json, plans.json; optional members, so a
package of an earlier version still reads). The sub-unit is the authority on its entries: for every entry
a package brings, its measures and plan become the package's."""

from __future__ import annotations

from desk_app.db.models import LedgerEntry, Measure, MeasureProgress, Person, ProgressPlan, database
from desk_app.domain import DeadlineType
from desk_app.services import measures, progress_plan
from desk_app.services.measures import MeasureInput
from desk_app.services.progress_plan import PlanMonth

from .package_names import name_as_sent, names_as_sent

MEASURES, PLANS = "measures.json", "plans.json"
OPTIONAL_MEMBERS = (MEASURES, PLANS)
LABELS = {MEASURES: "措施", PLANS: "月度序时进度"}
MEASURE_FIELDS = ("uuid", "entry_uuid", "seq", "content", "department", "responsible", "deadline_type", "deadline",
                  "status", "completed_date", "note", "progress")
PLAN_FIELDS = ("entry_uuid", "month", "planned", "actual")


def _day(value):
    return value.isoformat() if value is not None else None


def write(entry_uuid: dict[int, str]) -> dict[str, list[dict]]:
    """The two members for the entries being packed (entry id -> uuid)."""
    ids = list(entry_uuid)
    departments = names_as_sent()  # a sub-unit's as its package names them
    people = {pid: {"name": name, "department": departments.get(dept, "")}
              for pid, name, dept in Person.select(Person.id, Person.name, Person.department).tuples()}
    rows, plans = [], []
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        found = list(Measure.select().where(Measure.entry.in_(chunk), Measure.deleted_at.is_null())
                     .order_by(Measure.entry, Measure.seq, Measure.id))
        texts: dict[int, dict[str, str]] = {}
        for measure_id, month, text in (MeasureProgress.select(MeasureProgress.measure, MeasureProgress.month,
                                                               MeasureProgress.text)
                                        .where(MeasureProgress.measure.in_([m.id for m in found]))
                                        .order_by(MeasureProgress.month).tuples()):
            texts.setdefault(measure_id, {})[month] = text
        rows += [{"uuid": m.uuid, "entry_uuid": entry_uuid[m.entry_id], "seq": m.seq, "content": m.content,
                  "department": departments.get(m.department_id, ""), "responsible": people.get(m.responsible_id),
                  "deadline_type": m.deadline_type, "deadline": _day(m.deadline), "status": m.status,
                  "completed_date": _day(m.completed_date), "note": m.note, "progress": texts.get(m.id, {})}
                 for m in found]
        plans += [{"entry_uuid": entry_uuid[e], "month": month, "planned": planned, "actual": actual}
                  for e, month, planned, actual in (ProgressPlan.select(ProgressPlan.entry, ProgressPlan.month,
                                                                        ProgressPlan.planned, ProgressPlan.actual)
                                                    .where(ProgressPlan.entry.in_(chunk))
                                                    .order_by(ProgressPlan.entry, ProgressPlan.month).tuples())]
    return {MEASURES: rows, PLANS: plans}


def _records(rows, fields: tuple[str, ...], problems) -> list[dict]:
    """measures.json rows: objects with every field; only 责任人 and 进展 (by month) hold objects of texts."""
    if not isinstance(rows, list):
        problems.add("措施不是列表")
        return []
    good = []
    for i, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or any(f not in row for f in fields) or any(
                isinstance(v, list) or (isinstance(v, dict) and (k not in ("responsible", "progress") or any(
                    isinstance(x, list | dict) for x in v.values()))) for k, v in row.items()):
            problems.add(f"措施第 {i} 条缺少字段或格式不正确")
            continue
        good.append(row)
    return good


def check(data, loaded: dict, problems) -> None:
    """Validate the optional members (InputFileError through `problems`) and keep them on `data`."""
    from .package_format import PERIOD_RE  # noqa: PLC0415
    from .package_read import UUID_RE, check_records, is_int, read_date, text_ok  # noqa: PLC0415

    uuids = {e["uuid"] for e in data.entries}
    data.measures = _records(loaded[MEASURES], MEASURE_FIELDS, problems) if MEASURES in loaded else None
    data.plans = check_records(loaded.get(PLANS, []), PLAN_FIELDS, "月度序时进度", problems) \
        if PLANS in loaded else None
    types = {t.value for t in DeadlineType}
    seen = set()
    for i, m in enumerate(data.measures or [], start=1):
        person = m["responsible"]
        ok = (m["entry_uuid"] in uuids and isinstance(m["uuid"], str) and UUID_RE.match(m["uuid"])
              and m["uuid"] not in seen and is_int(m["seq"], 0, 10_000) and text_ok(m["content"], 4000)
              and m["content"] and text_ok(m["department"], 200) and text_ok(m["note"])
              and m["status"] in measures.MEASURE_STATUSES and m["deadline_type"] in types
              and all(m[d] is None or read_date(m[d]) is not None for d in ("deadline", "completed_date"))
              and (person is None or (isinstance(person, dict) and text_ok(person.get("name"), 100)
                                      and person.get("name") and text_ok(person.get("department", ""), 200)))
              and isinstance(m["progress"], dict)
              and all(isinstance(k, str) and PERIOD_RE.match(k) and text_ok(v, 2000) for k, v in m["progress"].items()))
        seen.add(m["uuid"])
        if not ok:
            problems.add(f"措施第 {i} 条不正确")
    for i, p in enumerate(data.plans or [], start=1):
        numbers = all(v is None or (isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 100)
                      for v in (p["planned"], p["actual"]))
        if p["entry_uuid"] not in uuids or not (isinstance(p["month"], str) and PERIOD_RE.match(p["month"])) \
                or not numbers:
            problems.add(f"月度序时进度第 {i} 条不正确")


def _local(records: list, plan: list, unit: str) -> tuple:
    return (tuple((m.uuid, m.content, name_as_sent(m.department_name, unit), m.responsible_name, _day(m.deadline),
                   m.status)
                  for m in records),
            tuple((p.month, p.planned, p.actual) for p in plan))


def _theirs(rows: list[dict], plans: list[dict]) -> tuple:
    return (tuple((m["uuid"], m["content"], m["department"], (m["responsible"] or {}).get("name", ""), m["deadline"],
                   m["status"]) for m in sorted(rows, key=lambda m: m["seq"])),
            tuple((p["month"], p["planned"], p["actual"]) for p in sorted(plans, key=lambda p: p["month"])))


def touched(data, local_ids: dict[str, int]) -> set[str]:
    """Entry uuids (of entries we have) whose measures or plan differ from the package's."""
    if data.measures is None and data.plans is None:
        return set()
    by_entry: dict[str, tuple[list, list]] = {}
    for m in data.measures or []:
        by_entry.setdefault(m["entry_uuid"], ([], []))[0].append(m)
    for p in data.plans or []:
        by_entry.setdefault(p["entry_uuid"], ([], []))[1].append(p)
    having = _having(list(local_ids.values()))  # most entries have neither: read only those that do
    local_measures = measures.measures_of_entries(having[0]) if data.measures is not None else {}
    local_plans = progress_plan.plans_of(having[1]) if data.plans is not None else {}
    out = set()
    for uuid, entry_id in local_ids.items():
        rows, plans = by_entry.get(uuid, ([], []))
        mine = _local(local_measures.get(entry_id, []), local_plans.get(entry_id, []), data.unit)
        theirs = _theirs(rows, plans)
        if (data.measures is not None and mine[0] != theirs[0]) or (data.plans is not None and mine[1] != theirs[1]):
            out.add(uuid)
    return out


def apply(data, entry_ids: dict[str, int], resolve) -> int:
    """Write the packaged measures and plans of the accepted entries (uuid -> local id); returns measures."""
    from datetime import date  # noqa: PLC0415

    if data.measures is None and data.plans is None:
        return 0
    rows: dict[str, list[dict]] = {}
    for m in data.measures or []:
        rows.setdefault(m["entry_uuid"], []).append(m)
    plans: dict[str, list[dict]] = {}
    for p in data.plans or []:
        plans.setdefault(p["entry_uuid"], []).append(p)
    ids = list(entry_ids.values())
    # What is here already, read in bulk: an entry neither side gives measures (or a plan) is left alone
    # without a query of its own, as are plans already equal to the package's (the write would not change them).
    having = _having(ids)
    with_measures = set(having[0]) if data.measures is not None else set()
    current_plans = progress_plan.plans_of(having[1]) if data.plans is not None else {}
    measure_ids = [i for u, i in entry_ids.items() if rows.get(u) or i in with_measures]
    plan_ids = [i for u, i in entry_ids.items()
                if _plan_tuple(plans.get(u, [])) != tuple((p.month, p.planned, p.actual) for p in current_plans.get(i, []))]
    wanted_ids = list(dict.fromkeys(measure_ids + plan_ids))
    entries = {}
    for start in range(0, len(wanted_ids), 900):
        entries.update({e.id: e for e in LedgerEntry.select().where(LedgerEntry.id.in_(wanted_ids[start:start + 900]))})
    measure_ids, plan_ids = set(measure_ids), set(plan_ids)
    written = 0
    for uuid, entry_id in entry_ids.items():
        if entry_id in measure_ids:
            entry = entries[entry_id]
            theirs = sorted(rows.get(uuid, []), key=lambda m: m["seq"])
            wanted = [MeasureInput(m["content"], resolve.department(m["department"]), resolve.person(m["responsible"]),
                                   m["deadline_type"], date.fromisoformat(m["deadline"]) if m["deadline"] else None,
                                   m["status"],
                                   date.fromisoformat(m["completed_date"]) if m["completed_date"] else None,
                                   m["note"], m["uuid"]) for m in theirs]
            measures.apply(entry, wanted, log=False)
            live = [r.id for r in Measure.select(Measure.id).where(Measure.entry == entry_id,
                                                                   Measure.deleted_at.is_null())
                    .order_by(Measure.seq, Measure.id)]
            for m, measure_id in zip(theirs, live, strict=True):
                for month, text in m["progress"].items():
                    MeasureProgress.insert(measure=measure_id, month=month, text=text, author="",
                                           updated_at=entry.updated_at).on_conflict(
                        conflict_target=[MeasureProgress.measure, MeasureProgress.month],
                        update={MeasureProgress.text: text}).execute()
            written += len(wanted)
        if entry_id in plan_ids:
            progress_plan.write(entries[entry_id], [PlanMonth(p["month"], p["planned"], p["actual"])
                                                    for p in plans.get(uuid, [])], log=False)
    return written


def _having(entry_ids: list[int]) -> tuple[list[int], list[int]]:
    """Of these entries, those with live measures and those with a plan: two small scans of the two
    tables (a few rows per planned task) instead of lists of 20,000 parameters."""
    wanted = set(entry_ids)
    live = {r[0] for r in database.execute_sql(
        f'SELECT DISTINCT "entry_id" FROM "{Measure._meta.table_name}" WHERE "deleted_at" IS NULL').fetchall()}
    planned = {r[0] for r in database.execute_sql(
        f'SELECT DISTINCT "entry_id" FROM "{ProgressPlan._meta.table_name}"').fetchall()}
    return sorted(live & wanted), sorted(planned & wanted)


def _plan_tuple(plans: list[dict]) -> tuple:
    """The package's plan of one entry as progress_plan.plans_of reads one back (by month)."""
    return tuple((p["month"], p["planned"], p["actual"]) for p in sorted(plans, key=lambda p: p["month"]))
