"""Where the tool may write, and how: the one place that decides.

The linted repository is hostile input. A committed symlink (`.cxone_lint_cache/v1 -> /etc`,
`cxone-lint.sarif -> ~/.bashrc`, `linkdir -> ..`) or a setting (`cache-dir = ".."`) must never
turn a write into one outside the project. The rules:

- **No symlink inside the project is ever traversed by a write.** A path is walked component by
  component (`_walk`); a symlink that sits inside the project root refuses the write. Symlinks
  outside the project (a checkout reached through `/home/me/work -> /data/work`) are the user's
  own and are followed.
- **Output files** (`-o FORMAT:FILE`, baselines, `review --output`, `init`) are written to a
  temporary file in the target's folder, then renamed over the target: a symlink at the target
  is replaced, never written through. `init` creates its file only if nothing is there.
- **Settings from the repository** (`cache-dir`, `baseline`) must name a path inside the root.
- **The cache** lives in a directory strictly inside the root that no symlink leads to; it is
  only ever removed as the tree its own CACHEDIR.TAG marks.
- **Fixes** edit only a regular file inside the root reached without a symlink, that is not
  read-only by its mode bits (whoever runs the tool, root included) and has no other hard link
  (a rename would split it silently).
- **The per-user secret** that signs cache entries lives in the per-user cache directory
  (`$XDG_CACHE_HOME/cxone-lint/`, else `~/.cache/cxone-lint/`), created 0700/0600, and is not
  used when that directory is inside the project.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from pathlib import Path

KEY_FILE = "cache-key"
KEY_BYTES = 32


class WriteRefusedError(Exception):
    """The tool will not write this path; the message says why (for the user)."""


def inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def setting_path(root: Path, value: str, key: str, where: str) -> str:
    """A path setting read from the repository's settings: relative, and inside the root
    without being the root itself. Returns it normalised; raises SettingsError otherwise."""
    from cxone_lint.run.settings import SettingsError

    candidate = Path(value)
    joined = Path(os.path.normpath(root / candidate))
    if candidate.is_absolute() or not inside(joined, root) or joined == root:
        raise SettingsError(
            f"{where}: '{key}' must be a path inside the project root ({root}), got {value!r}"
        )
    return joined.relative_to(root).as_posix()


def _walk(path: Path, root: Path, *, final_may_be_link: bool) -> Path:
    """The real location of `path`, refusing any symlink located inside `root` on the way.

    Components that do not exist yet are taken as they are (they will be created).
    """
    absolute = Path(os.path.abspath(path))
    current = Path(absolute.anchor)
    parts = absolute.parts[1:]
    for index, part in enumerate(parts):
        following = current / part
        last = index == len(parts) - 1
        try:
            st = os.lstat(following)
        except FileNotFoundError:
            current = following
            continue
        except OSError as exc:  # e.g. a file where a folder should be
            raise WriteRefusedError(f"cannot write {absolute}: {exc.strerror or exc}") from None
        if stat.S_ISLNK(st.st_mode):
            if inside(current, root) or inside(following, root):
                if last and final_may_be_link:
                    current = following
                    continue
                raise WriteRefusedError(
                    f"{following} is a symlink inside the project; cxone-lint never writes "
                    "through one"
                )
            current = following.resolve()
            continue
        current = following
    return current


def write_output(path: Path, text: str, root: Path, *, exclusive: bool = False) -> None:
    """Write a file the user asked for: temporary file + rename, never through a symlink.

    `exclusive`: only create it (FileExistsError when anything, even a dangling link, is there).
    """
    real = _walk(path, root, final_may_be_link=not exclusive)
    folder = real.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~_umask())
        if exclusive:
            os.link(tmp, real)  # fails if the name exists, whatever it is
            os.unlink(tmp)
        else:
            os.replace(tmp, real)  # replaces a symlink at `real`, never its target
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# -- the cache ---------------------------------------------------------------------------------


def cache_directory(root: Path, directory: Path) -> Path:
    """The cache directory, checked: strictly inside the root, no symlink on the way or at it.

    WriteRefusedError otherwise (the caller then runs without a cache and says why).
    """
    if not inside(Path(os.path.normpath(directory)), root) or Path(directory) == root:
        raise WriteRefusedError(f"the cache directory {directory} is not inside the project root")
    return _walk(directory, root, final_may_be_link=False)


def make_directories(directory: Path, root: Path) -> None:
    """Create `directory` and its missing parents, refusing symlinks inside the project."""
    real = _walk(directory, root, final_may_be_link=False)
    real.mkdir(parents=True, exist_ok=True)
    _walk(directory, root, final_may_be_link=False)  # nothing was swapped in meanwhile


def open_no_follow(path: Path, flags: int, mode: int = 0o644) -> int:
    """os.open that fails on a symlink at `path` (O_NOFOLLOW where the platform has it)."""
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0), mode)


def is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def remove_cache_tree(directory: Path, root: Path, tag_text: str) -> bool:
    """Remove the cache directory, only when it is a real directory inside the root whose
    CACHEDIR.TAG is exactly the one cxone-lint writes. False (nothing removed) otherwise."""
    import shutil

    try:
        real = cache_directory(root, directory)
    except WriteRefusedError:
        return False
    tag = real / "CACHEDIR.TAG"
    if not stat.S_ISDIR(os.lstat(real).st_mode) or not is_regular_file(tag):
        return False
    try:
        fd = open_no_follow(tag, os.O_RDONLY)
        with os.fdopen(fd, "rb") as fh:
            if fh.read(len(tag_text) + 1).decode("utf-8", "replace") != tag_text:
                return False
    except OSError:
        return False
    shutil.rmtree(real)  # never follows a symlink inside the tree
    return True


def user_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "cxone-lint"


def secret_key(project_root: Path) -> bytes:
    """This user's secret for signing cache entries, created on first use.

    Raises WriteRefusedError when there is none to be had (read-only home, or a per-user cache
    directory inside the project, where a repository could commit the key).
    """
    folder = user_cache_dir()
    try:
        if inside(folder.resolve(), project_root.resolve()):
            raise WriteRefusedError(f"the per-user cache directory {folder} is inside the project")
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = folder / KEY_FILE
        key = _read_key(path)
        if key is not None:
            return key
        fd, tmp = tempfile.mkstemp(prefix=".cache-key.", dir=folder)  # 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(secrets.token_bytes(KEY_BYTES))
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)  # first writer wins; everyone then reads the same key
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        key = _read_key(path)
    except OSError as exc:
        raise WriteRefusedError(f"no per-user cache key ({exc.strerror or exc})") from None
    if key is None:
        raise WriteRefusedError(f"the per-user cache key {folder / KEY_FILE} is unusable")
    return key


def _read_key(path: Path) -> bytes | None:
    try:
        fd = open_no_follow(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
            return None
        data = fh.read(KEY_BYTES + 1)
    return data if len(data) == KEY_BYTES else None


# -- fixes -------------------------------------------------------------------------------------


def fix_target(root: Path, rel: str) -> Path:
    """The file a fix may rewrite: `rel` inside the root, reached without any symlink, a
    regular file, writable by its mode bits, with a single hard link; else WriteRefusedError."""
    candidate = Path(os.path.normpath(root / rel))
    if Path(rel).is_absolute() or not inside(candidate, root) or candidate == root:
        raise WriteRefusedError("not inside the project root")
    real = _walk(candidate, root, final_may_be_link=False)
    try:
        st = os.lstat(real)
    except OSError as exc:
        raise WriteRefusedError(f"cannot read it: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise WriteRefusedError("not a regular file")
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
        real, os.W_OK
    ):
        raise WriteRefusedError("the file is read-only")
    if st.st_nlink > 1:
        raise WriteRefusedError(
            f"the file has {st.st_nlink} hard links and rewriting it would split them"
        )
    return real


def replace_file(path: Path, data: bytes) -> None:
    """Rewrite a fix target (checked by fix_target) atomically, keeping its mode bits."""
    mode = stat.S_IMODE(os.lstat(path).st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".cxone-fix", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
