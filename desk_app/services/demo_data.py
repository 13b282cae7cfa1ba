"""Demo data for a first trial of the program (the GUI's 用演示数据试用 and `desk-app demo`)."""

from __future__ import annotations

from desk_app import demo_cycle
from desk_app.demo import DEFAULT_ENTRIES, INDEX_INLINE_UP_TO, DemoResult, build_demo, stage
from desk_app.progress import report

from . import search

# Freezing the campaign's 24 past months (for the 通报 pages' trend and ↑↓) stores every entry once per month
# it existed in: the 450-entry demo's in about a second of CPU, 20,000 entries' (246,000 frozen rows) in
# about 30 s, 100,000 entries' in some two and a half minutes. Above this size the demo leaves its months
# unfrozen (`desk-app freeze` freezes one when wanted) and stays within issue 18's 30 s.
FREEZE_HISTORY_UP_TO = 10_000


def history_frozen(entries: int) -> bool:
    return entries <= FREEZE_HISTORY_UP_TO


def indexed_now(entries: int, index: bool | None = None) -> bool:
    """Whether the demo indexes itself for search before it returns (index=None: up to INDEX_INLINE_UP_TO);
    otherwise the window's background step does, at its next start, and searches scan meanwhile."""
    return entries <= INDEX_INLINE_UP_TO if index is None else index


def build(entries: int = DEFAULT_ENTRIES, seed: int = 1, progress=None, index: bool | None = None) -> DemoResult:
    """Fill an empty data folder with the demo campaign, all in one transaction; then freeze its past
    months (for a ledger up to FREEZE_HISTORY_UP_TO entries) and index it for search (see indexed_now).
    Freezing sets entries back to how they stood and puts them back, which queues them for search: the
    index comes last."""
    frozen = history_frozen(entries)
    built_share = 55 if frozen else 85
    result = build_demo(entries=entries, seed=seed, progress=stage(progress, 0, built_share), index=False)
    if frozen:
        demo_cycle.freeze_history(result.campaign_id, progress=stage(progress, built_share, 85))
    if indexed_now(entries, index):
        search.sync(stage(progress, 85, 100))
    report(progress, 100, 100, "")
    return result
