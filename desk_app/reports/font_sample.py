"""A small rendered sample of the print fonts, one line per role, for 设置 › 打印."""

from __future__ import annotations

from .fonts import FontSet, document_fonts
from .gongwen import BODY, PITCH, TITLE, stroked_text, text_ops
from .layout import MM, Document, PageSetup

SAMPLE_LINES = (("title", "关于召开推进会的通知"), ("heading", "一、一级标题用黑体"), ("heading2", "（一）二级标题用楷体"),
                ("body", "正文用仿宋，每行28字，每页22行。2026年11月23日"), ("table", "表格：ZG-2026-0001 整改时限 2026年12月31日"))


def sample_pdf(choices: dict[str, str] | None = None) -> bytes:
    """One short page: each role's line set in the face that fills it, with the face's name."""
    fonts: FontSet = document_fonts(choices)
    faces = {"title": fonts.title, "heading": fonts.heading, "heading2": fonts.heading2 or fonts.heading,
             "body": fonts.body, "table": fonts.table or fonts.body}
    setup = PageSetup(176 * MM, 92 * MM, 10 * MM, 10 * MM, 8 * MM, 6 * MM)
    doc = Document("字体样张", setup, fonts=fonts, page_numbers=False)
    y = setup.height - setup.top - TITLE
    for role, text in SAMPLE_LINES:
        face = faces[role]
        size = TITLE if role == "title" else (10.5 if role == "table" else BODY)
        if role == "title":
            x = setup.left + (setup.frame_width - face.width(text, size)) / 2
            doc.op(*stroked_text(face, size, x, y, text, stroke=fonts.title_stroke))
        else:
            for op in text_ops([(face, text)], setup.left, y, size, pitch=PITCH if size == BODY else None):
                doc.op(*op)
        note = f"{face.label}"
        for op in text_ops([(fonts.table or fonts.body, note)], setup.left, y - size * 0.9 - 2, 7.5):
            doc.op(*op)
        y -= size + 22
    return doc.render()
