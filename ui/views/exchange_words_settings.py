"""设置 › 导入词表: the words an Excel import reads 状态 and 整改时限 cells with. Shipped with a rich
default; a clerk adds the words of their own ledgers (or removes one), and 恢复默认 undoes that."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError
from desk_app.services import import_words


class WordDialog(QDialog):
    def __init__(self, meanings: dict[str, str], word: str = "", meaning: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Word"))
        self.word = QLineEdit(word)
        self.word.setPlaceholderText(self.tr("as written in the sheet, e.g. 基本完成"))
        self.meaning = QComboBox()
        for key, label in meanings.items():
            self.meaning.addItem(label, key)
        self.meaning.setCurrentIndex(max(self.meaning.findData(meaning), 0))
        form = QFormLayout(self)
        form.addRow(self.tr("Word"), self.word)
        form.addRow(self.tr("Means"), self.meaning)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class WordTable(QGroupBox):
    def __init__(self, table: str, title: str, parent=None):
        super().__init__(title, parent)
        self.table_name = table
        self.table = QTableWidget(0, 3)
        self.table.setObjectName(f"words_{table}")
        self.table.setHorizontalHeaderLabels([self.tr("Word"), self.tr("Means"), self.tr("Source")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.doubleClicked.connect(self.edit)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Find a word…"))
        self.filter.textChanged.connect(self.refresh)
        add = QPushButton(self.tr("Add…"))
        add.clicked.connect(self.add)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self.remove)
        reset = QPushButton(self.tr("Restore defaults"))
        reset.clicked.connect(self.reset)
        buttons = QHBoxLayout()
        for button in (add, remove, reset):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def meanings(self) -> dict[str, str]:
        if self.table_name == "deadlines":
            return {"immediate": self.tr("立行立改"), "long_term": self.tr("长期坚持"),
                    "year_end": self.tr("12月31日 of the campaign year")}
        return dict(import_words.STATUS_MEANINGS)

    def refresh(self) -> None:
        needle = self.filter.text().strip()
        rows = [r for r in import_words.rows(self.table_name) if not needle or needle in r.word]
        meanings = self.meanings()
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(row.word))
            self.table.setItem(i, 1, QTableWidgetItem(meanings.get(row.meaning, row.meaning)))
            self.table.setItem(i, 2, QTableWidgetItem(self.tr("shipped") if row.shipped else self.tr("added here")))

    def _save(self, word: str, meaning: str) -> None:
        try:
            import_words.set_word(self.table_name, word, meaning)
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), exc.message)
            return
        self.refresh()

    def add(self) -> None:
        dialog = WordDialog(self.meanings(), parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._save(dialog.word.text(), dialog.meaning.currentData())

    def edit(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        word = self.table.item(row, 0).text()
        meaning = import_words.table(self.table_name).get(word, "")
        dialog = WordDialog(self.meanings(), word, meaning, self)
        dialog.word.setReadOnly(True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._save(word, dialog.meaning.currentData())

    def remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            import_words.remove_word(self.table_name, self.table.item(row, 0).text())
            self.refresh()

    def reset(self) -> None:
        answer = QMessageBox.question(self, self.tr("Restore defaults"),
                                      self.tr("Drop the words added or removed here and use the shipped list?"))
        if answer == QMessageBox.StandardButton.Yes:
            import_words.reset_table(self.table_name)
            self.refresh()


class ExchangeWordsSettings(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Import words"))
        intro = QLabel(self.tr("When an Excel ledger is imported, its 状态 and 整改时限 cells are read with these "
                               "words (a cell may also start with one, e.g. “已完成，建立制度3项”). Add the words "
                               "your offices write; the import's report lists every value it read this way."))
        intro.setWordWrap(True)
        self.statuses = WordTable("statuses", self.tr("Status words"))
        self.deadlines = WordTable("deadlines", self.tr("Deadline words"))
        tables = QHBoxLayout()
        tables.addWidget(self.statuses)
        tables.addWidget(self.deadlines)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(tables, 1)
        self.refresh()

    def refresh(self) -> None:
        self.statuses.refresh()
        self.deadlines.refresh()
