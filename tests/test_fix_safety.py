"""Fix safety, for every fixable rule of every installed pack (and the ACME test pack):

- the fixed file parses, and the engine did not have to refuse any fix for breaking syntax;
- a second run finds nothing more to fix for that rule (fixes converge in one `--fix`);
- CRLF files stay CRLF (no bare LF is introduced) and the fixed text is the expected one;
- file mode bits are kept;
- the write is atomic: a crash between writing the temporary file and renaming it leaves the
  old file byte for byte, and no temporary file behind;
- `--fix` on a read-only file is a clear message, not a traceback.

The inputs are each rule's own invalid cases that declare a fixed text (case folders and
in-code cases), so the test grows with every fixable rule that is added.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cxone_lint.api.document import DocumentError
from cxone_lint.api.results import RunResult
from cxone_lint.api.rule import Case, Rule
from cxone_lint.api.settings import Settings
from cxone_lint.cli.main import main
from cxone_lint.languages.config import parse_document
from cxone_lint.languages.python import PythonParseError, parse_python
from cxone_lint.run import fix as fix_mod
from cxone_lint.run import writes as writes_mod
from cxone_lint.run.engine import Engine, RunOptions
from cxone_lint.run.fix import apply_fixes
from cxone_lint.run.registry import load_registry, validated
from cxone_lint.run.settings import apply_table
from cxone_lint.run.workspace import file_kind
from cxone_lint.testing import rule_cases, write_project
from tests.packs.acme import PACK as ACME

REGISTRY = validated([*load_registry().packs, ACME])
FIXABLE = sorted((r for r in REGISTRY.rules.values() if r.fixable != "none"), key=lambda r: r.code)


def _fix_cases() -> Iterator[Any]:
    fixable = set(FIXABLE)
    for pack in REGISTRY.packs:
        for item in rule_cases(pack):
            if item.rule in fixable and item.case.fixed is not None:
                yield pytest.param(item.rule, item.case, id=item.id)


FIX_CASES = list(_fix_cases())


def _engine(root: Path, rule: type[Rule], case: Case) -> tuple[Engine, RunOptions]:
    settings = Settings(root=root.resolve())
    apply_table(settings, dict(case.settings), REGISTRY.options, "<test case>")
    extend = list(case.settings.get("extend-select", []))
    enabled = REGISTRY.select([rule.code], extend, settings.ignore)
    return Engine(settings, REGISTRY, enabled), RunOptions(paths=[root], use_cache=False, jobs=1)


def _fix(root: Path, rule: type[Rule], case: Case) -> tuple[RunResult, int, list[str]]:
    engine, options = _engine(root, rule, case)
    return apply_fixes(engine, options, engine.run(options), unsafe=case.unsafe)


def _fixable_left(root: Path, rule: type[Rule], case: Case) -> list[tuple[str, int]]:
    engine, options = _engine(root, rule, case)
    result = engine.run(options)
    return [
        (d.path, d.line)
        for d in result.active
        if d.code == rule.code and d.fix is not None and fix_mod._allowed(d.fix, case.unsafe)
    ]


def _parses(rel: str, text: str) -> bool:
    kind = file_kind(rel.rsplit("/", 1)[-1])
    try:
        if kind == "python":
            parse_python(text)
            compile(text, rel, "exec", dont_inherit=True)  # CPython agrees (never run)
        elif kind == "javascript":
            from cxone_lint.languages import javascript

            return javascript.parse(text, rel).errors == []  # tree-sitter: no error region
        elif kind is not None:
            parse_document(kind, text)
    except (PythonParseError, DocumentError, SyntaxError):
        return False
    return True


def test_every_fixable_rule_has_a_fixed_case() -> None:
    fixed = {p.values[0].code for p in FIX_CASES}
    without = [r.code for r in FIXABLE if r.code not in fixed]
    assert without == []
    assert "ACME101" in {r.code for r in FIXABLE}


@pytest.mark.parametrize(("rule", "case"), FIX_CASES)
def test_fix_parses_and_converges(rule: type[Rule], case: Case, tmp_path: Path) -> None:
    write_project(tmp_path, case.files)
    _, applied, problems = _fix(tmp_path, rule, case)
    assert problems == []
    assert applied >= 1
    assert case.fixed is not None
    for rel, expected in case.fixed.items():
        text = (tmp_path / rel).read_bytes().decode("utf-8")
        assert text == expected
        assert _parses(rel, text), f"{rule.code}: fixed {rel} does not parse"
    assert _fixable_left(tmp_path, rule, case) == []
    # Fixing again changes nothing.
    before = {rel: (tmp_path / rel).read_bytes() for rel in case.files}
    _, applied_again, problems_again = _fix(tmp_path, rule, case)
    assert (applied_again, problems_again) == (0, [])
    assert {rel: (tmp_path / rel).read_bytes() for rel in case.files} == before


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


@pytest.mark.parametrize(("rule", "case"), FIX_CASES)
def test_fix_keeps_crlf_and_mode(rule: type[Rule], case: Case, tmp_path: Path) -> None:
    write_project(tmp_path, {rel: _crlf(text) for rel, text in case.files.items()})
    for index, rel in enumerate(sorted(case.files)):
        (tmp_path / rel).chmod((0o640, 0o755, 0o600)[index % 3])
    modes = {rel: (tmp_path / rel).stat().st_mode for rel in case.files}
    _, applied, problems = _fix(tmp_path, rule, case)
    assert problems == []
    assert applied >= 1
    assert case.fixed is not None
    for rel, expected in case.fixed.items():
        data = (tmp_path / rel).read_bytes()
        assert b"\n" not in data.replace(b"\r\n", b""), f"{rule.code}: bare LF in {rel}"
        assert data.decode("utf-8") == _crlf(expected)
    assert {rel: (tmp_path / rel).stat().st_mode for rel in case.files} == modes
    assert _fixable_left(tmp_path, rule, case) == []


# -- atomic writes ------------------------------------------------------------------------------

ACME_CASE = Case({"a.py": "import pdb\npdb.set_trace()\n"}, fixed={"a.py": "import pdb\nNone\n"})


def _only_original_files(root: Path, names: set[str]) -> None:
    assert {p.name for p in root.iterdir()} == names, "a temporary file was left behind"


@pytest.mark.parametrize(("rule", "case"), [*FIX_CASES, pytest.param(ACME.rules[0], ACME_CASE)])
def test_crash_between_write_and_rename_keeps_the_old_file(
    rule: type[Rule], case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(tmp_path, case.files)
    before = {rel: (tmp_path / rel).read_bytes() for rel in case.files}
    names = {p.name for p in tmp_path.iterdir()}

    def crash(src: Any, dst: Any) -> None:
        # The temporary file is complete at this point: prove it, then "lose power".
        assert Path(src).parent == Path(dst).parent
        assert Path(src).read_bytes() != Path(dst).read_bytes()
        raise KeyboardInterrupt

    monkeypatch.setattr(writes_mod.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        _fix(tmp_path, rule, case)
    assert {rel: (tmp_path / rel).read_bytes() for rel in case.files} == before
    _only_original_files(tmp_path, names)


def test_crash_while_writing_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(tmp_path, ACME_CASE.files)
    real_fdopen = os.fdopen

    class Torn:
        def __init__(self, fh: Any) -> None:
            self.fh = fh

        def __enter__(self) -> Torn:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, text: str) -> None:
            self.fh.write(text[: len(text) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(writes_mod.os, "fdopen", lambda *a, **k: Torn(real_fdopen(*a, **k)))
    _, applied, problems = _fix(tmp_path, ACME.rules[0], ACME_CASE)
    assert applied == 0
    assert problems == ["a.py: cannot write fix: No space left on device"]
    assert (tmp_path / "a.py").read_text() == ACME_CASE.files["a.py"]
    _only_original_files(tmp_path, {"a.py"})


# -- read-only files through the command line ---------------------------------------------------


def _fixable_project(root: Path) -> tuple[str, list[str], str]:
    """A project with a fixable finding of a built-in rule when one exists: (file, args, text)."""
    for param in FIX_CASES:
        rule, case = param.values
        if rule.code.startswith("CX") and len(case.files) == 1 and not case.settings:
            write_project(root, case.files)
            (rel,) = case.files
            flags = ["--unsafe-fixes"] if case.unsafe else ["--fix"]
            return rel, ["--select", rule.code, *flags], case.files[rel]
    pytest.skip("no built-in fixable rule with a one-file case")


def _chattr(path: Path, flag: str) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


def test_fix_on_an_immutable_file_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Root writes through chmod 0444, so a truly read-only file needs `chattr +i` (ext4, xfs,
    btrfs as root); where that is not possible the test is skipped and the next one simulates."""
    rel, args, text = _fixable_project(tmp_path)
    target = tmp_path / rel
    if not _chattr(target, "+i"):
        pytest.skip("chattr +i not possible here")
    try:
        monkeypatch.chdir(tmp_path)
        code = main(["check", "--isolated", "--no-cache", *args])
        _, err = capsys.readouterr()
    finally:
        _chattr(target, "-i")
    assert "Traceback" not in err
    assert f"cxone-lint: {rel}: cannot fix: the file is read-only" in err
    assert code == 1  # the finding is still there
    assert target.read_text() == text


