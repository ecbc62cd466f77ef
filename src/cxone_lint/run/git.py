"""The one way the tool runs git, and read-only access to files at a revision (`--base REF`).

The repository being linted is hostile input: its `.git/config` (or a directory committed to
look like a bare repository) must never make git run a program or reach a remote. So:

- The repository is found here, not by git's discovery: the closest directory at or above the
  start that holds `.git` (a directory, or a `gitdir:` file for worktrees and submodules). git
  is then told exactly which one (`--git-dir`, `--work-tree`), so a committed folder laid out
  like a bare repository (`svc/HEAD`, `svc/config`, `svc/objects`) is never used, and
  `safe.bareRepository=explicit` refuses any other bare repository.
- Every call carries the same configuration overrides (`_HARDENING`): no fsmonitor, no hooks,
  no pager, no external diff or textconv, no credential helper, and `protocol.allow=never`, so
  no transport works at all: a lazy fetch in a partial clone fails instead of running the
  remote's `uploadpack` or going to the network. `GIT_NO_LAZY_FETCH=1` (git 2.44 and later)
  stops the attempt before it starts; the system configuration is not read.
- Files at a revision are read as blobs (`ls-tree`, `cat-file`), never through `show`, so no
  textconv or filter runs, and a blob that a partial clone lacks is said to be unavailable,
  not taken as a missing file.

Paths are project-relative; `./` tells git to read them relative to the working directory
rather than the repository's top level, so a project in a sub-directory of a repository works.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cxone_lint.api.git import Revision, RevisionError

_TIMEOUT = 30

# Configuration that no repository may change for the tool's git calls (given with -c, which
# wins over every config file).
_HARDENING = (
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.quotepath=off",
    "core.untrackedCache=false",
    "core.sshCommand=false",
    "core.askPass=",
    "credential.helper=",
    "diff.external=",
    "log.showSignature=false",
    "protocol.allow=never",
    "safe.bareRepository=explicit",
    "fetch.recurseSubmodules=false",
    "submodule.recurse=false",
)

# Environment variables that could point git elsewhere or make it run something.
_DROPPED_ENV = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_COMMON_DIR",
    "GIT_EXTERNAL_DIFF",
    "GIT_PAGER",
    "GIT_ASKPASS",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_PROXY_COMMAND",
    "GIT_EXEC_PATH",
    "GIT_CONFIG",
    "GIT_CONFIG_SYSTEM",
    "GIT_CONFIG_COUNT",
    "GIT_CONFIG_PARAMETERS",
    "GIT_TRACE2_EVENT",
    "GIT_ALLOW_PROTOCOL",
)


class GitError(Exception):
    """git cannot be used here: no repository, git missing, or git refused or timed out."""


@dataclass(frozen=True)
class Repository:
    top: Path  # the work tree's top directory
    git_dir: Path  # its .git directory (for a worktree or submodule, where `.git` points)


def git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    env.update(
        {
            "GIT_OPTIONAL_LOCKS": "0",  # a lint never takes the index lock from the user
            "GIT_NO_LAZY_FETCH": "1",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_NO_REPLACE_OBJECTS": "1",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_PAGER": "cat",
            "PAGER": "cat",
            "GIT_PROTOCOL_FROM_USER": "0",
        }
    )
    return env


def _gitfile_target(dotgit: Path) -> Path | None:
    """Where a `.git` file (`gitdir: PATH`) points, or None when it is not such a file."""
    try:
        with open(dotgit, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    text = head.decode("utf-8", "surrogateescape").strip()
    if not text.startswith("gitdir:"):
        return None
    target = Path(text[len("gitdir:") :].strip())
    return target if target.is_absolute() else (dotgit.parent / target)


def find_repository(start: Path) -> Repository | None:
    """The work tree `start` lives in: the closest directory at or above it holding `.git`."""
    # Walked by name, not by real path: `project/linkdir` (a symlink out of the project) is
    # still in the project's repository, whose top is then given as its real path.
    here = Path(os.path.abspath(start))
    for directory in [here, *here.parents]:
        dotgit = directory / ".git"
        try:
            if dotgit.is_dir():
                return Repository(directory.resolve(), dotgit.resolve())
            if dotgit.is_file():
                target = _gitfile_target(dotgit)
                if target is not None and target.is_dir():
                    return Repository(directory.resolve(), target.resolve())
        except OSError:
            return None
    return None


def owned_by_another_user(repo: Repository) -> bool:
    """Whether the repository's git directory belongs to someone else (POSIX)."""
    if not hasattr(os, "geteuid"):  # pragma: no cover - Windows
        return False
    try:
        return os.stat(repo.git_dir).st_uid != os.geteuid()
    except OSError:
        return False


