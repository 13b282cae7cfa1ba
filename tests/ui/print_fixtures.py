"""PDFs made for the print tests: every page carries a black block at a place that depends on its page
number, so a test can tell from the pixels which page landed on which sheet."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfgen import canvas

MARK_SLOTS = 10  # the block for page n sits in column n % 10 of a 10-column strip across the page


def numbered_pdf(path: Path, pages: int, size=landscape(A4), viewer_preferences: dict | None = None) -> Path:
    sizes = size if isinstance(size, list) else [size] * pages
    pdf = canvas.Canvas(str(path), pagesize=sizes[0])
    for number in range(pages):
        width, height = sizes[number]
        pdf.setPageSize(sizes[number])
        slot = width / MARK_SLOTS
        pdf.setFillColorRGB(0, 0, 0)
        pdf.rect((number % MARK_SLOTS) * slot, height * 0.4, slot, height * 0.2, stroke=0, fill=1)
        pdf.setFont("Helvetica", 48)
        pdf.drawString(40, height - 80, f"Page {number + 1}")
        pdf.showPage()
    pdf.save()
    if viewer_preferences:
        from pypdf import PdfWriter
        from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

        writer = PdfWriter(clone_from=str(path))
        prefs = DictionaryObject()
        for key, value in viewer_preferences.items():
            if isinstance(value, int):
                prefs[NameObject(f"/{key}")] = NumberObject(value)
            elif isinstance(value, list):
                prefs[NameObject(f"/{key}")] = ArrayObject(NumberObject(v) for v in value)
            else:
                prefs[NameObject(f"/{key}")] = NameObject(f"/{value}")
        writer._root_object[NameObject("/ViewerPreferences")] = prefs
        writer.write(str(path))
    return path


def mark_slot(image) -> int | None:
    """Which slot of the strip across the middle of a rendered page is black (None: no block found)."""
    width, height = image.width(), image.height()
    y = height // 2
    dark = [x for x in range(0, width, max(1, width // 200)) if image.pixelColor(x, y).lightness() < 80]
    if not dark:
        return None
    centre = (dark[0] + dark[-1]) / 2
    return int(centre / (width / MARK_SLOTS))


__all__ = ["A3", "A4", "MARK_SLOTS", "landscape", "mark_slot", "numbered_pdf"]
