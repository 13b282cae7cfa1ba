"""choose(): the answer clicked, the first one the default, and closing the box means the last one."""

import pytest
from PySide6.QtWidgets import QMessageBox

from ui.views.choice_box import choose

ANSWERS = [("重试", "retry"), ("数据库设置…", "settings"), ("退出", "quit")]


@pytest.mark.parametrize(("clicked", "expected"), [("数据库设置…", "settings"), ("重试", "retry"), (None, "quit")])
def test_the_clicked_answer_or_the_last_when_closed(qtbot, monkeypatch, clicked, expected):
    seen = []

    def exec_(box):
        seen.append(box.defaultButton().text())
        for button in box.buttons():
            if button.text() == clicked:
                button.click()

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert choose(QMessageBox.Icon.Critical, "题", "文", ANSWERS) == expected
    assert seen == ["重试"]
