"""The 通报 read back from the rendered PDFs (pdftotext, pdffonts): 月度通报, 季度办结率, 排名通报, 约谈名单,
the registers; and the print / export commands for them."""

import re
import subprocess

import pytest
from print_helpers import bad_breaks, fonts_of, gongwen_page_numbers, laid_out_lines

from desk_app.cli import main
from desk_app.demo_cycle import freeze_history
from desk_app.reports import registry
from desk_app.reports.options import PrintOptions
from desk_app.services import bulletin, rankings, rankings_rules
from desk_app.services.ledger_query import LedgerFilter


def _text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def history(demo, built_once):
    months = built_once("history", lambda: freeze_history(demo.campaign_id))
    assert len(months) == 24 and months[0] == "2024-11" and months[-1] == "2026-10"  # two years
    return demo


def _render(kind, options, tmp_path):
    path = tmp_path / f"{kind}.pdf"
    pages = registry.render_to_file(kind, options, path)
    return path, pages


def test_monthly_bulletin_names_ranks_changes_overdue_entries_and_silent_sections(history, tmp_path):
    options = PrintOptions(filter=LedgerFilter(campaign_id=history.campaign_id), month="2026-10")
    path, pages = _render("bulletin", options, tmp_path)
    pages_text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split("\f")
    text = _plain("".join(pages_text))
    data = bulletin.bulletin(history.campaign_id, "2026-10")
    assert "关于2026年10月问题整改推进情况的通报" in text and "各专班、各科室（单位）：" in text
    for heading in ("一、总体情况", "二、各科室（单位）推进情况", "三、各专班推进情况", "四、连续两个月逾期的事项",
                    "五、未报送本月进展的科室（单位）", "六、下步工作要求"):
        assert heading in text, heading
    assert f"较2026年9月{'提高' if data.completion_change > 0 else '下降'}" in text
    # The 科室 table in rank order, each with its completion rate.
    positions = [text.find(g.key + str(g.now.total)) for g in data.departments]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    assert "↑" in text and "↓" in text
    # Every entry overdue two months running is named by its 编号, and the sections without progress.
    assert data.overdue_twice and all(e.code in text for e in data.overdue_twice)
    for s in data.silent:
        assert f"{s.name}（未完成{s.open_entries}条）" in text
    # GB/T 9704: "— N —" on every page, fonts embedded, the date of the freeze, no broken lines.
    assert gongwen_page_numbers(pages_text[:pages]) == list(range(1, pages + 1))
    assert all(emb == "yes" for _name, emb in fonts_of(path))
    assert "2026年10月25日印发" in text
    doc = registry.get_kind("bulletin").build(options)
    assert not bad_breaks(laid_out_lines(doc))


def test_quarter_bulletin_and_the_latest_month_by_default(history, tmp_path):
    path, _pages = _render("quarter", PrintOptions(period="2026-Q3"), tmp_path)
    text = _plain(_text(path))
    assert "关于2026年第三季度整改事项办结情况的通报" in text
    assert "根据7月、8月、9月封账数据" in text and "较2026年第二季度" in text and "应办结" in text
    path, _pages = _render("bulletin", PrintOptions(), tmp_path)  # no month: the last frozen one
    assert "关于2026年10月问题整改推进情况的通报" in _plain(_text(path))


def test_ranking_bulletin_lists_places_the_last_three_and_who_is_called_in(demo, tmp_path):
    kind = rankings.kind_by_name("作风指数评价")
    r = rankings.list_rounds(kind.id)[-1]
    result = rankings_rules.ranking(r.id)
    path, pages = _render("ranking", PrintOptions(period=r.period), tmp_path)
    text = _plain(_text(path))
    assert f"关于{r.label}作风指数评价结果的通报" in text
    layout = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    lines = layout.splitlines()
    order = [next(i for i, line in enumerate(lines) if re.match(rf"\s*{row.rank}\s+{row.subject}\s", line))
             for row in result.rows]
    assert order == sorted(order)
    for row in result.rows:  # each row carries its score
        assert any(row.subject in line and f"{row.score:.2f}" in line for line in lines), row.subject
    bottom = re.search(r"本轮排名后三名的是：(.*?)。", text).group(1)
    assert [row.subject for row in result.bottom] == re.findall(r"([^、；（）]+?)（\d+\.\d\d分）", bottom)
    assert result.interviews, "the demo keeps two sections low"
    for row in result.interviews:
        assert row.subject in text.split("三、提醒约谈")[1]
    assert "连续两轮" in text and "进行提醒约谈" in text
    assert gongwen_page_numbers(_text(path).split("\f")[:pages]) == list(range(1, pages + 1))
    assert all(emb == "yes" for _name, emb in fonts_of(path))


