from __future__ import annotations

import pytest
from print_helpers import bad_breaks, laid_out_lines, page_numbers, page_texts

from desk_app.cli import main
from desk_app.reports import registry
from desk_app.reports.options import PrintOptions
from desk_app.services import ledger
from desk_app.services.ledger_query import LedgerFilter


@pytest.fixture
def long_entry(demo):
    text = "".join(f"第{i}项：对照整改要求逐条核查，（一）建立台账；（二）明确责任，确保“按期”销号。" for i in range(80))
    assert len(text) > 2500
    return ledger.create_entry(demo.campaign_id, ledger.EntryInput(layer="处级干部", description=text))


def test_a_row_taller_than_a_page_continues_on_the_next_pages_with_the_header(long_entry):
    f = LedgerFilter(campaign_id=long_entry.campaign_id, text=long_entry.code)
    doc = registry.get_kind("ledger").build(PrintOptions(filter=f))
    texts = page_texts(doc.render())
    assert len(texts) >= 2
    assert page_numbers(texts) == [(i, len(texts)) for i in range(1, len(texts) + 1)]
    for text in texts[:-1]:
        assert "问题表现" in "".join(text.split())
    lines = laid_out_lines(doc)
    text = long_entry.description
    assert "".join(line for line in lines if len(line) > 2 and line in text) == text  # every character, in order
    assert "（续）" in lines
    assert not bad_breaks(lines)
    bottom = doc.setup.bottom
    for page in doc.pages:  # nothing drawn below the frame
        assert all(op[4] >= bottom - 1 for op in page.ops if op[0] == 0)


def test_cli_prints_a_ledger_and_lists_kinds(demo, tmp_path, capsys):
    out = tmp_path / "台账.pdf"
    assert main(["print", "ledger", "--out", str(out), "--layer", "处级干部", "--a3"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "已生成" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["print", "--help"])
    help_text = capsys.readouterr().out
    for name in registry.KINDS:
        assert name in help_text


@pytest.mark.parametrize("args,message", [
    (["print", "ledger", "--out", "x.pdf", "--layer", "处级"], "层级"),
    (["print", "ledger", "--out", "x.pdf", "--department", "不存在科"], "责任单位"),
    (["print", "ledger", "--out", "x.pdf", "--columns", "问题编号,不存在列"], "列"),
    (["print", "minutes", "--out", "x.pdf"], "会议"),
    (["print", "minutes", "--out", "x.pdf", "--meeting", "9999"], "会议"),
    (["print", "person-list", "--out", "x.pdf", "--person", "查无此人"], "人员"),
    (["print", "action-plan", "--out", "x.pdf", "--task-force", "不存在专班"], "专班"),
    (["print", "supervision", "--out", "x.pdf", "--entry", "ZG-1999-9999"], "编号"),
    (["print", "dispatch", "--out", "x.pdf", "--month", "2026-13"], "月份"),
    (["print", "ledger", "--out", "x.txt"], ".pdf"),
])
def test_cli_bad_input_exits_2_with_a_chinese_message(demo, tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "错误" in err
    assert not (tmp_path / "x.pdf").exists()


def test_cli_unknown_kind_is_refused(demo, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["print", "nonsense", "--out", "x.pdf"])
    assert exc.value.code == 2
    assert "参数错误" in capsys.readouterr().err


@pytest.mark.slow  # every print kind through the command line, one process each (~6 s)
def test_cli_prints_every_kind(demo, tmp_path):
    from desk_app.demo_cycle import freeze_history
    from desk_app.services import meetings, taskforces

    meeting = meetings.list_meetings(demo.campaign_id)[0]
    tf = taskforces.list_task_forces(demo.campaign_id)[0]
    person = next(p for p in __import__("desk_app.services.org", fromlist=["x"]).list_people() if p.level == "科长(主任)")
    extra = {"minutes": ["--meeting", f"id:{meeting.id}"], "notice": ["--meeting", f"{meeting.year}-{meeting.number}"],
             "sign-in": ["--meeting", f"#{meeting.id}"], "action-plan": ["--task-force", tf.name],
             "person-list": ["--person", person.name], "supervision": ["--entry", "ZG-2026-0001"], "urge": ["--entry", "DB-2026-0009"]}
    freeze_history(demo.campaign_id)  # the 月度 and 季度通报 are made from frozen months
    for name in registry.KINDS:
        out = tmp_path / f"{name}.pdf"
        code = main(["print", name, "--out", str(out), *extra.get(name, [])])
        if name == "action-plan" and code == 2:
            continue  # this 专班 may have no 行动方案 in the demo
        assert code == 0, name
        assert out.stat().st_size > 1000
