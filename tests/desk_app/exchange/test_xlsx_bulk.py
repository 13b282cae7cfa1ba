"""The cycle collector is paused while a sheet is read, planned and written, and always resumed."""

import gc
import threading

import pytest
from openpyxl import Workbook

from desk_app.errors import InputFileError
from desk_app.exchange import xlsx_rowbuild
from desk_app.exchange.xlsx_apply import apply_import
from desk_app.exchange.xlsx_bulk import without_cycle_collector
from desk_app.exchange.xlsx_import import ImportOptions, plan_import, read_sheet
from desk_app.services import campaigns


def _sheet(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "存在问题", "整改措施", "完成时限"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_the_collector_is_paused_while_rows_are_built_and_resumed_after(db, tmp_path, monkeypatch):
    seen = []
    build = xlsx_rowbuild.RowBuilder.build

    def watched(self, *args):
        seen.append(gc.isenabled())
        return build(self, *args)

    monkeypatch.setattr(xlsx_rowbuild.RowBuilder, "build", watched)
    campaigns.create_campaign("2026年作风建设", 2026)
    path = _sheet(tmp_path / "a.xlsx", [[1, "审批材料要求过多", "精简材料", "2026-12-31"],
                                        [2, "窗口排队时间长", "增设窗口", "2026-12-31"]])
    assert gc.isenabled()
    content = read_sheet(path)
    assert gc.isenabled()
    plan = plan_import(path, ImportOptions(create_missing=True), content=content)
    assert seen == [False, False] and gc.isenabled()
    assert apply_import(plan).created == 2 and gc.isenabled()


def test_the_collector_is_resumed_after_a_refused_file(db, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(InputFileError):
        read_sheet(bad)
    assert gc.isenabled()


def test_overlapping_steps_resume_it_when_the_last_ends():
    inside, leave = threading.Event(), threading.Event()

    def worker():
        with without_cycle_collector():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=worker)
    with without_cycle_collector():
        thread.start()
        inside.wait(5)
    assert not gc.isenabled()  # the worker's step is still running
    leave.set()
    thread.join(5)
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off():
    gc.disable()
    try:
        with without_cycle_collector():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
