"""Who was at a meeting: the list built from 专班 rosters, marking 出席/请假/缺席/列席, 接龙 lists."""

from __future__ import annotations

import re
from dataclasses import dataclass

from peewee import JOIN, fn

from desk_app.db.models import Department, Meeting, MeetingAttendance, Person, TaskForce, TaskForceMember
from desk_app.domain import Attendance, MeetingType, Role
from desk_app.errors import NotFoundError, ValidationError

from . import changelog, context
from .roll_call import RollCallLine, parse_roll_call, read_roll_call  # noqa: F401 - parse_roll_call: callers' name

# Who is invited by default when the list is built from the rosters.
DEFAULT_ROLES = (Role.LEAD, Role.CO_LEAD, Role.LIAISON)
STATUSES = tuple(a.value for a in Attendance)


@dataclass(frozen=True)
class AttendanceRecord:
    id: int
    meeting_id: int
    person_id: int | None
    name: str
    unit: str
    title: str
    phone: str
    status: str  # Attendance value, '' = not yet marked
    reason: str
    sort_order: int


@dataclass(frozen=True)
class AttendanceTotals:
    expected: int  # 应到: everyone invited except 列席
    present: int  # 实到
    leave: int
    absent: int
    observer: int
    unmarked: int

    def as_dict(self) -> dict:
        return {"应到": self.expected, "实到": self.present, "请假": self.leave, "缺席": self.absent,
                "列席": self.observer, "未签到": self.unmarked}


@dataclass(frozen=True)
class SignInRow:
    """A 签到表 row taken from the 专班 rosters when the meeting has no attendance list yet."""

    name: str
    unit: str
    title: str
    phone: str
    status: str = ""
    reason: str = ""


def invited_by_default() -> str:
    """Who a 推进会 invites when nobody is listed yet, in words (the 会议通知 says it): DEFAULT_ROLES."""
    roles = [str(r) for r in DEFAULT_ROLES]
    return "各专班" + "、".join(roles[:-1]) + "及" + roles[-1]


def sign_in_rows(meeting) -> tuple[list, bool]:
    """The rows of a meeting's 签到表 (PDF and Word alike) and whether they came from the rosters: its own
    list, or for a 推进会 without one yet the people the list would be built from by default (DEFAULT_ROLES,
    who still work here, once each) - the people its 会议通知 invites."""
    if meeting.attendance or meeting.meeting_type != MeetingType.TASK_FORCE:
        return list(meeting.attendance), False
    from .taskforces import list_task_forces  # noqa: PLC0415 - taskforces reads the ledger's counts

    seen: set[int] = set()
    rows = []
    # In build_from_rosters' order: by role, then 专班 (each 专班's members come in roster order)
    members = [m for tf in list_task_forces(meeting.campaign_id) for m in tf.members_in(*DEFAULT_ROLES)]
    members.sort(key=lambda m: DEFAULT_ROLES.index(m.role))
    for member in members:
        if member.person_id not in seen:
            seen.add(member.person_id)
            rows.append(SignInRow(member.name, member.department_name, member.title, member.phone))
    return rows, True


@dataclass(frozen=True)
class RollCallResult:
    marked: tuple[str, ...]  # names found on the list and marked
    added: tuple[str, ...]  # names not on the list but known people, added and marked
    unknown: tuple[str, ...]  # names that match nobody: the clerk must look at these
    ambiguous: tuple[str, ...]  # names that match several people not on the list
    changes: tuple[tuple[int, str, str, str, str], ...]  # (attendance id, old status, old reason, new, reason)
    unknown_lines: tuple[RollCallLine, ...] = ()  # the unknown names with the status the list gave them
    skipped: tuple[str, ...] = ()  # lines with no name (接龙's title, its example): shown, never lost


def _meeting(meeting_id: int) -> Meeting:
    m = Meeting.get_or_none((Meeting.id == meeting_id) & Meeting.deleted_at.is_null())
    if m is None:
        raise NotFoundError(f"找不到编号为 {meeting_id} 的会议，可能已被删除")
    return m


