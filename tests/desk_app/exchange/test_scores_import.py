"""The scorer's Excel for a 作风指数评价 round: layouts scorers send, and hostile files (exit 2, nothing written)."""

import pytest

from desk_app.cli import main
from desk_app.errors import InputFileError
from desk_app.exchange.scores_import import apply_scores, preview_scores
from desk_app.services import org, rankings, rankings_rules

SECTIONS = ["办公室", "预算管理科", "国库科", "政府采购监督管理科", "税政科", "经济建设科"]
SCORES = [92.5, 88.0, 90.25, 79.5, 85.0, 81.0]


@pytest.fixture
def sections(db):
    return [org.create_department(n) for n in SECTIONS]


def _book(path, rows, merged=(), title="2026年第一季度市财政局重点科室作风指数评价结果"):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "评价结果"
    if title:
        ws.append([title])
        ws.append(["评价机构：华信调查咨询有限公司　　评价时间：2026年3月25日"])
    for row in rows:
        ws.append(row)
    for rng in merged:
        ws.merge_cells(rng)
    wb.save(path)
    return path


def _plain(tmp_path, names=SECTIONS, scores=SCORES, **kw):
    rows = [["序号", "被评价科室", "服务态度（25分）", "办事效率（25分）", "廉洁自律（25分）", "群众满意度（25分）",
             "综合得分", "排名", "备注"]]
    for n, (name, score) in enumerate(zip(names, scores, strict=True), start=1):
        part = score / 4 if isinstance(score, int | float) else None
        rows.append([n, name, part, part, part, part, score, "", ""])
    rows.append(["", "平均分", None, None, None, None, 86.04, "", ""])
    rows.append(["注：综合得分为四项得分之和，满分100分。"])
    return _book(tmp_path / "作风指数评价.xlsx", rows, **kw)


def test_a_plain_result_sheet_is_read_with_sub_scores_and_scorer(sections, tmp_path):
    preview = preview_scores(_plain(tmp_path), "2026-Q1")
    assert [(r.subject, r.score) for r in preview.rows] == list(zip(SECTIONS, SCORES, strict=True))
    assert preview.item_names == ["服务态度", "办事效率", "廉洁自律", "群众满意度"]
    assert preview.scorer == "华信调查咨询有限公司"
    result = apply_scores(preview)
    assert result.count == 6 and result.backup is not None and result.backup.exists()
    ranked = rankings_rules.ranking(result.round.id)
    assert [r.subject for r in ranked.rows][:2] == ["办公室", "国库科"]
    assert ranked.rows[0].items["服务态度"] == pytest.approx(23.125)
    assert rankings.get_round(result.round.id).scorer == "华信调查咨询有限公司"


def test_a_two_row_header_with_merged_group_and_short_names(sections, tmp_path):
    rows = [["序号", "单位", "分项得分", None, None, "总分", "名次"],
            [None, None, "服务效能", "工作作风", "群众评议", None, None]]
    short = ["办公室", "预算管理科", "国库科", "政府采购", "税政科", "经济建设科"]
    for n, (name, score) in enumerate(zip(short, SCORES, strict=True), start=1):
        rows.append([n, name, 30, 30, score - 60, score, n])
    path = _book(tmp_path / "two.xlsx", rows, merged=("C3:E3", "A3:A4", "B3:B4", "F3:F4", "G3:G4"))
    preview = preview_scores(path, "2026-Q1")
    assert preview.item_names == ["服务效能", "工作作风", "群众评议"]
    assert next(r for r in preview.rows if r.subject == "政府采购").department_name == "政府采购监督管理科"
    assert any("按“政府采购监督管理科”读取" in n for n in preview.notes)
    assert any("排名与得分不一致" in n for n in preview.notes)  # the file's 名次 1..6 ignore the scores


def test_lecturers_of_another_kind_need_no_department(db, tmp_path):
    rankings.create_kind("业务讲堂", subject_label="主讲人", scorer="听课人员")
    rows = [["序号", "主讲人", "评分"], [1, "张三", 95], [2, "李四", 90.5], [3, "王五", 88], [4, "赵六", 70]]
    path = _book(tmp_path / "lectures.xlsx", rows, title="2026年第一季度业务讲堂评分")
    result = apply_scores(preview_scores(path, "2026-Q1", "业务讲堂"))
    assert result.round.kind_name == "业务讲堂"
    assert [r.subject for r in rankings_rules.ranking(result.round.id).bottom] == ["李四", "王五", "赵六"]


def _text_parts(tmp_path):
    """预算管理科's sub-scores typed as text, as WPS saves them: the sheet's SUM() left its 综合得分 at 0."""
    path = _plain(tmp_path, scores=[92.5, 0, 90.25, 79.5, 85, 81])
    from openpyxl import load_workbook

    wb = load_workbook(path)
    for c in "CDEF":
        wb.active[f"{c}5"] = "22"
    wb.save(path)
    return path


