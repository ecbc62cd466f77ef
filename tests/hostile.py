"""Helpers for the hostile-repository tests (tests/test_hostile_*.py).

Each test builds the hostile input in a temporary directory and asserts the safe outcome
objectively: a marker file never created, a sentinel directory unchanged byte for byte, a
planted secret (and every 12-character piece of it) absent from every output.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from cxone_lint.cli.main import main

GIT_ID = ("-c", "user.name=hostile", "-c", "user.email=hostile@example.invalid")

MANIFEST = (
    "[app]\n"
    'name = "Billing"\n'
    'type = "backend"\n'
    'tenancy = "single"\n'
    "business_unit = 4600123\n"
    'auth_method = "client_secret_basic"\n'
    'contacts = ["ops@acme.example"]\n'
)


def git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", *GIT_ID, "-c", "protocol.file.allow=always", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout


def commit_all(cwd: Path, message: str = "x") -> None:
    git(cwd, "add", "-A", "-f")
    git(cwd, "commit", "-q", "--no-verify", "-m", message)


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")


def cli(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cwd: Path,
    *args: str,
) -> tuple[int, str, str]:
    """The real command line, in this process, from `cwd`."""
    monkeypatch.chdir(cwd)
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(directory: Path) -> dict[str, str]:
    """Every entry under `directory` (files by content hash, links by target, dirs by mode)."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(directory, followlinks=False):
        for name in sorted(dirnames + filenames):
            full = Path(dirpath) / name
            rel = full.relative_to(directory).as_posix()
            if full.is_symlink():
                out[rel] = "link:" + os.readlink(full)
            elif full.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = (
                    hashlib.sha256(full.read_bytes()).hexdigest() + f":{full.stat().st_mode:o}"
                )
    return out


def pieces(secret: str, size: int = 12) -> list[str]:
    """Every `size`-character piece of a secret: none may appear in any output."""
    return [secret[i : i + size] for i in range(len(secret) - size + 1)]


def assert_absent(secrets: Iterable[str], texts: dict[str, str]) -> None:
    for secret in secrets:
        for piece in pieces(secret):
            for where, text in texts.items():
                assert piece not in text, f"{piece!r} of a planted secret appears in {where}"


def tree_text(directory: Path, skip: Sequence[str] = ()) -> dict[str, str]:
    """Every file under `directory` as text (cache files, reports), for assert_absent."""
    out: dict[str, str] = {}
    if not directory.exists():
        return out
    for path in sorted(directory.rglob("*")):
        if path.is_file() and not any(part in skip for part in path.parts):
            out[str(path)] = path.read_bytes().decode("utf-8", "replace")
    return out
