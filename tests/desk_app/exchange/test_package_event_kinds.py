"""Every kind of 销号/审核 record the program itself writes travels in a data package (review item 1: a
ledger that began as an Excel import, with its 导入销号 records, could never be sent upward)."""

import re
from datetime import date
from pathlib import Path

import pytest

import desk_app
from desk_app.db.models import EntryEvent, LedgerEntry
from desk_app.domain import EventKind, Status
from desk_app.errors import InputFileError
from desk_app.exchange.package import write_package
from desk_app.exchange.package_apply import apply_package
from desk_app.exchange.package_import import NEW, preview_package
from desk_app.exchange.package_read import read_package
from desk_app.services import attachments, campaigns, settings, workflow
from desk_app.services.import_closure import ImportedHistory, record_import_history

# The modules that make up an entry_event of their own (the others copy rows already read: a package's,
# a frozen month's). A new one fails the enumeration test below until its kinds are exercised here too.
EVENT_WRITERS = {"services/workflow.py", "services/ledger_extend.py", "services/import_closure.py"}
_WRITES_EVENT = re.compile(r'EntryEvent\.(create|insert|insert_many)\(|INSERT INTO "?entry_event')


def _write_every_kind(tmp_path) -> None:
    """One event of each kind, each through the service that writes it for the clerk."""
    first, second, third, fourth = (LedgerEntry.select().where(LedgerEntry.status == Status.IN_PROGRESS)
                                    .order_by(LedgerEntry.id).limit(4))
    evidence = tmp_path / "佐证材料.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    for entry in (first, second):
        attachments.add_attachment(entry.id, evidence)
    workflow.apply_close(first.id, "已全部整改到位")
    workflow.approve_close(first.id, first.responsible_id or 1)
    workflow.reopen(first.id, "群众再次反映", date(2027, 3, 31))
    workflow.apply_close(second.id, "已整改")
    workflow.return_entry(second.id, "佐证不足", date(2027, 2, 28))
    workflow.extend_deadline(third.id, date(2027, 6, 30), "涉及跨部门协调")
    record_import_history([ImportedHistory(fourth.id, fourth.code, status=Status.CLOSED, completion_summary="已完成",
                                           closure_words="已完成", source="台账.xlsx 第 5 行")])


def test_the_writers_are_the_ones_exercised_here():
    root = Path(desk_app.__file__).parent
    writers = {p.relative_to(root).as_posix() for p in root.rglob("*.py")
               if "migrations" not in p.parts and _WRITES_EVENT.search(p.read_text(encoding="utf-8"))}
    assert writers == EVENT_WRITERS


def test_every_kind_written_travels_in_a_package(demo, offices, tmp_path):
    settings.save_report_header(settings.ReportHeader(unit="XX区财政局"))
    _write_every_kind(tmp_path)
    written = {kind for (kind,) in EntryEvent.select(EntryEvent.kind).distinct().tuples()}
    assert written == {k.value for k in EventKind}  # each kind a writer stores, and only those
    package = tmp_path / "sub.zip"
    write_package(package, campaign_id=campaigns.current_campaign().id, period="2026-11")
    data = read_package(package)
    assert {e["kind"] for e in data.events} == written
    sent = EntryEvent.select().count()
    offices.other()
    preview = preview_package(package)
    assert preview.count(NEW) == len(data.entries)
    result = apply_package(preview)
    assert result.events == sent
    assert EntryEvent.select().where(EntryEvent.kind == EventKind.IMPORT_CLOSE).count() == 1


def test_a_refused_package_does_not_ask_for_the_same_file_again(demo, tmp_path):
    """Field checks run after every checksum matched: the sender's program wrote that file, so the advice
    is not "generate it again" (that would bring the same file back)."""
    settings.save_report_header(settings.ReportHeader(unit="XX区财政局"))
    entry = LedgerEntry.select().order_by(LedgerEntry.id).first()
    EntryEvent.create(entry=entry, kind="某种新环节", text="", actor="测试员", at=entry.created_at)
    package = tmp_path / "sub.zip"
    write_package(package, campaign_id=campaigns.current_campaign().id, period="2026-11")
    with pytest.raises(InputFileError) as refused:
        read_package(package)
    text = str(refused.value)
    assert "销号审核记录第 1 条的类型或时间不正确" in text
    assert "请让报送单位用本程序重新生成" not in text and "维护人员" in text