def list_attendance(meeting_id: int) -> list[AttendanceRecord]:
    rows = (MeetingAttendance.select(MeetingAttendance, Person.phone.alias("phone"))
            .join(Person, JOIN.LEFT_OUTER, on=(MeetingAttendance.person == Person.id))
            .where(MeetingAttendance.meeting == meeting_id)
            .order_by(MeetingAttendance.sort_order, MeetingAttendance.id).objects())
    return [AttendanceRecord(r.id, r.meeting_id, r.person_id, r.name, r.unit, r.title, r.phone or "", r.status,
                             r.reason, r.sort_order) for r in rows]


def totals_of(rows) -> AttendanceTotals:
    statuses = [r.status for r in rows]
    observer = statuses.count(Attendance.OBSERVER)
    return AttendanceTotals(len(statuses) - observer, statuses.count(Attendance.PRESENT),
                            statuses.count(Attendance.LEAVE), statuses.count(Attendance.ABSENT), observer,
                            statuses.count(""))


def _next_order(meeting_id: int) -> int:
    return (MeetingAttendance.select(fn.MAX(MeetingAttendance.sort_order))
            .where(MeetingAttendance.meeting == meeting_id).scalar() or 0) + 1


def _add_person(meeting: Meeting, p: Person, order: int, status: str = "") -> MeetingAttendance:
    dept = Department.get_or_none(Department.id == p.department_id) if p.department_id else None
    row = MeetingAttendance.create(meeting=meeting, person=p, name=p.name, unit=dept.name if dept else "",
                                   title=p.title, status=status, sort_order=order)
    changelog.record("meeting_attendance", row.id, "create", "name", None, p.name)
    return row


@context.writes
def build_from_rosters(meeting_id: int, *, task_force_ids: list[int] | None = None,
                       roles: tuple[str, ...] | None = DEFAULT_ROLES) -> int:
    """Invite roster members (by default leads, co-leads and liaisons; roles=None: everyone).

    People already on the list stay as they are; returns how many were added."""
    meeting = _meeting(meeting_id)
    query = (TaskForceMember.select(TaskForceMember, TaskForce.sort_order.alias("tf_order")).join(TaskForce)
             .where(TaskForce.campaign == meeting.campaign_id, TaskForce.deleted_at.is_null()))
    if task_force_ids is not None:
        query = query.where(TaskForce.id.in_(task_force_ids))
    if roles is not None:
        query = query.where(TaskForceMember.role.in_([str(r) for r in roles]))
    role_rank = {r.value: i for i, r in enumerate(Role)}
    members = sorted(query.objects(), key=lambda m: (role_rank.get(m.role, 9), m.tf_order, m.sort_order))
    present = {r.person_id for r in MeetingAttendance.select(MeetingAttendance.person)
               .where(MeetingAttendance.meeting == meeting)}
    order = _next_order(meeting.id)
    added = 0
    for m in members:
        if m.person_id in present:
            continue
        person = Person.get_by_id(m.person_id)
        if not person.active:
            continue
        _add_person(meeting, person, order)
        present.add(m.person_id)
        order += 1
        added += 1
    return added


@context.writes
def add_attendee(meeting_id: int, *, person_id: int | None = None, name: str = "", unit: str = "",
                 title: str = "", status: str = "") -> AttendanceRecord:
    """Add one person from the people list, or a guest by name (e.g. someone from another office)."""
    meeting = _meeting(meeting_id)
    if status and status not in STATUSES:
        raise ValidationError(f"签到状态“{status}”不正确，应为：{'、'.join(STATUSES)}", "status")
    if person_id is not None:
        p = Person.get_or_none(Person.id == person_id)
        if p is None:
            raise ValidationError("所选人员不存在", "person_id")
        if MeetingAttendance.select().where(MeetingAttendance.meeting == meeting,
                                            MeetingAttendance.person == p).exists():
            raise ValidationError(f"{p.name}已在本次会议的签到名单中", "person_id")
        row = _add_person(meeting, p, _next_order(meeting.id), status)
    else:
        name = re.sub(r"\s+", "", name or "")
        if not name:
            raise ValidationError("姓名不能为空", "name")
        row = MeetingAttendance.create(meeting=meeting, name=name, unit=unit.strip(), title=title.strip(),
                                       status=status, sort_order=_next_order(meeting.id))
        changelog.record("meeting_attendance", row.id, "create", "name", None, name)
    return next(r for r in list_attendance(meeting.id) if r.id == row.id)


