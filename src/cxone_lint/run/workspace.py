"""Which files to lint, and what kind each one is.

Inside a git work tree, git itself lists the files (`git ls-files --cached --others
--exclude-standard`), so .gitignore, .git/info/exclude and the global excludes behave exactly
as git does. Outside git, the tree is walked with pathspec's gitwildmatch over every .gitignore
found. Symlinks to directories are never followed (no loops, nothing outside the project);
symlinked files are followed only when they resolve inside the project root.

`exclude` patterns always apply to directories walked into; files named explicitly on the
command line are linted even when excluded, unless `force_exclude` is set (what pre-commit
hooks use, since pre-commit passes every staged file).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec

from cxone_lint.api.context import relpath
from cxone_lint.languages import language_for
from cxone_lint.run.git import GIT, git_env

DEFAULT_EXCLUDES = (
    ".git/",
    ".hg/",
    ".svn/",
    ".venv/",
    "venv/",
    "env/",
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
    "build/",
    "dist/",
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


def _spec(patterns: Iterable[str]) -> pathspec.PathSpec:
    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def discover(
    root: Path,
    paths: Sequence[Path],
    exclude: Sequence[str] = (),
    respect_gitignore: bool = True,
    force_exclude: bool = False,
) -> Discovery:
    root = root.resolve()
    excluded = _spec([*DEFAULT_EXCLUDES, *exclude])
    found: dict[str, SourceFile] = {}
    problems: list[tuple[str, str]] = []
    listed: dict[str, str] = {}
    git_files = _git_files(root) if respect_gitignore else None
    for raw in paths or [root]:
        target = raw if raw.is_absolute() else Path.cwd() / raw
        if not target.exists() and not target.is_symlink():
            problems.append((str(raw), "no such file or directory"))
            continue
        if target.is_file() or (target.is_symlink() and not target.is_dir()):
            resolved = target.resolve()
            if not _inside(resolved, root) and not _inside(target.absolute(), root):
                problems.append((str(raw), "outside the project root; not linted"))
                continue
            rel = relpath(target.absolute(), root)
            kind = file_kind(target.name)
            if kind is None:
                continue
            if force_exclude and excluded.match_file(rel):
                continue
            found[rel] = SourceFile(target.absolute(), rel, kind, explicit=True)
            continue
        directory = target.absolute()
        if git_files is not None:
            prefix = relpath(directory, root)
            prefix = "" if prefix == "." else prefix.rstrip("/") + "/"
            for rel in git_files:
                if prefix and not rel.startswith(prefix):
                    continue
                kind = file_kind(rel.rsplit("/", 1)[-1])
                if kind is None:
                    continue
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
            for full in _walk(directory, root, excluded, respect_gitignore, problems, listed):
                rel = relpath(full, root)
                kind = file_kind(full.name)
                if kind is not None:
                    found[rel] = SourceFile(full, rel, kind)
    _drop_compiled(found, listed)
    problems.extend(sorted(listed.items()))
    return Discovery(sorted(found.values(), key=lambda f: f.rel), problems)


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


def _git_files(root: Path) -> list[str] | None:
    try:
        proc = subprocess.run(
            [*GIT, "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=root,
            env=git_env(),
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    top = subprocess.run(
        [*GIT, "rev-parse", "--show-prefix"],
        cwd=root,
        env=git_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    # ls-files prints paths relative to cwd (= root), so no prefix juggling is needed; the
    # check only guards against a root that is not inside the work tree.
    if top.returncode != 0:
        return None
    names = proc.stdout.decode("utf-8", "surrogateescape").split("\0")
    return sorted({n for n in names if n})


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
