"""A unit's package, taken in by another data folder: everything arrives identical; re-import is a no-op."""

from datetime import date

import pytest

from desk_app.db import close_database
from desk_app.db.models import Attachment, ChangeLog, EntryEvent, LedgerEntry, PackageReceipt, ProgressUpdate, Unit
from desk_app.exchange.package import write_package
from desk_app.exchange.package_apply import apply_package
from desk_app.exchange.package_import import CHANGED, CONFLICT, NEW, UNCHANGED, preview_package
from desk_app.services import attachments, campaigns, ledger, settings, workflow
from desk_app.services.attachments import stored_path


def _snapshot() -> dict:
    """Everything that must travel, keyed by uuid, with names instead of local ids."""
    from desk_app.services.entry_records import joined_select

    entries = {}

    skip = {"id", "campaign", "owner", "leader", "responsible", "reviewer", "department", "task_force",
            "meeting", "source_unit", "version"}  # version: local bookkeeping
    for e in joined_select().objects():
        data = {k: v for k, v in e.__data__.items() if k not in skip}
        data.update(owner=e.owner_name, leader=e.leader_name, responsible=e.responsible_name,
                    reviewer=e.reviewer_name, department=e.department_name, task_force=e.task_force_name)
        entries[e.uuid] = data
    uuid_of = dict(LedgerEntry.select(LedgerEntry.id, LedgerEntry.uuid).tuples())
    children = {}
    for model in (ProgressUpdate, EntryEvent, Attachment):
        children[model.__name__] = {r.uuid: {**{k: v for k, v in r.__data__.items() if k not in ("id", "entry")},
                                             "entry": uuid_of[r.entry_id]} for r in model.select()}
    record_uuid = {"ledger_entry": uuid_of}
    for name, model in (("progress_update", ProgressUpdate), ("entry_event", EntryEvent), ("attachment", Attachment)):
        record_uuid[name] = dict(model.select(model.id, model.uuid).tuples())
    changes = sorted((c.entity, record_uuid[c.entity][c.entity_id], str(c.at), c.actor, c.action, c.field,
                      c.old or "", c.new or "")
                     for c in ChangeLog.select().where(ChangeLog.entity.in_(list(record_uuid)))
                     if c.entity_id in record_uuid[c.entity])
    files = {a.sha256: stored_path(a.sha256).read_bytes() for a in Attachment.select()}
    return {"entries": entries, "children": children, "changes": changes, "files": files}


@pytest.fixture
def sent(demo, tmp_path, built_once):
    """The sending unit's folder with history: evidence, 销号, extension, edits; and its package."""
    return built_once("sent", lambda: _send(tmp_path))


def _send(tmp_path):
    settings.save_report_header(settings.ReportHeader(unit="市财政局"))
    campaign = campaigns.current_campaign()
    first, second, third = (LedgerEntry.select().where(LedgerEntry.status == "推进中").order_by(LedgerEntry.id)
                            .limit(3))
    evidence = tmp_path / "佐证材料.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence " * 100)
    attachments.add_attachment(first.id, evidence)
    workflow.apply_close(first.id, "已全部整改到位")
    workflow.approve_close(first.id, first.responsible_id or 1)
    workflow.extend_deadline(second.id, date(2027, 6, 30), "涉及跨部门协调")
    workflow.add_progress(third.id, "本月完成制度修订初稿")
    record = ledger.get_entry(third.id)
    ledger.update_entry(third.id, ledger.EntryInput(**{**record.as_input().__dict__, "note": "已报分管领导"}))
    out = tmp_path / "package.zip"
    write_package(out, campaign_id=campaign.id, period="2026-11")
    expected = _snapshot()
    close_database()
    return out, expected


def test_round_trip_identical_and_reimport_changes_nothing(sent, offices, db_dump):
    package, expected = sent
    assert expected["children"]["EntryEvent"] and expected["children"]["Attachment"] and expected["changes"]
    offices.other()
    preview = preview_package(package)
    assert preview.count(NEW) == len(expected["entries"]) and preview.count(CONFLICT) == 0
    result = apply_package(preview)
    assert result.new == len(expected["entries"]) and result.applied
    assert result.backup is None  # the receiving office held nothing yet: no backup of nothing
    got = _snapshot()
    # the sender's 科室 are the sender's here (migration 20): 市财政局·办公室, never our 办公室
    assert got["entries"] == {uuid: {**e, "department": e["department"] and f"市财政局·{e['department']}"}
                              for uuid, e in expected["entries"].items()}
    assert got["children"] == expected["children"]
    assert got["changes"] == expected["changes"]
    assert got["files"] == expected["files"] and got["files"]
    assert set(LedgerEntry.select(LedgerEntry.source_unit).distinct().tuples()) == {("市财政局",)}
    receipt = PackageReceipt.get()
    assert receipt.unit.name == "市财政局" and receipt.period == "2026-11"

    before = db_dump()
    again = preview_package(package)
    assert again.count(UNCHANGED) == len(expected["entries"]) and not again.has_changes
    result = apply_package(again)
    assert not result.applied and result.backup is None
    assert db_dump() == before


