"""The 公文 frame after GB/T 9704-2012 (党政机关公文格式), reused by 通知, 纪要, 方案 and 通报.

Figures from the standard (cited by clause):
- §5.2.1 A4 paper; 天头 37 mm, 订口 28 mm; 版心 156 mm × 225 mm (page numbers lie outside it).
- §5.2.2 / §5.2.3 elements in 3号 (16 pt) 仿宋 unless stated; 22 lines of 28 characters a page, filling
  the text block. 28 characters of 16 pt are 158 mm, so characters sit on a 156/28 mm pitch (the
  small negative letter-spacing Word's document grid applies) and lines on a 225/22 mm pitch.
- §7.3.1 title in 2号 (22 pt) 小标宋, centred on one or more lines; §7.3.2 主送机关 below the title after
  one blank line, flush left; §7.3.3 一级标题 in 黑体, 二级标题 in 楷体, body indented two characters.
- §7.3.5 发文机关署名 and 成文日期: see gongwen_blocks.signature.
- §7.4 版记 and §10.3 纪要标志: see gongwen_blocks.
- §7.5 page numbers: 4号 (14 pt) half-width 宋体 digits with an em dash (一字线) on each side, the dash
  7 mm below the text block; odd pages at the right less one character, even pages at the left plus
  one character.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fonts import FontMetrics, FontSet, document_fonts, show_text
from .gongwen_flow import Group, Paginator
from .layout import BLACK, CUSTOM, JUSTIFIED, LINES, MM, STROKE_COLOR, Document, official_page
from .linebreak import break_paragraph
from .options import Progress

TEXT_WIDTH = 156 * MM  # §5.2.1
TEXT_HEIGHT = 225 * MM
LINES_PER_PAGE = 22  # §5.2.3
CHARS_PER_LINE = 28
GRID = TEXT_HEIGHT / LINES_PER_PAGE  # 10.23 mm
PITCH = TEXT_WIDTH / CHARS_PER_LINE  # 5.57 mm
BODY = 16.0  # 3号
TITLE = 22.0  # 2号
NUMBER = 14.0  # 4号
INDENT = 2 * PITCH  # 每自然段左空二字
NUMBER_DROP = 7 * MM  # §7.5: 一字线上距版心下边缘 7 mm
EM_CENTRE = 0.38  # an ideograph's em box centre above the baseline (box -0.12 … 0.88 em)

Segments = list[tuple[FontMetrics, str]]


@dataclass(frozen=True)
class Line:
    segments: Segments
    indent: float  # from the left edge of the text block
    last: bool  # the last line of its paragraph (not justified)


class _Measured:
    """Widths for break_paragraph when a paragraph mixes faces (黑体 label, 仿宋 text)."""

    def __init__(self, text: str, widths: list[float]):
        self.text, self._widths = text, widths

    def widths(self, text: str) -> list[float]:
        if text == self.text:
            return self._widths
        start = self.text.find(text)
        return self._widths[start:start + len(text)]


def wrap(segments: Segments, first_width: float, rest_width: float, size: float) -> list[Segments]:
    """Break mixed-face text into lines: the first `first_width` wide, the others `rest_width`.
    Chinese line-break rules come from linebreak (no line starts with ，。 or ends with （《)."""
    text = "".join(t for _f, t in segments)
    faces = [f for f, t in segments for _ in t]
    if not text:
        return [[]]
    widths = [f.char_width(ch) for f, ch in zip(faces, text, strict=True)]

    def cut(start: int, width: float) -> list[tuple[int, str]]:
        part = text[start:]
        lines = break_paragraph(part, _Measured(part, widths[start:]), size, width + 0.01)
        found, pos = [], start
        for line in lines:
            at = text.find(line, pos) if line else pos
            found.append((at, line))
            pos = at + len(line)
        return found

    head = cut(0, first_width)
    pieces = head[:1]
    if len(head) > 1:
        rest = head[0][0] + len(head[0][1])
        while rest < len(text) and text[rest] == " ":
            rest += 1
        pieces += cut(rest, rest_width)
    out = []
    for at, line in pieces:
        segs: Segments = []
        for i, ch in enumerate(line):
            face = faces[at + i]
            if segs and segs[-1][0] is face:
                segs[-1] = (face, segs[-1][1] + ch)
            else:
                segs.append((face, ch))
        out.append(segs)
    return out


def text_ops(segments: Segments, x: float, baseline: float, size: float, *, pitch: float | None = None,
             justify_to: float | None = None) -> list:
    """Drawing operations for one line on the character grid: each full-width character advances one
    `pitch`; `justify_to` spreads a full line to that width (not the last line of a paragraph)."""
    pitch = pitch or size
    spacing = pitch - size
    count = sum(len(t) for _f, t in segments)
    if justify_to is not None and count > 1:
        natural = sum(f.width(t, size) for f, t in segments) + spacing * count
        spare = justify_to - natural
        if 0 < spare < 3 * pitch:
            spacing += spare / (count - 1)
    ops = []
    for face, text in segments:
        if text:
            ops.append((JUSTIFIED, face.name, size, x, baseline, text, spacing))
            x += face.width(text, size) + spacing * len(text)
    return ops


def stroked_text(face: FontMetrics, size: float, x: float, baseline: float, text: str, *, stroke: float,
                 color=BLACK) -> tuple:
    """One line drawn filled and outlined (`stroke` × size wide): a 宋体 thickened to 小标宋 weight."""

    def draw(canvas, _x, _y):
        canvas.setFillColorRGB(*color)
        canvas.setStrokeColorRGB(*color)
        canvas.setLineWidth(stroke * size)
        obj = canvas.beginText()
        obj.setTextRenderMode(2 if stroke else 0)
        obj.setFont(face.name, size)
        obj.setTextOrigin(x, baseline)
        show_text(obj, face.name, size, text)
        canvas.drawText(obj)

    return (CUSTOM, draw, x, baseline)


def baseline_in(top: float, height: float, size: float) -> float:
    """The baseline that centres a line of `size` type in a line box of `height` below `top`."""
    return top - height / 2 - EM_CENTRE * size


def draw_page_number(doc: Document, canvas, number: int, total: int) -> None:
    """§7.5: "— N —" in 4号 half-width 宋体, the dashes 7 mm below the text block, odd pages at the
    right less one character, even pages at the left plus one character."""
    face = doc.fonts.number or doc.fonts.body
    text = f"— {number} —"
    setup = doc.setup
    dash_y = setup.bottom - NUMBER_DROP
    baseline = dash_y - (face.ascent + face.descent) / 2 * NUMBER  # the em dash sits mid-box
    width = face.width(text, NUMBER)
    x = setup.width - setup.right - NUMBER - width if number % 2 else setup.left + NUMBER
    canvas.setFillColorRGB(*BLACK)
    obj = canvas.beginText()
    obj.setFont(face.name, NUMBER)
    obj.setTextOrigin(x, baseline)
    show_text(obj, face.name, NUMBER, text)
    canvas.drawText(obj)


def rule_op(x0: float, x1: float, y: float, width: float, color=BLACK) -> list:
    return [(STROKE_COLOR, color), (LINES, [(x0, y, x1, y)], width), (STROKE_COLOR, BLACK)]


class Gongwen:
    """Collects a 公文's content as groups of lines, then pages it (gongwen_flow) into a Document."""

    def __init__(self, title: str, *, author: str = "", fonts: FontSet | None = None,
                 progress: Progress | None = None):
        self.title_text = title
        self.author = author
        self.progress = progress
        self.fonts = fonts or document_fonts()
        self.setup = official_page()
        self.x0 = self.setup.left
        self.width = TEXT_WIDTH
        self.groups: list[Group] = []

    # --- building blocks ------------------------------------------------------------------------
    def add(self, group: Group) -> Group:
        self.groups.append(group)
        return group

    def used_height(self) -> float:
        return sum(g.span() for g in self.groups)

    def blank(self, lines: float = 1.0) -> None:
        self.add(Group([GRID * lines], lambda *_: [], blank=True, kind="blank"))

    def snap_to_grid(self, min_gap: float = 0.0) -> None:
        """White space down to the next grid line (at least `min_gap`), after a 版头 off the grid."""
        gap = (GRID - self.used_height() % GRID) % GRID
        if gap < min_gap:
            gap += GRID
        if gap > 0.01:
            self.add(Group([gap], lambda *_: [], blank=True, kind="blank"))

    def lines_group(self, lines: list[Line], size: float = BODY, *, justify: bool = True, kind: str = "body",
                    pitch: float = PITCH, attach: bool = True, **flags) -> Group:
        def render(a, b, top, scale, _bottom):
            ops = []
            for i in range(a, b):
                line = lines[i]
                y = baseline_in(top - (i - a) * GRID * scale, GRID * scale, size)
                room = self.width - line.indent
                ops += text_ops(line.segments, self.x0 + line.indent, y, size, pitch=pitch,
                                justify_to=None if line.last or not justify else room)
            return ops

        group = Group([GRID] * len(lines), render, kind=kind, **flags)
        return self.add(group) if attach else group

    def paragraph(self, text: str | Segments, *, indent: float = INDENT, hanging: float = 0.0,
                  face: FontMetrics | None = None, kind: str = "body", **flags) -> Group:
        """A paragraph on the grid: first line indented `indent`, the others `hanging`."""
        segments = [(face or self.fonts.body, text)] if isinstance(text, str) else text
        measured = PITCH  # measured at the grid pitch: a full-width character is one pitch wide
        rows = wrap(segments, self.width - indent, self.width - hanging, measured)
        lines = [Line(r, indent if i == 0 else hanging, i == len(rows) - 1) for i, r in enumerate(rows)]
        return self.lines_group(lines, kind=kind, **flags)

    def body(self, text: str, *, indent: bool = True) -> None:
        for para in (p.strip() for p in (text or "").replace("\r\n", "\n").split("\n")):
            if para:
                self.paragraph(para, indent=INDENT if indent else 0.0)

    def heading(self, text: str, level: int = 1) -> Group:
        """§7.3.3: 一级标题 (一、) in 黑体, 二级标题 (（一）) in 楷体, indented two characters."""
        face = self.fonts.heading if level == 1 else (self.fonts.heading2 or self.fonts.heading)
        return self.paragraph(text, face=face, kind=f"heading{level}", keep_with_next=True, keep_together=True)

    def labelled(self, label: str, text: str) -> Group:
        """"一、会议时间：…": the label in 黑体, the text after it in 仿宋, wrapping to the margin."""
        return self.paragraph([(self.fonts.heading, label), (self.fonts.body, text)], kind="labelled")

    def addressee(self, text: str) -> Group:
        """§7.3.2 主送机关: flush left, wrapped lines flush left too."""
        return self.paragraph(text, indent=0.0, kind="addressee", keep_with_next=True)

    def title(self, text: str) -> Group:
        """§7.3.1: 2号小标宋, centred, on as many lines as it needs (never cut at the paper edge)."""
        face, stroke = self.fonts.title, self.fonts.title_stroke
        rows = wrap([(face, text)], self.width, self.width, TITLE)

        def render(a, b, top, scale, _bottom):
            ops = []
            for i in range(a, b):
                segs = rows[i]
                line = "".join(t for _f, t in segs)
                x = self.x0 + (self.width - face.width(line, TITLE)) / 2
                y = baseline_in(top - (i - a) * GRID * scale, GRID * scale, TITLE)
                ops.append(stroked_text(face, TITLE, x, y, line, stroke=stroke))
            return ops

        return self.add(Group([GRID] * len(rows), render, keep_together=True, keep_with_next=True, kind="title"))

    # --- output ---------------------------------------------------------------------------------
    def build(self) -> Document:
        doc = Document(self.title_text, self.setup, fonts=self.fonts, progress=self.progress, author=self.author)
        doc.page_number_drawer = draw_page_number
        frame_top = self.setup.height - self.setup.top
        frame_bottom = self.setup.bottom
        pages = Paginator(self.groups, TEXT_HEIGHT, squeeze=GRID * 1.01).pages()
        for number, page in enumerate(pages):
            if number:
                doc.new_page()
            cursor = 0.0
            for piece in page.pieces:
                group = piece.group
                height = group.span(piece.a, piece.b) * page.scale
                top = frame_bottom + height if group.fill_bottom else frame_top - cursor
                doc.pages[-1].ops.extend(group.render(piece.a, piece.b, top, page.scale, frame_bottom))
                cursor += height
            doc.check(number + 1, len(pages), f"正在排版：{self.title_text}")
        return doc


