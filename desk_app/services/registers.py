"""Registers kept beside the ledger (seed 003): 制度清单 — the rules revised, by area (16 areas, 53 rules)
— and 晋位升级目标 — one or two targets per section. Each row: area, title, owner, status, dates and a
link to the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import JOIN, fn

from desk_app.db.models import Department, Person, RegisterItem
from desk_app.errors import NotFoundError, ValidationError

from . import changelog, context

RULES, TARGETS = "制度清单", "晋位升级目标"


@dataclass(frozen=True)
class RegisterSpec:
    name: str
    area_label: str
    title_label: str
    content_label: str
    action_label: str
    actions: tuple[str, ...]
    statuses: tuple[str, ...]
    done_statuses: tuple[str, ...]  # statuses that need the 完成 date
    start_label: str
    due_label: str
    done_label: str
    areas: tuple[str, ...]  # suggestions; clerks may type others
    per_department: tuple[int, int] | None = None  # (min, max) rows a section should have


# Seed 003 names 13 of the 16 areas; the last three are common in bureaus' 内部管理制度 collections.
RULE_AREAS = ("党的建设", "作风建设", "党务及政务信息", "公文处理", "督查督办", "会议管理", "信息宣传", "信访管理",
              "保密管理", "法律事务", "干部管理", "财务管理", "信息化建设", "档案管理", "政务公开", "安全管理")

SPECS = {
    RULES: RegisterSpec(RULES, "方面", "制度名称", "主要内容", "修订方式", ("新制定", "修订", "废止", "保留"),
                        ("梳理中", "修订中", "待印发", "已印发", "已废止"), ("已印发", "已废止"),
                        "启动日期", "计划完成", "印发日期", RULE_AREAS),
    TARGETS: RegisterSpec(TARGETS, "对标对象", "晋位升级目标", "具体措施", "目标类型", ("晋位", "升级", "争先", "创优"),
                          ("未开始", "推进中", "已实现", "未实现"), ("已实现", "未实现"),
                          "设定日期", "目标时限", "实现日期", ("先进地区", "对口单位", "全省前列", "全市第一"),
                          per_department=(1, 2)),
}

FIELDS = ("area", "title", "content", "action", "department_id", "owner_id", "status", "start_on", "due_on",
          "done_on", "doc_number", "doc_link", "note")
MAX_TEXT = 2000


@dataclass(frozen=True)
class ItemRecord:
    id: int
    register: str
    area: str
    title: str
    content: str
    action: str
    department_id: int | None
    department_name: str
    owner_id: int | None
    owner_name: str
    status: str
    start_on: date | None
    due_on: date | None
    done_on: date | None
    doc_number: str
    doc_link: str
    note: str
    sort_order: int

    @property
    def overdue(self) -> bool:
        spec = SPECS[self.register]
        return (self.due_on is not None and self.due_on < context.today()
                and self.status not in spec.done_statuses)


def spec(register: str) -> RegisterSpec:
    found = SPECS.get((register or "").strip())
    if found is None:
        raise ValidationError(f"没有“{register}”这个清单。可用的有：{'、'.join(SPECS)}", "register")
    return found


def _query(campaign_id: int, register: str):
    return (RegisterItem.select(RegisterItem, Department.name.alias("dept_name"), Person.name.alias("owner_name"),
                                Department.sort_order.alias("dept_order"))
            .join_from(RegisterItem, Department, JOIN.LEFT_OUTER, on=(RegisterItem.department == Department.id))
            .join_from(RegisterItem, Person, JOIN.LEFT_OUTER, on=(RegisterItem.owner == Person.id))
            .where(RegisterItem.campaign == campaign_id, RegisterItem.register == register))


def _record(r) -> ItemRecord:
    return ItemRecord(r.id, r.register, r.area, r.title, r.content, r.action, r.department_id,
                      getattr(r, "dept_name", None) or "", r.owner_id, getattr(r, "owner_name", None) or "",
                      r.status, r.start_on, r.due_on, r.done_on, r.doc_number, r.doc_link, r.note, r.sort_order)


def list_items(campaign_id: int, register: str, *, department_id: int | None = None, status: str = "",
               text: str = "", deleted: bool = False) -> list[ItemRecord]:
    """The register in its printed order: 制度清单 by area (the usual order of areas first), 目标 by section."""
    s = spec(register)
    query = _query(campaign_id, s.name).where(RegisterItem.deleted_at.is_null(not deleted))
    if department_id is not None:
        query = query.where(RegisterItem.department == department_id)
    if status:
        query = query.where(RegisterItem.status == status)
    words = text.strip()
    if words:
        query = query.where(RegisterItem.title.contains(words) | RegisterItem.content.contains(words)
                            | RegisterItem.area.contains(words) | RegisterItem.doc_number.contains(words)
                            | RegisterItem.note.contains(words))
    records = [(_record(r), getattr(r, "dept_order", None)) for r in query.objects()]
    if s.name == RULES:
        order = {a: i for i, a in enumerate(s.areas)}
        records.sort(key=lambda x: (order.get(x[0].area, len(order)), x[0].area, x[0].sort_order, x[0].id))
    else:
        records.sort(key=lambda x: (x[1] is None, x[1] or 0, x[0].sort_order, x[0].id))
    return [r for r, _ in records]


def get_item(item_id: int) -> ItemRecord:
    r = (RegisterItem.select(RegisterItem, Department.name.alias("dept_name"), Person.name.alias("owner_name"))
         .join_from(RegisterItem, Department, JOIN.LEFT_OUTER, on=(RegisterItem.department == Department.id))
         .join_from(RegisterItem, Person, JOIN.LEFT_OUTER, on=(RegisterItem.owner == Person.id))
         .where(RegisterItem.id == item_id).objects().first())
    if r is None:
        raise NotFoundError("找不到这一条，它可能已被删除。")
    return _record(r)


def _clean(s: RegisterSpec, values: dict, current: dict | None = None,
           known: tuple[set[int], set[int]] | None = None) -> dict:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValidationError(f"不能填写：{'、'.join(sorted(unknown))}")
    merged = {**(current or {}), **values}
    out = {}
    for key in ("area", "title", "content", "action", "status", "doc_number", "doc_link", "note"):
        value = merged.get(key) or ""
        if not isinstance(value, str):
            raise ValidationError(f"“{key}”应为文字", key)
        value = value.strip() if key in ("content", "note") else " ".join(value.split())
        if len(value) > MAX_TEXT or any(ord(ch) < 32 and ch not in "\n\t" for ch in value):
            raise ValidationError(f"“{key}”过长或含有无法保存的控制字符", key)
        out[key] = value
    if not out["title"]:
        raise ValidationError(f"请填写{s.title_label}", "title")
    out["status"] = out["status"] or s.statuses[0]
    if out["status"] not in s.statuses:
        raise ValidationError(f"{s.name}的状态只能是：{'、'.join(s.statuses)}（而不是“{out['status']}”）", "status")
    if out["action"] and out["action"] not in s.actions:
        raise ValidationError(f"{s.action_label}只能是：{'、'.join(s.actions)}（而不是“{out['action']}”）", "action")
    for key in ("start_on", "due_on", "done_on"):
        value = merged.get(key)
        if value is not None and not isinstance(value, date):
            raise ValidationError(f"“{key}”应为日期", key)
        out[key] = value
    if out["start_on"] and out["due_on"] and out["due_on"] < out["start_on"]:
        raise ValidationError(f"{s.due_label}不能早于{s.start_label}", "due_on")
    if out["status"] in s.done_statuses[:1] and out["done_on"] is None:
        raise ValidationError(f"状态为“{out['status']}”时请填写{s.done_label}", "done_on")
    if out["done_on"] and out["done_on"] > context.today():
        raise ValidationError(f"{s.done_label}不能晚于今天", "done_on")
    dept_id, owner_id = merged.get("department_id"), merged.get("owner_id")
    departments, people = known or (_ids(Department), _ids(Person))
    if dept_id is not None and dept_id not in departments:
        raise ValidationError("所选科室（单位）已不存在", "department_id")
    if owner_id is not None and owner_id not in people:
        raise ValidationError("所选责任人已不存在", "owner_id")
    out["department_id"], out["owner_id"] = dept_id, owner_id
    return out


def _ids(model) -> set[int]:
    return {i for (i,) in model.select(model.id).tuples()}


def _values(r: RegisterItem) -> dict:
    return {k: getattr(r, k) for k in FIELDS}


@context.writes
def create_item(campaign_id: int, register: str, **values) -> ItemRecord:
    return get_item(create_items(campaign_id, register, [values])[0])


@context.writes
def create_items(campaign_id: int, register: str, rows: list[dict]) -> list[int]:
    """Add rows at the register's end, all or none (every row checked first); their ids in order."""
    s = spec(register)
    known = (_ids(Department), _ids(Person))
    clean = [_clean(s, values, known=known) for values in rows]
    order = (RegisterItem.select(fn.MAX(RegisterItem.sort_order))
             .where(RegisterItem.campaign == campaign_id, RegisterItem.register == s.name).scalar() or 0)
    now = context.now()
    ids = []
    for n, item in enumerate(clean, start=1):
        department, owner = item.pop("department_id"), item.pop("owner_id")
        ids.append(RegisterItem.insert(campaign=campaign_id, register=s.name, sort_order=order + n, created_at=now,
                                       updated_at=now, department=department, owner=owner, **item).execute())
    if len(ids) == 1:
        changelog.record("register_item", ids[0], "create", "title", None, f"{s.name}：{clean[0]['title']}")
    elif ids:
        changelog.record("register_item", ids[0], "create", "title", None, f"{s.name}：新增 {len(ids)} 项")
    return ids


