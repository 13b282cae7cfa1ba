"""督办单 with its node table and 催办 record, the 催办单, and both from the command line."""

import json
import subprocess

import pytest
from print_helpers import page_texts

from desk_app.cli import main
from desk_app.db.models import LedgerEntry
from desk_app.domain import EntryKind
from desk_app.errors import ValidationError
from desk_app.reports import registry
from desk_app.reports.options import PrintOptions
from desk_app.services import supervision, supervision_urges


def _squash(texts):
    return "".join("".join(t.split()) for t in texts)


def _late_matter():
    """A demo 督办 matter handed over lately with a missed node and a 催办."""
    for entry in LedgerEntry.select().where(LedgerEntry.kind == EntryKind.SUPERVISION,
                                            LedgerEntry.doc_number.contains("〔")).order_by(LedgerEntry.id):
        clock = supervision.clock(entry.id)
        if clock and clock.missed and supervision_urges.list_urges(entry.id):
            return entry, clock
    raise AssertionError("the demo has no late 督办 matter")


def test_supervision_sheet_shows_source_nodes_and_urges(demo):
    entry, clock = _late_matter()
    data, pages = registry.render("supervision", PrintOptions(entry_id=entry.id))
    flat = _squash(page_texts(data))
    assert "督办单" in flat and entry.code in flat
    assert entry.task_source in flat and entry.doc_number in flat
    assert f"办理节点（{clock.rule_name}：当天接办，3个工作日内反馈" in flat
    for node in clock.nodes:
        assert f"{node.due.year}年{node.due.month}月{node.due.day}日" in flat
    assert "已逾期" in flat and clock.level_name in flat
    urge = supervision_urges.list_urges(entry.id)[0]
    assert "催办记录（共" in flat and urge.way in flat and urge.answer[:8] in flat
    assert "办理结果" in flat and "签收人" in _squash(page_texts(data)[-1:])


def test_urge_sheet_counts_its_round_and_names_the_late_nodes(demo):
    entry, clock = _late_matter()
    before = len(supervision_urges.list_urges(entry.id))
    data, _ = registry.render("urge", PrintOptions(entry_id=entry.id))
    flat = _squash(page_texts(data))
    late = [n for n in clock.nodes if n.state == supervision.NodeState.MISSED][0]
    assert "催办单" in flat and f"“{late.name}”应于" in flat and f"已逾期{late.late_workdays}个工作日" in flat
    times = before if supervision_urges.list_urges(entry.id)[-1].date == supervision.context.today() else before + 1
    assert f"本事项为第{times}次催办" in flat and f"{entry.code}-{times:02d}" in flat


def test_urge_sheet_refuses_an_entry_off_the_clock(demo):
    entry = LedgerEntry.select().where(LedgerEntry.kind == EntryKind.RECTIFICATION).first()
    with pytest.raises(ValidationError, match="不按督办时限管理"):
        registry.render("urge", PrintOptions(entry_id=entry.id))


@pytest.mark.parametrize(("status", "said"), [("已销号", "已销号，无需催办"), ("申请销号", "正等待审核，无需催办")])
def test_urge_sheet_refuses_a_finished_matter(demo, tmp_path, capsys, status, said):
    entry, _ = _late_matter()  # late nodes and 催办 behind it: the status alone decides
    LedgerEntry.update(status=status).where(LedgerEntry.id == entry.id).execute()
    with pytest.raises(ValidationError, match=said):
        registry.render("urge", PrintOptions(entry_id=entry.id))
    out = tmp_path / "urge.pdf"
    assert main(["print", "urge", "--entry", entry.code, "--out", str(out)]) == 2
    assert f"事项 {entry.code} " in capsys.readouterr().err and not out.exists()


def test_sheets_render_to_images(demo, tmp_path):
    entry, _ = _late_matter()
    for kind in ("supervision", "urge"):
        path = tmp_path / f"{kind}.pdf"
        registry.render_to_file(kind, PrintOptions(entry_id=entry.id), path)
        subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(path), str(tmp_path / kind)],
                       check=True)
        assert (tmp_path / f"{kind}-1.png").stat().st_size > 2000


def test_command_line_prints_the_sheet_and_stats_has_supervision(tmp_path, capsys):
    folder = str(tmp_path / "d")
    assert main(["--data-dir", folder, "--today", "2026-12-01", "demo", "--entries", "120"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", folder, "--today", "2026-12-01", "stats", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)["supervision"]
    assert figures["nodes_missed"] > 0 and set(figures["by_escalation"]) == {"蓝色督办", "黄色督办", "红色督办"}
    assert sum(figures["by_escalation"].values()) <= figures["matters"]
    out = tmp_path / "dbd.pdf"
    assert main(["--data-dir", folder, "--today", "2026-12-01", "print", "supervision", "--entry", "DB-2026-0009",
                 "--out", str(out)]) == 0
    flat = _squash(page_texts(out.read_bytes()))
    assert "办理节点" in flat and "催办记录" in flat and "DB-2026-0009" in flat
    assert main(["--data-dir", folder, "--today", "2026-12-01", "print", "urge", "--entry", "ZG-2026-0001",
                 "--out", str(tmp_path / "x.pdf")]) == 2
    assert "不按督办时限管理" in capsys.readouterr().err
