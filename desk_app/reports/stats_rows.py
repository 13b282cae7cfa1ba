"""The rows of a 统计 breakdown as the page and the printed summary show them: the groups, then rows
that hold what the groups leave out (督办/议定/重点任务 have no 层级; categories past the top N), then
合计 — so every table adds up to the figures in its heading."""

from __future__ import annotations

from dataclasses import dataclass, replace

from desk_app.domain import EntryKind
from desk_app.services import stats
from desk_app.services.ledger_query import LedgerFilter

OTHER_LAYER = "其他事项（无层级）"
TOTAL = "合计"
NO_LAYER_KINDS = [k.value for k in EntryKind if k != EntryKind.RECTIFICATION]


@dataclass(frozen=True)
class SummaryRow(stats.GroupStats):
    """A row that sums other rows (其他事项, 其余 N 类, 合计): no 序号, not a group of its own."""


@dataclass(frozen=True)
class BreakdownTable:
    groups: list[stats.GroupStats]
    rest: list[SummaryRow]  # what the groups leave out, one row each
    total: SummaryRow

    @property
    def rows(self) -> list[stats.GroupStats]:
        return [*self.groups, *self.rest, self.total]


def sum_rows(key: str, rows) -> SummaryRow:
    rows = list(rows)
    return SummaryRow(key, sum(r.total for r in rows), sum(r.done for r in rows), sum(r.overdue for r in rows))


def layer_filter(f: LedgerFilter) -> LedgerFilter:
    """层级 belongs to 问题整改 only: what a 按层级 row (and a double-click on it) counts."""
    return replace(f, kinds=[EntryKind.RECTIFICATION])


def breakdown_table(f: LedgerFilter, dimension: str, limit: int | None = None) -> BreakdownTable:
    """The breakdown of `f` by `dimension`; with `limit`, the groups past it sum into one row."""
    if dimension == "layer":
        groups = stats.breakdown(layer_filter(f), dimension)
        others = [g for g in stats.breakdown(f, "kind") if g.key != EntryKind.RECTIFICATION]
        rest = [sum_rows(OTHER_LAYER, others)] if others else []
    else:
        groups = stats.breakdown(f, dimension)
        rest = []
        if limit is not None and len(groups) > limit:
            groups, left_out = groups[:limit], groups[limit:]
            rest = [sum_rows(f"其余 {len(left_out)} 类", left_out)]
    if dimension == "assist_department":  # an entry with several 配合 departments is one entry in 合计
        from desk_app.services.assists import assisted_totals  # noqa: PLC0415

        return BreakdownTable(groups, rest, SummaryRow(TOTAL, *assisted_totals(f)))
    return BreakdownTable(groups, rest, sum_rows(TOTAL, [*groups, *rest]))
