"""Bad input, the rest of the matrix (test_bad_input.py has encodings, BOMs, binary, huge,
unreadable and vanished files, broken JSON/YAML): syntax errors, mixed tabs, NUL bytes past the
binary sniff, 10,000-deep nesting, symlinks, unreadable folders, broken TOML, manifests of the
wrong shape, bad settings, a git repository without commits, a path that does not exist.

Each gives a clear message naming the file, the other files are still linted, and the exit code
is 2 only for usage and settings errors.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cxone_lint.cli.main import main
from cxone_lint.run import workspace
from cxone_lint.testing import findings, run_project, write_project
from tests.packs.acme import PACK

GOOD = "import pdb\npdb.set_trace()\n"
GOOD_FINDING = ("ACME101", "good.py", 2)
N = 10_000


def _run(root: Path) -> list[tuple[str, str, int]]:
    return findings(
        run_project(root, ["ACME101", "LINT001", "LINT002", "LINT003"], extra_packs=[PACK])
    )


def _messages(root: Path, code: str = "LINT001") -> dict[str, str]:
    result = run_project(root, ["ACME101", "LINT001", "LINT002", "LINT003"], extra_packs=[PACK])
    return {d.path: d.message for d in result.active if d.code == code}


def _cli(
    root: Path, args: list[str], capsys: pytest.CaptureFixture[str], mp: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    mp.chdir(root)
    code = main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# -- Python that does not parse -----------------------------------------------------------------

SYNTAX_ERRORS = {
    # file -> (text, line LINT001 points at)
    "py2_print.py": ("import pdb\nprint 'hello'\n", 2),
    "unclosed.py": ("import pdb\nx = (1,\n\ny = 2\n", 2),
    "bad_indent.py": ("import pdb\ndef f():\n    x = 1\n      y = 2\n", 4),
    "unindent.py": ("import pdb\nif x:\n        a = 1\n    b = 2\n", 4),
    "stray_else.py": ("import pdb\nelse:\n    pass\n", 2),
    "bad_fstring.py": ("import pdb\nx = f'{'\n", 2),
    "unterminated.py": ('import pdb\nx = """abc\n', 2),
    "lone_bracket.py": ("import pdb\n)\n", 2),
}


def test_syntax_errors_are_named_and_the_run_goes_on(tmp_path: Path) -> None:
    files = {name: text for name, (text, _) in SYNTAX_ERRORS.items()}
    write_project(tmp_path, {"good.py": GOOD, **files})
    got = _run(tmp_path)
    assert GOOD_FINDING in got
    assert sorted(f for f in got if f != GOOD_FINDING) == sorted(
        ("LINT001", name, line) for name, (_, line) in SYNTAX_ERRORS.items()
    )
    for name, message in _messages(tmp_path).items():
        assert message.startswith("syntax error"), (name, message)


@pytest.mark.parametrize(
    "text",
    [
        "import pdb\nif x:\n\tpdb.set_trace()\n        y = 1\n",
        "import pdb\nif x:\n        pdb.set_trace()\n\ty = 1\n",
    ],
    ids=["tab-then-spaces", "spaces-then-tab"],
)
def test_mixed_tabs_and_spaces(tmp_path: Path, text: str) -> None:
    write_project(tmp_path, {"good.py": GOOD, "tabs.py": text})
    assert _run(tmp_path) == [GOOD_FINDING, ("LINT001", "tabs.py", 4)]
    assert "inconsistent use of tabs and spaces" in _messages(tmp_path)["tabs.py"]


def test_consistent_tabs_are_fine(tmp_path: Path) -> None:
    write_project(tmp_path, {"tabs.py": "import pdb\nif x:\n\tpdb.set_trace()\n"})
    assert _run(tmp_path) == [("ACME101", "tabs.py", 3)]


