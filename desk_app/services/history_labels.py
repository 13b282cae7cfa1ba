"""Chinese words for the change history: field names, setting values, the changed item, the person.

The ChangeLog stores what services wrote (field names, ids, str() of setting dicts, the login name
when no 经办人姓名 is set); this module turns that into what a clerk can read.
"""

from __future__ import annotations

import ast
import getpass
import re

from desk_app.db.models import (
    ActionPlanVersion,
    Attachment,
    Campaign,
    ChangeLog,
    ChoiceItem,
    Department,
    EntryEvent,
    Interview,
    LedgerEntry,
    Meeting,
    MeetingAttendance,
    MeetingReport,
    Person,
    ProgressUpdate,
    RankingKind,
    RankingRound,
    RegisterItem,
    TaskForce,
    TaskForceMember,
    TaskForceReport,
    Unit,
)

SETTING_LABELS = {
    "report_header": "打印表头（填报单位等）", "preferences": "常规设置", "backup_policy": "备份保留份数",
    "print_fonts": "打印字体", "ledger_saved_views": "台账常用视图", "progress_plan_tolerance": "序时进度滞后容差",
    "import_words": "导入时认的状态和时限用语", "import_mappings": "导入时记住的表头对应",
    "supervision_rules": "督办（13710）规则", "work_calendar": "工作日历（节假日和调休）",
}
# Settings kept under a key made of parts (services/fillin_rounds: fillin/<campaign id>/<YYYY-MM>).
SETTING_KEY_PATTERNS = ((re.compile(r"fillin/\d+/(\d{4})-(\d{2})"), "{0}年{1}月科室填报表收发记录"),)

# Keys inside a setting's value (a dict), by setting.
SETTING_VALUE_LABELS = {
    "unit": "填报单位", "filled_by": "填报人", "reviewed_by": "审核人", "phone": "联系电话",
    "due_soon_days": "黄灯提前天数", "report_day": "每月调度日", "clerk_name": "经办人姓名",
    "daily": "每日", "weekly": "每周", "monthly": "每月",
    "body": "正文", "heading": "标题", "title": "大标题",
    "exported": "已发出填报表的科室", "returned": "已收回填报表的科室",
}

# Fields of everything but 台账事项 (those come from ledger.FIELD_LABELS).
FIELD_LABELS = {
    "name": "名称", "deleted_at": "删除时间", "file_name": "文件名", "goal": "目标", "title": "标题",
    "place": "地点", "minutes": "纪要", "agenda": "议程", "demo": "演示数据", "is_current": "当前活动",
    "year": "年度", "start_date": "开始日期", "end_date": "结束日期", "note": "备注",
    "short_name": "简称", "sort_order": "排列顺序", "active": "启用", "department": "科室",
    "department_id": "科室", "level": "层级", "phone": "联系电话", "value": "选项", "group": "分组",
    "list_name": "选项列表", "text": "内容", "kind": "环节", "role": "角色", "month": "月份",
    "version": "版本", "task_force": "专班", "task_force_id": "专班", "person": "人员", "person_id": "人员",
    "progress": "工作进展", "problems": "存在问题", "next_steps": "下步计划", "meeting_type": "会议类型",
    "number": "期次", "start_at": "开会时间", "host": "主持人", "recorder": "记录人", "contact": "联系人",
    "issue_no": "期号", "unit": "单位", "reason": "事由", "code": "代码", "composition": "组成",
    "targets": "目标任务", "safeguards": "保障措施", "plan_due_date": "方案报送时限", "leader": "牵头领导",
}

