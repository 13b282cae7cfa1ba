"""行动方案 tab: edit the four parts, save as a new version, and compare versions side by side."""

from __future__ import annotations

import difflib
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_app.services import taskforces
from desk_app.services.taskforces import PLAN_PARTS, PlanInput

from .meeting_common import ServiceFailed, call


def side_by_side_html(old, new, labels: dict[str, str], headings: tuple[str, str]) -> str:
    """Two columns per part; removed text red and struck out on the left, added text green on the right."""
    rows = [f"<tr><th width='50%'>{html.escape(headings[0])}</th><th width='50%'>{html.escape(headings[1])}</th></tr>"]
    for name, _ in PLAN_PARTS:
        a = old.part(name) if old else ""
        b = new.part(name)
        left, right = [], []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if op == "equal":
                left.append(html.escape(a[i1:i2]))
                right.append(html.escape(b[j1:j2]))
            else:
                if i2 > i1:
                    left.append(f"<span style='background:#ffcdd2;text-decoration:line-through'>"
                                f"{html.escape(a[i1:i2])}</span>")
                if j2 > j1:
                    right.append(f"<span style='background:#c8e6c9'>{html.escape(b[j1:j2])}</span>")
        mark = "" if a == b else " ●"
        rows.append(f"<tr><td colspan='2' style='background:#eceff1'><b>{html.escape(labels[name])}{mark}</b></td></tr>")
        rows.append("<tr><td valign='top'>{}</td><td valign='top'>{}</td></tr>".format(
            "".join(left).replace("\n", "<br>"), "".join(right).replace("\n", "<br>")))
    return "<table width='100%' cellspacing='0' cellpadding='4' border='1' style='border-color:#cfd8dc'>" \
           + "".join(rows) + "</table>"


class PlanTab(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Action plan"))
        self.task_force = None
        self.versions: list = []
        self.labels = {"composition": self.tr("Composition"), "targets": self.tr("Targets"),
                       "measures": self.tr("Measures"), "safeguards": self.tr("Conduct safeguards")}
        self.current_label = QLabel()
        self.current_label.setObjectName("plan_current")
        self.current_label.setWordWrap(True)
        self.editors: dict[str, QPlainTextEdit] = {}
        form = QFormLayout()
        for name, _ in PLAN_PARTS:
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setObjectName(f"plan_{name}")
            self.editors[name] = editor
            form.addRow(self.labels[name] + "：", editor)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("What changed and why (optional)"))
        form.addRow(self.tr("Revision note:"), self.note)
        fill = QPushButton(self.tr("Composition from roster"))
        fill.clicked.connect(lambda *_: self.fill_composition())
        self.save_button = QPushButton(self.tr("Save as new version (Ctrl+S)"))
        self.save_button.setObjectName("save_plan")
        self.save_button.clicked.connect(lambda *_: self.save())
        QShortcut(QKeySequence.StandardKey.Save, self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        buttons = QHBoxLayout()
        buttons.addWidget(fill)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        editor_box = QWidget()
        el = QVBoxLayout(editor_box)
        el.setContentsMargins(0, 0, 0, 0)
        el.addWidget(self.current_label)
        el.addLayout(form, 1)
        el.addLayout(buttons)

        self.left_version = QComboBox()
        self.right_version = QComboBox()
        self.left_version.currentIndexChanged.connect(self.show_compare)
        self.right_version.currentIndexChanged.connect(self.show_compare)
        self.compare = QTextBrowser()
        self.compare.setObjectName("plan_compare")
        # one version per line: side by side the combos cut off the version dates
        pick = QFormLayout()
        pick.addRow(self.tr("Compare"), self.left_version)
        pick.addRow(self.tr("with"), self.right_version)
        compare_box = QWidget()
        cl = QVBoxLayout(compare_box)
        cl.setContentsMargins(0, 0, 0, 0)
        versions_label = QLabel(self.tr("Versions (kept unchanged; each save adds one):"))
        versions_label.setWordWrap(True)
        cl.addWidget(versions_label)
        cl.addLayout(pick)
        cl.addWidget(self.compare, 1)
        splitter = QSplitter()
        splitter.addWidget(editor_box)
        splitter.addWidget(compare_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def set_task_force(self, tf) -> None:
        self.task_force = tf
        self.versions = taskforces.plan_versions(tf.id) if tf else []
        latest = self.versions[-1] if self.versions else None
        for name, editor in self.editors.items():
            editor.setPlainText(latest.part(name) if latest else "")
        self.note.clear()
        if tf is None:
            self.current_label.setText("")
        elif latest is None:
            due = tf.plan_due_date.isoformat() if tf.plan_due_date else self.tr("no due date")
            self.current_label.setText(self.tr("No action plan yet (due %1). Write it below and save.")
                                       .replace("%1", due))
            self.current_label.setStyleSheet("color: #c62828;")
        else:
            self.current_label.setText(self.tr("Current: version %1, saved by %2 on %3.")
                                       .replace("%1", str(latest.version)).replace("%2", latest.created_by or "—")
                                       .replace("%3", latest.created_at.strftime("%Y-%m-%d %H:%M")))
            self.current_label.setStyleSheet("")
        for combo in (self.left_version, self.right_version):
            combo.blockSignals(True)
            combo.clear()
            for v in self.versions:
                combo.addItem(self.tr("v%1 · %2 · %3").replace("%1", str(v.version))
                              .replace("%2", v.created_at.strftime("%Y-%m-%d")).replace("%3", v.created_by or "—"),
                              v.version)
            combo.blockSignals(False)
        if self.versions:
            self.right_version.setCurrentIndex(len(self.versions) - 1)
            self.left_version.setCurrentIndex(max(0, len(self.versions) - 2))
        self.show_compare()

    def show_compare(self) -> None:
        if not self.versions:
            self.compare.setHtml(f"<p style='color:#607d8b'>{html.escape(self.tr('No versions yet.'))}</p>")
            return
        by_no = {v.version: v for v in self.versions}
        old = by_no.get(self.left_version.currentData())
        new = by_no.get(self.right_version.currentData()) or self.versions[-1]
        if old is new:
            old = None if len(self.versions) == 1 else old
        headings = (self.tr("Version %1").replace("%1", str(old.version)) if old else self.tr("(empty)"),
                    self.tr("Version %1").replace("%1", str(new.version)))
        text = side_by_side_html(old, new, self.labels, headings)
        if new.note:
            text += f"<p>{html.escape(self.tr('Revision note:'))} {html.escape(new.note)}</p>"
        self.compare.setHtml(text)

    def fill_composition(self) -> None:
        if self.task_force:
            self.editors["composition"].setPlainText(taskforces.suggested_composition(self.task_force.id))

    def plan_input(self) -> PlanInput:
        return PlanInput(*(self.editors[n].toPlainText() for n, _ in PLAN_PARTS), self.note.text())

    def save(self):
        if not self.task_force:
            return None
        try:
            record = call(self, taskforces.save_plan, self.task_force.id, self.plan_input())
        except ServiceFailed:
            return None
        self.changed.emit()
        return record
