"""Meeting papers: 会议通知, 签到表 and 会议纪要 (GB/T 9704-2012 §10.3 layout)."""

from __future__ import annotations

import re
from dataclasses import replace

from desk_app.domain import Attendance, DeadlineType
from desk_app.services import context, meeting_attendance, meetings
from desk_app.services.ledger_columns import cn_date
from desk_app.services.taskforce_reports import REPORT_PARTS

from . import blocks, gongwen_blocks
from .gongwen import GRID, Gongwen, rich_body
from .layout import MM, Document, ledger_page
from .ledger_pdf import PrintColumn, draw_table, serial_column
from .options import PrintOptions, Progress, cn_number

WEEKDAYS = "一二三四五六日"
SECTION_NUMBER = re.compile(r"^([一二三四五六七八九十]+)、", re.MULTILINE)  # agenda items become （一）
# The 专班 report texts the agenda carries for the meeting itself (工作进展：… 存在问题：… 下步计划：…).
REPORT_TEXT_LABELS = tuple(f"{label}：" for _name, label in REPORT_PARTS)


def _when(m) -> str:
    start = m.start_at
    return (f"{cn_date(start.date())}（星期{WEEKDAYS[start.weekday()]}）"
            f"{'上午' if start.hour < 12 else '下午'}{start.hour if start.hour <= 12 else start.hour - 12}:"
            f"{start.minute:02d}")


def _issuer() -> str:
    return blocks.report_header().unit or "活动办公室"


def _attendees(m) -> list[str]:
    return [a.name for a in m.attendance if a.status != Attendance.OBSERVER]


def build_notice(options: PrintOptions, progress: Progress | None = None) -> Document:
    """会议通知 as a 公文 (GB/T 9704-2012): title, 主送机关, body, 署名 and date, 版记, "— N —"."""
    m = meetings.get_meeting(options.meeting_id)
    title = options.title or f"关于召开{m.title}的通知"
    issuer, dated = _issuer(), cn_date(meetings.notice_date(m.id))
    gw = Gongwen(title, author=issuer, progress=progress)
    gw.title(title)
    gw.blank()  # §7.3.2: 主送机关 one line below the title
    gw.addressee("各专班、各有关单位（科室）：")
    gw.paragraph(f"经研究，定于{_when(m)}在{m.place or '（地点另行通知）'}召开{m.title}，现将有关事项通知如下：")
    items = [("会议时间", _when(m)), ("会议地点", m.place or "另行通知")]
    names = _attendees(m)
    items.append(("参会人员", "、".join(names) if names else meeting_attendance.invited_by_default()))
    if m.host_name:
        items.append(("会议主持", m.host_name))
    for i, (label, value) in enumerate(items, start=1):
        gw.labelled(f"{cn_number(i)}、{label}：", value if value.endswith("。") else f"{value}。")
    n = len(items)
    if m.agenda.strip():
        n += 1
        gw.heading(f"{cn_number(n)}、会议议程")
        for line in (x.strip() for x in SECTION_NUMBER.sub(r"（\1）", m.agenda).split("\n")):
            if line and not line.startswith(REPORT_TEXT_LABELS):  # a notice names the reports, not their text
                gw.paragraph(line, face=gw.fonts.heading2 if line.startswith("（") else None)
    n += 1
    gw.labelled(f"{cn_number(n)}、有关要求：", "请参会人员提前10分钟到场签到，会议期间将手机调至静音。各专班请于会前将本月"
                "工作进展、存在问题和下步计划书面报送活动办。因故不能参会的，请提前向会议联系人请假。")
    if m.contact:
        gw.paragraph(f"联系人及电话：{m.contact}")
    gongwen_blocks.signature(gw, issuer, dated)
    cc, printer = gongwen_blocks.record_settings(issuer)
    gongwen_blocks.record(gw, printer, dated, cc)
    return gw.build()


def sign_in_columns() -> list[PrintColumn]:
    def note(a, n):
        if a.status == Attendance.LEAVE:
            return f"请假（{a.reason}）" if a.reason else "请假"
        return "列席" if a.status == Attendance.OBSERVER else ""

    return [serial_column(), PrintColumn("姓名", 7, lambda a, n: a.name, "c"),
            PrintColumn("单位", 10, lambda a, n: a.unit, "c"), PrintColumn("职务", 11, lambda a, n: a.title, "c"),
            PrintColumn("联系电话", 10, lambda a, n: a.phone, "c"), PrintColumn("签名", 10, lambda a, n: "", "c"),
            PrintColumn("备注", 9, note, "c")]


