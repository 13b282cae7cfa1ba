"""Checks across a scorer's rows that no single cell shows: a 总分 that is not the sum of its sub-scores,
and numbers stored as text.

WPS and LibreOffice save a cell typed as '24.1 as text; the sheet's SUM() skips it and the 总分 reads 0,
so the department would rank last. A sheet whose other rows add up is a sheet of sums: a row that does
not is refused, naming the text cells when they are the cause. A number stored as text in a column that
otherwise holds numbers is refused too (a column typed wholly as text, "92.5分", is a hand-typed sheet).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .xlsx_header import column_letter


@dataclass
class _Row:
    line: int
    name: str
    score: float
    parts: list[float]  # the sub-scores, when every one is filled
    text: list[tuple[int, str]]  # (column, text) of numbers stored as text


@dataclass
class SumCheck:
    score_col: int
    item_cols: list[int]
    rows: list[_Row] = field(default_factory=list)

    def add(self, line: int, name: str, cells: list, score: float, items: dict[str, float]) -> None:
        cols = [self.score_col, *self.item_cols]
        text = [(c, cells[c].strip()) for c in cols if c < len(cells) and isinstance(cells[c], str)
                and cells[c].strip()]
        parts = list(items.values()) if len(items) == len(self.item_cols) >= 2 else []
        self.rows.append(_Row(line, name, score, parts, text))

    def _numeric_columns(self) -> set[int]:
        """Columns where some row holds a real number: a text cell there is a slip, not the sheet's style."""
        texts: dict[int, int] = {}
        for r in self.rows:
            for c, _ in r.text:
                texts[c] = texts.get(c, 0) + 1
        return {c for c, n in texts.items() if n < len(self.rows)}

    @staticmethod
    def _adds_up(r: _Row) -> bool:
        return abs(sum(r.parts) - r.score) <= 0.05 + 0.005 * len(r.parts)

    def problems(self) -> list[str]:
        summed = [r for r in self.rows if r.parts]
        agree = sum(1 for r in summed if self._adds_up(r))
        sums = agree >= 1 and agree * 2 >= len(summed)
        numeric = self._numeric_columns()
        out = []
        for r in self.rows:
            off = sums and r.parts and not self._adds_up(r)
            slips = [(c, t) for c, t in r.text if c in numeric]
            if not off and not slips:
                continue
            what = []
            if off:
                what.append(f"总分 {r.score:g} 与分项之和 {round(sum(r.parts), 4):g} 不一致")
            if slips:
                cells = "、".join(f"{column_letter(c)} 列“{t}”" for c, t in slips)
                what.append(f"{cells}是以文本形式保存的数字" + ("，表中的求和公式没有把它们计入总分" if off else ""))
            how = ("请在 WPS/Excel 中选中这些单元格，点“转换为数字”，让总分重新计算后保存，再导入" if slips
                   else "请核对这一行的分项和总分")
            out.append(f"第 {r.line} 行“{r.name}”：{'；'.join(what)}。{how}")
        return out


def _in_order(short: str, full: str) -> bool:
    """社保科 in 社会保障科: every character of the short name, in order."""
    at = 0
    for ch in short:
        at = full.find(ch, at)
        if at < 0:
            return False
        at += 1
    return True


def unknown_names(names: list[str], departments) -> str:
    """The unmatched names, each with the departments it may abbreviate (社保科（可能是社会保障科））."""
    out = []
    for name in names:
        plain = "".join(name.split())
        guesses = [d.name for d in departments if len(plain) >= 2 and _in_order(plain, d.name)]
        out.append(name + (f"（可能是{'或'.join(guesses)}）" if 0 < len(guesses) <= 3 else ""))
    return "、".join(out)
