"""Demo data for a first trial of the program (the GUI's 用演示数据试用 and `desk-app demo`)."""

from __future__ import annotations

from desk_app import demo_cycle
from desk_app.demo import DEFAULT_ENTRIES, DemoResult, build_demo


def build(entries: int = DEFAULT_ENTRIES, seed: int = 1, progress=None) -> DemoResult:
    """Fill an empty data folder with the demo campaign, all in one transaction."""
    result = build_demo(entries=entries, seed=seed, progress=progress)
    demo_cycle.freeze_history(result.campaign_id)  # the past months frozen, for the 通报 pages
    return result
