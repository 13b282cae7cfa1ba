"""The ledger printed with many columns (issue of the review, item 9): the short columns (dates, codes, names)
give way before 问题表现 and 整改措施 are starved, and when even so the texts would be too narrow the clerk is
told to use A3 or fewer columns."""

from __future__ import annotations

import pytest

from desk_app.reports import ledger_pdf, measure_table, registry
from desk_app.reports.options import PrintOptions
from desk_app.reports.table import TEXT_MIN_CHARS
from desk_app.services.ledger_columns import COLUMNS
from desk_app.services.ledger_query import LedgerFilter

# Every column a clerk can tick except the 督办 ones: 27 columns, 28 with 序号.
ALL_COLUMNS = [c.key for c in COLUMNS if c.key not in ("task_source", "doc_number", "instructing_leader",
                                                          "assigned_date")]


@pytest.fixture
def widths_seen(monkeypatch):
    """The widths each printed table was laid out with: [(columns, widths, size)]."""
    seen = []

    def spy(columns, rows, font, size, frame, **kwargs):
        widths = fit(columns, rows, font, size, frame, **kwargs)
        seen.append((columns, widths, size))
        return widths

    fit = ledger_pdf.fit_widths
    monkeypatch.setattr(ledger_pdf, "fit_widths", spy)
    monkeypatch.setattr(measure_table, "fit_widths", spy)
    return seen


def _print(a3: bool) -> PrintOptions:
    options = PrintOptions(filter=LedgerFilter(layers=["处级干部"]), columns=ALL_COLUMNS, a3=a3)
    registry.render("ledger", options)
    return options


def test_on_a3_the_texts_get_room_before_the_dates(demo, widths_seen):
    options = _print(a3=True)
    columns, widths, size = widths_seen[-1]
    chars = {c.label: (w - 9) / size for c, w in zip(columns, widths, strict=True)}  # 4 pt padding each side + rule
    assert len(columns) == 28
    for label in ("问题表现", "整改措施", "原因剖析", "最新进展"):
        assert chars[label] >= TEXT_MIN_CHARS - 0.1, chars
        assert chars[label] > chars["发现日期"], chars
    assert options.advice == []


def test_on_a4_the_clerk_is_told_to_use_a3_or_fewer_columns(demo, widths_seen):
    options = _print(a3=False)
    assert len(options.advice) == 1
    assert "A4纸上放不下" in options.advice[0] and "问题表现" in options.advice[0]
    assert "建议改用 A3 纸打印，或减少打印的列" in options.advice[0]


def test_the_command_line_prints_the_advice_after_the_pdf(demo, tmp_path, capsys):
    from desk_app.cli import main

    out = tmp_path / "ledger.pdf"
    assert main(["print", "ledger", "--layer", "处级干部", "--columns", ",".join(ALL_COLUMNS), "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert "已生成" in printed.out and out.exists()
    assert "提示：所选的 28 列在A4纸上放不下" in printed.err


def test_the_usual_columns_need_no_advice(demo):
    options = PrintOptions(filter=LedgerFilter(layers=["处级干部"]))
    registry.render("ledger", options)
    assert options.advice == []


def test_the_rosters_blank_remarks_column_gives_no_advice(demo):
    """专班名单's 备注 is left blank for the pen: seven 专班 tables once printed the A3 advice seven times."""
    options = PrintOptions()
    registry.render("rosters", options)
    assert options.advice == []
