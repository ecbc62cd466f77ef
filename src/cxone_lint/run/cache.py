"""The per-file result cache: an unchanged file is never read, parsed or visited twice.

Layout (`cache-dir`, default `.cxone_lint_cache/` in the project root):

    CACHEDIR.TAG            marks the directory as a cache (backup tools skip it)
    .gitignore              `*`: the cache never ends up in a commit
    v2/<key>.json           one file per configuration: {rel path: entry}, signed
    v2/<key>.lock           serialises the read-merge-write of that file between runs

A cache the repository can forge would let it hide findings or inject fix edits (a committed
`.cxone_lint_cache/`, or one copied between machines). So every file carries an HMAC-SHA256 of
its entries keyed by a per-user secret kept outside the work tree (run/writes.py: created on
first use in the per-user cache directory, mode 0600): an entry this user's runs did not write
is never used. A cache directory that git tracks is not used at all (and that is said), and the
directory is only ever reached without a symlink, strictly inside the project root.

The key is a hash of everything that can change a file's phase-one result: the tool version,
the Python and libcst versions, the settings fingerprint, the project root, the rule packs
(names and versions), the extractor set (class, name, kinds, pre-filter strings) and whether the
pre-filter is on. A run with other settings uses another file, so switching between two
configurations (an editor and a pre-commit hook) does not thrash; the least recently written
files beyond MAX_CONFIGURATIONS are removed.

An entry holds the file's content hash (SHA-256), its stat signature, and its `FileResult`
(facts, LINT001/LINT002 findings, suppression comments). Project rules always run again, from the
cached facts. Facts never hold secret values (the extractors' contract) and only suppression
comments are kept (analysis/files.py), so the cache holds nothing a repository does not want
copied around.

Is a file unchanged? The content hash is the source of truth. Checking it means reading every
file, so each entry also records (size, mtime_ns, ctime_ns, inode, device) and a file whose stat
still matches exactly is taken as unchanged without being opened. That is safe because a write
always moves ctime forward (no program can set ctime) and because a signature is only recorded
when the file's mtime and ctime are more than RACY_SECONDS old when it is hashed (git's "racily
clean" rule: a change within the same clock tick as our read could otherwise keep the same
stat). ruff keys on mtime alone; a CI checkout, a `git checkout` or a restored cache gives every
file a new mtime or inode, so the signature misses there, and the file is read and hashed: a
matching hash is still a hit (no parse), just not a free one.

Robustness: a cache file that is unreadable, truncated, not JSON, of another format or another
key is ignored as a whole, and an entry that does not deserialise is a miss; nothing about the
cache can fail a run. Writes go to a temporary file in the same directory that is then renamed
over the old one (atomic on POSIX and Windows), under an exclusive lock, merging with what
another run may have written meanwhile, so concurrent runs never corrupt the cache and at
worst redo some work.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from cxone_lint import __version__
from cxone_lint.api.context import FileResult
from cxone_lint.api.extractor import Extractor
from cxone_lint.api.pack import RulePack
from cxone_lint.api.settings import Settings
from cxone_lint.languages import javascript, php, powershell
from cxone_lint.run import writes
from cxone_lint.run.analyse import MAX_BYTES, TRANSIENT_REASONS
from cxone_lint.run.workspace import SourceFile

CACHE_FORMAT = 3
FORMAT_NAME = "cxone-lint-cache"
_ENTRIES = b',"entries":'
_CACHE_FILE = re.compile(r"^[0-9a-f]{24}\.(json|lock)$")
RACY_SECONDS = 2.0
MAX_CONFIGURATIONS = 8
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by cxone-lint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)

StatKey = list[int]


def cache_key(
    settings: Settings,
    packs: Iterable[RulePack],
    extractors: Iterable[type[Extractor]],
    use_prefilter: bool,
    use_triage: bool = True,
) -> str:
    """Hash of everything a file's phase-one result depends on, besides its content.

    Settings are not part of it: extractors see only a file's path and text, so a run with
    another rule selection or other rule options (pre-commit and CI, say) reuses the same
    facts instead of parsing every file again."""
    try:
        from importlib.metadata import version

        libcst_version = version("libcst")
    except Exception:  # not installed as a distribution: the key still works, just coarser
        libcst_version = "?"
    material = {
        "format": CACHE_FORMAT,
        "tool": __version__,
        "python": list(sys.version_info[:2]),
        "libcst": libcst_version,
        "tree-sitter": {**javascript.versions(), **php.versions(), **powershell.versions()},
        "root": str(settings.root),
        "packs": [[p.name, p.version] for p in packs],
        "extractors": [
            [
                f"{e.__module__}.{e.__qualname__}",
                e.name,
                sorted(e.kinds),
                list(e.prefilter),
            ]
            for e in extractors
        ],
        "prefilter": use_prefilter,
        # Files the engine analyses again in full (a pack's demand) go to the entries of the
        # configuration without triage, which a --no-triage run shares.
        "triage": use_triage,
        "code": _code_signature(["cxone_lint", *(e.__module__ for e in extractors)]),
    }
    text = json.dumps(material, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _code_signature(modules: Iterable[str]) -> str:
    """Size and mtime of every source file of the engine and of the packs' extractors.

    A released pack changes its version with its code, but an editable install (a pack under
    development) does not: without this, a changed extractor would be served stale facts.
    Stat calls on a few dozen files cost about a millisecond.
    """
    digest = hashlib.sha256()
    for top in sorted({m.split(".")[0] for m in modules}):
        module = sys.modules.get(top)
        origin = getattr(module, "__file__", None)
        if not origin:
            continue
        base = os.path.dirname(origin)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                if name.endswith(".py"):
                    try:
                        st = os.stat(os.path.join(dirpath, name))
                    except OSError:
                        continue
                    rel = os.path.relpath(os.path.join(dirpath, name), base)
                    digest.update(f"{top}/{rel}:{st.st_size}:{st.st_mtime_ns};".encode())
    return digest.hexdigest()


def _stat_key(st: os.stat_result) -> StatKey:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def _racy(st: os.stat_result, now: float) -> bool:
    newest = max(st.st_mtime_ns, st.st_ctime_ns) / 1e9
    return now - newest < RACY_SECONDS


class Cache:
    """One configuration's entries; load once, look up per file, save once at the end.

    `root` is the project root (the cache directory must be strictly inside it); `secret`
    signs the entries (default: this user's key, see run/writes.py). Raises WriteRefusedError when
    the cache cannot be used safely (the caller runs without it and says why).
    """

    def __init__(
        self, directory: Path, key: str, root: Path | None = None, secret: bytes | None = None
    ) -> None:
        self.root = (root or directory.parent).resolve()
        self.directory = writes.cache_directory(self.root, directory)
        self.key = key
        self.secret = secret if secret is not None else writes.secret_key(self.root)
        self.path = self.directory / f"v{CACHE_FORMAT}" / f"{key}.json"
        writes.cache_directory(self.root, self.path.parent)  # no symlink below it either
        self._entries: dict[str, Any] = self._read()
        self._updated: dict[str, Any] = {}
        self._seen: set[str] = set()
        self._stats: dict[str, tuple[os.stat_result, float]] = {}
        self.hits = 0
        self.stat_hits = 0

    # -- reading -------------------------------------------------------------------------------

    def _mac(self, entries: bytes) -> str:
        message = self.key.encode() + b"\0" + entries
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()

    def _header(self, mac: str) -> bytes:
        head = {"format": FORMAT_NAME, "version": CACHE_FORMAT, "key": self.key, "mac": mac}
        return json.dumps(head, separators=(",", ":")).encode()[:-1]

    def _read(self) -> dict[str, Any]:
        """The entries of a file this user wrote for this key; {} for anything else."""
        try:
            writes.cache_directory(self.root, self.path.parent)
            fd = writes.open_no_follow(self.path, os.O_RDONLY)
            with os.fdopen(fd, "rb") as fh:
                raw = fh.read()
        except (OSError, writes.WriteRefusedError):
            return {}
        # Layout: {"format":..,"version":..,"key":..,"mac":..,"entries":{...}}, the MAC over
        # the exact bytes of the entries object, so it is checked before anything is parsed.
        head, marker, rest = raw.partition(_ENTRIES)
        if not marker or not rest.endswith(b"}"):
            return {}
        entries_bytes = rest[:-1]
        try:
            header = json.loads(head + b"}")
        except (ValueError, RecursionError):
            return {}
        if (
            not isinstance(header, dict)
            or header.get("format") != FORMAT_NAME
            or header.get("version") != CACHE_FORMAT
            or header.get("key") != self.key
            or not isinstance(header.get("mac"), str)
            or not hmac.compare_digest(header["mac"], self._mac(entries_bytes))
        ):
            return {}
        try:
            entries = json.loads(entries_bytes)
        except (ValueError, RecursionError):
            return {}
        return entries if isinstance(entries, dict) else {}

    def _result(self, rel: str, entry: Any) -> FileResult | None:
        try:
            result = FileResult.from_json(entry["r"])
        except Exception:  # a corrupt or foreign entry is a miss, never an error
            return None
        if result.rel != rel or result.digest != entry.get("d"):
            return None
        return result

    def lookup(self, source: SourceFile) -> tuple[FileResult | None, bytes | None]:
        """The cached result of an unchanged file; else (None, the bytes read, if any)."""
        rel = source.rel
        self._seen.add(rel)
        try:
            st = os.stat(source.path)
            now = time.time()
        except OSError:
            return None, None
        self._stats[rel] = (st, now)
        entry = self._entries.get(rel)
        if not isinstance(entry, dict):
            return None, None  # nothing to compare with: the analysis reads the file itself
        if entry.get("s") == _stat_key(st):
            result = self._result(rel, entry)
            if result is not None:
                self.hits += 1
                self.stat_hits += 1
                return result, None
        if st.st_size > MAX_BYTES:
            return None, None
        try:
            with open(source.path, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except OSError:
            return None, None
        if hashlib.sha256(data).hexdigest() == entry.get("d"):
            result = self._result(rel, entry)
            if result is not None:
                self.hits += 1
                self._remember(rel, result)  # record the new stat signature
                return result, None
        return None, data

    # -- writing -------------------------------------------------------------------------------

    def store(self, result: FileResult) -> None:
        if not result.digest or result.reason in TRANSIENT_REASONS:
            return
        self._remember(result.rel, result)

    def signature(self, rel: str) -> StatKey | None:
        """The stat signature of `rel` taken before this run read it; None when there is none
        or it was racy (the file changed too recently for its mtime to tell a change)."""
        if rel in self._stats:
            st, now = self._stats[rel]
            if not _racy(st, now):
                return _stat_key(st)
        return None

    def _remember(self, rel: str, result: FileResult) -> None:
        self._updated[rel] = {"d": result.digest, "s": self.signature(rel), "r": result.to_json()}

    def save(self, prune: bool = False) -> None:
        """Write the entries of this run, merged with the file as it is now on disk.

        With `prune` (a run over the whole project), entries of files this run did not see
        (deleted, renamed, newly excluded) are dropped. Failures are ignored: a read-only
        checkout simply runs without a cache.
        """
        stale = prune and any(rel not in self._seen for rel in self._entries)
        if not self._updated and not stale:
            return
        with contextlib.suppress(OSError):
            self._save(prune)

    def _save(self, prune: bool) -> None:
        folder = self.path.parent
        try:
            writes.make_directories(folder, self.root)
        except writes.WriteRefusedError:
            return
        _mark(self.directory)
        with _Locked(folder / f"{self.key}.lock"):
            entries = self._read()  # another run may have written since we loaded
            if prune:
                entries = {k: v for k, v in entries.items() if k in self._seen}
            entries.update(self._updated)
            body = json.dumps(entries, separators=(",", ":")).encode()
            payload = self._header(self._mac(body)) + _ENTRIES + body + b"}"
            fd, tmp = tempfile.mkstemp(prefix=f".{self.key}.", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(payload)
                os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide the cache from the group
                os.replace(tmp, self.path)
            except BaseException:
                _remove(Path(tmp))
                raise
        self._entries = entries
        self._updated = {}
        _prune_configurations(folder, self.path)


class _Locked:
    """An exclusive advisory lock on a file (no-op where fcntl does not exist)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def __enter__(self) -> _Locked:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: the atomic rename still protects
            return self
        self.fd = writes.open_no_follow(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing releases the lock


def _mark(directory: Path) -> None:
    for name, text in (
        ("CACHEDIR.TAG", CACHEDIR_TAG),
        (".gitignore", "# Created by cxone-lint automatically.\n*\n"),
    ):
        if not os.path.lexists(directory / name):
            _write_small(directory / name, text)


def _write_small(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _prune_configurations(folder: Path, keep: Path) -> None:
    """Drop the least recently written configurations. Only names this module writes are
    ever touched (`<24 hex>.json` and its `.lock`), and never through a symlink."""
    try:
        files = [
            p
            for p in folder.iterdir()
            if p != keep
            and p.suffix == ".json"
            and _CACHE_FILE.match(p.name)
            and writes.is_regular_file(p)
        ]
        files.sort(key=lambda p: p.lstat().st_mtime, reverse=True)
    except OSError:
        return
    for old in files[MAX_CONFIGURATIONS - 1 :]:
        _remove(old)
        _remove(old.with_suffix(".lock"))


def cache_dir(settings: Settings) -> Path:
    return settings.root / settings.cache_dir


def clean(directory: Path, root: Path) -> bool:
    """Remove a cache directory; refuses (False) anything that is not a cxone-lint cache
    strictly inside the root and reached without a symlink."""
    return writes.remove_cache_tree(directory, root.resolve(), CACHEDIR_TAG)


def tracked_by_git(root: Path, directory: Path) -> bool:
    """Whether git tracks anything under the cache directory: a committed cache."""
    from cxone_lint.run import git

    try:
        proc = git.run(root, "ls-files", "-z", "--", f"./{os.path.relpath(directory, root)}/")
    except git.GitError:
        return False
    return proc.returncode == 0 and bool(proc.stdout.strip(b"\0"))


def analyse_cached(
    files: list[SourceFile],
    extractors: list[type[Extractor]],
    cache: Cache,
    use_prefilter: bool,
    jobs: int | None,
    prune: bool,
    progress: Callable[[int, int], None] | None = None,
    use_triage: bool = True,
) -> dict[str, FileResult]:
    """Phase one through the cache: hits come from it, misses are analysed and stored."""
    from cxone_lint.run.parallel import analyse_all

    results: dict[str, FileResult] = {}
    misses: list[SourceFile] = []
    data: dict[str, bytes] = {}
    total = 0
    for source in files:
        hit, raw = cache.lookup(source)
        if hit is not None:
            results[source.rel] = hit
            continue
        misses.append(source)
        if raw is not None:
            data[source.rel] = raw
        stat = cache._stats.get(source.rel)
        total += stat[0].st_size if stat else 0
    if misses:
        hits = len(results)
        if progress is not None:
            progress(hits, len(files))

            def counted(done: int, _total: int) -> None:
                progress(hits + done, len(files))

        analysed = analyse_all(
            misses,
            extractors,
            use_prefilter,
            jobs,
            total,
            data,
            progress=counted if progress is not None else None,
            use_triage=use_triage,
        )
        for result in analysed.values():
            cache.store(result)
        results.update(analysed)
    cache.save(prune=prune)
    return {rel: results[rel] for rel in sorted(results)}
