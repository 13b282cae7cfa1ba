"""The word tables an Excel import reads 状态 and 整改时限 cells with, and the column mappings it
remembers per header.

The shipped defaults live in resources/import/words.toml; a clerk's additions and removals (设置 ›
导入词表) are kept in the database as an overlay, so a later release can still add shipped words.
"""

from __future__ import annotations

import functools
import hashlib
import tomllib
from dataclasses import dataclass

from desk_app import paths
from desk_app.domain import Status
from desk_app.errors import ValidationError

from . import settings

TABLES = {"statuses": "状态词", "deadlines": "时限词"}
DEADLINE_MEANINGS = {"immediate": "立行立改", "long_term": "长期坚持", "year_end": "当年12月31日"}
STATUS_MEANINGS = {s.value: s.value for s in Status}
MEANINGS = {"statuses": STATUS_MEANINGS, "deadlines": DEADLINE_MEANINGS}
SETTING_KEY = "import_words"
MAPPINGS_KEY = "import_mappings"
MAX_REMEMBERED = 50


@dataclass(frozen=True)
class WordRow:
    word: str
    meaning: str  # a Status value, or a key of DEADLINE_MEANINGS
    shipped: bool  # one of the defaults (removing it hides it; 恢复默认 brings it back)


@functools.cache
def shipped_words() -> dict[str, dict[str, str]]:
    """{"statuses": {word: status}, "deadlines": {word: meaning}, "titles": {title: ""}} from resources."""
    with open(paths.resource("import", "words.toml"), "rb") as handle:
        data = tomllib.load(handle)
    tables: dict[str, dict[str, str]] = {"statuses": {}, "deadlines": {}}
    for status, words in data["statuses"].items():
        for word in words:
            tables["statuses"].setdefault(word, status)
    for meaning, words in data["deadlines"].items():
        for word in words:
            tables["deadlines"].setdefault(word, meaning)
    tables["titles"] = {w: "" for w in data["titles"]["words"]}
    return tables


def _overlay() -> dict:
    stored = settings.get(SETTING_KEY, {}) or {}
    return {name: {"added": dict(stored.get(name, {}).get("added", {})),
                   "removed": list(stored.get(name, {}).get("removed", []))} for name in TABLES}


def table(name: str) -> dict[str, str]:
    """word -> meaning, as the import uses it now."""
    _check_table(name)
    overlay = _overlay()[name]
    words = {w: m for w, m in shipped_words()[name].items() if w not in overlay["removed"]}
    words.update(overlay["added"])
    return words


def rows(name: str) -> list[WordRow]:
    shipped = shipped_words()[name]
    return [WordRow(word, meaning, word in shipped and shipped[word] == meaning)
            for word, meaning in table(name).items()]


def titles() -> tuple[str, ...]:
    return tuple(shipped_words()["titles"])


def _check_table(name: str) -> None:
    if name not in TABLES:
        raise ValidationError(f"未知的词表：{name}")


def set_word(name: str, word: str, meaning: str) -> None:
    """Add a word or change what it means."""
    _check_table(name)
    word = "".join((word or "").split())
    if not word:
        raise ValidationError(f"{TABLES[name]}不能为空", "word")
    if len(word) > 40:
        raise ValidationError(f"{TABLES[name]}“{word[:20]}…”太长（最多 40 字）", "word")
    if meaning not in MEANINGS[name]:
        raise ValidationError(f"“{meaning}”不是可选的含义，应为：{'、'.join(MEANINGS[name].values())}", "meaning")
    overlay = _overlay()
    mine = overlay[name]
    if shipped_words()[name].get(word) == meaning:
        mine["added"].pop(word, None)
    else:
        mine["added"][word] = meaning
    if word in mine["removed"]:
        mine["removed"].remove(word)
    settings.put(SETTING_KEY, overlay)


def remove_word(name: str, word: str) -> None:
    _check_table(name)
    overlay = _overlay()
    mine = overlay[name]
    mine["added"].pop(word, None)
    if word in shipped_words()[name] and word not in mine["removed"]:
        mine["removed"].append(word)
    settings.put(SETTING_KEY, overlay)


def reset_table(name: str) -> None:
    """Back to the shipped words: the clerk's additions and removals of this table are dropped."""
    _check_table(name)
    overlay = _overlay()
    overlay[name] = {"added": {}, "removed": []}
    settings.put(SETTING_KEY, overlay)


def header_signature(labels: list[str]) -> str:
    """The same header (ignoring spaces, '*' and empty columns at the end) gives the same signature."""
    cleaned = ["".join(str(label).replace("*", "").replace("＊", "").split()) for label in labels]
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    return hashlib.sha1("\x1f".join(cleaned).encode("utf-8")).hexdigest()[:16]


def remembered_mapping(labels: list[str]) -> dict[int, str] | None:
    """The mapping the clerk chose last time for this header: column index -> field key ('' = ignore)."""
    stored = (settings.get(MAPPINGS_KEY, {}) or {}).get(header_signature(labels))
    if not stored:
        return None
    return {int(index): key for index, key in stored["mapping"].items()}


def remember_mapping(labels: list[str], mapping: dict[int, str]) -> None:
    stored = dict(settings.get(MAPPINGS_KEY, {}) or {})
    signature = header_signature(labels)
    stored.pop(signature, None)
    stored[signature] = {"mapping": {str(i): k for i, k in sorted(mapping.items())}}
    while len(stored) > MAX_REMEMBERED:  # oldest first: dicts keep insertion order through JSON
        stored.pop(next(iter(stored)))
    settings.put(MAPPINGS_KEY, stored)
