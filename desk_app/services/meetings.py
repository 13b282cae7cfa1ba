"""Meetings (推进会, 中心组学习研讨 …): numbering 第N次 per type and year, the record, minutes.

Attendance lives in meeting_attendance.py, decisions in meeting_decisions.py, the agenda in
meeting_agenda.py; get_meeting() gathers all of it for pages, prints and exports."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from types import SimpleNamespace

from peewee import JOIN, Case, fn

from desk_app.db.models import (
    Campaign,
    ChangeLog,
    LedgerEntry,
    Meeting,
    MeetingAttendance,
    MeetingReport,
    Person,
    TaskForce,
)
from desk_app.domain import Attendance, EntryKind, MeetingType
from desk_app.errors import NotFoundError, ValidationError

from . import changelog, concurrency_conflicts, context
from .meeting_attendance import AttendanceRecord, AttendanceTotals, list_attendance, totals_of
from .meeting_decisions import DecisionRecord, decisions_of

MEETING_TYPES = tuple(t.value for t in MeetingType)
MAX_TEXT = 50000


@dataclass
class MeetingInput:
    meeting_type: str = MeetingType.TASK_FORCE
    start_at: datetime | None = None
    title: str = ""  # empty: a default from type and number
    place: str = ""
    host_id: int | None = None
    recorder_id: int | None = None
    contact: str = ""
    issue_no: int | None = None  # 纪要期号; None for a 推进会 takes its number


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    campaign_id: int
    meeting_type: str
    year: int
    number: int
    title: str
    start_at: datetime
    place: str
    host_name: str
    issue_no: int | None
    expected: int
    present: int
    decision_count: int

    @property
    def number_label(self) -> str:
        return f"{self.year}年第{self.number}次"


@dataclass(frozen=True)
class MeetingReportRecord:
    id: int
    meeting_id: int
    task_force_id: int
    task_force_name: str
    progress: str
    problems: str
    next_steps: str
    sort_order: int


@dataclass(frozen=True)
class MeetingRecord:
    """A whole meeting: what pages show and what 会议通知 / 签到表 / 纪要 print."""

    id: int
    campaign_id: int
    meeting_type: str
    year: int
    number: int
    title: str
    start_at: datetime
    place: str
    host_id: int | None
    host_name: str
    recorder_id: int | None
    recorder_name: str
    contact: str
    issue_no: int | None
    agenda: str
    minutes: str
    attendance: tuple[AttendanceRecord, ...]
    reports: tuple[MeetingReportRecord, ...]
    decisions: tuple[DecisionRecord, ...]
    totals: AttendanceTotals
    version: int = 1  # bumped by every write: editors save with base_version=this (db/versioned)

    @property
    def number_label(self) -> str:
        return f"{self.year}年第{self.number}次"

    def names_with(self, status: str) -> list[str]:
        return [a.name for a in self.attendance if a.status == status]

    @property
    def leave_lines(self) -> list[str]:
        """'张三（出差）' for the 纪要's 请假： line."""
        return [f"{a.name}（{a.reason}）" if a.reason else a.name for a in self.attendance
                if a.status == Attendance.LEAVE]


def _model(meeting_id: int) -> Meeting:
    m = Meeting.get_or_none((Meeting.id == meeting_id) & Meeting.deleted_at.is_null())
    if m is None:
        raise NotFoundError(f"找不到编号为 {meeting_id} 的会议，可能已被删除")
    return m


def default_title(meeting_type: str, number: int) -> str:
    if meeting_type == MeetingType.TASK_FORCE:
        return f"专班第{number}次推进会"
    if meeting_type == MeetingType.STUDY_GROUP:
        return f"理论学习中心组第{number}次集中学习研讨"
    return f"第{number}次{meeting_type}"


def _latest(campaign_id: int, meeting_type: str) -> Meeting | None:
    return (Meeting.select().where(Meeting.campaign == campaign_id, Meeting.meeting_type == meeting_type,
                                   Meeting.deleted_at.is_null())
            .order_by(Meeting.start_at.desc(), Meeting.id.desc()).first())


