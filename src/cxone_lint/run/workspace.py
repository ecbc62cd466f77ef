"""Which files to lint, and what kind each one is.

Inside a git work tree, git itself lists the files (`git ls-files --cached --others
--exclude-standard`), so .gitignore, .git/info/exclude and the global excludes behave exactly
as git does; submodules and repositories nested in the work tree are listed by their own git.
Outside git, the tree is walked with pathspec's gitwildmatch over every .gitignore found. When
git finds the repository but refuses to list it, the tree is walked *without* .gitignore, and
said: applying .gitignore by hand would hide tracked files that match it. Symlinks to
directories are never followed (no loops, nothing outside the project); symlinked files are
followed only when they resolve inside the project root, and a named path is judged by where it
really is.

A path named on the command line that gives nothing to lint (missing, outside the root, a kind
of file the tool does not read, a folder with nothing in it) is listed in `unmatched`: the run
must not pass on files it never read.

`exclude` patterns always apply to directories walked into; files named explicitly on the
command line are linted even when excluded, unless `force_exclude` is set (what pre-commit
hooks use, since pre-commit passes every staged file).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from cxone_lint.api.context import relpath
from cxone_lint.languages import language_for
from cxone_lint.run import git as gitrev

# Anchored where a name is only ever meant at the root: `env/` is the virtualenv next to the
# project's settings, while `deploy/env/production.yaml` is configuration that must be linted.
# Virtual environments elsewhere are recognised by their `pyvenv.cfg` (see _is_virtualenv).
DEFAULT_EXCLUDES = (
    ".git/",
    ".hg/",
    ".svn/",
    ".venv/",
    "/venv/",
    "/env/",
    "node_modules/",
    "bower_components/",
    "vendor/",
    "coverage/",
    "__pycache__/",
    ".mypy_cache/",
    ".ruff_cache/",
    ".pytest_cache/",
    ".tox/",
    ".nox/",
    ".cxone_lint_cache/",
    "/build/",
    "/dist/",
    "site-packages/",
    "*.lock",
    "package-lock.json",
)
# Default exclusions that hide source files a user may expect to be read (dependencies and
# compiled output): each one met is listed as skipped, with this reason, never silently.
LISTED_EXCLUDES = {
    "node_modules": "dependencies (node_modules/), excluded by default",
    "bower_components": "dependencies (bower_components/), excluded by default",
    "vendor": "dependencies (vendor/), excluded by default",
    "dist": "compiled output (dist/), excluded by default",
    "build": "compiled output (build/), excluded by default",
    "coverage": "coverage report (coverage/), excluded by default",
}


JSON_WITH_COMMENTS = frozenset({".eslintrc.json", "devcontainer.json"})
# How deep nested repositories (submodules, a repository inside the work tree) are followed.
MAX_NESTED_REPOSITORIES = 8


def file_kind(name: str) -> str | None:
    """The kind of a file from its name (the language registry); None for files no
    extractor reads."""
    lower = name.lower()
    # Editors' settings are JSON with comments, not JSON: not read.
    if lower in JSON_WITH_COMMENTS:
        return None
    lang = language_for(name)
    return lang.kind if lang else None


@dataclass(frozen=True)
class SourceFile:
    path: Path  # absolute
    rel: str  # relative to the project root, forward slashes
    kind: str
    explicit: bool = False  # named on the command line


@dataclass
class Discovery:
    files: list[SourceFile]
    problems: list[tuple[str, str]]  # (path, message) for paths that could not be listed
    # Paths named on the command line that gave no file to analyse (a usage error: a run
    # must never pass on files it did not read).
    unmatched: list[str] = field(default_factory=list)
    # Things the user must know about the listing itself (git refused the repository, ...).
    notes: list[str] = field(default_factory=list)


def _spec(patterns: Iterable[str]) -> pathspec.PathSpec:
    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def discover(
    root: Path,
    paths: Sequence[Path],
    exclude: Sequence[str] = (),
    respect_gitignore: bool = True,
    force_exclude: bool = False,
    always: Sequence[Path] = (),
) -> Discovery:
    """The files to lint. `always`: files inside the root linted whatever the excludes and
    .gitignore say (the registration manifest of a whole-project run)."""
    root = root.resolve()
    excluded = _spec([*DEFAULT_EXCLUDES, *exclude])
    found: dict[str, SourceFile] = {}
    problems: list[tuple[str, str]] = []
    listed: dict[str, str] = {}
    unmatched: list[str] = []
    notes: list[str] = []
    listing = _git_files(root, notes, problems) if respect_gitignore else None
    # git found a repository but could not list it: every file is linted, since applying
    # .gitignore by hand would hide tracked files that happen to match it.
    walk_gitignore = respect_gitignore and listing is None and gitrev.find_repository(root) is None
    for raw in paths or [root]:
        before = len(found)
        named_excluded = False
        target = raw if raw.is_absolute() else Path.cwd() / raw
        if not target.exists() and not target.is_symlink():
            problems.append((str(raw), "no such file or directory"))
            unmatched.append(str(raw))
            continue
        try:
            # The real location decides: a symlink (or a symlinked folder on the way) that
            # leads out of the project is never read, let alone fixed.
            real = target.resolve(strict=True)
        except (OSError, RuntimeError):
            problems.append((str(raw), "broken or looping symlink; skipped"))
            unmatched.append(str(raw))
            continue
        if not _inside(real, root) or (
            real.is_file() and not _inside(target.parent.resolve(), root)
        ):
            problems.append((str(raw), "outside the project root; not linted"))
            unmatched.append(str(raw))
            continue
        if real.is_file():
            rel = relpath(target.parent.resolve() / target.name, root)
            kind = file_kind(target.name)
            if kind is None:
                problems.append((str(raw), "not a kind of file cxone-lint reads; not linted"))
                unmatched.append(str(raw))
                continue
            if force_exclude and excluded.match_file(rel):
                continue
            found[rel] = SourceFile(root / rel, rel, kind, explicit=True)
            continue
        directory = real
        if listing is not None:
            prefix = relpath(directory, root)
            prefix = "" if prefix == "." else prefix.rstrip("/") + "/"
            for rel in listing:
                if prefix and not rel.startswith(prefix):
                    continue
                kind = file_kind(rel.rsplit("/", 1)[-1])
                if kind is None:
                    continue
                if excluded.match_file(rel) or _in_virtualenv(rel, listing):
                    named_excluded = True
                    if excluded.match_file(rel):
                        _note_listed(rel, listed)
                    continue
                full = root / rel
                if full.is_symlink() and not _inside(full.resolve(), root):
                    problems.append((rel, "symlink pointing outside the project; not followed"))
                    continue
                if full.is_file():
                    found[rel] = SourceFile(full, rel, kind)
        else:
            for full in _walk(directory, root, excluded, walk_gitignore, problems, listed):
                rel = relpath(full, root)
                kind = file_kind(full.name)
                if kind is not None:
                    found[rel] = SourceFile(full, rel, kind)
        if len(found) == before and paths and not named_excluded:
            problems.append((str(raw), "no file cxone-lint reads under it; nothing linted"))
            unmatched.append(str(raw))
    for path in always:
        real = path.resolve()
        kind = file_kind(path.name)
        if kind is not None and real.is_file() and _inside(real, root):
            rel = relpath(real, root)
            found.setdefault(rel, SourceFile(real, rel, kind, explicit=True))
    _drop_compiled(found, listed)
    problems.extend(sorted(listed.items()))
    return Discovery(sorted(found.values(), key=lambda f: f.rel), problems, unmatched, notes)


_COMPILED_SUFFIXES = (".js", ".mjs", ".cjs")


def _drop_compiled(found: dict[str, SourceFile], listed: dict[str, str]) -> None:
    """JavaScript compiled from TypeScript (a `.d.ts` or a source map beside it, as tsc and
    bundlers write them) duplicates its source: it is not analysed and its folder is listed
    (`temp_dist/`, `lib/`), unless the file was named on the command line."""
    counts: dict[str, int] = {}
    for rel, source in list(found.items()):
        if source.explicit or source.kind != "javascript" or not rel.endswith(_COMPILED_SUFFIXES):
            continue
        stem = rel.rsplit(".", 1)[0]
        typed = f"{stem}.d.ts" in found or f"{stem}.d.mts" in found or f"{stem}.d.cts" in found
        if not typed and not Path(str(source.path) + ".map").is_file():
            continue
        del found[rel]
        top = rel.split("/", 1)[0] + "/" if "/" in rel else rel
        counts[top] = counts.get(top, 0) + 1
    for top, n in counts.items():
        listed.setdefault(
            top,
            f"compiled output ({n} JavaScript file{'s' if n != 1 else ''} next to "
            "a .d.ts or source map), not analysed",
        )


def _note_listed(rel: str, listed: dict[str, str]) -> None:
    """Remember the first default-excluded folder of `rel` that is listed (see LISTED_EXCLUDES)."""
    parts = rel.rstrip("/").split("/")
    for i, part in enumerate(parts[:-1] if not rel.endswith("/") else parts):
        reason = LISTED_EXCLUDES.get(part)
        if reason is not None:
            listed.setdefault("/".join(parts[: i + 1]) + "/", reason)
            return


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _in_virtualenv(rel: str, listing: set[str] | list[str]) -> bool:
    """A file under a directory that holds `pyvenv.cfg` (an untracked virtualenv)."""
    parts = rel.split("/")
    return any("/".join([*parts[:i], "pyvenv.cfg"]) in listing for i in range(1, len(parts)))


def _git_files(
    root: Path, notes: list[str], problems: list[tuple[str, str]], depth: int = 0
) -> set[str] | None:
    """Every tracked or untracked-not-ignored file under `root`, as git lists it; None when
    `root` is not in a git work tree (or git could not list it: said in `notes`).

    Submodules and repositories nested in the work tree are listed by their own git, so their
    files are linted too; one that is not checked out is reported as not analysed.
    """
    repo = gitrev.find_repository(root)
    if repo is None:
        return None
    if depth == 0 and gitrev.owned_by_another_user(repo):
        # Where git itself would refuse ("dubious ownership"): the tracked files are listed
        # anyway, by a git that runs nothing the repository configures. Said, not hidden.
        notes.append(
            f"the repository at {repo.top} belongs to another user (git would refuse it as "
            "dubious ownership); its files are listed with a git that runs nothing from its "
            "configuration"
        )
    try:
        proc = gitrev.run(
            root, "ls-files", "--cached", "--others", "--exclude-standard", "-z", repo=repo
        )
    except gitrev.GitError as exc:
        reason = str(exc)
    else:
        reason = "" if proc.returncode == 0 else gitrev.failure(proc)
    if reason:
        if depth == 0:
            notes.append(
                f"git cannot list the files of {repo.top} ({reason}); every file is linted, "
                ".gitignore is not applied"
            )
        return None
    names = {n for n in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if n}
    out: set[str] = set()
    for name in sorted(names):
        full = root / name.rstrip("/")
        if not (name.endswith("/") or (full.is_dir() and not full.is_symlink())):
            out.add(name)
            continue
        # A gitlink (submodule) or an untracked repository inside the work tree.
        rel = name.rstrip("/")
        inner = gitrev.find_repository(full)
        if inner is None or inner.top != full.resolve() or depth >= MAX_NESTED_REPOSITORIES:
            problems.append((rel, "submodule or nested repository not checked out; not analysed"))
            continue
        nested = _git_files(full, notes, problems, depth + 1)
        if nested is None:
            problems.append((rel, "nested repository git cannot list; not analysed"))
            continue
        out.update(f"{rel}/{n}" for n in nested)
    return out


def _walk(
    directory: Path,
    root: Path,
    excluded: pathspec.PathSpec,
    respect_gitignore: bool,
    problems: list[tuple[str, str]],
    listed: dict[str, str],
) -> Iterable[Path]:
    """Walk without following directory symlinks, applying .gitignore files as found."""
    stack: list[tuple[Path, list[tuple[str, pathspec.PathSpec]]]] = [(directory, [])]
    while stack:
        current, ignores = stack.pop()
        if respect_gitignore:
            gi = current / ".gitignore"
            if gi.is_file():
                try:
                    lines = gi.read_text(encoding="utf-8", errors="replace").splitlines()
                    base = relpath(current, root)
                    ignores = [*ignores, ("" if base == "." else base + "/", _spec(lines))]
                except OSError as exc:
                    problems.append((relpath(gi, root), f"cannot read: {exc.strerror}"))
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            problems.append((relpath(current, root), f"cannot list directory: {exc.strerror}"))
            continue
        for entry in entries:
            full = Path(entry.path)
            rel = relpath(full, root)
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_link = entry.is_symlink()
            except OSError:
                continue
            probe = rel + "/" if is_dir else rel
            if _ignored(probe, ignores):
                continue
            if excluded.match_file(probe):
                if is_dir:
                    _note_listed(probe, listed)
                continue
            if is_dir:
                if not (full / "pyvenv.cfg").is_file():  # a virtualenv, wherever it is
                    stack.append((full, ignores))
            elif is_link:
                try:
                    target = full.resolve(strict=True)
                except (OSError, RuntimeError):
                    problems.append((rel, "broken or looping symlink; skipped"))
                    continue
                if target.is_dir():
                    continue  # directory symlinks are never followed
                if not _inside(target, root):
                    problems.append((rel, "symlink pointing outside the project; not followed"))
                    continue
                yield full
            elif entry.is_file(follow_symlinks=False):
                yield full


def _ignored(rel: str, ignores: list[tuple[str, pathspec.PathSpec]]) -> bool:
    return any(rel.startswith(base) and spec.match_file(rel[len(base) :]) for base, spec in ignores)