SIGN_IN_SIZES = (11.0, 10.5, 10.0, 9.5, 9.0)
SIGN_IN_FOOT = 8 + 2 * 22 + 2  # what follows the last row: the totals and 记录人 lines
SIGNATURE_CHARS = 5  # room for a name written by hand
NOTE_CHARS = 4  # 备注 stays usable for a hand-written note


def sign_in_layout(columns: list[PrintColumn], rows: list, font, heading, width: float,
                   padding: float = 4.0) -> tuple[float, list[float]]:
    """Text size and column widths for the 签到表: every value on one line (副局长 never split into
    副局/长), the size shrinking to 9 pt when the longest values need it; 签名 and 备注 keep room
    for handwriting and get what is left over. When even 9 pt is too wide, 单位 wraps first, then
    备注 and 签名 down to their minimum room."""
    values = [[c.value(r, n) for c in columns] for n, r in enumerate(rows, start=1)]
    labels = [c.label for c in columns]
    sign, note, unit = labels.index("签名"), labels.index("备注"), labels.index("单位")
    need: list[float] = []
    for size in SIGN_IN_SIZES:
        need = [max([heading.width(c.label, size + 0.5)] + [font.width(v[i], size) for v in values]) + 2 * padding + 1
                for i, c in enumerate(columns)]
        need[sign] = max(need[sign], SIGNATURE_CHARS * size + 2 * padding)
        need[note] = max(need[note], NOTE_CHARS * size + 2 * padding)
        if sum(need) <= width:
            spare = width - sum(need)
            need[sign] += spare * 0.6
            need[note] += spare * 0.4
            return size, need
    size = SIGN_IN_SIZES[-1]
    over = sum(need) - width
    for i, floor in ((unit, 4), (note, NOTE_CHARS), (sign, SIGNATURE_CHARS)):  # these may wrap, in this order
        cut = min(over, max(0.0, need[i] - floor * size - 2 * padding))
        need[i] -= cut
        over -= cut
    if over > 0:
        need = [w * width / sum(need) for w in need]
    return size, need


SIGN_IN_LEADING = 22.0  # room to sign by hand
SIGN_IN_MIN_LEADING = 17.0
ROW_PADDING = 8.0  # the table's cell padding above and below


def sign_in_pages(rows: int, leading: float, first_room: float, page_room: float, foot: float) -> list[int]:
    """How many rows each page of the 签到表 takes at this leading: `first_room` is the height below the
    first page's table header, `page_room` that of a continued page (its header repeated), and the
    last row's page keeps `foot` (totals and 记录人) too."""
    height = leading + ROW_PADDING
    counts, room = [0], first_room
    for i in range(rows):
        if height + (foot if i == rows - 1 else 0.0) > room + 0.01 and counts[-1]:
            counts.append(0)
            room = page_room
        counts[-1] += 1
        room -= height
    return counts


def sign_in_leading(rows: int, first_room: float, page_room: float, foot: float) -> float:
    """The row leading: 22 pt, tightened (not below 17 pt; GB/T 9704-2012 §7.3.5.5 allows adjusting 行距 for
    the same reason) to the loosest leading that saves a page - the last row or few of a sheet no longer
    spill onto a page of their own."""
    fewest = len(sign_in_pages(rows, SIGN_IN_MIN_LEADING, first_room, page_room, foot))
    if fewest == len(sign_in_pages(rows, SIGN_IN_LEADING, first_room, page_room, foot)):
        return SIGN_IN_LEADING
    leading = SIGN_IN_LEADING
    while len(sign_in_pages(rows, leading, first_room, page_room, foot)) > fewest:
        leading -= 0.5
    return leading


