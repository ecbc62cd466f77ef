"""Read-only git queries a rule may make about the project (`ctx.git`).

The engine implements them with its one hardened git runner (cxone_lint.run.git): nothing a
repository configures can make them run a program or reach a remote, and nothing is written.
Paths are project-relative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class RevisionError(Exception):
    """The revision cannot be used: not a git repository, unknown revision, shallow clone."""


@dataclass(frozen=True)
class Revision:
    ref: str  # as the user wrote it
    commit: str  # full hash


class GitAccess(Protocol):
    def resolve(self, ref: str) -> Revision:
        """The commit `ref` names, or RevisionError with a message that says what to do."""
        ...

    def show(self, commit: str, rel: str) -> str | None:
        """The text of `rel` at `commit`; None when the file did not exist there.
        RevisionError when git cannot tell (a partial clone lacking it: never fetched)."""
        ...

    def commits_between(self, base: str, rel: str) -> list[str]:
        """Commits after `base` up to HEAD that touched `rel`, newest first; RevisionError
        when the history cannot be walked here."""
        ...

    def status(self, rels: list[str]) -> dict[str, str] | None:
        """For each path "tracked", "untracked" (not ignored) or "ignored"; None outside a
        git work tree."""
        ...