@context.writes
def update_item(item_id: int, **values) -> ItemRecord:
    r = RegisterItem.get_or_none(RegisterItem.id == item_id)
    if r is None or r.deleted_at is not None:
        raise NotFoundError("找不到这一条，它可能已被删除。")
    current = _values(r)
    clean = _clean(spec(r.register), values, current)
    changes = {k: (current[k], clean[k]) for k in FIELDS if current[k] != clean[k]}
    for key, (_old, new) in changes.items():
        setattr(r, key, new)
    if changes:
        r.updated_at = context.now()
        r.save()
        changelog.record_changes("register_item", r.id, changes)
    return get_item(r.id)


@context.writes
def delete_item(item_id: int) -> None:
    r = RegisterItem.get_or_none(RegisterItem.id == item_id)
    if r is None or r.deleted_at is not None:
        return
    r.deleted_at = context.now()
    r.save()
    changelog.record("register_item", r.id, "delete", "title", r.title, None)


@context.writes
def restore_item(item_id: int) -> ItemRecord:
    r = RegisterItem.get_or_none(RegisterItem.id == item_id)
    if r is None:
        raise NotFoundError("找不到这一条，它可能已被彻底删除。")
    if r.deleted_at is not None:
        r.deleted_at = None
        r.save()
        changelog.record("register_item", r.id, "restore", "title", None, r.title)
    return get_item(r.id)


@dataclass(frozen=True)
class RegisterSummary:
    total: int
    by_status: dict[str, int]
    by_area: dict[str, int]
    overdue: int
    sections_without: list[str]  # sections with fewer rows than the register asks (晋位升级目标: 1–2 each)
    sections_over: list[str]


def summary(campaign_id: int, register: str) -> RegisterSummary:
    s = spec(register)
    items = list_items(campaign_id, s.name)
    by_status = {st: 0 for st in s.statuses}
    by_area: dict[str, int] = {}
    for item in items:
        by_status[item.status] = by_status.get(item.status, 0) + 1
        by_area[item.area or "（未填）"] = by_area.get(item.area or "（未填）", 0) + 1
    without, over = [], []
    if s.per_department:
        low, high = s.per_department
        count: dict[int, int] = {}
        for item in items:
            if item.department_id is not None:
                count[item.department_id] = count.get(item.department_id, 0) + 1
        for d in Department.select().where(Department.active == True).order_by(Department.sort_order):  # noqa: E712
            n = count.get(d.id, 0)
            if n < low:
                without.append(d.name)
            elif n > high:
                over.append(d.name)
    return RegisterSummary(len(items), by_status, by_area, sum(1 for i in items if i.overdue), without, over)
