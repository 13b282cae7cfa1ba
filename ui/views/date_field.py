"""The one date widget of every form: type a date the way clerks do, or pick it from a calendar.

Typing goes through desk_app.exchange.dates.parse_typed_date (2026-12-01, 20261201, 2026.12.1, 2026/12/1,
12月1日 in the campaign's year). An empty field reads 未设置 and takes typing at once; Tab always leaves
it. Text that is no date stays as typed, turns red and says why; value() then raises ValidationError,
so the form's usual error path shows the message. Keys: ↑/↓ a day, PgUp/PgDn a month, Ctrl+; today,
F4 or Alt+↓ the calendar (opening on the field's date, else today).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import ValidationError
from desk_app.services import campaigns, context

DISPLAY_FORMAT = "%Y-%m-%d"
_ERROR_STYLE = "QLineEdit { border: 1px solid #c62828; }"


def default_year() -> int:
    """The year a month-and-day (12月1日) belongs to: the current campaign's, else this year."""
    try:
        current = campaigns.current_campaign()
    except Exception:  # noqa: BLE001 - no database open (a settings dialog before the data): today's year
        current = None
    return current.year if current else context.today().year


class CalendarPopup(QFrame):
    """A calendar under the field; a click or Enter picks the day, Esc closes without a change."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget | None):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)

    def open_on(self, day: date, below: QWidget) -> None:
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.setCurrentPage(day.year, day.month)
        self.adjustSize()
        spot = below.mapToGlobal(QPoint(0, below.height()))
        screen = below.screen() or QGuiApplication.primaryScreen()
        if screen is not None:  # keep the whole calendar on the screen (1366×768 laptops)
            area = screen.availableGeometry()
            if spot.y() + self.height() > area.bottom():
                spot.setY(below.mapToGlobal(QPoint(0, 0)).y() - self.height())
            spot.setX(max(area.left(), min(spot.x(), area.right() - self.width())))
        self.move(spot)
        self.show()
        self.calendar.setFocus()

    def _pick(self, day: QDate) -> None:
        self.hide()
        self.picked.emit(day)


class DateField(QWidget):
    """A date or, when clearable, nothing (未设置). value() -> date | None; set_value(date | None)."""

    dateChanged = Signal()  # the value (not the text being typed) changed

    def __init__(self, clearable: bool = True, parent: QWidget | None = None, *, field: str = ""):
        super().__init__(parent)
        self.clearable = clearable
        self.field = field  # the service field name a ValidationError from value() carries
        self._value: date | None = None
        self._error = ""
        self.edit = QLineEdit(self)
        self.edit.setObjectName("date_text")
        self.edit.setPlaceholderText(self.tr("Not set") if clearable else self.tr("yyyy-mm-dd"))
        self.edit.setToolTip(self._hint())
        self.edit.setClearButtonEnabled(clearable)
        self.edit.editingFinished.connect(self.commit)
        self.edit.installEventFilter(self)
        self.button = QToolButton(self)
        self.button.setObjectName("date_calendar_button")
        self.button.setText("▾")
        self.button.setToolTip(self.tr("Pick from the calendar (F4)"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.open_calendar)
        self.popup: CalendarPopup | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("2026-12-31") + 40)
        if not clearable:
            self.set_value(context.today())

    def _hint(self) -> str:
        return self.tr("Type 2026-12-01, 20261201, 2026.12.1, 2026/12/1 or 12月1日; ↑/↓ change the day, "
                       "F4 opens the calendar")

    # -- value ------------------------------------------------------------------------------
    def value(self) -> date | None:
        """The date shown; None when clearable and empty. Text that is no date raises ValidationError."""
        self.commit()
        if self._error:
            raise ValidationError(self._error, self.field)
        return self._value

    def set_value(self, value: date | None) -> None:
        if value is None and not self.clearable:
            value = context.today()
        self._set(value)

    def error(self) -> str:
        """Why the typed text is not a date ('' when it is one, or empty and allowed)."""
        self.commit()
        return self._error

    def text(self) -> str:
        return self.edit.text()

    def _set(self, value: date | None) -> None:
        self._show_error("")
        self.edit.setText(value.strftime(DISPLAY_FORMAT) if value else "")
        if value != self._value:
            self._value = value
            self.dateChanged.emit()

    def commit(self) -> None:
        """Read the typed text: a date is shown in full (2026-12-01), anything else is marked red."""
        text = self.edit.text()
        shown = self._value.strftime(DISPLAY_FORMAT) if self._value else ""
        if not self._error and text == shown and (self._value is not None or self.clearable):
            return  # read already: no parsing (and no look-up of the campaign's year) on every filter() call
        # Its eight patterns are compiled when a date is first typed, not when a page with a date field opens.
        from desk_app.exchange.dates import DateParseError, parse_typed_date  # noqa: PLC0415

        try:
            parsed = parse_typed_date(text, default_year())
        except DateParseError as exc:
            self._show_error(str(exc))
            return
        if parsed is None and not self.clearable:
            self._show_error(self.tr("A date is needed here, e.g. 2026-12-01"))
            return
        self._set(parsed)

    def _show_error(self, message: str) -> None:
        self._error = message
        self.edit.setStyleSheet(_ERROR_STYLE if message else "")
        self.edit.setToolTip(message or self._hint())

    # -- keys and calendar ------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        edit = getattr(self, "edit", None)
        if edit is None:  # events still reach the filter while the field is being taken down
            return False
        if watched is edit and event.type() == QEvent.Type.KeyPress and self._key(event):
            return True
        return super().eventFilter(watched, event)

    def _key(self, event) -> bool:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
            self.open_calendar()
            return True
        if key == Qt.Key.Key_Semicolon and mods & Qt.KeyboardModifier.ControlModifier:  # Excel's "today"
            self._set(context.today())
            return True
        steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1, Qt.Key.Key_PageUp: 31, Qt.Key.Key_PageDown: -31}
        if key in steps and not mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier):
            self.commit()
            if not self._error:
                self._step(steps[key])
            return True
        return False

    def _step(self, days: int) -> None:
        current = self._value or context.today()
        if abs(days) == 31:  # a month: the same day, or the month's last day
            q = QDate(current.year, current.month, current.day).addMonths(1 if days > 0 else -1)
            self._set(date(q.year(), q.month(), q.day()))
        else:
            self._set(current + timedelta(days=days))
        self.edit.selectAll()

    def open_calendar(self) -> None:
        self.commit()
        if self.popup is None:
            # Without a parent: a form's error style (a red border on the field) must not reach the calendar.
            self.popup = CalendarPopup(None)
            self.popup.picked.connect(self._picked)
            self.destroyed.connect(self.popup.deleteLater)
        self.popup.open_on(self._value or context.today(), self.edit)

    def _picked(self, day: QDate) -> None:
        self._set(date(day.year(), day.month(), day.day()))
        self.edit.setFocus()
        self.edit.selectAll()
