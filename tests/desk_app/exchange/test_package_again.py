"""The same package again: answered from its receipt while nothing here changed (exchange/package_again),
with the very preview the full comparison gives; anything changed here since, and the full comparison runs."""

import pytest
from test_package_roundtrip import sent  # noqa: F401 - the fixture

from desk_app.db.models import LedgerEntry, PackageReceipt
from desk_app.exchange.package import write_package
from desk_app.exchange.package_again import received_unchanged
from desk_app.exchange.package_apply import apply_package
from desk_app.exchange.package_import import CONFLICT, UNCHANGED, preview_package
from desk_app.services import campaigns, ledger, workflow


@pytest.fixture
def received(sent, offices, built_once):  # noqa: F811
    package, expected = sent

    def receive():
        offices.other()
        apply_package(preview_package(package))
        return package, len(expected["entries"])

    return built_once("received", receive)


def test_again_is_the_full_comparisons_answer(received):
    package, entries = received
    quick = received_unchanged(package)
    full = preview_package(package)
    assert quick is not None and full.count(UNCHANGED) == entries
    assert quick.summary_text() == full.summary_text()
    assert quick.count(UNCHANGED) == entries and not quick.has_changes and not full.has_changes
    assert apply_package(quick).backup is None  # nothing written, no backup
    assert received_unchanged(package) is not None


def test_a_package_never_applied_here_is_compared(sent, offices):  # noqa: F811
    package, _ = sent
    offices.other()
    assert received_unchanged(package) is None


@pytest.mark.parametrize("change", ["edit", "progress", "unlogged_edit", "delete"])
def test_anything_changed_here_since_falls_back_to_the_comparison(received, change):
    package, entries = received
    entry = LedgerEntry.select().order_by(LedgerEntry.id).first()
    if change == "edit":
        record = ledger.get_entry(entry.id)
        ledger.update_entry(entry.id, ledger.EntryInput(**{**record.as_input().__dict__, "note": "本机批注"}))
    elif change == "progress":
        workflow.add_progress(entry.id, "本机补充的进展")
    elif change == "unlogged_edit":  # a row version moves even where no change row is written
        LedgerEntry.update(note="上级批注").where(LedgerEntry.id == entry.id).execute()
    else:
        ledger.delete_entries([entry.id])
    assert received_unchanged(package) is None
    full = preview_package(package)
    assert full.count(UNCHANGED) < entries or full.child_news["progress"] == 0


def test_into_another_campaign_is_compared(received):
    package, _ = received
    current = PackageReceipt.get().campaign_id
    assert received_unchanged(package, current) is not None
    assert received_unchanged(package, current + 1) is None
    other = campaigns.create_campaign("2027年专项行动", 2027, make_current=False)
    assert received_unchanged(package, other.id) is None


def test_an_import_that_skipped_conflicts_keeps_no_answer(received, offices, tmp_path):
    package, _ = received
    local = LedgerEntry.select().order_by(LedgerEntry.id).first()
    LedgerEntry.update(note="上级批注", updated_at=local.updated_at.replace(year=2030)).where(
        LedgerEntry.id == local.id).execute()
    offices.sender()
    record = ledger.get_entry(LedgerEntry.get(LedgerEntry.uuid == local.uuid).id)
    ledger.update_entry(record.id, ledger.EntryInput(**{**record.as_input().__dict__, "note": "下级改动"}))
    newer = tmp_path / "newer.zip"
    write_package(newer, period="2026-12")
    offices.other()
    preview = preview_package(newer)
    assert preview.count(CONFLICT) == 1
    assert apply_package(preview).skipped == 1
    assert PackageReceipt.get(PackageReceipt.period == "2026-12").state_digest is None
    assert received_unchanged(newer) is None and received_unchanged(package) is None
    assert preview_package(newer).count(CONFLICT) == 1


def test_the_command_line_prints_what_the_full_comparison_prints(received, capsys, monkeypatch, db_dump):
    from desk_app.cli import main
    from desk_app.exchange import package_again

    package, _ = received
    before = db_dump()
    answers = []
    original = package_again.received_unchanged
    monkeypatch.setattr(package_again, "received_unchanged", lambda *args: answers.append(original(*args)) or answers[-1])
    capsys.readouterr()
    assert main(["import", "package", str(package), "--yes"]) == 0
    quick = capsys.readouterr().out
    assert answers and answers[0] is not None  # answered from the receipt
    monkeypatch.setattr(package_again, "received_unchanged", lambda *args: None)
    assert main(["import", "package", str(package), "--yes"]) == 0
    assert capsys.readouterr().out == quick and "没有需要导入的内容" in quick
    assert db_dump() == before