def series_title(campaign_id: int, meeting_type: str, number: int) -> str:
    """The title a new meeting gets when the clerk leaves it empty: the last one's, renumbered, when it
    names its number ("七大专班第12次推进会" → "七大专班第13次推进会"); else the usual default."""
    last = _latest(campaign_id, meeting_type)
    if last is not None and f"第{last.number}次" in last.title:
        return last.title.replace(f"第{last.number}次", f"第{number}次", 1)
    return default_title(meeting_type, number)


def previous_input(campaign_id: int, meeting_type: str) -> MeetingInput | None:
    """The last meeting of this type as a new one's starting point (place, time of day, host, recorder,
    contact: the same month after month); None for the first of its type."""
    last = _latest(campaign_id, meeting_type)
    return input_of(get_meeting(last.id)) if last is not None else None


def next_number(campaign_id: int, meeting_type: str, year: int) -> int:
    """The next 第N次: numbers of deleted meetings are not reused, so printed numbers stay valid."""
    last = (Meeting.select(fn.MAX(Meeting.number))
            .where(Meeting.campaign == campaign_id, Meeting.meeting_type == meeting_type, Meeting.year == year)
            .scalar())
    return (last or 0) + 1


def _validate(data: MeetingInput) -> None:
    if data.meeting_type not in MEETING_TYPES:
        raise ValidationError(f"会议类型“{data.meeting_type}”不正确，应为：{'、'.join(MEETING_TYPES)}",
                              "meeting_type")
    if data.start_at is None:
        raise ValidationError("会议时间不能为空", "start_at")
    if not 2000 <= data.start_at.year <= 2100:
        raise ValidationError("会议时间的年份不正确", "start_at")
    for name, value in (("host_id", data.host_id), ("recorder_id", data.recorder_id)):
        if value is not None and not Person.select().where(Person.id == value).exists():
            raise ValidationError("所选主持人或记录人不存在", name)
    if data.issue_no is not None and not 1 <= data.issue_no <= 999:
        raise ValidationError("纪要期号应为 1 到 999 之间的整数", "issue_no")
    if len(data.title.strip()) > 100 or len(data.place.strip()) > 100:
        raise ValidationError("会议名称和地点不能超过 100 字", "title")


@context.writes
def create_meeting(campaign_id: int, data: MeetingInput) -> MeetingRecord:
    if not Campaign.select().where(Campaign.id == campaign_id).exists():
        raise NotFoundError("找不到所选活动，请先新建活动")
    _validate(data)
    start = data.start_at.replace(second=0, microsecond=0)
    number = next_number(campaign_id, data.meeting_type, start.year)
    issue_no = data.issue_no
    if issue_no is None and data.meeting_type == MeetingType.TASK_FORCE:
        issue_no = number
    m = Meeting.create(campaign=campaign_id, meeting_type=data.meeting_type, year=start.year, number=number,
                       title=data.title.strip() or series_title(campaign_id, data.meeting_type, number),
                       start_at=start,
                       place=data.place.strip(), host=data.host_id, recorder=data.recorder_id,
                       contact=data.contact.strip(), issue_no=issue_no)
    changelog.record("meeting", m.id, "create", "title", None, f"{m.title}（{start:%Y-%m-%d %H:%M}）")
    return get_meeting(m.id)


def input_of(record: MeetingRecord) -> MeetingInput:
    """The basics of a meeting as its form edits them (the base an editor saves against)."""
    return MeetingInput(record.meeting_type, record.start_at, record.title, record.place, record.host_id,
                        record.recorder_id, record.contact, record.issue_no)


def _require_version(m: Meeting, yours, base_version: int | None, base, names=None) -> None:
    """A save based on an older version of the meeting is refused with both sides (concurrency_conflicts)
    when the part it saves changed meanwhile. A meeting's parts are edited on separate tabs (basics, 议程,
    纪要, 签到): another clerk's save of one part does not stand in the way of a save of another."""
    if base_version is None or m.version == base_version:
        return
    names = names or [f.name for f in fields(MeetingInput)]
    stored = get_meeting(m.id)
    if base is not None and all(getattr(stored, n) == getattr(base, n) for n in names):
        return
    raise concurrency_conflicts.meeting_stale(stored, yours, base_version, base, names)


