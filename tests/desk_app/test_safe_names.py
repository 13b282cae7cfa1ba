"""One function turns any outside name into a safe file name inside a given folder (issue 13, item 1),
and 打开 copies an evidence file into a folder of its own (item 7). Windows' rules apply on every
system, so they are tested here on Linux."""

import os
import tempfile
from pathlib import Path

import pytest

from desk_app import safe_names
from desk_app.errors import InputFileError
from desk_app.services import attachments


@pytest.mark.parametrize("outside, expected", [
    ("/abs/path", "path"),
    ("../../x", "x"),
    ("..\\..\\Startup\\run.bat", "run.bat"),
    ("C:\\Users\\Public\\evil.txt", "evil.txt"),
    ("CON", "_CON"),
    ("aux.txt", "_aux.txt"),
    ("Com1.tar.gz", "_Com1.tar.gz"),
    ("lpt9", "_lpt9"),
    ("nul .txt", "_nul.txt"),
    ("a:b*?", "a_b__"),
    ('x<y>"z"|w', "x_y__z__w"),
    ("report.pdf. . ", "report.pdf"),
    ("..", "附件"),
    ("", "附件"),
    ("bell\x07name\u202egpj.exe", "bellnamegpj.exe"),
])
def test_outside_names_become_safe_names(outside, expected):
    assert safe_names.safe_component(outside) == expected


def test_long_names_keep_their_extension_and_fit_255_bytes():
    name = "很长的文件名" * 60 + ".pdf"  # 300+ characters, 1,000+ bytes
    safe = safe_names.safe_component(name)
    assert safe.endswith(".pdf") and len(safe.encode("utf-8")) <= 255


def test_paths_stay_inside_the_folder_and_fit_windows_max_path(tmp_path):
    deep = tmp_path / ("d" * 150)
    deep.mkdir()
    target = safe_names.safe_path(deep, "x" * 300 + ".docx")
    assert target.parent == deep and target.suffix == ".docx"
    assert len(str(target)) <= safe_names.WINDOWS_MAX_PATH
    target.write_bytes(b"ok")  # and the file system takes it


def test_a_folder_too_deep_for_windows_is_a_message(tmp_path):
    with pytest.raises(InputFileError, match="路径太长"):
        safe_names.safe_path(Path("/" + "d" * 255), "a.txt")


def test_names_differing_only_in_case_do_not_collide(tmp_path):
    (tmp_path / "Report.PDF").write_bytes(b"first")
    taken: set[str] = set()
    second = safe_names.safe_path(tmp_path, "report.pdf", taken=taken)
    third = safe_names.safe_path(tmp_path, "REPORT.pdf", taken=taken)
    assert second.name == "report (2).pdf" and third.name == "REPORT (3).pdf"


def test_executables_are_recognised_after_cleaning():
    assert safe_names.is_executable("报告.pdf.bat")
    assert safe_names.is_executable("run.BAT. ")  # Windows drops the trailing dot and space
    assert not safe_names.is_executable("报告.pdf")


# --- 打开 and export of evidence files ------------------------------------------------------------

@pytest.fixture
def hostile_attachment(demo, tmp_path):
    """An attachment whose recorded name came from a hostile package."""
    from desk_app.db.models import Attachment, LedgerEntry

    source = tmp_path / "scan.pdf"
    source.write_bytes(b"%PDF-1.4 real evidence")
    entry = LedgerEntry.select().first()
    record = attachments.add_attachment(entry.id, source)
    return record, Attachment, entry


@pytest.mark.parametrize("name", ["/abs/path/整改.pdf", "../../../整改.pdf", "CON", "aux.txt", "a:b*?",
                                  "长" * 300 + ".pdf"])
def test_open_copy_stays_in_a_fresh_temporary_folder(hostile_attachment, name):
    record, Attachment, _ = hostile_attachment
    Attachment.update(file_name=name).where(Attachment.id == record.id).execute()
    target = attachments.open_copy(record.id)
    temp = Path(tempfile.gettempdir()).resolve()
    assert target.resolve().parent.parent == temp
    assert target.parent.name.startswith(attachments.OPEN_PREFIX)
    assert target.read_bytes() == b"%PDF-1.4 real evidence"
    assert len(target.name.encode("utf-8")) <= 255


def test_open_never_shows_an_older_file_with_the_same_id_and_name(hostile_attachment, tmp_path):
    """The old code reused <tmp>/desk_app-open/<id>/<name>: a file left there (by another data folder
    with the same attachment id, or by anyone) was shown instead of the real one."""
    record, _, entry = hostile_attachment
    stale = Path(tempfile.gettempdir()) / "desk_app-open" / str(record.id) / record.file_name
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"an older, different file")
    first = attachments.open_copy(record.id)
    second = attachments.open_copy(record.id)
    assert first.read_bytes() == second.read_bytes() == b"%PDF-1.4 real evidence"
    assert first.parent != second.parent  # a viewer holding the first open does not block the second


def test_programs_are_not_handed_to_the_system_opener(hostile_attachment):
    record, Attachment, _ = hostile_attachment
    Attachment.update(file_name="整改报告.pdf.bat").where(Attachment.id == record.id).execute()
    with pytest.raises(InputFileError, match="不直接打开"):
        attachments.open_copy(record.id)


def test_old_viewer_copies_are_swept(hostile_attachment):
    record, _, _ = hostile_attachment
    old = attachments.open_copy(record.id).parent
    os.utime(old, (0, 0))
    fresh = attachments.open_copy(record.id).parent
    assert not old.exists() and fresh.exists()


def test_export_copy_uses_a_safe_name_and_never_overwrites(hostile_attachment, tmp_path):
    record, Attachment, _ = hostile_attachment
    Attachment.update(file_name="../../outside.pdf").where(Attachment.id == record.id).execute()
    out = tmp_path / "out"
    out.mkdir()
    (out / "OUTSIDE.pdf").write_bytes(b"someone else's")
    target = attachments.export_copy(record.id, out)
    assert target == out / "outside (2).pdf"
    assert (out / "OUTSIDE.pdf").read_bytes() == b"someone else's"
    assert not (tmp_path / "outside.pdf").exists()
