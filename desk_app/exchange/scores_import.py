"""The scorer's Excel for a ranked round (作风指数评价 …): read, checked whole, previewed, then written.

What scorers send: a title line ("2026年第一季度重点科室作风指数评价结果"), perhaps a line naming the
评价机构, a header (序号 | 被评价科室 | 服务态度（25分）… | 综合得分 | 排名 | 备注), sometimes in two rows
(分项得分 merged over the sub-items), the rows, a 平均/合计 row and a 注： line. Any problem — a score that
is no number, a name that is no department, a name twice, a formula never computed, a title naming
another quarter — is reported all at once and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from desk_app.errors import InputFileError, ValidationError
from desk_app.services import org, rankings
from desk_app.services.rankings import ScoreInput
from desk_app.services.rankings_periods import CN_QUARTER, parse_period, period_label

from .progress import report
from .scores_sums import SumCheck, unknown_names
from .xlsx_header import column_letter
from .xlsx_read import RawSheet, read_raw

HEADER_SCAN = 20
SHOWN_ERRORS = 20
NAME_WORDS = ("被评价", "参评", "科室", "处室", "单位", "部门", "主讲人", "姓名", "名称", "对象")
# Best first: a sheet with 分项得分 and 综合得分 ranks by the 综合得分.
SCORE_WORDS = ("综合得分", "总得分", "最终得分", "综合评分", "合计得分", "总分", "评价得分", "作风指数", "得分", "评分",
               "分数", "分值", "指数")
RANK_WORDS = ("排名", "名次", "位次")
NOTE_WORDS = ("备注", "说明")
INDEX_WORDS = ("序号", "编号")
SKIP_NAMES = {"合计", "总计", "小计", "平均", "平均分", "平均值", "均分", "最高分", "最低分"}
FOOTER = re.compile(r"^\s*(注|说明|备注|评价机构|制表|填表|审核|联系人|附)[\s:：]")
POINTS_SUFFIX = re.compile(r"\s*[（(]\s*(满分)?\s*\d+(\.\d+)?\s*分?\s*[)）]\s*$")
TITLE_QUARTER = re.compile(r"(\d{4})\s*年\s*(?:度\s*)?第?\s*([1-4一二三四])\s*季度")


@dataclass(frozen=True)
class PreviewRow:
    line: int  # the sheet's row number
    subject: str
    department_id: int | None
    department_name: str
    score: float
    items: dict[str, float]
    note: str
    file_rank: str


@dataclass
class ScoresPreview:
    path: Path
    sheet: str
    kind: rankings.KindRecord
    period: str
    rows: list[PreviewRow] = field(default_factory=list)
    item_names: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    title: str = ""
    scorer: str = ""
    existing: int = 0  # scores of the round this import replaces

    def summary_text(self) -> str:
        lines = [f"文件：{self.path.name}（工作表“{self.sheet}”）",
                 f"{self.kind.name} {period_label(self.period)}：{len(self.rows)} 个{self.kind.subject_label}的得分"
                 + (f"，分项：{'、'.join(self.item_names)}" if self.item_names else "")]
        if self.existing:
            lines.append(f"这一轮已有 {self.existing} 个得分，导入后将全部替换（原得分保留在修改记录中）。")
        lines += [f"  {r.subject}　{r.score:g}" + (f"　（{r.department_name}）" if r.department_name
                                                   and r.department_name != r.subject else "") for r in self.rows]
        lines += [f"提示：{n}" for n in self.notes]
        return "\n".join(lines)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _match(label: str, words: tuple[str, ...]) -> int | None:
    """The position of the first word in `words` the label holds (lower is better), None if none."""
    plain = label.replace(" ", "")
    return next((i for i, w in enumerate(words) if w in plain), None)


def _spread_merged(raw: RawSheet) -> list[list]:
    """Header cells merged across columns or rows carry their text into every cell they cover."""
    rows = [list(r) for r in raw.rows[:HEADER_SCAN + 2]]
    for r1, c1, r2, c2 in raw.merged:
        if r1 >= len(rows):
            continue
        value = rows[r1][c1] if c1 < len(rows[r1]) else None
        for r in range(r1, min(r2, len(rows) - 1) + 1):
            for c in range(c1, c2 + 1):
                if c < len(rows[r]) and rows[r][c] in (None, ""):
                    rows[r][c] = value
    return rows


@dataclass
class _Header:
    first: int  # the first header row (0-based): the lines above it are the title
    row: int  # the last header row
    name: int
    score: int
    rank: int | None
    note: int | None
    items: list[tuple[int, str]]


def _find_header(raw: RawSheet) -> _Header:
    rows = _spread_merged(raw)
    for i, row in enumerate(rows[:HEADER_SCAN]):
        labels = [_text(v) for v in row]
        names = [(p, c) for c, t in enumerate(labels) if t and (p := _match(t, NAME_WORDS)) is not None
                 and _match(t, SCORE_WORDS) is None]
        scores = [(p, -c) for c, t in enumerate(labels) if t and (p := _match(t, SCORE_WORDS)) is not None]
        if not names or not scores:
            continue
        below = [_text(v) for v in rows[i + 1]] if i + 1 < len(rows) else []
        two_rows = below and any(below) and not any(isinstance(v, int | float) for v in rows[i + 1])
        if two_rows:  # 分项得分 over 服务态度 / 办事效率 …: the lower row names the columns
            labels = [b if b and b != t else t for t, b in zip(labels, below + [""] * len(labels), strict=False)]
            scores = [(p, -c) for c, t in enumerate(labels) if t and (p := _match(t, SCORE_WORDS)) is not None]
        name_col = min(names)[1]
        score_col = -min(scores)[1]
        special = {name_col, score_col}
        rank = next((c for c, t in enumerate(labels) if t and _match(t, RANK_WORDS) is not None), None)
        note = next((c for c, t in enumerate(labels) if t and _match(t, NOTE_WORDS) is not None), None)
        special |= {c for c in (rank, note) if c is not None}
        special |= {c for c, t in enumerate(labels) if t and _match(t, INDEX_WORDS) is not None}
        items = [(c, POINTS_SUFFIX.sub("", t) or t) for c, t in enumerate(labels) if t and c not in special]
        return _Header(i, i + 1 if two_rows else i, name_col, score_col, rank, note, items)
    raise InputFileError("没有找到表头：前 20 行中应有一行同时写着名称列（如“被评价科室”“单位”）和得分列"
                         "（如“综合得分”“得分”）。请检查是否选对了文件和工作表；没有导入任何内容。")


def _title_lines(raw: RawSheet, header_row: int) -> list[str]:
    return [" ".join(_text(v) for v in row if _text(v)) for row in raw.rows[:header_row] if any(_text(v) for v in row)]


def _check_title(lines: list[str], kind: rankings.KindRecord, period: str, errors: list[str]) -> None:
    """A title naming another quarter or another ranked activity is the wrong file (or the wrong --round)."""
    for line in lines:
        m = TITLE_QUARTER.search(line)
        if m and "Q" in period:
            q = m.group(2)
            found = f"{m.group(1)}-Q{CN_QUARTER.index(q) + 1 if q in CN_QUARTER else q}"
            if found != period:
                errors.append(f"文件标题写的是“{period_label(found)}”，而要导入的是{period_label(period)}。"
                              "请确认文件或轮次（--round）")
        for other in rankings.list_kinds(include_inactive=True):
            if other.name != kind.name and other.name in line and kind.name not in line:
                errors.append(f"文件标题是“{line}”，看起来是{other.name}的成绩，而不是{kind.name}的。"
                              "请确认文件或排名活动（--kind）")


def _read_rows(raw: RawSheet, h: _Header, kind: rankings.KindRecord, errors: list[str],
               notes: list[str]) -> list[PreviewRow]:
    departments = "科室" in kind.subject_label or "单位" in kind.subject_label or "处室" in kind.subject_label
    known = org.list_departments(include_inactive=True) if departments else []
    out: list[PreviewRow] = []
    seen: dict[str, int] = {}
    unknown: list[str] = []
    sums = SumCheck(h.score, [c for c, _ in h.items])
    for i in range(h.row + 1, len(raw.rows)):
        row = raw.rows[i]
        line = i + 1
        cells = [_text(v) for v in row]
        if not any(cells):
            continue
        first = next(t for t in cells if t)
        if FOOTER.match(first):
            break
        name = cells[h.name] if h.name < len(cells) else ""
        if name.replace(" ", "") in SKIP_NAMES or (not name and first.replace(" ", "") in SKIP_NAMES):
            continue
        value = row[h.score] if h.score < len(row) else None
        if (i, h.score) in raw.uncomputed:
            errors.append(f"第 {line} 行 {column_letter(h.score)} 列的得分是公式，但文件保存时没有计算结果。"
                          "请在 WPS/Excel 中打开该文件、保存后再导入")
            continue
        if not name:
            if value not in (None, ""):
                errors.append(f"第 {line} 行有得分（{_text(value)}）但没有{kind.subject_label}名称")
            continue
        if value in (None, ""):
            errors.append(f"第 {line} 行“{name}”没有得分（{column_letter(h.score)} 列为空）")
            continue
        try:
            score = rankings.check_score(value, f"第 {line} 行“{name}”（{column_letter(h.score)} 列）")
            items = {}
            for c, label in h.items:
                v = row[c] if c < len(row) else None
                if v not in (None, "") and not (isinstance(v, str) and not v.strip()):
                    items[label] = rankings.check_score(v, f"第 {line} 行“{name}”的“{label}”（{column_letter(c)} 列）")
        except ValidationError as exc:
            errors.append(exc.message)
            continue
        sums.add(line, name, row, score, items)
        if name in seen:
            errors.append(f"“{name}”出现了两次（第 {seen[name]} 行和第 {line} 行），每个{kind.subject_label}只能有一个得分")
            continue
        seen[name] = line
        dept, how = rankings.match_department(name, known) if departments else (None, "")
        if departments and dept is None:
            unknown.append(name)
            continue
        if how:
            notes.append(how)
        note = cells[h.note] if h.note is not None and h.note < len(cells) else ""
        rank = cells[h.rank] if h.rank is not None and h.rank < len(cells) else ""
        out.append(PreviewRow(line, name, dept.id if dept else None, dept.name if dept else "", score, items, note,
                              rank))
    errors += sums.problems()
    if unknown:
        errors.append(f"找不到这些{kind.subject_label}：{unknown_names(unknown, known)}。请核对名称；"
                      "如果是某个科室的简称，请在 设置 › 科室与人员 中把它填为该科室的“简称”，"
                      "如果是新科室，请先在那里添加")
    return out


def _check_file_ranks(rows: list[PreviewRow], kind: rankings.KindRecord, notes: list[str]) -> None:
    sign = -1 if kind.higher_is_better else 1
    off = []
    for r in rows:
        if not r.file_rank.isdigit():
            continue
        computed = 1 + sum(1 for o in rows if sign * o.score < sign * r.score)
        if int(r.file_rank) != computed:
            off.append(f"{r.subject}（表中第{r.file_rank}名，按得分为第{computed}名）")
    if off:
        notes.append("表中的排名与得分不一致，以得分为准：" + "；".join(off[:10]) + ("……" if len(off) > 10 else ""))


def preview_scores(path: str | Path, period: str, kind_name: str | None = None, *, sheet: str | None = None,
                   progress=None) -> ScoresPreview:
    """Read and check the whole file; raise InputFileError naming every problem (nothing is written)."""
    period = parse_period(period)
    kind = rankings.kind_by_name(kind_name)
    path = Path(path)
    report(progress, 0, 0, f"正在读取 {path.name}")
    raw = read_raw(path, sheet)
    header = _find_header(raw)
    errors: list[str] = []
    notes = list(raw.notes)
    titles = _title_lines(raw, header.first)
    _check_title(titles, kind, period, errors)
    rows = _read_rows(raw, header, kind, errors, notes)
    if not rows and not errors:
        errors.append(f"表头下面没有读到任何{kind.subject_label}的得分")
    if errors:
        shown = errors[:SHOWN_ERRORS]
        more = f"；另有 {len(errors) - SHOWN_ERRORS} 处问题" if len(errors) > SHOWN_ERRORS else ""
        raise InputFileError(f"“{path.name}”有 {len(errors)} 处问题，没有导入任何内容：\n"
                             + "\n".join(f"· {e}" for e in shown) + more)
    _check_file_ranks(rows, kind, notes)
    names: list[str] = []
    for r in rows:
        names += [k for k in r.items if k not in names]
    existing = rankings.round_by_period(kind.id, period)
    scorer = next((re.split(r"[：:]", t, maxsplit=1)[1].split()[0] for t in titles
                   if re.match(r"^\s*评价(机构|单位)\s*[：:]\s*\S", t)), "")
    return ScoresPreview(path, raw.name, kind, period, rows, names, notes, titles[0] if titles else "", scorer,
                         existing.score_count if existing else 0)


@dataclass(frozen=True)
class ScoresResult:
    round: rankings.RoundRecord
    count: int
    replaced: int
    backup: Path | None

    def text(self) -> str:
        done = f"已导入{self.round.kind_name} {self.round.label}的 {self.count} 个得分"
        return done + (f"（替换了原有的 {self.replaced} 个）。" if self.replaced else "。")


def apply_scores(preview: ScoresPreview, *, progress=None) -> ScoresResult:
    """Write the previewed scores: the round is created if new; a backup is made first."""
    from desk_app.db.models import database  # noqa: PLC0415
    from desk_app.services.backups import create_backup  # noqa: PLC0415

    report(progress, 0, 1, "正在备份数据")
    backup = create_backup(reason="import")
    with database.atomic():  # a new round and its scores, or nothing
        found = rankings.round_by_period(preview.kind.id, preview.period)
        if found is None:
            found = rankings.create_round(preview.kind.id, preview.period, scorer=preview.scorer)
        elif preview.scorer and not found.scorer:
            rankings.update_round(found.id, scorer=preview.scorer)
        rankings.set_scores(found.id, [ScoreInput(r.subject, r.score, dict(r.items), r.note, r.department_id)
                                       for r in preview.rows])
    report(progress, 1, 1, "")
    return ScoresResult(rankings.get_round(found.id), len(preview.rows), preview.existing, backup)
