"""The preview under the ledger: the current entry in full, laid out again only when what it shows changes."""

import pytest
from ledger_helpers import shown_ledger

from desk_app.db.models import LedgerEntry


@pytest.fixture
def page(main_window, qtbot):
    return shown_ledger(main_window, qtbot)


def _search(page, text):
    page.filter_bar.search.setText(text)
    page.filter_bar._emit_now()


def test_the_preview_shows_the_first_row_of_each_list(page):
    first = page.model.record(0)
    assert page.preview.entry_id == first.id and first.code in page.preview.toPlainText()
    page.filter_bar.layer.set_values([page.filter_bar.layer.items()[2][1]])
    other = page.model.record(0)
    assert page.preview.entry_id == other.id and other.code in page.preview.toPlainText()
    _search(page, "没有这样的事项字样")
    assert page.preview.entry_id is None and page.preview.toPlainText()  # the hint to select an entry


def test_the_same_entry_is_not_laid_out_again_until_it_changes(page, monkeypatch):
    first = page.model.record(0)
    word = first.description[:2]
    _search(page, word)
    assert page.model.record(0).id == first.id  # the first entry holds its own first two characters
    laid_out = []
    monkeypatch.setattr(page.preview, "setHtml", lambda html: laid_out.append(html))
    _search(page, first.description[:3])
    assert page.model.record(0).id == first.id and laid_out == []  # the same entry, the same text: kept
    LedgerEntry.update(target="新的整改目标文字").where(LedgerEntry.id == first.id).execute()
    page.after_change()
    assert len(laid_out) == 1 and "新的整改目标文字" in laid_out[0]
