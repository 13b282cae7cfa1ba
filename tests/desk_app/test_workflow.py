from datetime import date

import pytest

from desk_app.domain import EventKind, Layer, Status
from desk_app.errors import ValidationError, WorkflowError
from desk_app.services import attachments, campaigns, ledger, org, workflow
from desk_app.services.ledger import EntryInput


@pytest.fixture
def entry(db):
    c = campaigns.create_campaign("活动", 2026)
    dept = org.create_department("国库科")
    p = org.create_person("王五", dept.id, level="科长(主任)")
    reviewer = org.create_person("局长", dept.id, level="局领导")
    e = ledger.create_entry(c.id, EntryInput(layer=Layer.SECTION_CHIEF, description="支付审核慢", owner_id=p.id,
                                             responsible_id=p.id, found_date=date(2026, 9, 1),
                                             deadline=date(2026, 10, 31)))
    return e, reviewer


def test_progress_starts_work_and_is_listed(entry):
    e, _ = entry
    workflow.add_progress(e.id, "已梳理流程", on=date(2026, 11, 2))
    assert ledger.get_entry(e.id).status == Status.IN_PROGRESS
    assert [p.text for p in workflow.progress_of(e.id)] == ["已梳理流程"]
    with pytest.raises(ValidationError):
        workflow.add_progress(e.id, "  ")


def test_month_progress_is_one_per_month_and_editable(entry):
    e, _ = entry
    workflow.set_month_progress(e.id, "2026-11", "第一稿")
    workflow.set_month_progress(e.id, "2026-11", "改过的")
    assert [p.text for p in workflow.progress_of(e.id)] == ["改过的"]
    workflow.set_month_progress(e.id, "2026-11", "")
    assert workflow.progress_of(e.id) == []


def test_extension_needs_a_reason_and_is_counted(entry):
    e, _ = entry
    with pytest.raises(ValidationError, match="理由"):
        workflow.extend_deadline(e.id, date(2026, 12, 31), "")
    after = workflow.extend_deadline(e.id, date(2026, 12, 31), "需上级批复")
    assert after.deadline == date(2026, 12, 31) and after.extension_count == 1
    with pytest.raises(ValidationError, match="晚于原时限"):
        workflow.extend_deadline(e.id, date(2026, 12, 1), "再延")


def test_close_needs_summary_and_evidence_then_review(entry, tmp_path):
    e, reviewer = entry
    with pytest.raises(WorkflowError, match="佐证材料"):
        workflow.apply_close(e.id, "已完成")
    evidence = tmp_path / "制度文件.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    att = attachments.add_attachment(e.id, evidence)
    assert attachments.file_path(att.id).read_bytes() == b"%PDF-1.4 evidence"
    with pytest.raises(ValidationError, match="完成情况"):
        workflow.apply_close(e.id, "")
    pending = workflow.apply_close(e.id, "制度已印发")
    assert pending.status == Status.PENDING_CLOSE
    closed = workflow.approve_close(e.id, reviewer.id)
    assert closed.status == Status.CLOSED and closed.reviewer_name == "局长"
    assert closed.closed_date == date(2026, 11, 23)
    reopened = workflow.reopen(e.id, "问题反弹", date(2026, 12, 31))
    assert reopened.status == Status.IN_PROGRESS and reopened.closed_date is None
    kinds = [ev.kind for ev in workflow.events_of(e.id)]
    assert kinds == [EventKind.APPLY_CLOSE, EventKind.APPROVE, EventKind.REOPEN]


def test_return_sends_back_with_reason_and_new_deadline(entry, tmp_path):
    e, _ = entry
    f = tmp_path / "a.jpg"
    f.write_bytes(b"jpg")
    attachments.add_attachment(e.id, f)
    workflow.apply_close(e.id, "完成")
    with pytest.raises(ValidationError, match="理由"):
        workflow.return_entry(e.id, "", date(2026, 12, 15))
    back = workflow.return_entry(e.id, "佐证不足", date(2026, 12, 15))
    assert back.status == Status.IN_PROGRESS and back.deadline == date(2026, 12, 15)
    with pytest.raises(WorkflowError):
        workflow.approve_close(e.id, 1)


def test_closed_status_cannot_be_set_directly(entry):
    e, _ = entry
    with pytest.raises(WorkflowError, match="销号"):
        workflow.set_status([e.id], Status.CLOSED)
    assert workflow.set_status([e.id], Status.IN_PROGRESS) == 1