# Rankings (作风指数评价 …), 提醒约谈 and the 制度清单 / 晋位升级目标 registers.
FIELD_LABELS.update({
    "subject_label": "排名对象", "scorer": "评价方", "higher_is_better": "得分高者在前", "bottom_count": "后几名",
    "consecutive": "连续轮数", "period": "轮次", "scores": "成绩", "scored_on": "评价日期", "published_on": "通报日期",
    "subject": "对象", "planned_on": "计划约谈日期", "held_on": "约谈日期", "interviewer": "约谈人",
    "attendees": "被约谈人", "outcome": "约谈结果", "area": "方面", "content": "内容", "action": "方式",
    "owner_id": "责任人", "status": "状态", "start_on": "开始日期", "due_on": "计划完成", "done_on": "完成日期",
    "doc_number": "文号", "doc_link": "文件位置",
})
# A task's measures and its 月度序时进度 (services/measures, progress_plan), logged on the task.
FIELD_LABELS.update({"measure": "措施", "measure_progress": "措施本月进展", "schedule_month": "月度序时进度"})

# Fields whose values are ids of another record: shown by that record's name.
_ID_FIELDS = {
    "department_id": (Department, Department.name), "department": (Department, Department.name),
    "owner_id": (Person, Person.name), "leader_id": (Person, Person.name),
    "responsible_id": (Person, Person.name), "reviewer_id": (Person, Person.name),
    "person_id": (Person, Person.name), "person": (Person, Person.name),
    "task_force_id": (TaskForce, TaskForce.name), "meeting_id": (Meeting, Meeting.title),
}

# entity -> (model, how to name one row): what the 对象 column shows instead of "#id".
_SUBJECTS = {
    "ledger_entry": (LedgerEntry, lambda r: r.code),
    "task_force": (TaskForce, lambda r: r.name),
    "meeting": (Meeting, lambda r: r.title),
    "person": (Person, lambda r: r.name),
    "department": (Department, lambda r: r.name),
    "campaign": (Campaign, lambda r: r.name),
    "unit": (Unit, lambda r: r.name),
    "choice_item": (ChoiceItem, lambda r: r.value),
    "attachment": (Attachment, lambda r: f"{r.entry.code}：{r.file_name}"),
    "progress_update": (ProgressUpdate, lambda r: r.entry.code),
    "entry_event": (EntryEvent, lambda r: r.entry.code),
    "task_force_member": (TaskForceMember, lambda r: f"{r.task_force.name}：{r.person.name}"),
    "task_force_report": (TaskForceReport, lambda r: f"{r.task_force.name} {r.month}"),
    "action_plan_version": (ActionPlanVersion, lambda r: f"{r.task_force.name} 第{r.version}版"),
    "meeting_report": (MeetingReport, lambda r: f"{r.meeting.title}：{r.task_force.name}"),
    "meeting_attendance": (MeetingAttendance, lambda r: f"{r.meeting.title}：{r.name}"),
    "ranking_kind": (RankingKind, lambda r: r.name),
    "ranking_round": (RankingRound, lambda r: f"{r.kind.name} {r.period}"),
    "interview": (Interview, lambda r: f"{r.ranking_round.period} {r.subject}"),
    "register_item": (RegisterItem, lambda r: f"{r.register}：{r.title}"),
}

# id 0 means "the whole list" (e.g. a new order of all 科室).
_WHOLE_LIST = {"department": "全部科室", "task_force": "全部专班"}


def field_label(entity: str, field: str) -> str:
    from .ledger import FIELD_LABELS as LEDGER_FIELDS  # noqa: PLC0415

    if entity == "setting":
        for pattern, label in SETTING_KEY_PATTERNS:
            if match := pattern.fullmatch(field):
                return label.format(match.group(1), int(match.group(2)))
        return SETTING_LABELS.get(field, field)
    if entity == "ledger_entry" and field in LEDGER_FIELDS:
        return LEDGER_FIELDS[field]
    return FIELD_LABELS.get(field) or LEDGER_FIELDS.get(field) or field