def test_nul_bytes_past_the_binary_sniff(tmp_path: Path) -> None:
    """The binary check reads the first 8 KiB; a NUL after that reaches the parsers."""
    pad = "#" * 9000 + "\n"
    write_project(
        tmp_path,
        {
            "good.py": GOOD,
            "in_string.py": f"import pdb\n{pad}x = 'a\0b'\npdb.set_trace()\n",
            "in_code.py": f"import pdb\n{pad}x = 1\0\npdb.set_trace()\n",
            "late.json": '{"a": "' + "x" * 9000 + '\0"}',
            "late.toml": 'a = "' + "x" * 9000 + '\0"\n',
            "late.yaml": "a: " + "x" * 9000 + "\0\n",
            "late.env": "A=" + "x" * 9000 + "\0\n",
        },
    )
    got = _run(tmp_path)
    assert GOOD_FINDING in got
    assert not [f for f in got if f[0] == "LINT003"]
    by_file: dict[str, list[str]] = {}
    for code, path, _ in got:
        by_file.setdefault(path, []).append(code)
    # Every file is accounted for: the debugger call after the NUL is found, or the file is
    # reported as unparseable; never a crash, never a silent pass.
    for name in ("in_string.py", "in_code.py"):
        assert by_file.get(name) in (["ACME101"], ["LINT001"]), (name, by_file.get(name))
    for name in ("late.json", "late.toml", "late.yaml"):
        assert by_file.get(name) == ["LINT001"], (name, by_file.get(name))


# -- 10,000-deep nesting ------------------------------------------------------------------------

