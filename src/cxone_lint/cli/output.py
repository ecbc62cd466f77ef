"""What the command line writes besides stdout: the files the user asked for, and a progress
line on stderr.

Every report, review, baseline and manifest a subcommand writes goes through `write_output`,
which applies the write policy (run/writes.py). Fixes are written by run/fix.py.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TextIO

from cxone_lint.api.errors import SettingsError


def write_output(target: Path, text: str, root: Path, *, exclusive: bool = False) -> None:
    """Write a file the user asked for, through the write policy (run/writes.py: temporary
    file + rename, never through a symlink inside `root`). `exclusive`: fail rather than
    replace an existing file (`init` never overwrites a manifest). Errors are usage errors
    (exit 2)."""
    from cxone_lint.run.writes import WriteRefusedError
    from cxone_lint.run.writes import write_output as write_by_policy

    try:
        write_by_policy(target, text, root, exclusive=exclusive)
    except FileExistsError:
        raise SettingsError(f"{target} already exists; it is never overwritten") from None
    except WriteRefusedError as exc:
        raise SettingsError(f"cannot write {target}: {exc}") from None
    except OSError as exc:
        raise SettingsError(f"cannot write {target}: {exc.strerror or exc}") from None


def to_stdout(text: str) -> None:
    """Write a report to stdout. A reader that goes away (`check | head -1`) ends the output,
    not the run: the exit code must still say whether there were findings (under `set -o
    pipefail` a closed pipe must never turn a failing run into a pass). stdout is pointed at
    the null device so the interpreter's last flush does not fail again."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


class Progress:
    """`cxone-lint: analysing 812/2000 files` on stderr, rewritten in place, once a run has
    taken longer than `after` seconds, and only when stderr is a terminal (never in CI logs,
    pre-commit output or a redirected file). Cleared when the run moves on."""

    def __init__(self, stream: TextIO | None = None, after: float = 2.0) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.after = after
        self.started = time.monotonic()
        self.shown = False
        try:
            self.enabled = bool(self.stream.isatty())
        except (AttributeError, ValueError):
            self.enabled = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or time.monotonic() - self.started < self.after:
            return
        noun = "file" if total == 1 else "files"
        self.stream.write(f"\rcxone-lint: analysing {done}/{total} {noun}")
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False
