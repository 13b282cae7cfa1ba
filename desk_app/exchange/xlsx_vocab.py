"""The header vocabulary of Excel ledgers (resources/import/headers.toml): which field a column
header names. Words are data; this module only normalises and matches them."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass

from desk_app import paths

# Mapping targets that are not entry fields.
KEEP = "keep"  # the column's values go into 备注 as "列名：值" (原表其他列)
IGNORE = ""  # left out on purpose (序号, or the clerk's choice)
KEEP_LABEL = "原表其他列（记入备注）"
IGNORE_LABEL = "不导入"

_SPACES = re.compile(r"[\s\u3000*＊:：]")
_REMARK = re.compile(r"（[^）]*）")

def normalise_header(text) -> str:
    if text is None:
        return ""
    text = _SPACES.sub("", str(text))
    return text.replace("(", "（").replace(")", "）").replace("［", "（").replace("］", "）")


@dataclass(frozen=True)
class HeaderVocabulary:
    labels: dict[str, str]  # field key -> label shown
    exact: dict[str, str]  # normalised word -> field key
    lead_words: frozenset[str]  # normalised 牵头单位-like words (department as the lead unit)
    ignore: frozenset[str]
    keep_in_note: frozenset[str]
    by_length: tuple[tuple[str, str], ...]  # (word, key) for words of 3+ characters, longest first

    def field_for(self, text) -> str | None:
        """The field a header names: exact, then without a bracketed remark, then a known word inside it."""
        h = normalise_header(text)
        if not h:
            return None
        if h in self.exact:
            return self.exact[h]
        bare = _REMARK.sub("", h)
        if bare in self.exact:
            return self.exact[bare]
        for word, key in self.by_length:
            if word in h:
                return key
        return None

    def is_lead(self, text) -> bool:
        h = normalise_header(text)
        bare = _REMARK.sub("", h)
        return h in self.lead_words or bare in self.lead_words or any(
            len(w) >= 4 and w in h for w in self.lead_words)

    def is_ignored(self, text) -> bool:
        h = normalise_header(text)
        return h in self.ignore or h.upper() in self.ignore

    def is_known_extra(self, text) -> bool:
        h = _REMARK.sub("", normalise_header(text))
        return h in self.keep_in_note

    def header_like(self, text) -> bool:
        """A cell that reads as a column header of a ledger (a field word, or 序号)."""
        return isinstance(text, str) and (self.field_for(text) is not None or self.is_ignored(text))


@functools.cache
def vocabulary() -> HeaderVocabulary:
    with open(paths.resource("import", "headers.toml"), "rb") as handle:
        data = tomllib.load(handle)
    labels: dict[str, str] = {}
    exact: dict[str, str] = {}
    lead: set[str] = set()
    for key, spec in data["fields"].items():
        labels[key] = spec["label"]
        for word in spec.get("lead", []):
            lead.add(normalise_header(word))
            exact.setdefault(normalise_header(word), key)
        for word in spec["words"]:
            exact.setdefault(normalise_header(word), key)
    by_length = tuple(sorted(((w, k) for w, k in exact.items() if len(w) >= 3), key=lambda wk: -len(wk[0])))
    ignore = frozenset(normalise_header(w).upper() for w in data["ignore"]["words"]) | frozenset(
        normalise_header(w) for w in data["ignore"]["words"])
    keep = frozenset(_REMARK.sub("", normalise_header(w)) for w in data["keep_in_note"]["words"])
    return HeaderVocabulary(labels, exact, frozenset(lead), ignore, keep, by_length)


def field_labels() -> dict[str, str]:
    return dict(vocabulary().labels)


def target_label(key: str) -> str:
    if key == KEEP:
        return KEEP_LABEL
    if key == IGNORE:
        return IGNORE_LABEL
    return vocabulary().labels.get(key, key)
