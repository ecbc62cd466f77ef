"""Read-only access to a file as it was at a git revision (for `--base REF`).

Everything goes through git itself (`git rev-parse`, `git show`, `git rev-list`) with the project
root as working directory: nothing is checked out, nothing is written. Paths are
project-relative; `./` tells git to read them relative to the working directory rather than the
repository's top level, so a project in a sub-directory of a repository works too.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from cxone_lint.api.git import Revision, RevisionError

_TIMEOUT = 30

# Every git call of the tool goes through this prefix. core.fsmonitor names a command git would
# run: a repository's own config must never make the linter execute anything. Optional locks
# are off so a lint never takes the index lock from the user.
GIT = ("git", "-c", "core.fsmonitor=false", "-c", "core.quotepath=off")


def git_env() -> dict[str, str]:
    import os

    return {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*GIT, *args],
        cwd=root,
        env=git_env(),
        capture_output=True,
        timeout=_TIMEOUT,
        check=False,
    )


def is_shallow(root: Path) -> bool:
    try:
        out = _git(root, "rev-parse", "--is-shallow-repository")
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0 and out.stdout.strip() == b"true"


def resolve(root: Path, ref: str) -> Revision:
    """The commit `ref` names, or RevisionError with a message that says what to do."""
    if not ref or ref.startswith("-"):
        raise RevisionError(f"{ref!r} is not a git revision")
    try:
        out = _git(
            root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise RevisionError(f"cannot run git: {exc}") from None
    if out.returncode == 0:
        return Revision(ref, out.stdout.decode("ascii", "replace").strip())
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0:
        raise RevisionError(f"{root} is not inside a git repository, so {ref!r} cannot be read")
    message = f"git revision {ref!r} is not available in this clone"
    if is_shallow(root):
        message += (
            " (the clone is shallow: fetch the base, e.g. `git fetch --depth=1 origin <branch>`,"
            " or clone with full history, e.g. actions/checkout with fetch-depth: 0)"
        )
    raise RevisionError(message)


def show(root: Path, commit: str, rel: str) -> str | None:
    """The text of project-relative `rel` at `commit`; None when the file did not exist there."""
    out = _git(root, "show", f"{commit}:./{rel}")
    if out.returncode != 0:
        return None
    return out.stdout.decode("utf-8", "replace")


def commits_between(root: Path, base: str, rel: str) -> list[str]:
    """Commits after `base` up to HEAD that touched `rel`, newest first (empty on error)."""
    out = _git(root, "rev-list", f"{base}..HEAD", "--", f"./{rel}")
    if out.returncode != 0:
        return []
    return out.stdout.decode("ascii", "replace").split()


def status(root: Path, rels: list[str]) -> dict[str, str] | None:
    """For each path: "tracked", "untracked" (and not ignored) or "ignored". None outside a git
    work tree. Three git calls, whatever the number of files."""
    try:
        inside = _git(root, "rev-parse", "--is-inside-work-tree")
        if inside.returncode != 0 or inside.stdout.strip() != b"true":
            return None
        listed = _git(root, "ls-files", "-z", "--", *rels)
        tracked = set(listed.stdout.decode("utf-8", "replace").split("\0"))
        ignored: set[str] = set()
        rest = [r for r in rels if r not in tracked]
        if rest:
            proc = subprocess.run(
                [*GIT, "check-ignore", "-z", "--stdin"],
                cwd=root,
                input=("\0".join(rest) + "\0").encode(),
                capture_output=True,
                timeout=_TIMEOUT,
                env=git_env(),
                check=False,
            )
            ignored = set(proc.stdout.decode("utf-8", "replace").split("\0"))
    except (OSError, subprocess.SubprocessError):
        return None
    return {
        r: "tracked" if r in tracked else "ignored" if r in ignored else "untracked" for r in rels
    }


class ProjectGit:
    """`ctx.git`: the GitAccess of cxone_lint.api.git for one project root."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def resolve(self, ref: str) -> Revision:
        return resolve(self.root, ref)

    def show(self, commit: str, rel: str) -> str | None:
        return show(self.root, commit, rel)

    def commits_between(self, base: str, rel: str) -> list[str]:
        return commits_between(self.root, base, rel)

    def status(self, rels: list[str]) -> dict[str, str] | None:
        return status(self.root, rels)
