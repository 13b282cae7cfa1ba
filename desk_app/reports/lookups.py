"""Finding the person, 专班 or entry a print request names (CLI arguments are names, not ids)."""

from __future__ import annotations

import re

from desk_app.errors import NotFoundError, ValidationError
from desk_app.services import ledger, org
from desk_app.services.ledger_query import LedgerFilter, fetch_entries

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def person_by_name(name: str):
    found = org.find_people_by_name(name)
    if not found:
        raise NotFoundError(f"找不到人员“{name.strip()}”。请检查姓名（设置 › 科室与人员）。")
    if len(found) > 1:
        depts = "、".join(p.department_name or "未定单位" for p in found)
        raise ValidationError(f"有 {len(found)} 位同名人员“{name.strip()}”（{depts}），"
                              "请在程序里从列表中选择后打印。", "person")
    return found[0]


def task_force_by_name(campaign_id: int, name: str):
    from desk_app.services import taskforces  # noqa: PLC0415

    forces = taskforces.list_task_forces(campaign_id)
    wanted = name.strip()
    for tf in forces:
        if tf.name == wanted:
            return tf
    close = [tf for tf in forces if wanted and wanted in tf.name]
    if len(close) == 1:
        return close[0]
    names = "、".join(tf.name for tf in forces) or "（当前活动还没有专班）"
    raise NotFoundError(f"找不到专班“{wanted}”。当前活动的专班有：{names}")


def entry_by_code(campaign_id: int, code: str):
    code = code.strip()
    if code.isdigit():
        return ledger.get_entry(int(code))
    for record in fetch_entries(LedgerFilter(campaign_id=campaign_id, text=code), limit=50):
        if record.code == code:
            return record
    raise NotFoundError(f"找不到问题编号为“{code}”的事项（例如 ZG-2026-0001）。")


def check_month(month: str) -> str:
    month = (month or "").strip()
    m = MONTH_RE.match(month)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValidationError(f"月份“{month}”格式不正确，应写成 YYYY-MM，例如 2026-11", "month")
    return month


# "2026-8", "2026年第8次", "第8次", "8": the 第N次 the 例会 page shows; "id:12" / "#12": the database id.
MEETING_NUMBER_RE = re.compile(r"^(?:(\d{4})\s*(?:[-－/.]|年)\s*)?第?\s*(\d{1,4})\s*次?$")
MEETING_ID_RE = re.compile(r"^(?:id|编号)\s*[:：=]?\s*(\d+)$|^#(\d+)$", re.IGNORECASE)
MEETING_LIST_LIMIT = 40


def meeting_type_by_name(name: str | None) -> str:
    """A meeting type from its name or a unique part of it (中心组 → 中心组学习研讨); 专班推进会 if none."""
    from desk_app.domain import MeetingType  # noqa: PLC0415

    wanted = (name or "").strip()
    if not wanted:
        return MeetingType.TASK_FORCE.value
    found = [t.value for t in MeetingType if wanted == t.value] or [t.value for t in MeetingType if wanted in t.value]
    if len(found) != 1:
        names = "、".join(t.value for t in MeetingType)
        raise ValidationError(f"没有“{wanted}”这种会议类型。可用的类型：{names}", "meeting_type")
    return found[0]


def describe_meeting(m) -> str:
    return f"{m.year}年第{m.number}次{m.meeting_type}（{m.title}，{m.start_at:%Y-%m-%d}，id:{m.id}）"


def meeting_list_text(summaries) -> str:
    """The meetings a clerk can choose from, one a line: what to type, then what it is."""
    if not summaries:
        return "当前活动还没有会议（请先在 例会 页面新建会议）。"
    lines = ["当前活动的会议（--meeting 写“年份-次数”并用 --meeting-type 指明类型，或写“id:编号”）："]
    for m in summaries[:MEETING_LIST_LIMIT]:
        lines.append(f"  {m.year}-{m.number:<3} id:{m.id:<5} {m.start_at:%Y-%m-%d}  "
                     f"{m.year}年第{m.number}次{m.meeting_type}  {m.title}")
    if len(summaries) > MEETING_LIST_LIMIT:
        lines.append(f"  ……共 {len(summaries)} 个，只列出最近 {MEETING_LIST_LIMIT} 个")
    return "\n".join(lines)


def meeting_by_reference(campaign_id: int, reference: str | int, meeting_type: str | None = None):
    """The meeting `--meeting` names, as the help says: "YYYY-N" (第N次 of that year), "N" (第N次 this
    year), "id:N" (the database id: only in that explicit form). `meeting_type` (default 专班推进会) says
    whose 第N次 is meant. A plain number that finds no such meeting is refused with the list (and, when
    it is some meeting's id, with how to name that one): printing the wrong meeting is worse than asking."""
    from desk_app.services import context, meetings  # noqa: PLC0415

    text = str(reference).strip()
    kind = meeting_type_by_name(meeting_type)
    summaries = meetings.list_meetings(campaign_id)
    by_id = {m.id: m for m in summaries}
    id_match = MEETING_ID_RE.match(text)
    if id_match:
        meeting_id = int(id_match.group(1) or id_match.group(2))
        if meeting_id in by_id:
            return by_id[meeting_id]
        raise NotFoundError(f"找不到编号为 {meeting_id} 的会议。\n{meeting_list_text(summaries)}")
    number_match = MEETING_NUMBER_RE.match(text)
    if not number_match:
        raise ValidationError(f"看不懂会议“{text}”：请写“2026-8”（2026年第8次{kind}）、“8”（今年第8次）"
                              f"或“id:12”（会议编号）。\n{meeting_list_text(summaries)}", "meeting")
    explicit_year = number_match.group(1)
    year = int(explicit_year) if explicit_year else context.today().year
    number = int(number_match.group(2))
    by_number = next((m for m in summaries if m.meeting_type == kind and m.year == year and m.number == number),
                     None)
    if by_number is not None:
        return by_number
    by_plain_id = by_id.get(number) if text.isdigit() else None
    hint = (f"id 为 {number} 的会议是 {by_plain_id.year}年第{by_plain_id.number}次{by_plain_id.meeting_type}，"
            f"如要打印它请写“id:{number}”。" if by_plain_id is not None else "")
    raise NotFoundError(f"找不到 {year}年第{number}次{kind}。{hint}\n{meeting_list_text(summaries)}")
