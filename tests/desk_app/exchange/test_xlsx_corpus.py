"""The corpus of ledgers laid out like published ones (corpus/layouts.py): each imports without any
column mapping, every row lands or is skipped for the reason expected, every checked field is right,
and finished rows carry the import's own 销号 record, never a review."""

import pytest
from corpus.check import run_layout, table
from corpus.layouts import LAYOUTS

from desk_app.db.models import ChangeLog, EntryEvent, LedgerEntry
from desk_app.services import context
from desk_app.services.import_closure import IMPORT_ACTOR, IMPORT_CLOSE_EVENT


@pytest.mark.parametrize("layout", LAYOUTS, ids=[layout.name[:2] for layout in LAYOUTS])
def test_corpus_ledger_imports_row_by_row(db, tmp_path, layout):
    result = run_layout(layout, tmp_path)
    assert not result.mismatches, "\n".join(result.mismatches) + "\n" + result.plan_text
    assert result.landed == result.entry_rows
    assert result.fields_right == result.fields_checked
    for entry in LedgerEntry.select().where(LedgerEntry.status == "已销号"):
        assert entry.closed_date == context.today() and entry.reviewer_id is None
        event = EntryEvent.get(EntryEvent.entry == entry)
        assert event.kind == IMPORT_CLOSE_EVENT and event.actor == IMPORT_ACTOR and event.text
        assert ChangeLog.select().where(ChangeLog.entity_id == entry.id, ChangeLog.field == "status",
                                        ChangeLog.new.contains(IMPORT_CLOSE_EVENT)).exists()
    for entry in LedgerEntry.select().where(LedgerEntry.status != "已销号"):
        assert entry.closed_date is None
        assert not EntryEvent.select().where(EntryEvent.entry == entry).exists()


def test_hidden_first_sheet_is_skipped_with_a_note(db, tmp_path):
    layout = next(layout for layout in LAYOUTS if layout.hidden_first_sheet)
    result = run_layout(layout, tmp_path)
    assert "跳过了隐藏的工作表“填表说明”" in result.plan_text


def test_template_zeros_are_read_as_blank_and_said_so(db, tmp_path):
    layout = next(layout for layout in LAYOUTS if layout.name.startswith("12_"))
    result = run_layout(layout, tmp_path)
    assert "个单元格只写了“0”" in result.plan_text


def test_corpus_table_lists_every_file(db, tmp_path):
    result = run_layout(LAYOUTS[0], tmp_path)
    text = table([result])
    assert LAYOUTS[0].name in text and "合计" in text and f"{result.fields_checked}/{result.fields_checked}" in text