DEEP_PYTHON = {
    "parens": "x = " + "(" * N + "1" + ")" * N,
    "lists": "x = " + "[" * N + "]" * N,
    "calls": "x = " + "f(" * N + ")" * N,
    "dicts": "x = " + "{1: " * N + "1" + "}" * N,
    "binop": "x = " + "+".join(["1"] * N),
    "unary": "x = " + "-" * N + "1",
    "attributes": "x = a" + ".b" * N,
    "not": "x = " + "not " * N + "1",
    "lambdas": "x = " + "lambda: " * N + "1",
    "subscripts": "x = a" + "[0]" * N,
    "blocks": "".join(" " * i + "if x:\n" for i in range(N // 50)) + " " * (N // 50) + "pass",
}


@pytest.mark.parametrize("shape", sorted(DEEP_PYTHON))
def test_deeply_nested_python_is_cx001_and_the_run_goes_on(tmp_path: Path, shape: str) -> None:
    text = "import pdb\n" + DEEP_PYTHON[shape] + "\n"
    write_project(tmp_path, {"good.py": GOOD, "deep.py": text, "z_after.py": GOOD})
    got = _run(tmp_path)
    # Whatever the parser's limits, the deep file is a LINT001 naming it, within the file.
    (deep,) = [f for f in got if f[1] == "deep.py"]
    assert got == sorted([GOOD_FINDING, ("ACME101", "z_after.py", 2), deep])
    assert deep[0] == "LINT001"
    assert 1 <= deep[2] <= text.count("\n")


DEEP_CONFIG = {
    "deep.json": "[" * N + "]" * N,
    "deep_obj.json": '{"a": ' * N + "1" + "}" * N,
    "deep.toml": "a = " + "[" * N + "]" * N + "\n",
    "deep_inline.toml": "a = " + "{b = " * N + "1" + "}" * N + "\n",
    "deep.yaml": "a: " + "[" * N + "]" * N + "\n",
    "deep_block.yaml": "".join("  " * i + f"k{i}:\n" for i in range(2000)) + "  " * 2000 + "v: 1\n",
    "cxone-app.json": '{"app": ' * N + "1" + "}" * N,
}


def test_deeply_nested_config_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(tmp_path, {"good.py": GOOD, **DEEP_CONFIG})
    assert _run(tmp_path) == [GOOD_FINDING, *(("LINT001", name, 1) for name in sorted(DEEP_CONFIG))]
    # With every built-in rule too: the manifest rules meet a manifest that does not parse.
    code, out, _ = _cli(
        tmp_path,
        ["check", "--isolated", "--no-cache", "--select", "ALL", "-o", "json"],
        capsys,
        monkeypatch,
    )
    report = json.loads(out)
    assert code == 1
    assert not [f for f in report["findings"] if f["code"] == "LINT003"]
    assert {f["path"] for f in report["findings"] if f["code"] == "LINT001"} == set(DEEP_CONFIG)


# -- symlinks and folders -----------------------------------------------------------------------


def test_symlinks_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "proj"
    write_project(root, {"good.py": GOOD})
    outside = tmp_path / "outside.py"
    outside.write_text(GOOD)
    os.symlink(outside, root / "linked.py")
    os.symlink(root, root / "loop")  # a directory link back to the root: never followed
    os.symlink(root / "b.py", root / "a.py")
    os.symlink(root / "a.py", root / "b.py")  # a.py -> b.py -> a.py
    code, out, err = _cli(
        root,
        ["check", "--isolated", "--no-cache", "--select", "CX0", "-o", "json"],
        capsys,
        monkeypatch,
    )
    report = json.loads(out)
    assert code == 0
    skipped = report["files"]["skipped"]
    assert {k: v for k, v in skipped.items() if v != "not-relevant"} == {
        "a.py": "broken or looping symlink; skipped",
        "b.py": "broken or looping symlink; skipped",
        "linked.py": "symlink pointing outside the project; not followed",
    }
    assert "cxone-lint: linked.py: symlink pointing outside the project; not followed" in err
    assert "cxone-lint: a.py: broken or looping symlink; skipped" in err


def test_symlinks_are_not_followed_by_the_engine(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write_project(root, {"good.py": GOOD})
    (tmp_path / "outside.py").write_text(GOOD)
    os.symlink(tmp_path / "outside.py", root / "linked.py")
    os.symlink(root, root / "loop")
    assert _run(root) == [GOOD_FINDING]


def test_unreadable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads any folder whatever its mode (CI runs as root), so listing one is refused by
    monkeypatching os.scandir for that folder; the folder is named and the run goes on."""
    write_project(tmp_path, {"good.py": GOOD, "locked/inner.py": GOOD, "open/x.py": GOOD})
    real = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(workspace.os, "scandir", scandir)
    result = run_project(tmp_path, ["ACME101", "CX0"], extra_packs=[PACK])
    assert findings(result) == [GOOD_FINDING, ("ACME101", "open/x.py", 2)]
    assert result.stats.files_skipped["locked"] == "cannot list directory: Permission denied"


# -- broken TOML, manifests of the wrong shape --------------------------------------------------

BROKEN_TOML = {
    "dup_key.toml": ("a = 1\na = 2\n", 2),
    "unclosed_string.toml": ('a = "x\nb = 1\n', 1),
    "bad_table.toml": ("[a\nb = 1\n", 1),
    "bad_value.toml": ("a = nope\n", 1),
    "redefined_table.toml": ("[t]\na = 1\n[t]\nb = 2\n", 3),
    "cxone-app.toml": ('[app]\nname = "x"\nname = "y"\n', 3),
}


def test_broken_toml_including_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(tmp_path, {"good.py": GOOD, **{k: t for k, (t, _) in BROKEN_TOML.items()}})
    assert _run(tmp_path) == sorted(
        [GOOD_FINDING, *(("LINT001", name, line) for name, (_, line) in BROKEN_TOML.items())]
    )
    for name, message in _messages(tmp_path).items():
        assert message.startswith("invalid TOML: "), (name, message)
    code, out, _ = _cli(
        tmp_path,
        ["check", "--isolated", "--no-cache", "--select", "ALL", "-o", "json"],
        capsys,
        monkeypatch,
    )
    codes = [(f["code"], f["path"]) for f in json.loads(out)["findings"]]
    assert code == 1
    assert ("LINT001", "cxone-app.toml") in codes
    assert not [c for c in codes if c[0] == "LINT003"]


WRONG_SHAPES = {
    "cxone-app.toml": [
        'app = "not a table"\n',
        "[[app]]\nname = 1\n[[app]]\nname = 2\n",
        '[app]\nname = 5\ntype = []\ntenancy = {a = 1}\nscope = 3\nbusiness_unit = "x"\n'
        'environments = [1, [2], {a = 3}]\ngovernment = "no"\norigins = "https://a"\n'
        "[api_user]\npermissions = {a = 1}\nattributes = 7\n",
        "[app.api_user.more]\nx = 1\n[api_user]\nusername = 1987-07-05T17:45:00Z\n",
        "apps = 3\n",
        "[[apps]]\npaths = [1]\nname = true\n[[apps]]\n",
        "",
    ],
    "cxone-app.json": [
        "[]",
        '"app"',
        "null",
        '{"name": 5, "type": [], "redirects": "x", "scope": ["a"], "isEnabled": "yes", '
        '"apiUser": [1], "origins": [null, {}], "businessUnit": 1.5}',
        '{"applications": [{"name": "a"}], "id": {"nested": true}}',
        "{}",
    ],
}


@pytest.mark.parametrize(
    ("name", "text"),
    [(name, text) for name, texts in WRONG_SHAPES.items() for text in texts],
    ids=[f"{name}-{i}" for name, texts in WRONG_SHAPES.items() for i in range(len(texts))],
)
def test_manifest_of_the_wrong_shape(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
) -> None:
    write_project(
        tmp_path,
        {
            name: text,
            "app.py": "import requests\nrequests.post('https://cxone.niceincontact.com/auth/token',"
            " data={'grant_type': 'client_credentials'})\n",
        },
    )
    code, out, _err = _cli(
        tmp_path,
        ["check", "--isolated", "--no-cache", "--select", "ALL", "-o", "json"],
        capsys,
        monkeypatch,
    )
    found = json.loads(out)["findings"]
    assert not [f for f in found if f["code"] == "LINT003"], found
    assert code in (0, 1)
    for f in found:
        assert f["path"] in (name, "app.py"), f


# -- settings, git, paths -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("[lint]\nselect = []\n", "unknown key 'lint' in [tool.cxone-lint]"),
        ("manifest = 3\n", "'manifest' has the wrong type"),
        ('select = ["CX1"]\nextend-ignore = ["CX2"]\n', "unknown key 'extend-ignore'"),
        ("cache-dir = false\n", "'cache-dir' must be a directory path, got False"),
    ],
)
def test_bad_settings_exit_2_naming_the_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    settings: str,
    message: str,
) -> None:
    write_project(tmp_path, {"cxone-lint.toml": settings, "good.py": GOOD})
    code, out, err = _cli(tmp_path, ["check", "--no-cache"], capsys, monkeypatch)
    assert code == 2
    assert out == ""
    assert f"{tmp_path.resolve() / 'cxone-lint.toml'}: " in err
    assert message in err


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_git_repository_without_commits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(tmp_path, {"good.py": GOOD, "ignored.py": GOOD, ".gitignore": "ignored.py\n"})
    write_project(tmp_path, {"cxone-app.toml": '[app]\nname = "x"\ntype = "backend"\n'})
    _git(tmp_path, "init", "-q")
    # Untracked files of a fresh repository are linted; .gitignore is honoured.
    assert _run(tmp_path) == [GOOD_FINDING]
    code, out, err = _cli(
        tmp_path, ["check", "--no-cache", "--select", "ALL", "-o", "json"], capsys, monkeypatch
    )
    assert code in (0, 1)
    assert json.loads(out)["files"]["seen"] == 2  # good.py, cxone-app.toml
    # Comparing with a revision that cannot exist yet is a usage error, said plainly.
    code, out, err = _cli(
        tmp_path, ["check", "--no-cache", "--select", "ALL", "--base", "HEAD"], capsys, monkeypatch
    )
    assert (code, out) == (2, "")
    assert "--base: git revision 'HEAD' is not available" in err


def test_path_that_does_not_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(tmp_path, {"a.py": "x = 1\n", "bad.toml": "a = \n"})
    code, out, err = _cli(
        tmp_path,
        ["check", "--isolated", "--no-cache", "--select", "ALL", "nope.py", "gone/", "bad.toml"],
        capsys,
        monkeypatch,
    )
    # A named path that analyses nothing fails the run (exit 2), after every finding.
    assert code == 2
    assert "bad.toml:1:" in out
    assert "cxone-lint: nope.py: no such file or directory" in err
    assert "cxone-lint: gone: no such file or directory" in err
    assert "cxone-lint: error: nothing was analysed for nope.py, gone" in err


# -- valid Python the parser path cannot handle (found by the corpus runs) ----------------------

PARSER_LIMITS = {
    # pydoc_data/topics.py has this shape: a long implicit concatenation of string literals.
    # The walk reads it; the positions a finding needs (libcst's code generation) overflow.
    "long_concatenation.py": "import pdb\npdb.set_trace()\nx = (\n"
    + "".join(f'    "part {i} "\n' for i in range(800))
    + ")\n",
    # test/test_grammar.py: an annotated assignment to a parenthesised name.
    "parenthesised_target.py": "import pdb\ndef f():\n    (x): int\n",
}


@pytest.mark.parametrize("name", sorted(PARSER_LIMITS))
def test_valid_python_is_never_a_syntax_error(tmp_path: Path, name: str) -> None:
    """libcst cannot read some valid code (long concatenations overflow its recursion, `(x):
    int` is unknown to its grammar): that is a limit of the analysis, said as a LINT002 warning
    naming libcst, never a LINT001 error calling valid code broken."""
    text = PARSER_LIMITS[name]
    compile(text, name, "exec", dont_inherit=True)  # CPython accepts it
    write_project(tmp_path, {name: text})
    assert _run(tmp_path) == [("LINT002", name, 1)]
    assert _messages(tmp_path, "LINT002")[name].startswith(
        "valid Python that the analysis parser (libcst) cannot read ("
    )
