"""Render resources/icons/desk_app.svg into the PNGs and the Windows .ico the app and installer use.

Run by hand after changing the SVG (the outputs are committed, so builds need neither this script
nor QtSvg):  python build/make_icons.py

The .ico is written here rather than with Pillow so the build has no extra dependency. Small sizes are
stored as 32-bit DIBs (what every Windows shell and Inno Setup read), 64 px and up as PNG entries
(Windows Vista and later), the usual split.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "desk_app.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_PNG_FROM = 64  # entries at least this large are stored as PNG


def png_path(size: int) -> Path:
    return ICONS / f"desk_app-{size}.png"


def render(size: int):
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def dib_entry(image) -> bytes:
    """A 32-bit BGRA device-independent bitmap as ICO stores it: double height, bottom-up, AND mask."""
    size = image.width()
    row_bytes = size * 4
    bits = bytes(image.constBits())  # ARGB32 is B, G, R, A in memory on little-endian machines
    if sys.byteorder != "little":
        raise SystemExit("make_icons.py assumes a little-endian machine")
    rows = [bits[y * image.bytesPerLine(): y * image.bytesPerLine() + row_bytes] for y in range(size)]
    xor = b"".join(reversed(rows))
    mask_row = ((size + 31) // 32) * 4
    mask = bytearray()
    for row in reversed(rows):
        line = bytearray(mask_row)
        for x in range(size):
            if row[x * 4 + 3] == 0:  # fully transparent: set in the AND mask for old renderers
                line[x // 8] |= 0x80 >> (x % 8)
        mask += line
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, len(xor) + len(mask), 0, 0, 0, 0)
    return header + xor + bytes(mask)


def write_ico(path: Path, images: dict[int, bytes]) -> None:
    """images: size -> entry bytes (PNG file bytes or a DIB from dib_entry)."""
    sizes = sorted(images)
    offset = 6 + 16 * len(sizes)
    directory = struct.pack("<HHH", 0, 1, len(sizes))
    payload = b""
    for size in sizes:
        data = images[size]
        directory += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data),
                                 offset + len(payload))
        payload += data
    path.write_bytes(directory + payload)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 - Qt needs one
    ico_images = {}
    for size in sorted(set(PNG_SIZES) | set(ICO_SIZES)):
        image = render(size)
        if size in PNG_SIZES:
            image.save(str(png_path(size)), "PNG")
        if size in ICO_SIZES:
            ico_images[size] = png_path(size).read_bytes() if size >= ICO_PNG_FROM else dib_entry(image)
    write_ico(ICONS / "desk_app.ico", ico_images)
    for path in sorted(ICONS.glob("desk_app*")):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
