"""What the command line writes besides stdout: the files the user asked for, and a progress
line on stderr.

Every report, review, baseline and manifest a subcommand writes goes through `write_output`,
the one place a policy for written files applies. Fixes are written by run/fix.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

from cxone_lint.api.errors import SettingsError


def write_output(target: Path, text: str, *, exclusive: bool = False) -> None:
    """Write a file the user asked for (UTF-8). `exclusive`: fail rather than replace an
    existing file (`init` never overwrites a manifest). Otherwise the path is replaced (a
    temporary file, then a rename): never written through whatever is there. Errors are usage
    errors (exit 2)."""
    try:
        if exclusive:
            with target.open("x", encoding="utf-8", newline="") as fh:
                fh.write(text)
            return
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except FileExistsError:
        raise SettingsError(f"{target} already exists; it is never overwritten") from None
    except OSError as exc:
        raise SettingsError(f"cannot write {target}: {exc.strerror or exc}") from None


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
