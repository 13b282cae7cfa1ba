"""A question with a few named answers (重试 / 数据库设置… / 退出 …): the first is the default, the last is
what Esc and closing the box mean."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def choose(icon: QMessageBox.Icon, title: str, text: str, answers: list[tuple[str, str]]) -> str:
    """Ask; returns the value of the answer clicked. answers: (button text, value), the default first."""
    box = QMessageBox(icon, title, text)
    roles = [QMessageBox.ButtonRole.AcceptRole] + [QMessageBox.ButtonRole.ActionRole] * (len(answers) - 2) \
        + [QMessageBox.ButtonRole.RejectRole]
    buttons = {box.addButton(label, role): value for (label, value), role in zip(answers, roles, strict=True)}
    box.setDefaultButton(next(iter(buttons)))
    box.exec()
    return buttons.get(box.clickedButton(), answers[-1][1])
