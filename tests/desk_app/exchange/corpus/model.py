"""How a corpus ledger is described: the sheet as the office lays it out, and what each row must
become. Kept apart from the layouts so they read as data."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Skip:
    """A row that is not an entry; `reason` must appear in the preview's reason."""

    reason: str


@dataclass
class Layout:
    name: str  # file stem
    source: str  # where the layout was seen (published page), for the record
    sheet: str
    title: list[list]  # rows above the header (title, 填报单位 / 日期 line)
    header: list[list]  # one or two rows
    header_merges: list[str]  # A1-style ranges, rows counted in the sheet
    body: list[list]  # rows under the header: entries, section rows, 合计, footers
    expected: list  # per body row: Skip(...) or a dict of field -> expected value
    body_merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # (c1, r1, c2, r2) 0-based, body rows
    title_merges: list[str] = field(default_factory=list)
    hidden_first_sheet: bool = False
    formulas: dict[tuple[int, int], tuple[str, object]] = field(default_factory=dict)  # (body row, col) -> (formula, cached)
    campaign_year: int = 2023

    @property
    def first_body_row(self) -> int:
        return len(self.title) + len(self.header) + 1

    def entry_rows(self) -> list[tuple[int, dict]]:
        return [(self.first_body_row + i, e) for i, e in enumerate(self.expected) if isinstance(e, dict)]

    def skipped_rows(self) -> list[tuple[int, Skip]]:
        return [(self.first_body_row + i, e) for i, e in enumerate(self.expected) if isinstance(e, Skip)]
