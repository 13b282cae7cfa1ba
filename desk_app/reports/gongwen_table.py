"""Ruled tables inside a 公文 (GB/T 9704-2012 §8: 横排表格 within the text block), for the 通报.

Each row is one group of lines, so a page break falls between rows, or inside a tall row with at least
two lines on each side. A table continued on a new page brings its heading, marked （续）, and its header
row; a row continued on a new page repeats its identity (序号, 编号) with （续）.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .gongwen import Gongwen
from .gongwen_flow import Group
from .layout import BLACK, FILL_COLOR, GREY_FILL, JUSTIFIED, LINES, RECT
from .linebreak import break_text

SIZE = 10.5  # 五号
LEADING = 14.5
PAD = 3.5
CONTINUED = "（续）"


@dataclass(frozen=True)
class GwColumn:
    label: str  # "\n" marks where a two-line header label may break (逾期\n天数), nowhere else
    value: Callable  # (record, number) -> str
    wide: bool = False  # the text column that takes the width the others leave
    identity: bool = False  # repeated on every fragment of a row (序号, 编号)


def column_widths(gw: Gongwen, columns: list[GwColumn], rows: list[list[str]]) -> list[float]:
    """Narrow columns as wide as their widest value and header part (nothing in them wraps); the wide
    column takes the rest."""
    face, head = gw.fonts.table or gw.fonts.body, gw.fonts.heading
    widths = []
    for i, col in enumerate(columns):
        if col.wide:
            widths.append(0.0)
            continue
        longest = max([head.width(part, SIZE) for part in col.label.split("\n")]
                      + [face.width(r[i], SIZE) for r in rows])
        widths.append(longest + 2 * PAD + 1)
    rest = gw.width - sum(widths)
    wide = [i for i, c in enumerate(columns) if c.wide]
    if wide and rest > 0:
        for i in wide:
            widths[i] = rest / len(wide)
    else:  # too narrow even so: shrink everything in proportion (values then wrap)
        widths = [max(w, 1.0) * gw.width / sum(max(w, 1.0) for w in widths) for w in widths]
    return widths


class GwTable:
    def __init__(self, gw: Gongwen, columns: list[GwColumn], widths: list[float]):
        self.gw, self.columns, self.widths = gw, columns, widths
        self.face = gw.fonts.table or gw.fonts.body
        self.head = gw.fonts.heading
        self.xs = [gw.x0]
        for w in widths:
            self.xs.append(self.xs[-1] + w)

    def _cell_ops(self, lines: list[str], col: int, top: float, height: float, face, centred: bool) -> list:
        ops = []
        y = top - (height - len(lines) * LEADING) / 2 - (LEADING - SIZE) / 2 - SIZE * 0.88
        for line in lines:
            w = face.width(line, SIZE)
            x = self.xs[col] + PAD
            if centred:
                x = self.xs[col] + max(PAD, (self.widths[col] - w) / 2)
            if line:
                ops.append((JUSTIFIED, face.name, SIZE, x, y, line, 0.0))
            y -= LEADING
        return ops

    def _box(self, top: float, bottom: float, width: float = 0.5) -> list:
        segments = [(self.xs[0], top, self.xs[-1], top), (self.xs[0], bottom, self.xs[-1], bottom)]
        segments += [(x, top, x, bottom) for x in self.xs]
        return [(LINES, segments, width)]

    def header(self) -> Group:
        labels = [c.label.split("\n") for c in self.columns]
        n = max(len(parts) for parts in labels)

        def render(a, b, top, scale, _bottom):
            h = n * LEADING + 2 * PAD
            ops = [(RECT, self.xs[0], top - h, self.xs[-1] - self.xs[0], h, 0, 1, GREY_FILL), (FILL_COLOR, BLACK)]
            for i, parts in enumerate(labels):
                ops += self._cell_ops(parts, i, top, h, self.head, True)
            return ops + self._box(top, top - h, 0.8)

        return Group([LEADING] * n, render, pad=PAD, keep_together=True, keep_with_next=True, kind="table-header")

    def row(self, values: list[str], continuation: Callable[[], list[Group]]) -> Group:
        cells = [break_text(v or "", self.face, SIZE, w - 2 * PAD) for v, w in zip(values, self.widths, strict=True)]
        n = max(len(c) for c in cells)

        marker = max((i for i, c in enumerate(self.columns) if c.identity), default=-1)

        def render(a, b, top, scale, _bottom):
            whole = a == 0 and b == n
            h = (b - a) * LEADING + 2 * PAD
            ops = []
            for i, lines in enumerate(cells):
                col = self.columns[i]
                if whole:  # short cells centred in the row's height
                    ops += self._cell_ops(lines, i, top, h, self.face, not col.wide)
                    continue
                part = lines[a:b]
                if col.identity and a > 0:  # a continued row says whose it is
                    part = lines[:1] + ([CONTINUED] if i == marker and b - a > 1 else [])
                ops += self._cell_ops(part, i, top, len(part) * LEADING + 2 * PAD, self.face, not col.wide)
            return ops + self._box(top, top - h)

        return Group([LEADING] * n, render, pad=PAD, keep_together=n <= 6, continuation=continuation, kind="row")


def add_table(gw: Gongwen, columns: list[GwColumn], records: list, heading: Callable[[], Group] | None = None,
              widths: list[float] | None = None) -> None:
    """The header row and one group per record; `heading()` makes the （续） heading for continued pages."""
    values = [[c.value(r, n) for c in columns] for n, r in enumerate(records, start=1)]
    table = GwTable(gw, columns, widths or column_widths(gw, columns, values))
    header = table.header()
    gw.add(header)

    def continuation() -> list[Group]:
        return ([heading()] if heading else []) + [header]

    for row in values:
        gw.add(table.row(row, continuation))