HOSTILE = {
    "score_text": (lambda p: _plain(p, scores=[92.5, "优秀", 90, 79.5, 85, 81]), ["第 5 行", "“优秀”不是数字"]),
    "out_of_range": (lambda p: _plain(p, scores=[92.5, 88, 9025, 79.5, -3, 81]), ["9025", "-3", "超出范围"]),
    "duplicate": (lambda p: _plain(p, names=SECTIONS[:5] + ["办公室"]), ["“办公室”出现了两次", "第 4 行和第 9 行"]),
    "unknown": (lambda p: _plain(p, names=SECTIONS[:4] + ["人事科", "外星办"]), ["找不到这些科室（单位）：人事科、外星办"]),
    "missing_score": (lambda p: _plain(p, scores=[92.5, 88, None, 79.5, 85, 81]), ["“国库科”没有得分"]),
    "other_quarter": (lambda p: _plain(p, title="2026年第二季度重点科室作风指数评价结果"),
                      ["2026年第二季度", "--round"]),
    "other_kind": (lambda p: _plain(p, title="2026年第一季度财政大讲堂评分结果"), ["财政大讲堂的成绩"]),
    "sum_skips_text": (lambda p: _text_parts(p), ["第 5 行“预算管理科”：总分 0 与分项之和 88 不一致",
                                                   "C 列“22”", "文本形式保存的数字", "转换为数字"]),
    "short_name": (lambda p: _plain(p, names=SECTIONS[:3] + ["政府采购科", "税政科", "经建科"]),
                   ["政府采购科（可能是政府采购监督管理科）", "经建科（可能是经济建设科）", "“简称”"]),
    "no_header": (lambda p: _book(p / "x.xlsx", [["甲", "乙"], [1, 2]]), ["没有找到表头"]),
    "header_only": (lambda p: _book(p / "x.xlsx", [["序号", "被评价科室", "综合得分"]]), ["没有读到任何"]),
}


def _formula_file(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["被评价科室", "服务", "效率", "综合得分"])
    for name in SECTIONS:
        ws.append([name, 40, 45, None])
        ws.cell(ws.max_row, 4).value = f"=B{ws.max_row}+C{ws.max_row}"  # saved by openpyxl: never computed
    path = tmp_path / "formula.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_exit_2_naming_the_cause_and_write_nothing(sections, tmp_path, capsys, db_dump, case):
    make, words = HOSTILE[case]
    path = make(tmp_path)
    before = db_dump()
    assert main(["import", "scores", str(path), "--round", "2026-Q1", "--yes"]) == 2
    err = capsys.readouterr().err
    for word in words:
        assert word in err, (case, err)
    assert "Traceback" not in err
    from desk_app.db import open_database

    open_database()
    assert db_dump() == before


def test_files_that_are_no_workbook_are_refused(sections, tmp_path, capsys, db_dump):
    from desk_app.db import open_database

    before = db_dump()
    cases = {"renamed.xlsx": b"this is a text file, not excel", "old.xls": b"\xd0\xcf\x11\xe0" + b"\0" * 600,
             "formula.xlsx": None}
    for name, data in cases.items():
        path = _formula_file(tmp_path) if data is None else tmp_path / name
        if data is not None:
            path.write_bytes(data)
        assert main(["import", "scores", str(path), "--round", "2026-Q1", "--yes"]) == 2, name
        err = capsys.readouterr().err
        assert err.startswith("错误：") and "Traceback" not in err, err
        if data is None:
            assert "公式" in err and "保存后再导入" in err
        open_database()
    assert main(["import", "scores", str(tmp_path / "missing.xlsx"), "--round", "2026-Q1"]) == 2
    assert "找不到文件" in capsys.readouterr().err
    assert main(["import", "scores", str(_plain(tmp_path)), "--round", "2026-Q9"]) == 2
    assert "格式不正确" in capsys.readouterr().err
    assert main(["import", "scores", str(_plain(tmp_path)), "--round", "2026-Q1", "--kind", "无此活动"]) == 2
    assert "没有名为“无此活动”的排名活动" in capsys.readouterr().err
    open_database()
    assert db_dump() == before


def test_cli_imports_then_asks_before_replacing(sections, tmp_path, capsys):
    path = _plain(tmp_path)
    assert main(["import", "scores", str(path), "--round", "2026-Q1", "--dry-run"]) == 0
    assert "6 个科室（单位）的得分" in capsys.readouterr().out
    assert main(["import", "scores", str(path), "--round", "2026-Q1"]) == 0
    assert "已导入作风指数评价 2026年第一季度的 6 个得分" in capsys.readouterr().out
    # A second import replaces the round: without a terminal it needs --yes.
    assert main(["import", "scores", str(path), "--round", "2026-Q1"]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main(["import", "scores", str(path), "--round", "2026-Q1", "--yes"]) == 0
    assert "替换了原有的 6 个" in capsys.readouterr().out
    assert main(["import", "scores", str(path)]) == 2
    assert "--round" in capsys.readouterr().err


def test_preview_raises_input_file_error_for_the_gui_too(sections, tmp_path):
    with pytest.raises(InputFileError, match="有 1 处问题"):
        preview_scores(_plain(tmp_path, scores=[92.5, 88, 90, 79.5, 85, "缺考"]), "2026-Q1")


def test_a_scorer_s_name_is_kept_as_the_registered_department(sections, tmp_path):
    short = ["办公室", "预算管理科", "国库", "政府采购监督管理科", "税政科", "经济建设科"]
    result = apply_scores(preview_scores(_plain(tmp_path, names=short), "2026-Q1"))
    ranked = rankings_rules.ranking(result.round.id)
    assert [r.subject for r in ranked.rows][:2] == ["办公室", "国库科"]
    assert "国库" not in [s.subject for s in rankings.scores(result.round.id)]
