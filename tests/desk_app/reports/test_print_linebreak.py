import pytest

from desk_app.reports import fonts
from desk_app.reports.linebreak import NO_LINE_END, NO_LINE_START, break_paragraph, break_text


@pytest.fixture(scope="module")
def font():
    return fonts.load(fonts.BUNDLED)


def test_lines_fit_the_width_and_keep_every_character(font):
    text = "对照行动方案梳理滞后事项，明确完成时限；加强督促检查，确保按期完成整改任务。" * 8
    lines = break_paragraph(text, font, 10, 120)
    assert len(lines) > 5
    assert "".join(lines) == text
    assert all(font.width(line, 10) <= 120 + 10 for line in lines)  # a closing mark may stay by its word


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(font):
    text = ("会议指出，各专班要（对照《行动方案》）抓落实！问题：是否“按期”完成？" * 30)
    for width in (37, 52, 61, 88, 101, 133, 170):
        lines = break_paragraph(text, font, 9, width)
        assert "".join(lines) == text
        for line in lines[1:]:
            assert line[0] not in NO_LINE_START, (width, line)
        for line in lines[:-1]:
            assert line[-1] not in NO_LINE_END, (width, line)


def test_codes_and_numbers_are_not_cut_when_they_fit(font):
    lines = break_paragraph("责任人张三负责问题 ZG-2026-0001 的整改，时限2026年6月30日", font, 9, 70)
    assert any("ZG-2026-0001" in line for line in lines)


def test_a_word_longer_than_the_line_breaks_after_a_hyphen(font):
    lines = break_paragraph("DB-2026-0001", font, 9, 40)
    assert lines[0].endswith("-")
    assert "".join(lines) == "DB-2026-0001"


def test_newlines_start_new_paragraphs(font):
    assert break_text("一、加强学习\n二、完善制度", font, 10, 500) == ["一、加强学习", "二、完善制度"]
    assert break_text("", font, 10, 100) == [""]


def test_character_widths_come_from_the_font(font):
    assert font.width("中", 10) == pytest.approx(10.0)
    assert font.width("1", 10) < font.width("中", 10)
