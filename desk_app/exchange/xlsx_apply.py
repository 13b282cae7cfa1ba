"""Writing an accepted Excel import: backup first, then every row in one transaction.

New entries go through the ledger's single write path (services.ledger.create_entries): numbered,
checked and logged there (and queued for search, which the window indexes in the background); the
import adds its own history (progress, 导入销号)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from desk_app.db.models import Campaign, TaskForce
from desk_app.domain import Status
from desk_app.errors import InputFileError
from desk_app.services import campaigns, changelog, context, import_words, org, undo_history, workflow
from desk_app.services.import_backup import backup_before_import
from desk_app.services.import_closure import ImportedHistory, record_import_history
from desk_app.services.ledger import NewEntry, create_entries, update_entry

from .progress import Progress, report
from .xlsx_bulk import without_cycle_collector
from .xlsx_measures import store as store_measures
from .xlsx_plan import ImportPlan, RowPlan
from .xlsx_rowbuild import PERSON_FIELDS


@dataclass(frozen=True)
class XlsxImportResult:
    created: int
    skipped: int
    new_departments: int
    new_people: int
    new_task_forces: int
    backup: Path | None
    updated: int = 0
    unchanged: int = 0
    finished: int = 0

    def text(self) -> str:
        extra = []
        if self.new_departments:
            extra.append(f"新建科室（单位）{self.new_departments} 个")
        if self.new_people:
            extra.append(f"新建人员 {self.new_people} 名")
        if self.new_task_forces:
            extra.append(f"新建专班 {self.new_task_forces} 个")
        tail = f"；{'，'.join(extra)}" if extra else ""
        finished = f"（其中 {self.finished} 条表格已写明完成，以导入记作销号）" if self.finished else ""
        return (f"已导入：新增 {self.created} 条{finished} / 更新 {self.updated} 条 / 无变化 {self.unchanged} 条，"
                f"跳过有问题的 {self.skipped} 行{tail}。"
                + (f"导入前的备份：{self.backup.name}" if self.backup else ""))


def create_import_entries(campaign_id: int, items: list[NewEntry], *, progress: Progress | None = None) -> list[int]:
    """Create entries in the caller's transaction through the ledger's one write path; the sheet's own
    问题编号 is kept when free, else the entry gets the next number. Returns the ids in order.
    They stay queued for search (see _write)."""
    return create_entries(campaign_id, items, progress=progress, renumber_taken=True, index_now=False)


def plan_into_new_campaign(path, options, new_campaign: tuple[str, int], *, content=None,
                           progress: Progress | None = None) -> ImportPlan:
    """A plan for rows that go into a campaign not made yet (the folder has none): every row is checked against
    a campaign of that name and year, created and rolled back, so a refused or cancelled import leaves no empty
    campaign; apply_import(new_campaign=...) then makes it with the rows (a new campaign has no entries or 专班
    yet, so the plan is the one the real campaign gets)."""
    from desk_app.db.models import database  # noqa: PLC0415

    from .xlsx_import import plan_import  # noqa: PLC0415 - xlsx_import is the heavier module

    with database.atomic() as transaction:
        scratch = campaigns.create_campaign(*new_campaign, make_current=False)
        plan = plan_import(path, replace(options, campaign_id=scratch.id), content=content, progress=progress)
        transaction.rollback()
    return plan


@without_cycle_collector()
def apply_import(plan: ImportPlan, *, skip_invalid: bool = False, progress: Progress | None = None,
                 new_campaign: tuple[str, int] | None = None) -> XlsxImportResult:
    """Write the plan's rows. With problems and without skip_invalid nothing is written.

    new_campaign (name, year): the campaign the rows go into is created in the same transaction (the plan was
    made against a campaign like it), so an import that fails leaves no empty campaign behind."""
    bad = [r for r in plan.rows if not r.ok]
    if bad and not skip_invalid:
        raise InputFileError(f"有 {len(bad)} 行存在问题（例如{bad[0].problems[0].text()}），没有导入任何内容。"
                             "请修改表格后重新导入，或选择“跳过有问题的行”。")
    rows = [r for r in plan.rows if r.ok and not r.is_unchanged]
    if not rows:
        if plan.valid_rows:
            raise InputFileError(f"表格中的 {len(plan.valid_rows)} 条事项与本机完全相同，没有需要导入的内容。")
        raise InputFileError("没有可以导入的行，没有导入任何内容。")
    report(progress, 0, len(rows), "正在备份数据")
    backup = backup_before_import()  # none of a database that holds nothing yet
    counts = _write(plan, rows, progress, new_campaign)
    return XlsxImportResult(counts["created"], len(bad), counts["departments"], counts["people"],
                            counts["task_forces"], backup, counts["updated"],
                            len(plan.valid_rows) - len(rows), counts["finished"])


def _create_missing(plan: ImportPlan, rows: list[RowPlan]) -> dict[str, int]:
    """With 自动新建: the 科室, people and 专班 the written rows name and we do not have, each created once.
    People are one per name (xlsx_names): the planned rows and their 措施 carry placeholder ids until now."""
    created = {"departments": 0, "people": 0, "task_forces": 0}
    if not plan.options.create_missing:
        return created
    departments: dict[str, int] = {}

    def department(name: str) -> int | None:
        if not name:
            return None
        if name not in departments:
            existing = org.department_by_name(name)
            if existing is None:
                existing = org.create_department(name)
                created["departments"] += 1
            departments[name] = existing.id
        return departments[name]

    for row in rows:
        name = row.new_names.get("department")
        if name:
            row.data.department_id = department(name)
    names = plan.names
    used = {getattr(row.data, f"{key}_id") for row in rows for key in PERSON_FIELDS}
    used |= {i for row in rows for m in row.measures for i in (m.responsible_id, m.department_id)}
    real: dict[int, int] = {}
    if names is not None:
        for placeholder, name in names.new_departments.items():
            if placeholder in used:
                real[placeholder] = department(name)
        for person in names.new_people.values():
            if person.placeholder in used:
                real[person.placeholder] = org.create_person(person.name, department(person.department()),
                                                             title=person.title, level=person.level()).id
                created["people"] += 1
    for row in rows:
        for key in PERSON_FIELDS:
            value = getattr(row.data, f"{key}_id")
            if value is not None and value < 0:
                setattr(row.data, f"{key}_id", real[value])
        row.measures = [replace(m, responsible_id=real.get(m.responsible_id, m.responsible_id),
                                department_id=real.get(m.department_id, m.department_id)) for m in row.measures]
    task_forces: dict[str, int] = {}
    for row in rows:
        name = row.new_names.get("task_force")
        if name:
            if name not in task_forces:
                tf = TaskForce.get_or_none(TaskForce.campaign == plan.options.campaign_id, TaskForce.name == name)
                if tf is None:
                    tf = TaskForce.create(campaign=plan.options.campaign_id, name=name, sort_order=999)
                    changelog.record("task_force", tf.id, "create", "name", None, name)
                    created["task_forces"] += 1
                task_forces[name] = tf.id
            row.data.task_force_id = task_forces[name]
    return created


@context.writes
def _write(plan: ImportPlan, rows: list[RowPlan], progress: Progress | None,
           new_campaign: tuple[str, int] | None) -> dict[str, int]:
    if new_campaign is not None:
        created = campaigns.create_campaign(*new_campaign)
        plan.options = replace(plan.options, campaign_id=created.id)
    campaign = Campaign.get_by_id(plan.options.campaign_id)
    counts = _create_missing(plan, rows)
    counts["updated"] = 0
    new_rows = []
    for index, row in enumerate(rows, start=1):
        if index % 500 == 0:
            report(progress, index, len(rows), f"正在写入第 {index}/{len(rows)} 行")
        if row.existing is not None:
            _update(row)
            counts["updated"] += 1
        else:
            new_rows.append(row)
    items = [NewEntry(row.data, row.status, completed_date=row.completed_date,
                      closed_date=plan.import_day if row.status == Status.CLOSED else None,
                      completion_summary=row.completion_summary,
                      code=row.code or None,
                      note_for_log=f"导入自 {plan.path.name} 第 {row.row} 行") for row in new_rows]
    ids = create_import_entries(campaign.id, items, progress=progress)
    record_import_history([
        ImportedHistory(entry_id, row.code, row.progress, row.status, row.completion_summary,
                        row.completed_date, row.closure_words, f"{plan.path.name} 第 {row.row} 行")
        for entry_id, row in zip(ids, new_rows, strict=True)])
    store_measures(list(zip(ids, new_rows, strict=True)), [r for r in rows if r.existing is not None])
    counts["created"] = len(new_rows)
    counts["finished"] = sum(1 for row in new_rows if row.status == Status.CLOSED)
    if plan.options.mapping is not None:  # the clerk confirmed or changed it: next time the same header gets it
        import_words.remember_mapping(plan.headers, plan.mapping)
    # The new entries (with their progress texts) and what the updates changed stay queued for search, as
    # search.py has imports do: the window's indexer takes the queue in the background as soon as the
    # import reports the data changed (a short queue is taken by the next search itself), and searches
    # meanwhile find queued entries by a plain scan. Indexing 10,000 entries here took a third of the write.
    undo_history.irreversible("导入 Excel 台账")
    return counts


def _update(row: RowPlan) -> None:
    """An entry we already have: the ledger and workflow services validate and log each change.
    The plan never lets a status into or out of 申请销号/已销号 (that is the 销号 review's job)."""
    entry_id = row.existing.id
    update_entry(entry_id, row.data)
    if row.progress:
        workflow.add_progress(entry_id, row.progress)
    if row.status_given and row.status != row.existing.status:
        workflow.set_status([entry_id], row.status)
