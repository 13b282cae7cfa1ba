"""Reading a pasted 接龙 (WeChat roll-call) list: who answered, and who sent word they cannot come.

Real lists look like this::

    #接龙
    12月1日推进会参会人员            ← the title: no number while the names have one
    例 张三 办公室                   ← 接龙's example line
    1. 张三 办公室                   ← extra words (the unit) after the name
    2. @李四                         ← a mention
    3. 范琳 请假 外出培训            ← a marker and its reason: 请假, not 出席
    4. 王五（出差）                  ← a note in brackets
    5. 赵六👍[强]                    ← emoji and WeChat's bracketed emoticons
    6、钱七病假                       ← a marker written onto the name

Names known to the program (the attendance list and the people list) are recognised wherever they
stand on a line; a numbered line with no known name gives its first word, so an unknown name is
reported rather than dropped. Lines left out (title, example) come back as `skipped`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from desk_app.domain import Attendance

_NUMBER = re.compile(r"^\s*(?:第\s*)?(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:[.、:：)）]|位|号)\s*"
                     r"|^\s*[(（]\s*\d{1,3}\s*[)）]\s*|^\s*\d{1,3}\s+|^\s*\d{1,3}(?![月日号年点时人个名])(?=[\u3400-\u9fffA-Za-z@])")
_NOTE = re.compile(r"[（(【]([^）)】]*)[）)】]")
_EMOTICON = re.compile(r"\[[^\[\]\s]{1,6}\]")  # WeChat's [强] [OK] [玫瑰]
_EXAMPLE = re.compile(r"^(例|示例|格式|举例)\s*[:：]?")
_CJK_CHAR = re.compile(r"^[\u3400-\u9fff]$")
_NAME_CHARS = "·•"

# Markers and the status they give. 请假 words keep the word as the reason (病假, 出差 …) unless the
# word is 请假 itself, whose reason is what follows it.
LEAVE_WORDS = ("请假", "事假", "病假", "休假", "年假", "婚假", "产假", "丧假", "探亲", "出差", "公差", "外出",
               "培训", "学习")
ABSENT_WORDS = ("缺席", "未到")
OBSERVER_WORDS = ("列席", "代")
PRESENT_WORDS = ("出席", "已签到", "签到", "已到", "参加", "参会", "收到", "到")
_MARKERS = sorted(((w, Attendance.LEAVE) for w in LEAVE_WORDS), key=lambda x: -len(x[0])) + \
    sorted(((w, s) for words, s in ((ABSENT_WORDS, Attendance.ABSENT), (OBSERVER_WORDS, Attendance.OBSERVER),
                                    (PRESENT_WORDS, Attendance.PRESENT)) for w in words), key=lambda x: -len(x[0]))


@dataclass(frozen=True)
class RollCallLine:
    """One person read from a pasted 接龙 list."""

    name: str
    status: str
    reason: str


@dataclass
class RollCallText:
    lines: list[RollCallLine] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # title and example lines, as pasted


def _marker(token: str, known: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """(marker word, status) when the token starts with a marker word and is nobody's name
    (代 only with more after it: 代红 may be a name, 代李四参会 is not)."""
    if token in known:
        return None
    for word, status in _MARKERS:
        if token.startswith(word) and (word != "代" or len(token) >= 4):
            return word, str(status)
    return None


def _tokens(text: str) -> list[str]:
    """Words of a line: letters only (names are letters), everything else separates."""
    text = _EMOTICON.sub(" ", text)
    kept = "".join(c if unicodedata.category(c).startswith("L") or c in _NAME_CHARS else " " for c in text)
    return _join_spaced_names(kept.split())


def _join_spaced_names(tokens: list[str]) -> list[str]:
    """Lists often pad two-character names: "王  伟" is one person, not two."""
    joined: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if _CJK_CHAR.match(t) and i + 1 < len(tokens) and _CJK_CHAR.match(tokens[i + 1]):
            joined.append(t + tokens[i + 1])
            i += 2
            continue
        joined.append(t)
        i += 1
    return joined


def _split_glued(token: str, known: frozenset[str]) -> list[str]:
    """"范琳请假" → ["范琳", "请假"]: a known name, or two or more characters, before a marker."""
    if token in known or _marker(token, known):
        return [token]
    for name in sorted((n for n in known if token.startswith(n)), key=len, reverse=True):
        if _marker(token[len(name):]):
            return [name, token[len(name):]]
    for cut in range(2, len(token)):
        if _marker(token[cut:]) and not any(k.startswith(token[:cut + 1]) for k in known):
            return [token[:cut], token[cut:]]
    return [token]


def _status(tokens: list[str], note: str, default: str, known: frozenset[str]) -> tuple[str, str, list[str]]:
    """The status a line's words (and bracket note) give, its reason, and the words before the marker."""
    for i, token in enumerate(tokens):
        found = _marker(token, known)
        if found:
            word, status = found
            rest = (token[len(word):] + "".join(t for t in tokens[i + 1:] if t not in known)).strip()
            # "胡晓明 请假（出差）": the note in brackets after the marker is its reason
            return status, _reason(word, status, rest or note.strip()), tokens[:i]
    if note:
        note_tokens = [t for t in re.split(r"[\s:：,，]+", note) if t]
        found = _marker(note_tokens[0]) if note_tokens else None
        if found:
            word, status = found
            rest = note_tokens[0][len(word):] + "".join(note_tokens[1:])
            return status, _reason(word, status, rest), tokens
        return default, note.strip(), tokens
    return default, "", tokens