@context.writes
def update_meeting(meeting_id: int, data: MeetingInput, *, base_version: int | None = None,
                   base: MeetingInput | None = None) -> MeetingRecord:
    """Edit the basics. The 第N次 stays unless the type or year changes; then it takes the next free one.
    base_version/base: what the editor showed; a stale save raises StaleVersionError."""
    m = _model(meeting_id)
    _require_version(m, data, base_version, base)
    _validate(data)
    start = data.start_at.replace(second=0, microsecond=0)
    new = {"meeting_type": data.meeting_type, "start_at": start, "place": data.place.strip(),
           "host_id": data.host_id, "recorder_id": data.recorder_id, "contact": data.contact.strip(),
           "issue_no": data.issue_no}
    if data.meeting_type != m.meeting_type or start.year != m.year:
        new["year"] = start.year
        new["number"] = next_number(m.campaign_id, data.meeting_type, start.year)
    title = data.title.strip()
    if not title or (title == m.title and m.title == default_title(m.meeting_type, m.number)):
        title = default_title(data.meeting_type, new.get("number", m.number))
    new["title"] = title
    changes = {k: (getattr(m, k), v) for k, v in new.items() if getattr(m, k) != v}
    if changes:
        for k, (_, v) in changes.items():
            setattr(m, k, v)
        m.save()
        changelog.record_changes("meeting", m.id, changes)
    return get_meeting(m.id)


@context.writes
def set_minutes(meeting_id: int, text: str, *, base_version: int | None = None, base: str | None = None) -> None:
    m = _model(meeting_id)
    text = (text or "").replace("\r\n", "\n").strip()
    before = SimpleNamespace(minutes=(base or "").replace("\r\n", "\n").strip()) if base is not None else None
    _require_version(m, SimpleNamespace(minutes=text), base_version, before, ["minutes"])
    if len(text) > MAX_TEXT:
        raise ValidationError(f"纪要超过 {MAX_TEXT} 字，请精简", "minutes")
    if text != m.minutes:
        changelog.record("meeting", m.id, "update", "minutes", m.minutes, text)
        m.minutes = text
        m.save()


@context.writes
def set_agenda(meeting_id: int, text: str, *, base_version: int | None = None, base: str | None = None) -> None:
    m = _model(meeting_id)
    text = (text or "").replace("\r\n", "\n").strip()
    before = SimpleNamespace(agenda=(base or "").replace("\r\n", "\n").strip()) if base is not None else None
    _require_version(m, SimpleNamespace(agenda=text), base_version, before, ["agenda"])
    if len(text) > MAX_TEXT:
        raise ValidationError(f"议程超过 {MAX_TEXT} 字，请精简", "agenda")
    if text != m.agenda:
        changelog.record("meeting", m.id, "update", "agenda", m.agenda, text)
        m.agenda = text
        m.save()


@context.writes
def delete_meeting(meeting_id: int) -> int:
    """Move a meeting to the recycle bin with its decisions; returns how many decisions went with it."""
    from . import ledger  # noqa: PLC0415

    m = _model(meeting_id)
    ids = [d.entry_id for d in decisions_of(m.id)]
    if ids:
        ledger.delete_entries(ids)
    m.deleted_at = context.now()
    m.save()
    changelog.record("meeting", m.id, "delete", "deleted_at", None, m.deleted_at)
    return len(ids)


# -- reading ----------------------------------------------------------------------------------

def list_meetings(campaign_id: int, *, meeting_type: str | None = None, year: int | None = None) -> list[MeetingSummary]:
    """Meetings of a campaign, newest first, with attendance and decision counts."""
    Host = Person.alias("host_p")
    query = (Meeting.select(Meeting, Host.name.alias("host_name"))
             .join(Host, JOIN.LEFT_OUTER, on=(Meeting.host == Host.id))
             .where(Meeting.campaign == campaign_id, Meeting.deleted_at.is_null()))
    if meeting_type:
        query = query.where(Meeting.meeting_type == meeting_type)
    if year:
        query = query.where(Meeting.year == year)
    meetings = list(query.order_by(Meeting.start_at.desc(), Meeting.id.desc()).objects())
    ids = [m.id for m in meetings]
    counts: dict[int, list[int]] = {i: [0, 0] for i in ids}
    if ids:
        for mid, status, n in (MeetingAttendance.select(MeetingAttendance.meeting, MeetingAttendance.status,
                                                        fn.COUNT(MeetingAttendance.id))
                               .where(MeetingAttendance.meeting.in_(ids))
                               .group_by(MeetingAttendance.meeting, MeetingAttendance.status).tuples()):
            if status != Attendance.OBSERVER:
                counts[mid][0] += n
            if status == Attendance.PRESENT:
                counts[mid][1] += n
    decisions = dict(LedgerEntry.select(LedgerEntry.meeting, fn.COUNT(LedgerEntry.id))
                     .where(LedgerEntry.meeting.in_(ids), LedgerEntry.kind == EntryKind.DECISION,
                            LedgerEntry.deleted_at.is_null())
                     .group_by(LedgerEntry.meeting).tuples()) if ids else {}
    return [MeetingSummary(m.id, m.campaign_id, m.meeting_type, m.year, m.number, m.title, m.start_at, m.place,
                           m.host_name or "", m.issue_no, counts[m.id][0], counts[m.id][1],
                           decisions.get(m.id, 0)) for m in meetings]


