"""首页 on an empty data folder: what the program is for and the two ways to begin."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from desk_app.services import demo_data

from ..tasks import Task, run_with_progress
from .campaign_settings import CampaignDialog


class FirstRunPanel(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setObjectName("first_run")
        text = QLabel(self.tr(
            "This program keeps the campaign office's task forces, monthly meetings and rectification "
            "ledgers. Start by creating the campaign you work on, then add departments and people in "
            "Settings; or try everything first on demo data (a made-up campaign that you can replace later "
            "by choosing another data folder)."))
        text.setWordWrap(True)
        self.new_button = QPushButton(self.tr("New campaign…"))
        self.new_button.setObjectName("first_run_new")
        self.new_button.clicked.connect(lambda *_: self.new_campaign())
        self.demo_button = QPushButton(self.tr("Try it with demo data"))
        self.demo_button.setObjectName("first_run_demo")
        self.demo_button.clicked.connect(lambda *_: self.build_demo())
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(buttons)
        self.task: Task | None = None

    def new_campaign(self) -> None:
        dialog = CampaignDialog(self)
        if dialog.exec() and dialog.created:
            self._changed()

    def build_demo(self) -> Task:
        def work(progress):  # cancelling raises Cancelled: the whole demo is one transaction, nothing stays
            return demo_data.build(progress=progress)

        self.task = Task(work, self.tr("Building demo data…"))
        self.task.finished_ok.connect(lambda _result: self._changed())
        self.task.failed.connect(lambda message: QMessageBox.warning(self, self.tr("Demo data"), message))
        return run_with_progress(self, self.task, show_errors=False)

    def _changed(self) -> None:
        self.state.reload_campaign()
        self.state.data_changed.emit()
