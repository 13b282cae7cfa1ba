"""Domain vocabulary. Values are the Chinese words clerks use; they are stored as-is."""

from __future__ import annotations

from enum import StrEnum


class EntryKind(StrEnum):
    RECTIFICATION = "问题整改"
    KEY_TASK = "重点任务"
    DECISION = "议定事项"
    SUPERVISION = "督办事项"


# Prefix of the human 问题编号 (ZG-2022-0001) per kind.
KIND_CODE_PREFIX = {
    EntryKind.RECTIFICATION: "ZG",
    EntryKind.KEY_TASK: "RW",
    EntryKind.DECISION: "YD",
    EntryKind.SUPERVISION: "DB",
}


class Layer(StrEnum):
    TEAM = "局领导班子"
    TEAM_MEMBER = "班子成员"
    DIVISION = "处级干部"
    SECTION_CHIEF = "科长(主任)"
    STAFF = "主要业务经办人员"


# Team and team-member lists go to 市活动办; the others to 局活动办.
LAYER_REPORTS_TO = {
    Layer.TEAM: "市活动办",
    Layer.TEAM_MEMBER: "市活动办",
    Layer.DIVISION: "局活动办",
    Layer.SECTION_CHIEF: "局活动办",
    Layer.STAFF: "局活动办",
}


class PersonLevel(StrEnum):
    BUREAU_LEADER = "局领导"
    DIVISION = "处级干部"
    SECTION_CHIEF = "科长(主任)"
    STAFF = "一般干部"


# The personal problem-list layer that matches a person's level.
LEVEL_TO_LAYER = {
    PersonLevel.BUREAU_LEADER: Layer.TEAM_MEMBER,
    PersonLevel.DIVISION: Layer.DIVISION,
    PersonLevel.SECTION_CHIEF: Layer.SECTION_CHIEF,
    PersonLevel.STAFF: Layer.STAFF,
}


class Status(StrEnum):
    NOT_STARTED = "未启动"
    IN_PROGRESS = "推进中"
    PENDING_CLOSE = "申请销号"
    CLOSED = "已销号"
    ONGOING = "长期坚持"


OPEN_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS)
DONE_STATUSES = (Status.CLOSED, Status.ONGOING)
OVERDUE_LABEL = "逾期"  # derived from the deadline, never stored


class DeadlineType(StrEnum):
    DATE = "按期"
    IMMEDIATE = "立行立改"
    LONG_TERM = "长期坚持"


# Deadlines that can be missed: a 立行立改 item that carries a date is overdue after it like any other;
# 长期坚持 never is.
DATED_DEADLINES = (DeadlineType.DATE, DeadlineType.IMMEDIATE)


class Light(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    GREY = "grey"


class Role(StrEnum):
    LEAD = "牵头局领导"
    CO_LEAD = "协管处级干部"
    DEPT_HEAD = "科室负责人"
    SECONDED = "抽调人员"
    LIAISON = "联络员"


class MeetingType(StrEnum):
    TASK_FORCE = "专班推进会"
    STUDY_GROUP = "中心组学习研讨"
    BRANCH_STUDY = "党支部学习"
    TOPICAL = "专题会"
    LECTURE = "财政大讲堂"


class Attendance(StrEnum):
    PRESENT = "出席"
    LEAVE = "请假"
    ABSENT = "缺席"
    OBSERVER = "列席"


class EventKind(StrEnum):
    APPLY_CLOSE = "申请销号"
    APPROVE = "审核通过"
    RETURN = "退回重办"
    REOPEN = "重新打开"
    EXTEND = "延期"
    # A row an Excel import found already finished (services/import_closure): its own kind, never 审核通过,
    # so nobody reads it as a review. Every kind a writer stores is here: the package reader accepts these.
    IMPORT_CLOSE = "导入销号"


MIN_PROBLEMS_PER_PERSON = 6

# Editable lists seeded on a new database: list name -> [(group, value), ...]
DEFAULT_CHOICES: dict[str, list[tuple[str, str]]] = {
    "category": [
        *[("观念", v) for v in ("开放意识不强", "效能意识不够", "拼争意识不强", "创新意识不足",
                                "危机意识缺乏", "责任意识不强", "服务意识淡薄")],
        *[("作风", v) for v in ("不担当", "中梗阻", "官本位", "慢作为", "不作为", "乱作为")],
        *[("意识", v) for v in ("大局意识", "服务意识", "纪律意识", "创新意识", "进位意识",
                                "责任意识", "危机意识", "效能意识")],
    ],
    "source": [("", v) for v in ("自查", "互查", "征求意见建议", "内查", "外查", "明查暗访",
                                  "作风指数评价", "业务办理不满意问题受理窗口", "上级督查", "推进会议定")],
    "rectify_mode": [("", v) for v in ("立行立改", "限期整改", "长期坚持", "建章立制")],
    # Where a 督办/交办 matter comes from (任务来源) and how the office presses for it (催办方式).
    "task_source": [("", v) for v in ("上级批转", "党组会议定", "领导批示", "推进会议定", "局长办公会议定",
                                       "上级督查交办", "人大建议政协提案")],
    "urge_way": [("", v) for v in ("电话", "督办单", "通报", "当面督促", "短信（微信）")],
}