def build_sign_in(options: PrintOptions, progress: Progress | None = None) -> Document:
    m = meetings.get_meeting(options.meeting_id)
    rows, from_roster = meeting_attendance.sign_in_rows(m)
    title = options.title or f"{m.title}签到表"
    setup = replace(ledger_page(portrait=True), left=18 * MM, right=18 * MM)
    doc = Document(title, setup, progress=progress, author=_issuer())
    blocks.title(doc, title, size=20.0)
    font = doc.fonts.body
    line = f"时间：{_when(m)}　　地点：{m.place or '　' * 6}"
    if m.host_name:
        line += f"　　主持：{m.host_name}"
    doc.paragraph(line, font, 11, leading=20, space_after=4)
    columns = sign_in_columns()
    size, widths = sign_in_layout(columns, rows, font, doc.fonts.heading, doc.width)
    header = (size + 0.5) * 1.3 + 10  # the table's header row, repeated on each page
    first_room, page_room = doc.space_left() - header, doc.setup.frame_height - header
    leading = sign_in_leading(len(rows), first_room, page_room, SIGN_IN_FOOT)
    # The totals and 记录人 lines (SIGN_IN_FOOT high) stay on the page of the last row.
    draw_table(doc, columns, [rows], len(rows), size=size, leading=leading, widths=widths,
               label=f"正在排版：{title}",
               empty_text="（尚未生成参会名单：请先在 例会 页面按专班名单生成签到名单）",
               keep_with_last=SIGN_IN_FOOT)
    t = m.totals
    marked = any(a.status for a in rows)
    blank = "＿＿"
    expected = len(rows) if from_roster else t.expected
    doc.advance(8)
    doc.ensure(24)
    doc.paragraph("　　".join([f"应到：{expected} 人", f"实到：{t.present if marked else blank} 人",
                              f"请假：{t.leave if marked else blank} 人",
                              f"缺席：{t.absent if marked else blank} 人"]
                             + ([f"列席：{t.observer} 人"] if t.observer else [])),
                  doc.fonts.heading, 11.5, leading=22)
    doc.paragraph(f"记录人：{m.recorder_name or '＿＿＿＿'}", font, 11, leading=22)
    return doc


def _decision_lines(m) -> list[str]:
    lines = []
    for d in m.decisions:
        deadline = cn_date(d.deadline) if d.deadline_type == DeadlineType.DATE and d.deadline else d.deadline_type
        who = "；".join(x for x in (f"责任单位：{d.department_name}" if d.department_name else "",
                                    f"责任人：{d.responsible_name}" if d.responsible_name else "",
                                    f"完成时限：{deadline}" if deadline else "") if x)
        text = d.text.rstrip("。；;")
        lines.append(f"{cn_number(d.number)}、{text}。" + (f"（{who}）" if who else ""))
    return lines


def minutes_body(m) -> list[str]:
    """The minutes text; the numbered 议定事项 are added when the clerk's text does not list them."""
    paragraphs = [p.strip() for p in (m.minutes or "").replace("\r\n", "\n").split("\n") if p.strip()]
    if not paragraphs:
        paragraphs = [f"{cn_date(m.start_at.date())}，{m.host_name + '同志主持召开' if m.host_name else '召开'}"
                      f"{m.title}。"]
        if m.reports:
            paragraphs.append("会议听取了" + "、".join(r.task_force_name for r in m.reports) + "的工作进展汇报。")
        if m.decisions:
            paragraphs.append("会议议定如下事项：")
    decisions = _decision_lines(m)
    text = "\n".join(paragraphs)
    if decisions and not any(d.text.strip()[:12] in text for d in m.decisions if d.text.strip()):
        paragraphs += decisions
    return paragraphs


def build_minutes(options: PrintOptions, progress: Progress | None = None) -> Document:
    """会议纪要 in the GB/T 9704-2012 §10.3 纪要格式: the red 纪要标志 35 mm below the top of the text block,
    （第X期）, issuer and date over a red rule, the body, 出席/请假/列席, 版记 and "— N —" page numbers."""
    m = meetings.get_meeting(options.meeting_id)
    masthead = options.title or f"{m.meeting_type}纪要"
    issuer = _issuer()
    gw = Gongwen(f"{masthead}（{m.title}）", author=issuer, progress=progress)
    gongwen_blocks.masthead(gw, masthead)
    gongwen_blocks.centred_line(gw, f"（第{m.issue_no or m.number}期）")
    gongwen_blocks.issuer_and_date_rule(gw, issuer, cn_date(m.start_at.date()))
    gw.snap_to_grid(min_gap=GRID / 2)
    for para in minutes_body(m):
        rich_body(gw, para)
    gw.blank()  # §10.3: 出席 one line below the body
    gongwen_blocks.attendance(gw, [("出席", m.names_with(Attendance.PRESENT)), ("请假", m.leave_lines),
                                   ("列席", m.names_with(Attendance.OBSERVER))])
    cc, printer = gongwen_blocks.record_settings(issuer)
    gongwen_blocks.record(gw, printer, cn_date(context.today()), cc)
    return gw.build()
