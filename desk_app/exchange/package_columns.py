"""A package's progress notes, 销号 events and change records checked a column at a time: the questions
package_read's _check_children asks of each record, asked of all values of one field at once (passes in C
over the column: types, lengths, one regular expression over the joined column, set inclusion, ISO parsing).

Each answer is only ever "everything passes" or "ask record by record": a False sends the member through the
per-record checks, which alone word the problems (the record's number, the field), so a bad package gets
exactly the message it always got. Every test here is as strict as its per-record twin or stricter, never
looser: a value it is unsure of (a UUID with a line break after it, which `$` would let through) only costs
the slower path. For 37,500 notes and 20,000 change records: about 0.13 CPU seconds instead of 0.3 (measured
on a loaded 2-core machine). The entries themselves stay checked one by one: their forty fields read column by
column touch every entry forty times, which measured slower than one pass over each entry (memory, not calls).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from operator import itemgetter

from desk_app.domain import EventKind
from desk_app.services.entry_input import MAX_TEXT

from .package_format import CHANGE_ENTITIES

EVENT_KINDS = frozenset(k.value for k in EventKind)

_STR = frozenset({str})
_STR_OR_NONE = frozenset({str, type(None)})
_UUID_LINES = re.compile(r"(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\n)*"
                         r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_PERIOD_LINES = re.compile(r"(?:[0-9]{4}-(?:0[1-9]|1[0-2])\n)*[0-9]{4}-(?:0[1-9]|1[0-2])")


def column(rows: list[dict], name: str) -> list:
    return list(map(itemgetter(name), rows))


def texts(values: list, limit: int = MAX_TEXT, *, least: int = 0) -> bool:
    """Every value a text of `least` to `limit` characters (text_ok; least=1: not empty either)."""
    if not values:
        return True
    if not _STR.issuperset(map(type, values)):
        return False
    lengths = list(map(len, values))
    return max(lengths) <= limit and min(lengths) >= least


def _lines_match(pattern: re.Pattern, values: list) -> bool:
    """Every value (texts) matches `pattern` whole: one match over the joined column, which must hold as many
    lines as values (a value with a line break of its own is left to the per-record check)."""
    if not values:
        return True
    joined = "\n".join(values)
    return joined.count("\n") == len(values) - 1 and pattern.fullmatch(joined) is not None


def uuids(values: list) -> bool:
    return _STR.issuperset(map(type, values)) and _lines_match(_UUID_LINES, values)


def periods(values: list) -> bool:
    return _STR.issuperset(map(type, values)) and _lines_match(_PERIOD_LINES, values)


def _parse_all(parse, values: list, *, optional: bool) -> bool:
    """Every value an ISO text `parse` reads (read_date / _datetime), None allowed when optional."""
    present = [v for v in values if v is not None] if optional else values
    if not _STR.issuperset(map(type, present)):
        return False
    try:
        list(map(parse, present))
    except ValueError:
        return False
    return True


def days(values: list, *, optional: bool = True) -> bool:
    return _parse_all(date.fromisoformat, values, optional=optional)


def times(values: list, *, optional: bool = False) -> bool:
    return _parse_all(datetime.fromisoformat, values, optional=optional)


def notes_clean(rows: list[dict], entry_uuids: set[str], *, dated: bool) -> bool:
    """Progress notes (dated) or 销号 events: what _check_children asks of both kinds."""
    ids = column(rows, "uuid")
    return (entry_uuids.issuperset(column(rows, "entry_uuid")) and uuids(ids) and len(set(ids)) == len(ids)
            and (not dated or days(column(rows, "date"), optional=False)) and texts(column(rows, "text")))


def progress_clean(rows: list[dict]) -> bool:
    return periods(column(rows, "month")) and times(column(rows, "created_at"))


def events_clean(rows: list[dict]) -> bool:
    return (EVENT_KINDS.issuperset(column(rows, "kind")) and times(column(rows, "at"))
            and days(column(rows, "old_deadline")) and days(column(rows, "new_deadline")))


def changes_clean(rows: list[dict]) -> bool:
    return (frozenset(CHANGE_ENTITIES).issuperset(column(rows, "entity"))
            and _STR.issuperset(map(type, column(rows, "record_uuid"))) and times(column(rows, "at"))
            and texts(column(rows, "action"), 50) and texts(column(rows, "field"), 100)
            and _STR_OR_NONE.issuperset(map(type, column(rows, "old")))
            and _STR_OR_NONE.issuperset(map(type, column(rows, "new"))))