def subjects(rows) -> dict[tuple[str, int], str]:
    """(entity, id) -> a readable name for every changed item that still exists."""
    wanted: dict[str, set[int]] = {}
    for r in rows:
        wanted.setdefault(r.entity, set()).add(r.entity_id)
    names: dict[tuple[str, int], str] = {}
    for entity, ids in wanted.items():
        if entity == "setting":
            names.update(((entity, i), "设置") for i in ids)
            continue
        if entity in _WHOLE_LIST and 0 in ids:
            names[(entity, 0)] = _WHOLE_LIST[entity]
        if entity not in _SUBJECTS:
            continue
        model, name_of = _SUBJECTS[entity]
        for row in model.select().where(model.id.in_([i for i in ids if i])):
            try:
                names[(entity, row.id)] = str(name_of(row))
            except Exception:  # noqa: BLE001 - a dangling reference: fall back to the logged text
                continue
        gone = [i for i in ids if i and (entity, i) not in names]
        if gone:
            names.update(_logged_names(entity, gone))
    return names


def _logged_names(entity: str, ids: list[int]) -> dict[tuple[str, int], str]:
    """Names of items deleted for good, from what their purge / create rows logged."""
    found: dict[tuple[str, int], str] = {}
    query = (ChangeLog.select(ChangeLog.entity_id, ChangeLog.action, ChangeLog.old, ChangeLog.new)
             .where(ChangeLog.entity == entity, ChangeLog.entity_id.in_(ids),
                    ChangeLog.action.in_(["purge", "create"]))
             .order_by(ChangeLog.id))
    for rid, action, old, new in query.tuples():
        text = fallback_subject(action, old or "", new or "")
        if text and (action == "purge" or (entity, rid) not in found):
            found[(entity, rid)] = text
    return found


def fallback_subject(action: str, old: str, new: str) -> str:
    """What the row itself says about an item that is gone (created / deleted texts)."""
    text = (new if action in ("create", "restore") else old) or ""
    return text.split("\n", 1)[0][:60]


def _yes_no(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _setting_value(value) -> str:
    if isinstance(value, (dict, list)):
        return f"{len(value)} 个"
    return _yes_no(value) if value not in ("", None) else "（空）"


def value_text(entity: str, field: str, value: str, names: dict[tuple[str, int], str]) -> str:
    """One logged value as a clerk reads it: setting dicts as 标签：值, ids as names."""
    if not value:
        return ""
    if value[:1] in "{[":
        parsed = _parse(value)
        if isinstance(parsed, dict):
            return "；".join(f"{SETTING_VALUE_LABELS.get(k, k)}：{_setting_value(v)}" for k, v in parsed.items())
        if isinstance(parsed, list):
            return f"共 {len(parsed)} 项"
    if field in _ID_FIELDS and value.isdigit():
        return names.get((field, int(value)), value)
    return value


def _parse(text: str):
    try:
        return ast.literal_eval(text)  # str() of a dict, as older versions logged it
    except (ValueError, SyntaxError):
        import json  # noqa: PLC0415

        try:
            return json.loads(text)
        except ValueError:
            return None


def referenced_names(rows) -> dict[tuple[str, int], str]:
    """(field, id) -> name for the id-valued fields among `rows`' old and new values."""
    wanted: dict[str, set[int]] = {}
    for r in rows:
        if r.field in _ID_FIELDS:
            for value in (r.old, r.new):
                if value and value.isdigit():
                    wanted.setdefault(r.field, set()).add(int(value))
    names = {}
    for field, ids in wanted.items():
        model, column = _ID_FIELDS[field]
        for rid, name in model.select(model.id, column).where(model.id.in_(list(ids))).tuples():
            names[(field, rid)] = name
    return names


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some kiosk setups
        return ""


def actor_label(actor: str, clerk_name: str, login: str) -> str:
    """The person column: a bare login name (no 经办人姓名 set) says so and where to fix it."""
    if not actor:
        return "（未知）"
    if actor == login and actor != clerk_name:
        if not clerk_name:
            return f"{actor}（未设置经办人姓名，可在 设置 › 常规 填写）"
        return f"{actor}（电脑登录名）"
    return actor
