"""Lists of units and people in one cell: split on 、，,；;/ outside brackets only (so "各县（市、区）
人民政府" stays one unit), and job titles taken off names ("党组书记 周建华" is 周建华, 职务 党组书记)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

OPEN, CLOSE = "（(【[〔", "）)】]〕"
LIST_MARKS = "、，,；;/／\n"
_ROLE_REMARK = re.compile(r"[（(](牵头|主办|主责|配合|协办|负责)[）)]$")
UNIT_ENDINGS = ("局", "科", "室", "办", "委", "部", "院", "所", "站", "队", "处", "组", "会", "厅", "中心", "司", "府",
                "街道", "镇", "乡", "村", "社区", "公司", "党组", "党委")
_NAME = re.compile(r"^[\u4e00-\u9fa5·]{2,5}$")


def split_outside_brackets(text: str, marks: str = LIST_MARKS, *, spaces: bool = False) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(depth - 1, 0)
        if depth == 0 and (ch in marks or (spaces and ch.isspace())):
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


@functools.lru_cache(maxsize=4096)
def _units(text: str) -> tuple[str, ...]:
    units: list[str] = []
    for part in split_outside_brackets(text, spaces=True):
        part = _ROLE_REMARK.sub("", part).strip()
        if part and part not in units:
            units.append(part)
    return tuple(units)


def split_units(text: str) -> list[str]:
    """"区财政局（牵头）、各县（市、区）人民政府" → ["区财政局", "各县（市、区）人民政府"]."""
    return list(_units(text))


@dataclass(frozen=True)
class NamedPerson:
    name: str  # '' when the cell names only a title ("区长")
    title: str = ""
    unit: str = ""  # the department written beside the name: "张伟（预算科）"


# What may come before a title and still make a title: 常务副县长, 党组副书记, 专职副主任 …
TITLE_PREFIX = "(?:常务|党组|党委|党工委|专职|执行)?副?"
# A head that is only such a word is no name: 代局长 (acting), 原局长 (former), 正科长 …
NOT_A_NAME = frozenset("代原前正总老")


def _is_name_before_title(head: str) -> bool:
    """"周建华" of 周建华局长, "李" of 李副局长 (the surname, as a clerk writes 王局长)."""
    return bool(_NAME.match(head) or (len(head) == 1 and "\u4e00" <= head <= "\u9fa5" and head not in NOT_A_NAME))


class TitleReader:
    def __init__(self, titles: tuple[str, ...]):
        self.titles = sorted(set(titles), key=len, reverse=True)
        words = "|".join(re.escape(t) for t in self.titles)
        self._leading = re.compile(f"^{TITLE_PREFIX}(?:{words})") if words else None
        self._trailing = re.compile(f"{TITLE_PREFIX}(?:{words})$") if words else None
        self._cache: dict[str, tuple[NamedPerson, ...]] = {}  # a ledger names the same people on many rows

    def _strip(self, text: str) -> tuple[str, list[str], str]:
        """Titles off the front and the end and out of a trailing bracket; a unit out of the bracket."""
        found: list[str] = []
        unit = ""
        bracket = re.search(r"[（(]([^（）()]+)[）)]$", text)
        if bracket:
            inner = bracket[1].strip()
            if any(inner.startswith(t) or inner.endswith(t) for t in self.titles):
                found.append(inner)
                text = text[:bracket.start()].strip()
            elif inner.endswith(UNIT_ENDINGS) and _NAME.match(text[:bracket.start()].strip()):
                unit = inner
                text = text[:bracket.start()].strip()
        while self._leading is not None:
            text = text.strip(" \u3000、,，")
            lead = self._leading.match(text)
            if not lead:
                break
            found.append(lead[0])
            text = text[lead.end():]
        # The longest title that ends the cell ("党组副书记" of 赵党组副书记, not "副书记" after 赵党组).
        tail = self._trailing.search(text) if self._trailing is not None else None
        if tail and tail.start():
            head = text[:tail.start()]
            # "应急局局长", "市委副书记": a title after a unit's name is a title as a whole; so are 代局长 (acting)
            # and 原副县长 (former)
            if head.endswith(UNIT_ENDINGS) or set(head) <= NOT_A_NAME:
                return "", [*found, text], unit
            # "周建华局长", "李副局长", "王局长": a title after a name or a surname
            if _is_name_before_title(head):
                found.append(tail[0])
                text = head
        return text.strip(), found, unit

    def people(self, text: str) -> list[NamedPerson]:
        """Every person a cell names, in order; a bare title binds to the name after it."""
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = self._people(text)
        return list(cached)

    def _people(self, text: str) -> tuple[NamedPerson, ...]:
        result: list[NamedPerson] = []
        pending: list[str] = []
        for part in split_outside_brackets(text):
            for piece in part.split():  # "张三 李四" is two people; "党组书记 周建华" one, titled
                name, titles, unit = self._strip(piece)
                if not name:
                    pending.extend(titles)
                    continue
                result.append(NamedPerson(name, "、".join(pending + titles), unit))
                pending = []
        if pending:
            result.append(NamedPerson("", "、".join(pending)))
        return tuple(result)

