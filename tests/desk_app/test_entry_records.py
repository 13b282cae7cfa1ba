"""Building EntryRecords in bulk (entry_records): the same frozen records the constructor makes."""

import dataclasses

import pytest

from desk_app.services.entry_input import EntryRecord
from desk_app.services.entry_records import _frozen, load_records


def test_a_record_built_in_bulk_is_the_record_the_constructor_builds(demo):
    from desk_app.db.models import LedgerEntry

    ids = [e.id for e in LedgerEntry.select(LedgerEntry.id).limit(5)]
    for record in load_records(ids):
        again = EntryRecord(**{f.name: getattr(record, f.name) for f in dataclasses.fields(EntryRecord)})
        assert record == again and hash(record) == hash(again) and vars(record) == vars(again)
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.note = "改"


def test_a_missing_or_unknown_field_is_refused_by_the_constructor():
    values = {f.name: None for f in dataclasses.fields(EntryRecord)}
    del values["note"]
    with pytest.raises(TypeError, match="note"):
        _frozen(EntryRecord, values)
    with pytest.raises(TypeError, match="colour"):
        _frozen(EntryRecord, {**values, "colour": "red"})

    @dataclasses.dataclass(frozen=True)
    class Checked:
        n: int

        def __post_init__(self):
            if self.n < 0:
                raise ValueError("negative")

    with pytest.raises(ValueError, match="negative"):
        _frozen(Checked, {"n": -1})  # a class with its own checks always goes through them
