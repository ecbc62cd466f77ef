"""Hostile repositories against the write policy (run/writes.py): nothing outside the project is
touched, a committed or copied cache is never believed, and --fix writes only the finding's own
file, as it was stored (attack rows 2, 3, 4, 5, 28, 29, 30)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cxone_lint.api.diagnostics import Applicability, Diagnostic, Edit, Fix, Position
from cxone_lint.run import cache as cache_mod
from cxone_lint.run import fix as fix_mod
from cxone_lint.run.cache import CACHE_FORMAT
from cxone_lint.run.registry import load_registry
from cxone_lint.run.settings import load_settings
from tests.hostile import cli, commit_all, git, snapshot, write

SECRET = "Q8fz3LkP0vWm7RtY2sXcN5bH9jDg4aEu"
HTTP_PY = 'import requests\nTOKEN_URL = "http://cxone.niceincontact.com/auth/token"\n'


def _victim(folder: Path) -> Path:
    """A sentinel directory beside the project that looks like a cache to a careless pruner."""
    folder.mkdir(parents=True)
    for i in range(1, 13):
        (folder / f"data{i}.json").write_text(json.dumps({"n": i}))
        (folder / f"data{i}.lock").write_text("l")
        os.utime(folder / f"data{i}.json", (1577836800 + i * 86400,) * 2)
    (folder / "CACHEDIR.TAG").write_text(cache_mod.CACHEDIR_TAG)
    (folder / "keep.txt").write_text("important\n")
    return folder


# -- rows 2 and 3: the cache directory ---------------------------------------------------------


@pytest.mark.parametrize("in_git", [True, False], ids=["committed", "no-git"])
@pytest.mark.parametrize("link", [f".cxone_lint_cache/v{CACHE_FORMAT}", ".cxone_lint_cache"])
def test_symlinked_cache_directory_never_leads_outside(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    link: str,
    in_git: bool,
) -> None:
    victim = _victim(tmp_path / "victim")
    before = snapshot(victim)
    project = tmp_path / "repo"
    if in_git:
        git(tmp_path, "init", "-q", str(project))
    write(project, {"app.py": HTTP_PY})
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(victim, project / link)
    if in_git:
        commit_all(project)
    code, out, err = cli(capsys, monkeypatch, project, "check")
    assert code == 1
    assert "app.py:2:13: CX408 [*] plain http:// URL to CXone host" in out
    assert "the cache is not used" in err
    assert cli(capsys, monkeypatch, project, "cache", "clean")[0] == 2
    assert snapshot(victim) == before
    assert os.path.islink(project / link)


@pytest.mark.parametrize(
    "value",
    ["..", "../victim", "/ABS", ".", "sub/../..", "./"],
)
def test_cache_dir_setting_outside_the_root_is_a_settings_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    outer = tmp_path / "outer"
    victim = _victim(outer / "victim")
    project = outer / "proj"
    value = value.replace("/ABS", str(victim))
    write(
        project,
        {"app.py": "x = 1\n", "pyproject.toml": f'[tool.cxone-lint]\ncache-dir = "{value}"\n'},
    )
    before = snapshot(outer)
    for args in (["check"], ["cache", "clean"], ["review"], ["baseline"]):
        code, _out, err = cli(capsys, monkeypatch, project, *args)
        assert code == 2, args
        assert "'cache-dir' must be a path inside the project root" in err
    assert snapshot(outer) == before


def test_cache_clean_removes_only_its_own_tagged_tree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "proj"
    write(project, {"app.py": "x = 1\n", "cxone-lint.toml": 'cache-dir = "node_modules/.cache"\n'})
    other = project / "node_modules" / ".cache"
    other.mkdir(parents=True)
    # Another tool's cache: same CACHEDIR.TAG signature line, another tool's text.
    (other / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n# other\n")
    (other / "data.bin").write_text("other tool's data\n")
    before = snapshot(project)
    code, _out, err = cli(capsys, monkeypatch, project, "cache", "clean")
    assert code == 2
    assert "has no cxone-lint CACHEDIR.TAG" in err
    assert snapshot(project) == before


# -- row 4: output paths -----------------------------------------------------------------------


def test_symlinks_at_output_paths_are_replaced_not_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in ("victim1.txt", "victim3.txt", "victim4.txt", "victim5.txt"):
        (outside / name).write_text("ORIG\n")
    project = tmp_path / "p"
    git(tmp_path, "init", "-q", str(project))
    write(project, {"app.py": "x = 1\n"})
    links = {
        ".cxone-lint-baseline.json": "victim1.txt",
        "cxone-lint.sarif": "victim3.txt",
        "review.html": "victim4.txt",
        "cxone-app.toml": "victim5.txt",
    }
    for name, target in links.items():
        os.symlink(outside / target, project / name)
    commit_all(project)
    before = snapshot(outside)
    assert cli(capsys, monkeypatch, project, "baseline", "--no-cache")[0] == 0
    assert cli(capsys, monkeypatch, project, "check", "-o", "sarif:cxone-lint.sarif")[0] == 0
    review = cli(capsys, monkeypatch, project, "review", "-o", "html", "--output", "review.html")
    assert review[0] in (0, 1)
    code, _out, err = cli(capsys, monkeypatch, project, "init", "--no-cache")
    assert code == 2
    assert "cxone-app.toml already exists; init never overwrites a manifest" in err
    assert snapshot(outside) == before
    # The links themselves were replaced by the files the user asked for.
    assert json.loads((project / ".cxone-lint-baseline.json").read_text())["version"] == 1
    assert json.loads((project / "cxone-lint.sarif").read_text())["version"] == "2.1.0"
    assert (project / "review.html").read_text().startswith("<!DOCTYPE html>")
    assert os.path.islink(project / "cxone-app.toml")


@pytest.mark.parametrize(
    "args",
    [
        ["check", "-o", "sarif:reports/out.sarif"],
        ["check", "-o", "json:reports/../reports/out.json"],
        ["review", "--output", "reports/review.md"],
        ["baseline", "--output", "reports/base.json"],
        ["init", "--output", "reports/cxone-app.toml"],
    ],
)
def test_symlinked_folder_in_the_project_refuses_an_output(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    project = tmp_path / "p"
    write(project, {"app.py": "x = 1\n", "cxone-lint.toml": "\n"})
    os.symlink(outside, project / "reports")
    code, _out, err = cli(capsys, monkeypatch, project, *args, "--no-cache")
    assert code == 2
    assert "is a symlink inside the project; cxone-lint never writes through one" in err
    assert list(outside.iterdir()) == []


def test_baseline_setting_outside_the_root_is_a_settings_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "victim2.txt").write_text("ORIG\n")
    project = tmp_path / "p"
    write(
        project,
        {"app.py": "x = 1\n", "pyproject.toml": '[tool.cxone-lint]\nbaseline = "../victim2.txt"\n'},
    )
    for args in (["baseline"], ["check"]):
        code, _out, err = cli(capsys, monkeypatch, project, *args, "--no-cache")
        assert code == 2
        assert "'baseline' must be a path inside the project root" in err
    assert (tmp_path / "victim2.txt").read_text() == "ORIG\n"


def test_output_outside_the_project_named_by_the_user_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user's own paths outside the project are fine (the policy is about the repository's
    symlinks, not about where a user keeps reports)."""
    project = tmp_path / "p"
    write(project, {"app.py": "x = 1\n", "cxone-lint.toml": "\n"})
    target = tmp_path / "reports" / "out.json"
    target.parent.mkdir()
    code, _out, _err = cli(
        capsys, monkeypatch, project, "check", "--no-cache", "-o", f"json:{target}"
    )
    assert code == 0
    assert json.loads(target.read_text())["findings"] == []


