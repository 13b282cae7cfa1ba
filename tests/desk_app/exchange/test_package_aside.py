"""A package's field checks asked by a forked child while the parent compares (exchange/package_aside): the same
preview, the same refusal, and the parent checking itself wherever the child cannot answer."""

import os
import sys
import threading

import pytest
from test_package_hostile_values import edited, good  # noqa: F401 - the fixture

from desk_app.errors import InputFileError
from desk_app.exchange import package_aside, package_read
from desk_app.exchange.package_import import preview_package

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the child is forked (POSIX)")


@pytest.fixture
def asides(monkeypatch):
    """The children started, and the parent's own calls of checked_members."""
    started, parent_checks, parent = [], [], os.getpid()
    real_start, real_check = package_aside.start, package_read.checked_members

    def start(data, loaded):
        child = real_start(data, loaded)
        started.append(child)
        return child

    def check(data, loaded):
        if os.getpid() == parent:
            parent_checks.append(data.path)
        return real_check(data, loaded)

    monkeypatch.setattr(package_aside, "start", start)
    monkeypatch.setattr(package_aside, "checked_members", check)
    monkeypatch.setattr("desk_app.exchange.package_import.checked_members", check)
    return started, parent_checks


@pytest.fixture
def forking(asides, monkeypatch):
    """pytest-xdist's workers run a thread of their own; the child only checks and leaves, as in the command line.
    Never in a worker whose earlier tests started Qt: the program itself never forks a process running Qt."""
    qt = sys.modules.get("PySide6.QtCore")
    if qt is not None and qt.QCoreApplication.instance() is not None:
        pytest.skip("a Qt application runs in this test process; the command line never forks one")
    monkeypatch.setattr(package_aside, "single_threaded", lambda: True)
    return asides


def _bad_status(good, tmp_path):  # noqa: F811
    def change(rows):
        rows[3]["status"] = "差不多了"
        rows[5]["deadline"] = "2026-02-30"
    return edited(good, tmp_path, "entries.json", change)


def test_a_child_checks_and_the_parent_does_not(good, forking):  # noqa: F811
    started, parent_checks = forking
    preview = preview_package(good)
    assert started and started[0] is not None  # forked
    assert parent_checks == []  # the parent compared, the child checked
    assert len(preview.entries) == len(package_read.read_package(good).entries) > 0
    assert [a["file_name"] for a in preview.data.attachments] == ["整改报告.txt"]


def test_the_childs_refusal_is_the_message_checked_here(good, tmp_path, forking):  # noqa: F811
    bad = _bad_status(good, tmp_path)
    with pytest.raises(InputFileError) as here:
        package_read.read_package(bad)
    with pytest.raises(InputFileError) as aside:
        preview_package(bad)
    assert forking[0][-1] is not None
    assert aside.value.message == here.value.message
    assert "差不多了" in aside.value.message and "deadline" in aside.value.message


def test_a_child_without_an_answer_leaves_the_check_to_the_parent(good, tmp_path, forking, monkeypatch):  # noqa: F811
    parent = os.getpid()
    real = package_aside.checked_members

    def dies_in_the_child(data, loaded):
        if os.getpid() != parent:
            os._exit(3)
        return real(data, loaded)

    monkeypatch.setattr(package_aside, "checked_members", dies_in_the_child)
    assert len(preview_package(good).entries) > 0
    assert len(forking[1]) == 1  # checked here after all
    with pytest.raises(InputFileError, match="差不多了"):
        preview_package(_bad_status(good, tmp_path))


def test_no_fork_while_other_threads_run(good, asides):  # noqa: F811
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        preview = preview_package(good)
    finally:
        stop.set()
        other.join()
    assert asides[0] == [None] and asides[1] == [good]
    assert len(preview.entries) > 0


def test_meanwhile_gets_the_preview_before_the_childs_answer(good, tmp_path, forking):  # noqa: F811
    seen = []
    preview = preview_package(good, meanwhile=seen.append)
    assert seen == [preview]
    seen.clear()
    with pytest.raises(InputFileError, match="差不多了"):  # its work done, the refusal stands
        preview_package(_bad_status(good, tmp_path), meanwhile=seen.append)
    assert len(seen) == 1


def test_a_comparison_broken_by_a_bad_row_gives_the_childs_refusal(good, tmp_path, forking):  # noqa: F811
    bad = edited(good, tmp_path, "entries.json", lambda rows: rows.insert(2, 42))  # a number for an entry
    with pytest.raises(InputFileError) as here:
        package_read.read_package(bad)
    with pytest.raises(InputFileError) as aside:
        preview_package(bad)
    assert forking[0][-1] is not None
    assert aside.value.message == here.value.message and "第 3 条" in aside.value.message
