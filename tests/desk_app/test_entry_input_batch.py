"""entry_input's checks of many inputs at once agree with the per-input ones they stand in for."""

from dataclasses import replace
from datetime import date

import pytest

from desk_app.domain import EntryKind, Layer
from desk_app.services.entry_input import (
    MAX_TEXT,
    EntryInput,
    field_problems,
    no_field_problems,
    normalise,
    normalise_all,
)

TODAY = date(2026, 6, 30)
GOOD = EntryInput(layer=Layer.DIVISION, description="预算调整拖延", target="按期完成", found_date=date(2026, 2, 1),
                  deadline=date(2026, 5, 1), assigned_date=date(2026, 2, 3), note="第一行\n第二行\t备注")

# Each one wrong in one way field_problems names.
WRONG = [
    {"kind": "别的类型"}, {"description": ""}, {"layer": "乡镇"}, {"layer": ""}, {"deadline_type": "尽快"},
    {"deadline": date(2026, 1, 1)}, {"found_date": date(2026, 7, 1), "deadline": None},
    {"assigned_date": date(2026, 7, 1), "deadline": None}, {"assigned_date": date(2026, 5, 2)},
    {"measures": "措" * (MAX_TEXT + 1)}, {"instructing_leader": "张" * (MAX_TEXT + 1)},
]


def test_clean_inputs_pass_at_once():
    inputs = [GOOD, replace(GOOD, kind=EntryKind.KEY_TASK, layer=""), replace(GOOD, deadline=None, found_date=None)]
    assert all(not field_problems(data, TODAY) for data in inputs)
    assert no_field_problems(inputs, TODAY)
    assert no_field_problems([], TODAY)


@pytest.mark.parametrize("change", WRONG, ids=[",".join(c) for c in WRONG])
def test_one_wrong_input_among_many_sends_them_to_the_per_input_check(change):
    wrong = replace(GOOD, **change)
    assert field_problems(wrong, TODAY), change  # the case is really wrong
    assert not no_field_problems([GOOD] * 50 + [wrong] + [GOOD] * 50, TODAY)


@pytest.mark.parametrize("text", [" 前后有空格", "末尾空格 ", "\u3000全角空格", "回车\r\n换行", "控制\x07字符", None, 12])
def test_normalise_all_gives_what_normalise_gives(text):
    inputs = [GOOD, replace(GOOD, cause=text), GOOD]
    assert normalise_all(inputs) == [normalise(data) for data in inputs]
    assert normalise_all(inputs)[1] != inputs[1]


def test_normalise_all_keeps_clean_inputs_as_they_are():
    inputs = [GOOD, replace(GOOD, description="多行\n文字\t保留")]
    assert all(a is b for a, b in zip(normalise_all(inputs), inputs, strict=True))