# -- row 5: cache poisoning --------------------------------------------------------------------


def _cached_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path]:
    project = tmp_path / "repo"
    git(tmp_path, "init", "-q", str(project))
    write(project, {"settings.py": f'CLIENT_SECRET = "{SECRET}"\n'})
    commit_all(project)
    code, out, _err = cli(capsys, monkeypatch, project, "check")
    assert code == 1 and "CX401" in out
    (path,) = (project / ".cxone_lint_cache" / f"v{cache_mod.CACHE_FORMAT}").glob("*.json")
    return project, path


def _forge(path: Path, mac: str | None = None, extra: dict | None = None) -> None:
    """Rewrite a cache file as a repository would: the secret facts emptied (and `extra`
    diagnostics added), the layout kept, the MAC kept or replaced."""
    head, _, body = path.read_bytes().partition(b',"entries":')
    entries = json.loads(body[:-1])
    for entry in entries.values():
        entry["s"] = None
        for facts in entry["r"]["facts"].values():
            if "secrets" in facts:
                facts["secrets"] = []
        if extra:
            entry["r"]["diagnostics"].append(extra)
    header = json.loads(head + b"}")
    new_body = json.dumps(entries, separators=(",", ":")).encode()
    if mac is not None:
        header["mac"] = mac
    path.write_bytes(
        json.dumps(header, separators=(",", ":")).encode()[:-1] + b',"entries":' + new_body + b"}"
    )


