"""Item 6 of issue 13: the program's own package carrying a 50 MB mostly white BMP scan is accepted
(its header declares exactly the size it unpacks to); a bomb dressed up as a BMP is still refused."""

import struct
import zipfile

import pytest

from desk_app.errors import InputFileError
from desk_app.exchange.package import write_package
from desk_app.exchange.package_import import preview_package
from desk_app.exchange.safe_zip import PACKAGE_LIMITS, SafeZip, content_size
from desk_app.services import attachments, settings


def white_bmp(width: int, height: int) -> bytes:
    row = (width * 24 + 31) // 32 * 4
    pixels = bytearray(b"\xff" * row * height)
    pixels[row * (height // 2): row * (height // 2) + 300] = b"\x20" * 300  # a line of dark ink
    header = b"BM" + struct.pack("<IHHI", 54 + len(pixels), 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return header + info + bytes(pixels)


def test_bmp_header_size_is_read():
    data = white_bmp(100, 50)
    assert content_size(data[:512]) == len(data)
    assert content_size(b"BM" + data[2:10] + b"\x00" * 400) is None  # not a consistent header


def test_our_own_package_with_a_50_mb_white_scan_is_accepted(db, tmp_path):
    from desk_app.db.models import LedgerEntry
    from desk_app.demo import build_demo

    build_demo(entries=20, seed=1)
    scan = tmp_path / "扫描件.bmp"
    scan.write_bytes(white_bmp(4960, 3508))  # A4 at 600 dpi, 24-bit: about 50 MB
    assert scan.stat().st_size > 50_000_000
    attachments.add_attachment(LedgerEntry.select().first().id, scan)
    settings.save_report_header(settings.ReportHeader(unit="市财政局"))
    package = tmp_path / "scan.zip"
    write_package(package, unit="区财政局", period="2026-11")
    with zipfile.ZipFile(package) as zf:
        info = next(i for i in zf.infolist() if i.filename.startswith("files/"))
        assert info.file_size > PACKAGE_LIMITS.max_ratio * info.compress_size  # past the plain ratio limit
    LedgerEntry.update(uuid=LedgerEntry.uuid + "-ours").execute()
    preview = preview_package(package)
    assert len(preview.data.file_shas) == 1  # read in full and hashed, not refused as a bomb


def test_a_bomb_with_a_bmp_header_that_lies_is_refused(tmp_path):
    fake = white_bmp(100, 100)[:54]  # a header for 30 KB of pixels, followed by 40 MB
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("files/" + "a" * 64, fake + b"\xff" * (40 * 1024 * 1024))
    with pytest.raises(InputFileError, match="压缩炸弹"):
        SafeZip(bomb, PACKAGE_LIMITS)
