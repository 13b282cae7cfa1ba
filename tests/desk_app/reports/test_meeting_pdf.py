from datetime import date, datetime

from desk_app.domain import MeetingType
from desk_app.reports.layout import JUSTIFIED, TEXT
from desk_app.reports.meeting_pdf import build_sign_in
from desk_app.reports.options import PrintOptions
from desk_app.services import campaigns, meetings
from desk_app.services.meetings import MeetingInput


def _sign_in_sheet(people: int):
    from desk_app.services import meeting_attendance

    c = campaigns.create_campaign("2026年作风建设年", 2026, date(2026, 1, 1), date(2026, 12, 31))
    meeting = meetings.create_meeting(c.id, MeetingInput(MeetingType.TASK_FORCE, datetime(2026, 11, 20, 15)))
    for i in range(people):
        meeting_attendance.add_attendee(meeting.id, name=f"参会{i + 1:02d}", unit="办公室", title="科员")
    return build_sign_in(PrintOptions(meeting_id=meeting.id))


def test_a_long_sign_in_sheet_is_tightened_to_save_the_page_its_last_rows_would_take(db):
    doc = _sign_in_sheet(45)  # 22 + 22 rows at the full leading: one row and the totals would go to page 3
    pages = ["\n".join(op[5] for op in page.ops if op[0] in (TEXT, JUSTIFIED)) for page in doc.pages]
    assert len(pages) == 2
    assert "参会45" in pages[1] and "应到：45 人" in pages[1] and "参会40" in pages[1]


def test_a_sign_in_sheet_that_fits_keeps_the_full_leading_for_handwriting(db):
    from desk_app.reports.meeting_pdf import SIGN_IN_LEADING, sign_in_leading

    assert sign_in_leading(10, 600.0, 700.0, 54.0) == SIGN_IN_LEADING
    assert sign_in_leading(40, 600.0, 700.0, 54.0) == SIGN_IN_LEADING  # 2 pages either way: no squeezing
    assert len(_sign_in_sheet(12).pages) == 1
