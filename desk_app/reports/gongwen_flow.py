"""Page breaking for 公文: content as groups of lines, cut into pages by the rules offices expect.

A group is a run of lines that belongs together (a paragraph, a heading, a table row, the signature).
The rules, applied where a page ends:
- never one line of a paragraph or row alone at the foot or the head of a page (`min_split`);
- a group marked `keep_together` moves whole to the next page (unless it is taller than a page);
- a heading (`keep_with_next`) never ends a page: it moves with what follows;
- a closing block (`closing`: signature and date, 出席/请假/列席, 版记) never stands alone on a page:
  the last lines of the body come with it;
- when the rest of the document is at most one line longer than the page, the page takes it with a
  slightly smaller line pitch instead (GB/T 9704-2012 §7.3.5.5: 可以采取调整行距、字距的措施; offices
  add one line to a page so that no page holds only the signature);
- a group that continues a table on a new page brings its `continuation` (the group heading marked
  （续） and the header row) to the top of that page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# render(first_line, end_line, top_y, scale, frame_bottom_y) -> drawing operations for layout.Document
Render = Callable[[int, int, float, float, float], list]


@dataclass
class Group:
    heights: list[float]
    render: Render
    pad: float = 0.0  # added above and below every fragment (table rows)
    keep_together: bool = False
    keep_with_next: bool = False
    closing: bool = False
    blank: bool = False  # white space: dropped at the top of a page
    fill_bottom: bool = False  # drawn against the foot of the text block (版记)
    continuation: Callable[[], list[Group]] | None = None
    min_split: int = 2
    kind: str = ""  # what it is, for tests and debugging: body, title, heading, row, signature …

    def span(self, a: int = 0, b: int | None = None) -> float:
        b = len(self.heights) if b is None else b
        return sum(self.heights[a:b]) + 2 * self.pad

    @property
    def lines(self) -> int:
        return len(self.heights)


@dataclass
class Piece:
    group: Group
    a: int
    b: int


@dataclass
class PageLayout:
    pieces: list[Piece] = field(default_factory=list)
    scale: float = 1.0


def _fit(group: Group, start: int, room: float) -> int:
    """How many lines of `group` from `start` fit in `room`."""
    used = 2 * group.pad
    count = 0
    for h in group.heights[start:]:
        if used + h > room + 0.01:
            break
        used += h
        count += 1
    return count


def _rest_height(groups: list[Group], g: int, line: int) -> float:
    total = groups[g].span(line) if g < len(groups) else 0.0
    return total + sum(grp.span() for grp in groups[g + 1:])


class Paginator:
    def __init__(self, groups: list[Group], capacity: float, squeeze: float = 0.0):
        self.groups = groups
        self.capacity = capacity
        self.squeeze = squeeze  # how much longer than the page the last page may be squeezed

    def pages(self) -> list[PageLayout]:
        groups, pages = self.groups, []
        g, line = 0, 0
        while g < len(groups):
            if line == 0 and groups[g].blank and pages:
                g += 1
                continue
            page = PageLayout()
            used = 0.0
            if pages and groups[g].continuation is not None:
                for extra in groups[g].continuation():
                    page.pieces.append(Piece(extra, 0, extra.lines))
                    used += extra.span()
            room = self.capacity - used
            rest = _rest_height(groups, g, line)
            if room < rest <= room + self.squeeze:
                page.scale = room / rest
                self._place_rest(page, g, line)
                pages.append(page)
                break
            g, line = self._fill(page, g, line, room)
            pages.append(page)
        return pages or [PageLayout()]

    def _place_rest(self, page: PageLayout, g: int, line: int) -> None:
        for i in range(g, len(self.groups)):
            grp = self.groups[i]
            page.pieces.append(Piece(grp, line if i == g else 0, grp.lines))

    def _fill(self, page: PageLayout, g: int, line: int, room: float) -> tuple[int, int]:
        """Place what fits from (g, line); returns where the next page starts."""
        groups = self.groups
        start = (g, line)
        used = 0.0
        gi, li = g, line
        cut = None
        while gi < len(groups):
            grp = groups[gi]
            k = _fit(grp, li, room - used)
            if k == grp.lines - li:
                used += grp.span(li)
                gi, li = gi + 1, 0
                continue
            cut = (gi, li + k)
            break
        if cut is None:
            end = (len(groups), 0)
        else:
            end = self._adjust(cut[0], cut[1], start)
            if end <= start:  # the rules would leave the page empty: cut plainly, at least one line
                end = cut if cut > start else self._next_line(start)
        for i in range(start[0], min(end[0] + 1, len(groups))):
            a = start[1] if i == start[0] else 0
            b = groups[i].lines if i < end[0] else end[1]
            if b > a:
                page.pieces.append(Piece(groups[i], a, b))
        return end

    def _next_line(self, at: tuple[int, int]) -> tuple[int, int]:
        g, line = at
        return (g + 1, 0) if line + 1 >= self.groups[g].lines else (g, line + 1)

    def _adjust(self, gi: int, bi: int, start: tuple[int, int]) -> tuple[int, int]:
        """Move the cut at line `bi` of group `gi` back to where the rules allow it."""
        groups = self.groups
        grp = groups[gi]
        first = start[1] if gi == start[0] else 0
        if bi > first:
            if grp.keep_together and grp.span() <= self.capacity or bi - first < grp.min_split:
                bi = first
            elif grp.lines - bi < grp.min_split:
                bi = grp.lines - grp.min_split
                if bi - first < grp.min_split:
                    bi = first
        if bi > first:
            return self._enough_body_before_closing((gi, bi), start)
        # The group starts on the next page: bring along what must stay with it.
        cut = (gi, first)
        while cut[0] > start[0] and cut[1] == 0:
            prev = groups[cut[0] - 1]
            if prev.blank or prev.keep_with_next:
                cut = (cut[0] - 1, start[1] if cut[0] - 1 == start[0] else 0)
                continue
            break
        moving = groups[cut[0]]
        if cut[1] == 0 and (moving.closing or grp.closing) and cut[0] > start[0]:
            return self._pull_body_lines(cut, start)
        return self._enough_body_before_closing(cut, start)

    def _enough_body_before_closing(self, cut: tuple[int, int], start: tuple[int, int]) -> tuple[int, int]:
        """When only the closing block and fewer than two body lines would follow the cut on the next
        page, move the cut back so that two body lines go with the closing block."""
        groups = self.groups
        count, i, height = 0, cut[0], 0.0
        while i < len(groups) and not groups[i].closing:
            a = cut[1] if i == cut[0] else 0
            if not groups[i].blank:
                count += groups[i].lines - a
            height += groups[i].span(a)
            i += 1
        if i >= len(groups) or count >= 2:
            return cut
        if height + sum(g.span() for g in groups[i:]) > self.capacity:
            return cut  # the closing block does not reach the next page anyway
        if cut[1] > 0:
            grp = groups[cut[0]]
            back = cut[1] - (2 - count)
            first = start[1] if cut[0] == start[0] else 0
            if not grp.keep_together and back - first >= grp.min_split:
                return cut[0], back
            moved = cut[1] - first  # lines of this group that now go to the next page too
            cut = (cut[0], first)
            if cut <= start:
                return cut
            return self._pull_body_lines(cut, start, need=2 - count - moved)
        return self._pull_body_lines(cut, start, need=2 - count) if cut > start else cut

    def _pull_body_lines(self, cut: tuple[int, int], start: tuple[int, int], need: int = 2) -> tuple[int, int]:
        """A closing block starts the next page: move at least `need` lines of the body with it, cutting
        a paragraph only where neither part is left with fewer than its `min_split` lines."""
        groups = self.groups
        i = cut[0] - 1
        while i >= start[0]:
            prev = groups[i]
            first = start[1] if i == start[0] else 0
            if prev.blank:
                i -= 1
                continue
            on_page = prev.lines - first
            keep = prev.lines - max(need, prev.min_split)
            if not prev.keep_together and keep - first >= prev.min_split:
                return i, keep
            need -= on_page
            while i > start[0] and groups[i - 1].keep_with_next and not groups[i - 1].blank:
                i -= 1  # a heading goes with the paragraph it heads
            if need <= 0 or (i, first) <= start:
                break
            i -= 1
        at = (i, start[1] if i == start[0] else 0)
        return at if at > start else cut