LEAD_SENTENCE = ("。", "：", ":")


def numbered_lead(text: str) -> tuple[int, str, str]:
    """(level, lead, rest) of a paragraph that starts "一、…" (level 1) or "（一）…" (level 2): the lead
    is its first sentence, printed in the heading face; level 0 for a plain paragraph."""
    import re  # noqa: PLC0415

    match = re.match(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", text)
    if not match:
        return 0, "", text
    level = 1 if match.group(0).endswith("、") else 2
    end = min((text.find(mark, len(match.group(0))) for mark in LEAD_SENTENCE
               if text.find(mark, len(match.group(0))) >= 0), default=-1)
    if end < 0:
        return level, text, ""
    return level, text[:end + 1], text[end + 1:]


def rich_body(gw: Gongwen, text: str) -> None:
    """Body paragraphs where "一、…" and "（一）…" open in 黑体 and 楷体 (§7.3.3): a paragraph that is only
    the heading becomes a heading kept with the next paragraph; a heading sentence that runs on into
    text keeps the rest in the body face."""
    for para in (p.strip() for p in (text or "").replace("\r\n", "\n").split("\n")):
        if not para:
            continue
        level, lead, rest = numbered_lead(para)
        if not level:
            gw.paragraph(para)
            continue
        face = gw.fonts.heading if level == 1 else (gw.fonts.heading2 or gw.fonts.heading)
        if not rest.strip():
            gw.heading(lead, level)
        else:
            gw.paragraph([(face, lead), (gw.fonts.body, rest)], kind=f"lead{level}")