def meeting_years(campaign_id: int) -> list[int]:
    return [y for (y,) in Meeting.select(Meeting.year).distinct()
            .where(Meeting.campaign == campaign_id, Meeting.deleted_at.is_null()).order_by(Meeting.year.desc())
            .tuples()]


def list_reports(meeting_id: int) -> list[MeetingReportRecord]:
    rows = (MeetingReport.select(MeetingReport, TaskForce.name.alias("tf_name")).join(TaskForce)
            .where(MeetingReport.meeting == meeting_id)
            .order_by(MeetingReport.sort_order, TaskForce.sort_order, MeetingReport.id).objects())
    return [MeetingReportRecord(r.id, r.meeting_id, r.task_force_id, r.tf_name, r.progress, r.problems,
                                r.next_steps, r.sort_order) for r in rows]


def get_meeting(meeting_id: int) -> MeetingRecord:
    m = _model(meeting_id)
    host = Person.get_or_none(Person.id == m.host_id) if m.host_id else None
    recorder = Person.get_or_none(Person.id == m.recorder_id) if m.recorder_id else None
    attendance = list_attendance(m.id)
    return MeetingRecord(
        m.id, m.campaign_id, m.meeting_type, m.year, m.number, m.title, m.start_at, m.place, m.host_id,
        host.name if host else "", m.recorder_id, recorder.name if recorder else "", m.contact, m.issue_no,
        m.agenda, m.minutes, tuple(attendance), tuple(list_reports(m.id)), tuple(decisions_of(m.id)),
        totals_of(attendance), m.version)


def notice_date(meeting_id: int) -> date:
    """The 成文日期 of the meeting's 会议通知: the day it is printed while the meeting is ahead; printed
    again afterwards (for the file), the day the meeting was arranged - never a day after the meeting."""
    m = _model(meeting_id)
    today, day = context.today(), m.start_at.date()
    if today <= day:
        return today
    created = (ChangeLog.select(ChangeLog.at).where(ChangeLog.entity == "meeting", ChangeLog.entity_id == m.id,
                                                    ChangeLog.action == "create")
               .order_by(ChangeLog.at).first())
    return min(created.at.date(), day) if created else day


def meeting_counts(campaign_id: int) -> dict:
    """How many meetings of each type the campaign has held (up to today) and planned."""
    today_end = datetime.combine(context.today(), datetime.max.time())
    rows = (Meeting.select(Meeting.meeting_type, fn.COUNT(Meeting.id),
                           fn.SUM(Case(None, [(Meeting.start_at <= today_end, 1)], 0)))  # SUM of a comparison: SQLite only
            .where(Meeting.campaign == campaign_id, Meeting.deleted_at.is_null())
            .group_by(Meeting.meeting_type).tuples())
    by_type = {t: {"total": 0, "held": 0} for t in MEETING_TYPES}
    for mtype, total, held in rows:
        by_type.setdefault(mtype, {"total": 0, "held": 0})
        by_type[mtype] = {"total": total, "held": int(held or 0)}
    decisions = (LedgerEntry.select().where(LedgerEntry.campaign == campaign_id, LedgerEntry.kind == EntryKind.DECISION,
                                            LedgerEntry.meeting.is_null(False), LedgerEntry.deleted_at.is_null())
                 .count())
    return {"total": sum(v["total"] for v in by_type.values()),
            "held": sum(v["held"] for v in by_type.values()), "by_type": by_type, "decisions": decisions}
