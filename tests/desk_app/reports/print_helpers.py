"""Reading printed PDFs back in tests: text per page, fonts, and the laid-out lines."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from desk_app.reports.layout import JUSTIFIED, TEXT
from desk_app.reports.linebreak import NO_LINE_END, NO_LINE_START

PAGE_NUMBER = re.compile(r"第\s*(\d+)\s*页\s*共\s*(\d+)\s*页")


def page_texts(data: bytes) -> list[str]:
    """The text of each page in drawing order. Poppler's pdftotext -raw (the reader word_boxes uses too)
    reads the same text in the same order as pypdf but some 25 times faster on CJK pages (pypdf spent
    ~0.5 s a page, most of the print tests' time); pypdf where poppler is missing."""
    if not shutil.which("pdftotext"):
        from pypdf import PdfReader

        return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "in.pdf"
        pdf.write_bytes(data)
        out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
                             capture_output=True, check=True).stdout.decode("utf-8")
    return out.split("\f")[:-1]  # every page ends with a form feed, the last one too


def page_numbers(texts: list[str]) -> list[tuple[int, int]]:
    found = []
    for text in texts:
        match = PAGE_NUMBER.search(text)
        found.append((int(match.group(1)), int(match.group(2))) if match else None)
    return found


def laid_out_lines(doc) -> list[str]:
    """Every line of text the document draws (one drawing operation per line)."""
    return [op[5] for page in doc.pages for op in page.ops if op[0] in (TEXT, JUSTIFIED)]


PLACEHOLDERS = {"—", "/"}  # a cell holding only "—" (nothing to report) is not a broken line


def bad_breaks(lines: list[str]) -> list[str]:
    return [line for line in lines if line and line not in PLACEHOLDERS
            and (line[0] in NO_LINE_START or line[-1] in NO_LINE_END)]


def fonts_of(path) -> list[tuple[str, str]]:
    """(font name, emb) rows of pdffonts."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        if len(parts) >= 5:
            # name type... encoding emb sub uni id gen: emb is the 5th field from the end
            rows.append((parts[0], parts[-5]))
    return rows


def word_boxes(path, page: int = 1) -> list[tuple[float, float, float, float, str]]:
    """(x_min, y_min, x_max, y_max, text) of each word pdftotext finds on a page: what a reader sees."""
    from html import unescape

    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    pattern = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
    return [(float(a), float(b), float(c), float(d), unescape(t)) for a, b, c, d, t in pattern.findall(out)]


def overlapping_words(boxes) -> list[tuple[str, str]]:
    """Pairs of words whose boxes cover each other (more than a hairline)."""
    pairs = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1:
                pairs.append((a[4], b[4]))
    return pairs


GONGWEN_NUMBER = re.compile(r"—\s*(\d+)\s*—")


def gongwen_page_numbers(texts: list[str]) -> list[int | None]:
    """The "— N —" page number (GB/T 9704-2012 §7.5) found on each page, None where there is none."""
    found = []
    for text in texts:
        matches = GONGWEN_NUMBER.findall(text)
        found.append(int(matches[-1]) if matches else None)
    return found


def all_word_boxes(path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, x_min, y_min, x_max, y_max, text) of every word on every page, from one pdftotext run."""
    from html import unescape

    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    words = []
    for number, page in enumerate(out.split("<page ")[1:], start=1):
        for a, b, c, d, t in _WORD.findall(page):
            words.append((number, float(a), float(b), float(c), float(d), unescape(t)))
    return words


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
