"""PDF pages for the preview, the printer and the font sample, rendered with pypdfium2.

PDFium is the engine Chrome and QtPdf use; pypdfium2 ships it in wheels for manylinux_2_17, Windows and
macOS, so the preview no longer needs PySide6-Pdf (whose only release pins Qt to 6.12 and glibc to 2.34).
PDFium is not thread-safe: every call here runs on the GUI thread, one page at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage

POINTS_PER_INCH = 72.0
# FPDF_VIEWERREF_GetDuplex answers with these (fpdf_doc.h: DuplexUndefined, Simplex, …).
_DUPLEX = {1: "simplex", 2: "short", 3: "long"}


class PdfError(Exception):
    """The file is not a PDF PDFium can open (damaged, encrypted, missing)."""


@dataclass(frozen=True)
class PrintPreferences:
    """What the document itself asks of the printer (its /ViewerPreferences, PDF 1.7 §12.2).

    duplex: "simplex", "short", "long" or None (the document does not say); page_ranges: 1-based,
    inclusive; empty for every page."""

    copies: int = 1
    duplex: str | None = None
    page_ranges: list[tuple[int, int]] = field(default_factory=list)
    scale_to_paper: bool = True  # /PrintScaling /None asks for actual size


class PdfPages:
    """An open PDF: page count, page sizes in points and pages rendered to QImage."""

    def __init__(self, source: str | Path | bytes):
        self._data = source if isinstance(source, bytes) else None  # PDFium reads bytes in place: keep them
        try:
            self._doc = pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
        except (pdfium.PdfiumError, OSError) as exc:
            raise PdfError(str(exc)) from exc
        self.count = len(self._doc)
        self._sizes: list[QSizeF | None] = [None] * self.count

    def close(self) -> None:
        """Release the file (Windows cannot delete or replace a file that is still open)."""
        if self._doc is not None:
            self._doc.close()
            self._doc = None

    @property
    def closed(self) -> bool:
        return self._doc is None

    def page_size(self, index: int) -> QSizeF:
        """The page's size in points as it is shown (PDFium applies /Rotate); read from the page tree
        without loading the page, so a thousand pages cost a few milliseconds."""
        size = self._sizes[index]
        if size is None:
            size = self._sizes[index] = QSizeF(*self._doc.get_page_size(index))
        return size

    def render(self, index: int, pixels_per_point: float) -> QImage:
        """The page as an opaque RGB image, `pixels_per_point` pixels for each point (72 per inch)."""
        page = self._doc[index]
        try:
            bitmap = page.render(scale=pixels_per_point, may_draw_forms=False, prefer_bgrx=True, rev_byteorder=True)
            try:
                image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                               QImage.Format.Format_RGBX8888 if bitmap.n_channels == 4
                               else QImage.Format.Format_RGB888)
                return image.copy()  # detach from PDFium's buffer before it is freed
            finally:
                bitmap.close()
        finally:
            page.close()

    def render_width(self, index: int, width: int) -> QImage:
        return self.render(index, width / self.page_size(index).width())

    def print_preferences(self) -> PrintPreferences:
        doc = self._doc.raw
        copies = max(1, pdfium_c.FPDF_VIEWERREF_GetNumCopies(doc))
        duplex = _DUPLEX.get(pdfium_c.FPDF_VIEWERREF_GetDuplex(doc))
        ranges = []
        page_range = pdfium_c.FPDF_VIEWERREF_GetPrintPageRange(doc)
        if page_range:
            values = [pdfium_c.FPDF_VIEWERREF_GetPrintPageRangeElement(page_range, i)
                      for i in range(pdfium_c.FPDF_VIEWERREF_GetPrintPageRangeCount(page_range))]
            for first, last in zip(values[::2], values[1::2], strict=False):  # 0-based pairs
                first, last = max(0, first), min(self.count - 1, last)
                if first <= last:
                    ranges.append((first + 1, last + 1))
        return PrintPreferences(copies=copies, duplex=duplex, page_ranges=ranges,
                                scale_to_paper=bool(pdfium_c.FPDF_VIEWERREF_GetPrintScaling(doc)))
