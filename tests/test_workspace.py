"""File discovery: .gitignore (through git or pathspec), excludes, symlinks, kinds."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from cxone_lint.run.workspace import discover, file_kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.py", "python"),
        ("a.pyi", "python"),
        ("cxone-app.toml", "toml"),
        ("reg.json", "json"),
        ("ci.yml", "yaml"),
        ("x.yaml", "yaml"),
        (".env", "env"),
        (".env.production", "env"),
        ("prod.env", "env"),
        ("README.md", None),
        ("environment.py", "python"),
    ],
)
def test_file_kind(name: str, kind: str | None) -> None:
    assert file_kind(name) == kind


def _tree(root: Path) -> None:
    (root / "src").mkdir()
    (root / "src" / "app.py").write_text("x = 1\n")
    (root / "src" / "gen.py").write_text("x = 1\n")
    (root / "build").mkdir()
    (root / "build" / "out.py").write_text("x = 1\n")
    (root / "notes.md").write_text("hi\n")
    (root / ".env").write_text("A=1\n")
    (root / ".gitignore").write_text("src/gen.py\n")


def test_walk_honours_gitignore_and_default_excludes(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = discover(tmp_path, [tmp_path])
    assert [f.rel for f in found.files] == [".env", "src/app.py"]


def test_git_listing_honours_gitignore_and_keeps_untracked(tmp_path: Path) -> None:
    _tree(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    found = discover(tmp_path, [tmp_path])
    assert [f.rel for f in found.files] == [".env", "src/app.py"]


def test_exclude_and_explicit_files(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = discover(tmp_path, [tmp_path], exclude=["src/"])
    assert [f.rel for f in found.files] == [".env"]
    explicit = discover(tmp_path, [tmp_path / "src" / "app.py"], exclude=["src/"])
    assert [f.rel for f in explicit.files] == ["src/app.py"]
    forced = discover(tmp_path, [tmp_path / "src" / "app.py"], exclude=["src/"], force_exclude=True)
    assert forced.files == []


def test_symlink_loop_and_outside_link_are_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    root.mkdir()
    (root / "a.py").write_text("x = 1\n")
    os.symlink(root, root / "loop")
    outside = tmp_path / "outside.py"
    outside.write_text("SECRET = 1\n")
    os.symlink(outside, root / "linked.py")
    os.symlink(root / "missing.py", root / "dangling.py")
    found = discover(root, [root])
    assert [f.rel for f in found.files] == ["a.py"]
    assert dict(found.problems) == {
        "linked.py": "symlink pointing outside the project; not followed",
        "dangling.py": "broken or looping symlink; skipped",
    }


def test_missing_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    found = discover(tmp_path, [tmp_path / "nope"])
    assert found.files == []
    assert found.problems == [(str(tmp_path / "nope"), "no such file or directory")]