def test_interview_list_and_registers_print(demo, tmp_path):
    path, _ = _render("interviews", PrintOptions(), tmp_path)
    text = _plain(_text(path))
    rows = rankings_rules.interviews()
    assert "提醒约谈名单" in text and all(x.subject in text for x in rows)
    assert "已约谈" in text and "待约谈" in text
    path, _ = _render("rules", PrintOptions(), tmp_path)
    assert "（16个方面，53项制度" in _plain(_text(path))
    path, _ = _render("targets", PrintOptions(), tmp_path)
    text = _plain(_text(path))
    assert "晋位升级目标" in text and "尚未设定目标：机关党委" in text


def test_print_and_export_commands(history, tmp_path, capsys):
    out = tmp_path / "o"
    assert main(["print", "bulletin", "--month", "2026-09", "--out", str(out / "b.pdf")]) == 0
    assert main(["print", "quarter", "--quarter", "2026年第二季度", "--out", str(out / "q.pdf")]) == 0
    assert main(["print", "ranking", "--round", "2026-Q2", "--kind", "作风指数评价", "--out", str(out / "r.pdf")]) == 0
    assert main(["print", "ranking", "--kind", "财政大讲堂", "--out", str(out / "l.pdf")]) == 0
    assert "财政大讲堂结果的通报" in _plain(_text(out / "l.pdf"))
    assert main(["export", "bulletin", "--month", "2026-10", "--out", str(out / "b.docx")]) == 0
    assert main(["export", "quarter", "--out", str(out / "q.xlsx")]) == 0
    assert main(["export", "ranking", "--out", str(out / "r")]) == 0  # no suffix: Word
    assert main(["export", "rules", "--out", str(out / "rules.xlsx")]) == 0
    capsys.readouterr()
    from docx import Document
    from openpyxl import load_workbook

    body = "".join(p.text for p in Document(out / "b.docx").paragraphs)
    assert "关于2026年10月问题整改推进情况的通报" in body and "六、下步工作要求" in body
    assert (out / "r.docx").exists()
    book = load_workbook(out / "q.xlsx")
    assert book.sheetnames == ["正文", "季度办结率", "各月完成率"]
    sheet = book["季度办结率"]
    assert sheet["E3"].number_format == "0.0%" and isinstance(sheet["C3"].value, int)
    rules = load_workbook(out / "rules.xlsx")["制度清单"]
    assert rules.max_row == 2 + 53 and rules["B2"].value == "方面"


@pytest.mark.parametrize("args,message", [
    (["print", "bulletin", "--month", "2026-11", "--out", "x.pdf"], "2026年11月尚未封账"),
    (["print", "quarter", "--quarter", "2026-Q5", "--out", "x.pdf"], "YYYY-Qn"),
    (["print", "ranking", "--round", "2019-Q1", "--out", "x.pdf"], "没有 2019-Q1 这一轮"),
    (["print", "ranking", "--kind", "不存在的活动", "--out", "x.pdf"], "没有名为“不存在的活动”的排名活动"),
    (["export", "bulletin", "--out", "x.txt"], ".docx"),
    (["export", "quarter", "--quarter", "2024-Q1", "--out", "x.xlsx"], "2024年第一季度还没有封账的月份"),
    (["export", "rules", "--out", "x.docx"], ".xlsx"),
])
def test_bad_requests_exit_2_and_write_nothing(demo, tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and err.startswith("错误：")
    assert not any(tmp_path.glob("x.*"))


def test_bulletin_without_any_frozen_month_says_how_to_freeze(demo, tmp_path, capsys):
    assert main(["print", "bulletin", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "desk-app freeze" in capsys.readouterr().err


def test_a_long_overdue_list_names_the_worst_on_paper_and_all_in_excel(history, monkeypatch):
    from io import BytesIO

    from openpyxl import load_workbook

    from desk_app.exchange.bulletin_files import notice_bytes
    from desk_app.reports import bulletin_pdf

    data = bulletin.bulletin(history.campaign_id, "2026-10")
    assert len(data.overdue_twice) > 5
    monkeypatch.setattr(bulletin_pdf, "PAPER_LIMIT", 5)
    pdf = notice_bytes("bulletin", history.campaign_id, ".pdf", month="2026-10")[0]
    xlsx = notice_bytes("bulletin", history.campaign_id, ".xlsx", month="2026-10")[0]
    book = load_workbook(BytesIO(xlsx))
    assert book["连续两月逾期"].max_row == 2 + 5
    assert book["连续两月逾期（全部）"].max_row == 2 + len(data.overdue_twice)
    worst = max(data.overdue_twice, key=lambda e: e.days)
    assert [c.value for c in book["连续两月逾期"][3]][1] == worst.code
    assert pdf.startswith(b"%PDF")
