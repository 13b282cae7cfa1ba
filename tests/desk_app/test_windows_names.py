"""Windows names, simulated on Linux (windows_sim.windows_names): every file the program creates from a
name that came from outside — an attachment's name, a document title — is one Windows accepts: no
device name (CON, aux.txt, LPT1.台账), no forbidden character, no trailing dot, under MAX_PATH, and
never the same file as another one that differs only in letter case. The rules themselves live in
desk_app/safe_names.py; these tests go through the places that use it."""

from __future__ import annotations

import pytest
from windows_sim import windows_name_problem, windows_names

from desk_app.services import attachments

HOSTILE = ["CON", "aux.txt", "LPT1.整改报告.docx", "Com3 .pdf", "报告.", "a:b*c?.xlsx", "nul", "整改" * 150 + ".pdf",
           "Report.PDF", "report.pdf", "REPORT.pdf"]


def test_the_judge_knows_windows_rules(tmp_path):
    (tmp_path / "Report.pdf").write_text("x")
    for name in ("CON", "aux.txt", "a?b", "end.", "report.PDF", "x" * 300):
        assert windows_name_problem(str(tmp_path / name), str(tmp_path)), name
    for name in ("_CON", "Report.pdf", "普通文件.docx", "console.txt"):
        assert windows_name_problem(str(tmp_path / name), str(tmp_path)) is None, name


@pytest.fixture
def hostile_attachments(demo, tmp_path):
    ids = []
    for index, name in enumerate(HOSTILE):
        source = tmp_path / "in" / str(index) / "file"
        source.parent.mkdir(parents=True)
        source.write_bytes(f"evidence {index}".encode())
        record = attachments.add_attachment(1, source)
        from desk_app.db.models import Attachment

        Attachment.update(file_name=name).where(Attachment.id == record.id).execute()
        ids.append(record.id)
    return ids


def test_exported_attachments_get_windows_names_and_never_collide(hostile_attachments, tmp_path, monkeypatch):
    out = tmp_path / "导出"
    out.mkdir()
    with windows_names(monkeypatch, out) as problems:
        written = [attachments.export_copy(attachment_id, out) for attachment_id in hostile_attachments]
    assert not problems, problems
    assert len({p.name.casefold() for p in written}) == len(HOSTILE), "one file each, whatever the case"
    assert [p.read_bytes() for p in written] == [f"evidence {i}".encode() for i in range(len(HOSTILE))]


def test_viewer_copies_get_windows_names(hostile_attachments, tmp_path, monkeypatch):
    import tempfile

    with windows_names(monkeypatch, tempfile.gettempdir()) as problems:
        copies = [attachments.open_copy(attachment_id) for attachment_id in hostile_attachments]
    assert not problems, problems
    assert all(copy.is_file() for copy in copies)