def _reason(word: str, status: str, rest: str) -> str:
    if status == Attendance.PRESENT:
        return ""
    if word in ("请假", "列席", "缺席", "未到"):
        return rest
    return word + rest if word == "代" else (f"{word}：{rest}" if rest else word)


def read_roll_call(text: str, default_status: str = Attendance.PRESENT,
                   known_names: frozenset[str] | set[str] = frozenset()) -> RollCallText:
    known = frozenset(known_names)
    raw_lines = [unicodedata.normalize("NFKC", r).strip() for r in (text or "").replace("\r", "\n").split("\n")]
    numbered = [bool(_NUMBER.match(r)) for r in raw_lines]
    first_numbered = numbered.index(True) if any(numbered) else len(raw_lines)
    out = RollCallText()
    for index, line in enumerate(raw_lines):
        if not line or line.startswith("#"):
            continue
        if _EXAMPLE.match(line) or (index < first_numbered < len(raw_lines) and not (set(_tokens(line)) & known)):
            out.skipped.append(line)  # 接龙's title and example line
            continue
        body = _NUMBER.sub("", line, count=1).replace("@", " ")
        people = _people_of_line(body, numbered[index], str(default_status), known)
        if people:
            out.lines.extend(people)
        else:
            out.skipped.append(line)  # no name on it: shown to the clerk, never silently dropped
    return out


def _people_of_line(body: str, numbered: bool, default: str, known: frozenset[str]) -> list[RollCallLine]:
    # A note in brackets, "王五（请假：出差）", belongs to the name just before it.
    pieces, pos = [], 0
    for m in _NOTE.finditer(body):
        pieces.append((body[pos:m.start()], m.group(1)))
        pos = m.end()
    pieces.append((body[pos:], ""))
    people: list[RollCallLine] = []
    for chunk, note in pieces:
        tokens = [part for token in _tokens(chunk) for part in _split_glued(token, known)]
        status, reason, before = _status(tokens, note, default, known)
        names = [t for t in before if t in known]
        if not before and len(before) < len(tokens):  # "请假：范琳": the marker before the names
            names = [t for t in tokens if t in known]
        elif not names and before:
            # Nobody known here: a numbered line is one person (its first word; the rest is the unit or
            # a greeting); an unnumbered line may list several.
            names = before[:1] if numbered or known else [t for t in before if not _marker(t)]
        if not names and people and (note or status != default):
            last = people.pop()  # "张三 李四（请假）", or a marker on a line of its own after a name
            names, status, reason = [last.name], status, reason
        people.extend(RollCallLine(n, status if n == names[-1] else default, reason if n == names[-1] else "")
                      for n in names)
    return people


def parse_roll_call(text: str, default_status: str = Attendance.PRESENT,
                    known_names: frozenset[str] | set[str] = frozenset()) -> list[RollCallLine]:
    """The people of a pasted 接龙 list (title and example lines left out)."""
    return read_roll_call(text, default_status, known_names).lines
