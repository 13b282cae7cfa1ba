"""Demo data for a first trial of the program (the GUI's 用演示数据试用 and `desk-app demo`)."""

from __future__ import annotations

from desk_app import demo_cycle
from desk_app.demo import DEFAULT_ENTRIES, DemoResult, build_demo

# Freezing the campaign's past months (for the 通报 pages' trend and ↑↓) stores every entry once per month:
# a trial ledger's year in a second, a 100,000-entry benchmark ledger's in well over a minute. Above this
# size the demo leaves its months unfrozen (`desk-app freeze` freezes one when wanted).
FREEZE_HISTORY_UP_TO = 20_000


def history_frozen(entries: int) -> bool:
    return entries <= FREEZE_HISTORY_UP_TO


def build(entries: int = DEFAULT_ENTRIES, seed: int = 1, progress=None) -> DemoResult:
    """Fill an empty data folder with the demo campaign, all in one transaction, then freeze its past
    months (for a ledger up to FREEZE_HISTORY_UP_TO entries)."""
    result = build_demo(entries=entries, seed=seed, progress=progress)
    if history_frozen(entries):
        demo_cycle.freeze_history(result.campaign_id)  # the past months frozen, for the 通报 pages
    return result
