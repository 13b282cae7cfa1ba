"""配合处室 in the entry editor: the departments picked from a list (filtered by name, short name or
pinyin initials) or typed ("预算、国库"), separated by 、. Names that are not departments stay as text
and are named under the field, so the clerk sees what will not be counted by department."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.services import assists, org
from desk_app.services.assists_names import split_names

ALIASES_ROLE = Qt.ItemDataRole.UserRole + 1


def _aliases(name: str, short: str) -> str:
    """What the list filter matches: the names and their pinyin and initials (pypinyin when first asked)."""
    from desk_app.name_keys import name_keys  # noqa: PLC0415 - pypinyin loads on the first filter typed

    parts = [name, short]
    for text in (name, short):
        if text:
            reading, initials = name_keys(text)
            parts += [reading.replace(" ", ""), initials]
    return " ".join(p.lower() for p in parts if p)


class AssistDialog(QDialog):
    """Tick the 配合 departments; type to filter (名称、简称、拼音或首字母)."""

    def __init__(self, chosen: list[str], exclude: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assisting departments"))
        self.filter = QLineEdit()
        self.filter.setObjectName("assist_filter")
        self.filter.setPlaceholderText(self.tr("Filter: name, short name or pinyin initials"))
        self.filter.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setObjectName("assist_list")
        names = assists.department_names()
        chosen_ids = {names.find(n) for n in chosen}
        for d in org.list_departments():
            if d.name == exclude:
                continue
            item = QListWidgetItem(d.name)
            item.setData(Qt.ItemDataRole.UserRole, d.id)
            item.setData(ALIASES_ROLE, (d.name, d.short_name))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if d.id in chosen_ids else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.itemActivated.connect(self._toggle)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(360, 460)
        self.filter.setFocus()

    def _toggle(self, item: QListWidgetItem) -> None:
        item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                           else Qt.CheckState.Checked)

    def _filter(self, text: str) -> None:
        typed = "".join(text.split()).lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            if not typed:
                item.setHidden(False)
                continue
            aliases = item.data(ALIASES_ROLE)
            if isinstance(aliases, tuple):
                aliases = _aliases(*aliases)
                item.setData(ALIASES_ROLE, aliases)
            item.setHidden(typed not in aliases)

    def chosen(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]


class AssistPicker(QWidget):
    """A line holding the 配合处室 text (what EntryInput.co_departments carries) and a 选择… button."""

    textChanged = Signal(str)  # noqa: N815 - the QLineEdit signal it stands in for

    def __init__(self, parent=None):
        super().__init__(parent)
        self.line = QLineEdit()
        self.line.setObjectName("assist_line")
        self.line.setPlaceholderText(self.tr("Pick with … or type names separated by 、"))
        self.button = QToolButton()
        self.button.setObjectName("assist_choose")
        self.button.setText(self.tr("Choose…"))
        self.button.clicked.connect(self.choose)
        self.hint = QLabel()
        self.hint.setObjectName("assist_hint")
        self.hint.setStyleSheet("color: #b26a00;")
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.exclude = ""  # the 牵头 department's name: it does not assist itself
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.line)
        self.line.textChanged.connect(self._changed)

    def text(self) -> str:
        return self.line.text()

    def setText(self, text: str) -> None:  # noqa: N802 - QLineEdit's name, so the editor treats both alike
        self.line.setText(text or "")

    def _changed(self, text: str) -> None:
        self.line.setToolTip(text)  # the field is narrow; the whole list on hover
        unmatched = assists.unmatched_in(text)
        self.hint.setText(self.tr("Not in the department list (kept as text, not counted by department): %1")
                          .replace("%1", "、".join(unmatched)))
        self.hint.setVisible(bool(unmatched))
        self.textChanged.emit(text)

    def choose(self) -> None:
        written = split_names(self.line.text())
        dialog = AssistDialog(written, self.exclude, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        others = assists.unmatched_in(self.line.text())
        self.line.setText("、".join(dialog.chosen() + others))