def test_doctored_cache_entry_is_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, path = _cached_project(tmp_path, capsys, monkeypatch)
    _forge(path)  # the MAC no longer matches
    code, out, _ = cli(capsys, monkeypatch, project, "check")
    assert code == 1 and "settings.py:1:17: CX401" in out
    # Signed on the attacker's machine (another user's key): still not believed.
    (tmp_path / "again").mkdir()
    _, path = _cached_project(tmp_path / "again", capsys, monkeypatch)
    import hashlib
    import hmac

    head, _, body = path.read_bytes().partition(b',"entries":')
    key = json.loads(head + b"}")["key"]
    _forge(path)
    _, _, body = path.read_bytes().partition(b',"entries":')
    foreign = hmac.new(b"x" * 32, key.encode() + b"\0" + body[:-1], hashlib.sha256).hexdigest()
    _forge(path, mac=foreign)
    code, out, _ = cli(capsys, monkeypatch, tmp_path / "again" / "repo", "check")
    assert code == 1 and "settings.py:1:17: CX401" in out


def test_committed_cache_is_not_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, path = _cached_project(tmp_path, capsys, monkeypatch)
    settings = load_settings(project, load_registry().options)
    cache = cache_mod.Cache(project / ".cxone_lint_cache", path.stem, settings.root)
    _forge(path)
    _, _, body = path.read_bytes().partition(b',"entries":')
    _forge(path, mac=cache._mac(body[:-1]))  # even correctly signed, as if by this user
    git(project, "add", "-f", ".cxone_lint_cache")
    git(project, "commit", "-q", "-m", "poison")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(project), str(clone))
    code, out, err = cli(capsys, monkeypatch, clone, "check")
    assert code == 1 and "settings.py:1:17: CX401" in out
    assert "cxone-lint: note: the cache directory .cxone_lint_cache is tracked by git" in err


