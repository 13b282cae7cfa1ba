"""The preview's page area: every page of a PDF stacked top to bottom, rendered only when it comes into
view — one page per turn of the event loop, the visible ones first — so a 1,000-page ledger shows its
first page at once and the window stays responsive while the clerk scrolls."""

from __future__ import annotations

import bisect
from collections import OrderedDict

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractScrollArea

from .print_pdf import POINTS_PER_INCH, PdfPages

GAP = 12  # pixels around and between pages
CACHE_PAGES = 24  # rendered pages kept (a fit-width A4 page is 3–4 MB)
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
FIT_WIDTH, FIT_PAGE, CUSTOM = "fit_width", "fit_page", "custom"


class PageView(QAbstractScrollArea):
    currentPageChanged = Signal(int)
    pageRendered = Signal(int)  # tests and benchmarks wait on this

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("page_view")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setAutoFillBackground(False)
        self._pages: PdfPages | None = None
        self._mode = FIT_WIDTH
        self._zoom = 1.0  # 1.0 = actual size on this screen
        self._scale = 1.0  # pixels per point in the current layout
        self._tops: list[int] = []
        self._bottoms: list[int] = []
        self._widths: list[int] = []
        self._content_width = 0
        self._current = 0
        self._moving = False  # a go_to() is scrolling: keep the page it asked for
        self._cache: OrderedDict[tuple[int, int], QPixmap] = OrderedDict()
        self._wanted: list[int] = []
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(0)
        self._render_timer.timeout.connect(self._render_next)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.rendered_count = 0

    # --- document and layout --------------------------------------------------------------------
    def set_pages(self, pages: PdfPages | None) -> None:
        self._pages = pages
        self._cache.clear()
        self._current = 0
        self._relayout()
        self.verticalScrollBar().setValue(0)
        self.viewport().update()

    def page_count(self) -> int:
        return self._pages.count if self._pages is not None and not self._pages.closed else 0

    def _points_per_pixel_at_100(self) -> float:
        return self.logicalDpiX() / POINTS_PER_INCH

    def _fit_scale(self) -> float:
        width = max(1, self.viewport().width() - 2 * GAP)
        widest = max((self._pages.page_size(i).width() for i in range(self.page_count())), default=1)
        scale = width / widest
        if self._mode == FIT_PAGE and self.page_count():
            size = self._pages.page_size(self._current)
            scale = min(scale, max(1, self.viewport().height() - 2 * GAP) / size.height())
        return scale

    def _relayout(self) -> None:
        anchor, fraction = self._anchor()
        count = self.page_count()
        self._scale = self._fit_scale() if self._mode != CUSTOM else self._zoom * self._points_per_pixel_at_100()
        if self._mode != CUSTOM:
            self._zoom = self._scale / self._points_per_pixel_at_100()
        self._tops, self._bottoms, self._widths = [], [], []
        y = GAP
        for i in range(count):
            size = self._pages.page_size(i)
            self._tops.append(y)
            y += max(1, round(size.height() * self._scale))
            self._bottoms.append(y)
            self._widths.append(max(1, round(size.width() * self._scale)))
            y += GAP
        self._content_width = max(self._widths, default=0) + 2 * GAP
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, y - self.viewport().height()))
        bar.setPageStep(self.viewport().height())
        bar.setSingleStep(40)
        hbar = self.horizontalScrollBar()
        hbar.setRange(0, max(0, self._content_width - self.viewport().width()))
        hbar.setPageStep(self.viewport().width())
        hbar.setSingleStep(40)
        if count:
            self._scroll_to(anchor, fraction)
        self.viewport().update()

    def _anchor(self) -> tuple[int, float]:
        """The current page and how far into it the view's top is, to keep it in place on re-layout."""
        if not self._tops or self._current >= len(self._tops):
            return 0, 0.0
        top, bottom = self._tops[self._current], self._bottoms[self._current]
        return self._current, (self.verticalScrollBar().value() - (top - GAP)) / max(1, bottom - top)

    def _scroll_to(self, page: int, fraction: float = 0.0) -> None:
        top, bottom = self._tops[page], self._bottoms[page]
        self._moving = True
        try:
            self.verticalScrollBar().setValue(round(top - GAP + fraction * (bottom - top)))
        finally:
            self._moving = False
        self._set_current(page)

    # --- navigation -----------------------------------------------------------------------------
    def current_page(self) -> int:
        return self._current

    def go_to(self, page: int) -> None:
        if not self.page_count():
            return
        page = max(0, min(self.page_count() - 1, page))
        self._scroll_to(page)
        if self._mode == FIT_PAGE:
            self._relayout()

    def _set_current(self, page: int) -> None:
        if page != self._current:
            self._current = page
            self.currentPageChanged.emit(page)

    def _on_scrolled(self, value: int) -> None:
        if self._moving or not self._tops:
            return
        bar = self.verticalScrollBar()
        if value >= bar.maximum() > 0:
            page = len(self._tops) - 1  # at the end: the last page, however short
        else:
            page = min(bisect.bisect_right(self._bottoms, value + GAP), len(self._tops) - 1)
        self._set_current(page)

    # --- zoom -----------------------------------------------------------------------------------
    def zoom_factor(self) -> float:
        return self._zoom

    def mode(self) -> str:
        return self._mode

    def set_fit(self, mode: str) -> None:
        self._mode = mode
        self._relayout()

    def set_zoom(self, factor: float) -> None:
        self._mode = CUSTOM
        self._zoom = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], factor))
        self._relayout()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self._zoom + 0.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self._zoom - 0.01), ZOOM_STEPS[0]))

    # --- events ---------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._relayout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt override
        self.viewport().update()

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            (self.zoom_in if event.angleDelta().y() > 0 else self.zoom_out)()
            event.accept()
            return
        super().wheelEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), QColor("#7f8c8d"))
        count = len(self._tops)
        if not count:
            return
        top = self.verticalScrollBar().value()
        height = self.viewport().height()
        wanted = []
        page = bisect.bisect_right(self._bottoms, top)
        while page < count and self._tops[page] < top + height:
            rect = self.page_rect(page)
            painter.fillRect(rect.translated(3, 3), QColor(0, 0, 0, 60))
            pixmap = self._cached(page, exact=False)
            if pixmap is None:
                painter.fillRect(rect, Qt.GlobalColor.white)
                painter.setPen(QColor("#b0bec5"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("Page %1").replace("%1", str(page + 1)))
            else:
                painter.drawPixmap(rect, pixmap)
            if self._cached(page, exact=True) is None:
                wanted.append(page)
            page += 1
        if not wanted and page < count and self._cached(page, exact=True) is None:
            wanted.append(page)  # the next page, so PgDown finds it ready
        self._wanted = wanted
        if wanted:
            self._render_timer.start()

    # --- rendering ------------------------------------------------------------------------------
    def _pixel_width(self, page: int) -> int:
        return max(1, round(self._widths[page] * self.devicePixelRatioF()))

    def _cached(self, page: int, exact: bool) -> QPixmap | None:
        key = (page, self._pixel_width(page))
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        if exact:
            return None
        # While a new zoom renders, stretch the page's older image rather than show a blank.
        return next((pixmap for (p, _w), pixmap in reversed(self._cache.items()) if p == page), None)

    def _render_next(self) -> None:
        if not self._wanted or not self.page_count():
            return
        page = min(self._wanted, key=lambda p: abs(p - self._current))
        width = self._pixel_width(page)
        image = self._pages.render_width(page, width)
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self._cache[(page, width)] = pixmap
        while len(self._cache) > CACHE_PAGES:
            self._cache.popitem(last=False)
        self.rendered_count += 1
        self.viewport().update()  # paints it and asks for the next one still missing
        self.pageRendered.emit(page)

    def page_rect(self, page: int) -> QRect:
        """Where the page is drawn, in viewport coordinates."""
        left = max(0, (self.viewport().width() - self._content_width) // 2) - self.horizontalScrollBar().value()
        x = left + GAP + (self._content_width - 2 * GAP - self._widths[page]) // 2
        top = self.verticalScrollBar().value()
        return QRect(x, self._tops[page] - top, self._widths[page], self._bottoms[page] - self._tops[page])