def run(
    cwd: Path,
    *args: str,
    input: bytes | None = None,
    timeout: float = _TIMEOUT,
    repo: Repository | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run one read-only git command in `cwd`, inside the repository `cwd` lives in.

    Raises GitError when there is no repository or git cannot run; a git that runs and fails
    returns its CompletedProcess (the caller reads the return code).
    """
    repo = repo or find_repository(cwd)
    if repo is None:
        raise GitError(f"{cwd} is not inside a git work tree")
    command = [
        "git",
        "--no-pager",
        f"--git-dir={repo.git_dir}",
        f"--work-tree={repo.top}",
    ]
    for setting in _HARDENING:
        command += ["-c", setting]
    try:
        return subprocess.run(
            [*command, *args],
            cwd=cwd,
            env=git_env(),
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"cannot run git: {exc}") from None


def failure(proc: subprocess.CompletedProcess[bytes]) -> str:
    """git's own reason, first line of stderr (for messages)."""
    lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    fatal = [line for line in lines if line.startswith(("fatal:", "error:"))]
    reason = (fatal or lines or [f"git exited with {proc.returncode}"])[0]
    return reason.removeprefix("fatal: ").removeprefix("error: ")


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return run(root, *args)
    except GitError as exc:
        raise RevisionError(str(exc)) from None


def is_shallow(root: Path) -> bool:
    try:
        out = run(root, "rev-parse", "--is-shallow-repository")
    except GitError:
        return False
    return out.returncode == 0 and out.stdout.strip() == b"true"


def resolve(root: Path, ref: str) -> Revision:
    """The commit `ref` names, or RevisionError with a message that says what to do."""
    if not ref or ref.startswith("-"):
        raise RevisionError(f"{ref!r} is not a git revision")
    if find_repository(root) is None:
        raise RevisionError(f"{root} is not inside a git repository, so {ref!r} cannot be read")
    out = _run(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if out.returncode == 0:
        return Revision(ref, out.stdout.decode("ascii", "replace").strip())
    inside = _run(root, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0:
        raise RevisionError(f"git cannot read the repository at {root}: {failure(inside)}")
    message = f"git revision {ref!r} is not available in this clone"
    if is_shallow(root):
        message += (
            " (the clone is shallow: fetch the base, e.g. `git fetch --depth=1 origin <branch>`,"
            " or clone with full history, e.g. actions/checkout with fetch-depth: 0)"
        )
    raise RevisionError(message)


def show(root: Path, commit: str, rel: str) -> str | None:
    """The text of project-relative `rel` at `commit`; None when the file did not exist there.

    RevisionError when git cannot tell (a partial clone without that tree or blob: the tool
    never fetches it).
    """
    listed = _run(root, "ls-tree", "-z", "--end-of-options", commit, "--", f"./{rel}")
    if listed.returncode != 0:
        raise RevisionError(f"cannot list {rel} at {commit[:12]}: {failure(listed)}")
    entry = listed.stdout.split(b"\0", 1)[0]
    if not entry:
        return None
    meta, _, _ = entry.partition(b"\t")
    parts = meta.split()
    if len(parts) != 3 or parts[1] != b"blob":
        return None  # a directory or a submodule by that name: not a manifest
    blob = parts[2].decode("ascii", "replace")
    out = _run(root, "cat-file", "blob", blob)
    if out.returncode != 0:
        raise RevisionError(
            f"{rel} at {commit[:12]} is not available in this clone ({failure(out)}); "
            "in a partial clone, fetch it first: cxone-lint never fetches"
        )
    return out.stdout.decode("utf-8", "replace")


def commits_between(root: Path, base: str, rel: str) -> list[str]:
    """Commits after `base` up to HEAD that touched `rel`, newest first.

    RevisionError when git cannot walk them (e.g. trees missing in a partial clone)."""
    out = _run(root, "rev-list", f"{base}..HEAD", "--", f"./{rel}")
    if out.returncode != 0:
        raise RevisionError(f"cannot list the commits that changed {rel}: {failure(out)}")
    return out.stdout.decode("ascii", "replace").split()


def status(root: Path, rels: list[str]) -> dict[str, str] | None:
    """For each path: "tracked", "untracked" (and not ignored) or "ignored". None outside a git
    work tree. Three git calls, whatever the number of files."""

    def query(*args: str, input: bytes | None = None) -> str | None:
        try:
            proc = run(root, *args, input=input)
        except GitError:
            return None
        return proc.stdout.decode("utf-8", "surrogateescape") if proc.returncode == 0 else None

    inside = query("rev-parse", "--is-inside-work-tree")
    if inside is None or inside.strip() != "true":
        return None
    listed = query("ls-files", "-z", "--", *rels)
    tracked = set(listed.split("\0")) if listed is not None else set()
    ignored: set[str] = set()
    rest = [r for r in rels if r not in tracked]
    if rest:
        # check-ignore exits 1 when nothing is ignored: no output then, which is the answer.
        out = query("check-ignore", "-z", "--stdin", input=("\0".join(rest) + "\0").encode())
        ignored = set(out.split("\0")) if out is not None else set()
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