def test_cached_fix_edit_of_another_file_is_never_applied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even a correctly signed entry (the key leaked) cannot make --fix write another file."""
    victim = tmp_path / "victim" / "target.py"
    victim.parent.mkdir()
    victim.write_text("x = 1\n")
    project, path = _cached_project(tmp_path, capsys, monkeypatch)
    forged = Diagnostic(
        code="CX408",
        message="plain http:// URL to CXone host x",
        path="settings.py",
        start=Position(1, 1),
        fix=Fix(
            "use https://",
            (
                Edit("../victim/target.py", Position(1, 1), Position(1, 1), "import os  # "),
                Edit("settings.py", Position(1, 1), Position(1, 1), "# "),
            ),
        ),
    ).to_json()
    settings = load_settings(project, load_registry().options)
    cache = cache_mod.Cache(project / ".cxone_lint_cache", path.stem, settings.root)
    _forge(path, extra=forged)
    _, _, body = path.read_bytes().partition(b',"entries":')
    _forge(path, mac=cache._mac(body[:-1]), extra=None)
    before = (project / "settings.py").read_bytes()
    code, out, err = cli(capsys, monkeypatch, project, "check", "--fix")
    assert code == 1 and "settings.py:1:1: CX408" in out  # the forged finding, not fixed
    assert victim.read_text() == "x = 1\n"
    assert (project / "settings.py").read_bytes() == before
    assert "Fixed" not in err


def test_fix_choice_refuses_edits_of_another_file() -> None:
    edit = Edit("other.py", Position(1, 1), Position(1, 1), "x")
    d = Diagnostic("CX408", "m", "a.py", Position(1, 1), fix=Fix("f", (edit,), Applicability.SAFE))
    assert fix_mod._choose([d], unsafe=True) == {}


# -- row 28: named paths through symlinks ------------------------------------------------------


def test_named_symlink_out_of_the_project_is_not_read_or_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside" / "dir"
    outside.mkdir(parents=True)
    (outside / "app.py").write_text(HTTP_PY)
    (tmp_path / "outside" / "one.py").write_text(HTTP_PY)
    project = tmp_path / "p"
    write(project, {"cxone-lint.toml": "\n", "real.py": HTTP_PY})
    os.symlink(outside, project / "linkdir")
    os.symlink(tmp_path / "outside" / "one.py", project / "link.py")
    os.symlink(project / "real.py", project / "inner.py")
    before = snapshot(tmp_path / "outside")
    for args in (["link.py"], ["--fix", "linkdir/app.py"], ["--fix", "linkdir"]):
        code, out, err = cli(capsys, monkeypatch, project, "check", "--no-cache", *args)
        assert code == 2, args
        assert "outside the project root; not linted" in err
        assert "CX408" not in out
    assert snapshot(tmp_path / "outside") == before
    # A symlink inside the project, to a file inside: linted, but never fixed through.
    code, out, err = cli(capsys, monkeypatch, project, "check", "--no-cache", "--fix", "inner.py")
    assert code == 1
    assert "inner.py:2:13: CX408 plain http:// URL to CXone host" in out
    assert "cxone-lint: inner.py: cannot fix: " in err and "is a symlink inside the project" in err
    assert os.path.islink(project / "inner.py")
    assert (project / "real.py").read_text() == HTTP_PY


# -- rows 29 and 30: what --fix writes ---------------------------------------------------------

BODY = 'import requests\nURL = "http://api-na1.niceincontact.com/x"  # café\n'


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("latin1.py", ("# -*- coding: latin-1 -*-\n" + BODY).encode("latin-1")),
        ("cp1252.py", ("# coding: cp1252\n" + BODY.replace("café", "“q” €")).encode("cp1252")),
        ("bom.py", b"\xef\xbb\xbf" + BODY.encode()),
        ("crlf.py", BODY.replace("\n", "\r\n").encode()),
        ("mixed.py", b"import requests\r\nURL = 'http://api-na1.niceincontact.com/x'\nx = 1\r"),
        ("noeol.py", BODY.rstrip("\n").encode()),
        ("u16le.py", b"\xff\xfe" + BODY.encode("utf-16-le")),
        ("u16be.py", b"\xfe\xff" + BODY.encode("utf-16-be")),
    ],
)
def test_fix_keeps_encoding_and_line_endings(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    data: bytes,
) -> None:
    write(tmp_path, {"cxone-lint.toml": "\n", name: data})
    code, _out, err = cli(
        capsys, monkeypatch, tmp_path, "check", "--no-cache", "--fix", "--select", "CX408", name
    )
    assert code == 0, err
    codec = "utf-16-le" if "u16le" in name else "utf-16-be" if "u16be" in name else "ascii"
    assert (tmp_path / name).read_bytes() == data.replace(
        "http://".encode(codec), "https://".encode(codec)
    )
    # A second run finds nothing more to do.
    code, _out, err = cli(
        capsys, monkeypatch, tmp_path, "check", "--no-cache", "--fix", "--select", "CX408", name
    )
    assert (code, "Fixed" in err) == (0, False)


def test_fix_keeps_a_utf16_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = '[app]\ntype = "confidential"\norigins = ["https://app.acme.example/"]\n'
    data = b"\xff\xfe" + text.encode("utf-16-le")
    write(tmp_path, {"cxone-app.toml": data})
    _code, out, _err = cli(
        capsys, monkeypatch, tmp_path, "check", "--no-cache", "--fix", "--select", "CX111"
    )
    assert out == "Found 1 finding (1 fixed, 0 remaining).\n"
    assert (tmp_path / "cxone-app.toml").read_bytes() == b"\xff\xfe" + text.replace(
        "example/", "example"
    ).encode("utf-16-le")


def test_fix_refuses_read_only_files_even_as_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"cxone-lint.toml": "\n", "ro.py": BODY})
    (tmp_path / "ro.py").chmod(0o444)
    code, _out, err = cli(
        capsys, monkeypatch, tmp_path, "check", "--no-cache", "--fix", "--select", "CX408"
    )
    assert code == 1
    assert "cxone-lint: ro.py: cannot fix: the file is read-only" in err
    assert (tmp_path / "ro.py").read_text() == BODY
    assert (tmp_path / "ro.py").stat().st_mode & 0o777 == 0o444


def test_fix_never_splits_a_hard_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"cxone-lint.toml": "\n", "a.py": BODY})
    os.link(tmp_path / "a.py", tmp_path / "b.txt")
    code, _out, err = cli(
        capsys, monkeypatch, tmp_path, "check", "--no-cache", "--fix", "--select", "CX408"
    )
    assert code == 1
    assert "cxone-lint: a.py: cannot fix: the file has 2 hard links" in err
    assert (tmp_path / "a.py").stat().st_ino == (tmp_path / "b.txt").stat().st_ino
    assert (tmp_path / "a.py").read_text() == BODY