def test_newer_package_shows_changes_and_conflicts(sent, offices, tmp_path):
    package, _ = sent
    offices.other()
    apply_package(preview_package(package))
    local = LedgerEntry.select().order_by(LedgerEntry.id).first()
    LedgerEntry.update(note="上级批注", updated_at=local.updated_at.replace(year=2030)).where(
        LedgerEntry.id == local.id).execute()
    offices.sender()
    changed = LedgerEntry.select().order_by(LedgerEntry.id).offset(5).first()
    record = ledger.get_entry(changed.id)
    ledger.update_entry(changed.id, ledger.EntryInput(**{**record.as_input().__dict__, "target": "新的目标"}))
    for e in (local.uuid,):
        other = LedgerEntry.get(LedgerEntry.uuid == e)
        rec = ledger.get_entry(other.id)
        ledger.update_entry(other.id, ledger.EntryInput(**{**rec.as_input().__dict__, "note": "下级改动"}))
    newer = tmp_path / "newer.zip"
    write_package(newer, period="2026-12")
    offices.other()
    preview = preview_package(newer)
    states = {d.uuid: d for d in preview.entries}
    assert states[changed.uuid].state == CHANGED and "整改目标" in states[changed.uuid].changed
    assert states[local.uuid].state == CONFLICT
    result = apply_package(preview)
    assert result.changed >= 1 and result.skipped == 1
    assert LedgerEntry.get(LedgerEntry.uuid == changed.uuid).target == "新的目标"
    assert LedgerEntry.get(LedgerEntry.uuid == local.uuid).note == "上级批注"
    assert PackageReceipt.select().count() == 2 and Unit.select().count() == 1


def test_missing_units(sent, offices):
    from desk_app.exchange.missing import missing_units

    package, _ = sent
    offices.other()
    Unit.create(name="区财政局", sort_order=1)
    Unit.create(name="已撤销单位", sort_order=2, active=False)
    assert [u.name for u in missing_units("2026-11")] == ["区财政局"]
    apply_package(preview_package(package))
    names = [u.name for u in missing_units("2026-11")]
    assert names == ["区财政局"]
    assert {u.name for u in missing_units("2026-12")} == {"区财政局", "市财政局"}


def test_import_into_the_current_campaign(sent, offices):
    from desk_app.db.models import Campaign

    package, expected = sent
    offices.other()
    ours = campaigns.create_campaign("2026年改作风提效能专项行动", 2026)
    by_name = preview_package(package)
    assert by_name.campaign_id is None and "将新建" in by_name.summary_text()
    preview = preview_package(package, campaign_id=ours.id)
    assert "导入到本机的“2026年改作风提效能专项行动”" in preview.summary_text()
    apply_package(preview)
    assert Campaign.select().count() == 1
    assert LedgerEntry.select().where(LedgerEntry.campaign == ours.id).count() == len(expected["entries"])


def test_records_moved_out_of_the_units_campaign_are_still_found(sent, offices):
    """The unit's own rows of the campaign are read by one range; an entry (with its progress and history)
    moved to another campaign here is still found by its uuid: a conflict, and its records are not new."""
    package, expected = sent
    offices.other()
    apply_package(preview_package(package))
    moved = LedgerEntry.get_by_id(ProgressUpdate.select().order_by(ProgressUpdate.id).first().entry_id)
    other = campaigns.create_campaign("另一个活动", 2027, make_current=False)
    LedgerEntry.update(campaign=other.id).where(LedgerEntry.id == moved.id).execute()
    preview = preview_package(package)
    states = {d.uuid: d for d in preview.entries}
    assert states[moved.uuid].state == CONFLICT and states[moved.uuid].reason == "这条事项在本机属于另一个活动"
    assert preview.count(UNCHANGED) == len(expected["entries"]) - 1
    assert not any(preview.child_news.values())
