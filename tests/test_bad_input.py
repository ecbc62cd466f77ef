"""Bad input gets a clear finding naming the file, and the run goes on with the other files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from cxone_lint.run import analyse as files_mod
from cxone_lint.testing import findings, run_project, write_project
from tests.packs.acme import PACK

GOOD = "import pdb\npdb.set_trace()\n"


def _run(root: Path) -> list[tuple[str, str, int]]:
    return findings(run_project(root, ["ACME101", "LINT001", "LINT002"], extra_packs=[PACK]))


def _messages(root: Path) -> dict[str, str]:
    result = run_project(root, ["ACME101", "LINT001", "LINT002"], extra_packs=[PACK])
    return {d.path: d.message for d in result.active if d.code in ("LINT001", "LINT002")}


def test_each_bad_file_is_named_and_others_still_linted(tmp_path: Path) -> None:
    write_project(tmp_path, {"good.py": GOOD, "empty.py": "", "empty.toml": "", "empty.json": ""})
    (tmp_path / "latin1.py").write_bytes(b"import pdb\nname = 'caf\xe9'\n")
    (tmp_path / "binary.py").write_bytes(b"import pdb\n\x00\x01\x02")
    (tmp_path / "syntax.py").write_text("import pdb\ndef f(:\n")
    (tmp_path / "broken.json").write_text('{"a": [1,}')
    (tmp_path / "broken.yaml").write_text("a: [\n")
    assert _run(tmp_path) == [
        ("ACME101", "good.py", 2),
        ("LINT001", "broken.json", 1),
        ("LINT001", "broken.yaml", 2),
        ("LINT001", "empty.json", 1),
        ("LINT001", "syntax.py", 2),
        ("LINT002", "binary.py", 1),
        ("LINT002", "latin1.py", 1),
    ]
    messages = _messages(tmp_path)
    assert messages["binary.py"] == "binary content (NUL bytes); not analysed"
    assert messages["latin1.py"].startswith("cannot decode file as text (invalid")
    assert messages["empty.json"] == "invalid JSON: Expecting value"


def test_boms_and_utf16_are_decoded(tmp_path: Path) -> None:
    (tmp_path / "bom.py").write_bytes(codecs.BOM_UTF8 + GOOD.encode())
    (tmp_path / "utf16.py").write_bytes(GOOD.encode("utf-16"))
    assert _run(tmp_path) == [("ACME101", "bom.py", 2), ("ACME101", "utf16.py", 2)]


def test_pep263_coding_cookie(tmp_path: Path) -> None:
    (tmp_path / "l1.py").write_bytes(
        b"# -*- coding: latin-1 -*-\nimport pdb\nx='\xe9'\npdb.set_trace()\n"
    )
    assert _run(tmp_path) == [("ACME101", "l1.py", 4)]


def test_huge_file_is_skipped_with_a_reason(tmp_path: Path) -> None:
    write_project(tmp_path, {"good.py": GOOD})
    with (tmp_path / "huge.py").open("wb") as fh:
        line = b"x = 'pdb' * 3\n"
        fh.write(line * (50 * 1024 * 1024 // len(line) + 1))
    assert _run(tmp_path) == [("ACME101", "good.py", 2), ("LINT002", "huge.py", 1)]
    assert _messages(tmp_path)["huge.py"] == "file larger than 10 MB; not analysed"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(tmp_path, {"good.py": GOOD, "locked.py": GOOD})
    real = files_mod.read_bytes

    def deny(source):  # type: ignore[no-untyped-def]
        if source.rel == "locked.py":
            raise PermissionError(13, "Permission denied")
        return real(source)

    monkeypatch.setattr(files_mod, "read_bytes", deny)
    assert _run(tmp_path) == [("ACME101", "good.py", 2), ("LINT002", "locked.py", 1)]
    assert _messages(tmp_path)["locked.py"] == "cannot read file: Permission denied"


def test_file_vanishing_during_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(tmp_path, {"good.py": GOOD, "gone.py": GOOD})
    real = files_mod.read_bytes

    def vanish(source):  # type: ignore[no-untyped-def]
        if source.rel == "gone.py":
            source.path.unlink()
        return real(source)

    monkeypatch.setattr(files_mod, "read_bytes", vanish)
    assert _run(tmp_path) == [("ACME101", "good.py", 2), ("LINT002", "gone.py", 1)]
