"""Layout faults a review found: blocks running off the page, texts drawn over each other."""

from __future__ import annotations

import pytest

from desk_app.reports import registry
from desk_app.reports.layout import JUSTIFIED, TEXT
from desk_app.reports.options import PrintOptions
from desk_app.services import settings

from print_helpers import page_texts


def squash(text: str) -> str:
    return "".join(text.split())


def text_boxes(doc) -> list[tuple[int, float, float, float, str]]:
    """(page, x_left, x_right, baseline, text) of every line of text the document draws."""
    fonts = {f.name: f for f in (doc.fonts.body, doc.fonts.heading, doc.fonts.title)}
    boxes = []
    for number, page in enumerate(doc.pages):
        for op in page.ops:
            if op[0] in (TEXT, JUSTIFIED):
                width = fonts[op[1]].width(op[5], op[2])
                if op[0] == JUSTIFIED:
                    width += op[6] * (len(op[5]) - 1)
                boxes.append((number, op[3], op[3] + width, op[4], op[5]))
    return boxes


def assert_inside_frame(doc) -> None:
    right = doc.setup.width - doc.setup.right + 0.5
    outside = [b[4] for b in text_boxes(doc) if b[1] < doc.setup.left - 0.5 or b[2] > right]
    assert not outside


@pytest.mark.parametrize("kind,a3", [("stats", False), ("rosters", False), ("stats", True), ("ledger", False),
                                     ("dispatch", False), ("key-tasks", False), ("problem-list", False)])
def test_header_block_keeps_the_whole_phone_number_on_the_page(demo, kind, a3):
    header = settings.report_header()
    settings.save_report_header(settings.ReportHeader(
        unit="市财政局“观念能力作风建设年”活动办公室", filled_by=header.filled_by or "易春燕",
        reviewed_by=header.reviewed_by or "赖晓东", phone="0797-13471234567"))
    doc = registry.get_kind(kind).build(PrintOptions(a3=a3))
    flat = squash(page_texts(doc.render())[0])
    for part in ("市财政局“观念能力作风建设年”活动办公室", "联系电话：0797-13471234567", "填报日期："):
        assert part in flat
    assert_inside_frame(doc)