@context.writes
def remove_attendees(attendance_ids: list[int]) -> int:
    count = 0
    for row in MeetingAttendance.select().where(MeetingAttendance.id.in_(attendance_ids)):
        changelog.record("meeting_attendance", row.id, "delete", "name", row.name, None)
        row.delete_instance()
        count += 1
    return count


@context.writes
def set_statuses(changes: list[tuple[int, str, str]]) -> None:
    """Mark several rows at once: [(attendance id, status, reason)]. Status '' clears the mark.

    A reason only belongs to 请假 (and 列席, e.g. 代某某参会); other states drop it."""
    for att_id, status, reason in changes:
        if status and status not in STATUSES:
            raise ValidationError(f"签到状态“{status}”不正确，应为：{'、'.join(STATUSES)}", "status")
        row = MeetingAttendance.get_or_none(MeetingAttendance.id == att_id)
        if row is None:
            raise NotFoundError("签到名单中找不到该人员，可能已被移除，请刷新后重试")
        reason = (reason or "").strip() if status in (Attendance.LEAVE, Attendance.OBSERVER) else ""
        diff = {}
        if row.status != status:
            diff["status"] = (row.status, status)
        if row.reason != reason:
            diff["reason"] = (row.reason, reason)
        if diff:
            row.status, row.reason = status, reason
            row.save()
            changelog.record_changes("meeting_attendance", row.id, diff)


# -- 接龙 lists (reading them: services/roll_call) -----------------------------------------------

@context.writes
def apply_roll_call(meeting_id: int, text: str, default_status: str = Attendance.PRESENT) -> RollCallResult:
    """Mark attendance from a pasted list. Names on the list are marked; known people who are not on
    the list are added; names that match nobody are reported back, never dropped."""
    meeting = _meeting(meeting_id)
    if default_status not in STATUSES:
        raise ValidationError(f"签到状态“{default_status}”不正确", "status")
    rows = {r.name: r for r in MeetingAttendance.select().where(MeetingAttendance.meeting == meeting)}
    known = set(rows) | {n for (n,) in Person.select(Person.name).where(Person.active == True).tuples()}  # noqa: E712
    parsed = read_roll_call(text, default_status, known)
    lines = parsed.lines
    if not lines:
        raise ValidationError("粘贴的内容中没有找到姓名。请每行一个姓名，或用空格、顿号分隔", "text")
    marked, added, unknown, ambiguous, changes, unknown_lines = [], [], [], [], [], []
    for line in lines:
        row = rows.get(line.name)
        if row is None:
            people = list(Person.select().where(Person.name == line.name, Person.active == True))  # noqa: E712
            if len(people) == 1:
                row = _add_person(meeting, people[0], _next_order(meeting.id))
                rows[line.name] = row
                added.append(line.name)
            elif len(people) > 1:
                ambiguous.append(line.name)
                continue
            else:
                unknown.append(line.name)
                unknown_lines.append(line)
                continue
        else:
            marked.append(line.name)
        changes.append((row.id, row.status, row.reason, line.status, line.reason))
    set_statuses([(att_id, new, reason) for att_id, _, _, new, reason in changes])
    return RollCallResult(tuple(marked), tuple(added), tuple(unknown), tuple(ambiguous), tuple(changes),
                          tuple(unknown_lines), tuple(parsed.skipped))


@context.writes
def admit_unknown(meeting_id: int, lines: list[RollCallLine], *, as_new_people: bool,
                  department_id: int | None = None) -> list[int]:
    """The names a 接龙 list had that matched nobody, in one step: as 列席 guests, or as new people (in
    the people list from now on) marked as the list said. Returns the new attendance ids (for undo)."""
    meeting = _meeting(meeting_id)
    ids = []
    for line in lines:
        if as_new_people:
            from .org import create_person  # noqa: PLC0415 - the one path that creates a person

            person = create_person(line.name, department_id)
            record = add_attendee(meeting.id, person_id=person.id, status=line.status)
            set_statuses([(record.id, line.status, line.reason)])
        else:
            reason = line.reason if line.status in (Attendance.LEAVE, Attendance.OBSERVER) else ""
            record = add_attendee(meeting.id, name=line.name, status=Attendance.OBSERVER)
            set_statuses([(record.id, Attendance.OBSERVER, reason)])
        ids.append(record.id)
    return ids