def test_fix_on_a_read_only_file_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Simulated: os.access says the file is not writable, as it would for a non-root user on a
    0444 file; and the rename is refused, as on a read-only mount."""
    rel, args, text = _fixable_project(tmp_path)
    target = tmp_path / rel
    target.chmod(0o444)
    real_access = os.access
    monkeypatch.setattr(
        writes_mod.os,
        "access",
        lambda p, m, *a, **k: False if Path(p) == target else real_access(p, m, *a, **k),
    )
    monkeypatch.chdir(tmp_path)
    code = main(["check", "--isolated", "--no-cache", *args])
    _, err = capsys.readouterr()
    assert "Traceback" not in err
    assert f"cxone-lint: {rel}: cannot fix: the file is read-only" in err
    assert code == 1
    assert target.read_text() == text
    assert target.stat().st_mode & 0o777 == 0o444

    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)

    def refuse(src: Any, dst: Any) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(writes_mod.os, "replace", refuse)
    target.chmod(0o644)
    code = main(["check", "--isolated", "--no-cache", *args])
    _, err = capsys.readouterr()
    assert "Traceback" not in err
    assert f"cxone-lint: {rel}: cannot write fix: Read-only file system" in err
    assert target.read_text() == text
    _only_original_files(target.parent, {p.name for p in target.parent.iterdir()})


def test_inserted_line_breaks_follow_the_file() -> None:
    from cxone_lint.api.diagnostics import Edit, Position

    insert = Edit("a.py", Position(1, 1), Position(1, 1), "import os\n")
    assert fix_mod.apply_edits("x = 1\r\ny = 2\r\n", [insert]) == "import os\r\nx = 1\r\ny = 2\r\n"
    assert fix_mod.apply_edits("x = 1\ny = 2\n", [insert]) == "import os\nx = 1\ny = 2\n"
