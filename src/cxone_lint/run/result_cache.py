"""Phase two's result, reused when nothing it depends on changed: a warm run links nothing.

Kept as a build system keeps its dependency log. One entry per configuration: the file is
named by a hash of everything that is the same from one run to the next unless the user
changes it (the phase-one cache key, which covers the tool's and the packs' code; every
setting; the enabled codes; the paths, inputs and working directory of the run; the
environment variables rules read). The entry holds the inputs of the run it recorded:

- what discovery produced (the files to lint, the paths that matched nothing, the problems
  and notes of the listing), as one digest;
- each file's identity (path, content digest, phase-one status and reason) and its stat
  signature, taken before the file was read, when it was not racy (see cache.py);
- every read a rule made through the context outside the files' facts: whether a path was a
  file (`ctx.exists`) and a keyed digest of each text read (`ctx.read_text`, `ctx.document`);
- the earliest instant a rule compared the clock with (api/clock.py): reused only before it.

A later run reuses the result when discovery gives the same digest, every file has its
recorded stat signature or else its recorded content digest (read and hashed: a checkout that
touched files without changing them), and every recorded read still gives the same answer. No
file's facts are loaded then: phase one does not run at all. A file's phase-one status and
reason follow from its content and the phase-one key, so the digest stands for its facts.

A run that asked git anything, had a file whose result depends on the moment
(TRANSIENT_REASONS), a file without a digest, a rule that crashed, or a path that changed while
the rules read it, is not recorded.

The result is stored as the reports need it: the findings (already redacted: they never hold a
secret value), the skipped checks, the run's figures and each file's outcome without its facts,
comments or text. The file is signed with the per-file cache's secret (HMAC over the exact
bytes of the entry, checked before anything is parsed), written atomically under a lock, in a
folder beside the per-file cache's entries and pruned like them; anything that does not verify
is a miss.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cxone_lint import __version__
from cxone_lint.api.context import FileResult
from cxone_lint.api.diagnostics import Diagnostic, RunStats, SkippedCheck
from cxone_lint.api.results import INTERNAL_ERROR, RunResult
from cxone_lint.run import writes
from cxone_lint.run.analyse import MAX_BYTES, TRANSIENT_REASONS
from cxone_lint.run.cache import (
    MAX_CONFIGURATIONS,
    _code_signature,
    _Locked,
    _mark,
    _prune_configurations,
    _racy,
    _remove,
    _stat_key,
)
from cxone_lint.run.context import Reads, kind_of, read_project_text
from cxone_lint.run.workspace import Discovery, SourceFile

if TYPE_CHECKING:
    from cxone_lint.api.pack import RulePack
    from cxone_lint.api.settings import Settings

__all__ = ["MAX_CONFIGURATIONS", "ResultCache", "configuration_key", "discovery_digest"]

FORMAT = 1
FORMAT_NAME = "cxone-lint-result"
FOLDER = f"results-v{FORMAT}"
_ENTRY = b',"entry":'
# Environment variables rules read (the lifecycle checks' pre-commit default base).
ENVIRONMENT = ("PRE_COMMIT", "PRE_COMMIT_FROM_REF")


def configuration_key(
    phase_one_key: str,
    settings: Settings,
    packs: Iterable[RulePack],
    enabled: Collection[str],
    paths: Iterable[Path],
    force_exclude: bool,
    inputs: Mapping[str, Any],
) -> str:
    """Hash of what a run's result depends on besides the files and what rules read."""
    packs = list(packs)
    # The phase-one key covers the engine's and the extractors' packages: only a pack whose
    # rules live in another package adds to it.
    covered = {"cxone_lint", *(e.__module__.split(".")[0] for p in packs for e in p.extractors)}
    rules = {r.__module__ for p in packs for r in p.rules}
    others = sorted(m for m in rules if m.split(".")[0] not in covered)
    material = {
        "format": FORMAT,
        "tool": __version__,
        "python": list(sys.version_info[:3]),
        "phase-one": phase_one_key,
        "packs": [[p.name, p.version] for p in packs],
        "code": _code_signature(others) if others else "",
        "settings": dataclasses.asdict(settings),
        "enabled": sorted(enabled),
        "paths": [str(p) for p in paths],
        "force-exclude": force_exclude,
        "inputs": dict(inputs),
        "cwd": os.getcwd(),
        "environment": {name: os.environ.get(name) for name in ENVIRONMENT},
    }
    text = json.dumps(material, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def discovery_digest(found: Discovery) -> str:
    material = {
        "files": [[str(f.path), f.rel, f.kind, f.explicit] for f in found.files],
        "problems": [list(p) for p in found.problems],
        "unmatched": found.unmatched,
        "notes": found.notes,
    }
    text = json.dumps(material, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _identity(result: FileResult) -> list[str]:
    return [result.rel, result.digest, result.status, result.reason]


def cacheable(
    results: Mapping[str, FileResult], reads: Reads, diagnostics: list[Diagnostic]
) -> bool:
    """Whether a run's result may be recorded (see the module docstring)."""
    if reads.git or reads.unstable:
        return False
    if any(not r.digest or r.reason in TRANSIENT_REASONS for r in results.values()):
        return False
    return not any(d.code == INTERNAL_ERROR for d in diagnostics)


class ResultCache:
    """The entry of one configuration: read once, looked up once, written at most once.

    Raises WriteRefusedError when the cache directory cannot be used safely (as cache.Cache)."""

    def __init__(
        self,
        directory: Path,
        key: str,
        root: Path,
        discovery: str,
        secret: bytes | None = None,
    ) -> None:
        self.root = root
        real_root = root.resolve()
        self.directory = writes.cache_directory(real_root, directory)
        self.real_root = real_root
        self.key = key
        self.discovery = discovery
        self.secret = secret if secret is not None else writes.secret_key(real_root)
        self.path = self.directory / FOLDER / f"{key}.json"
        writes.cache_directory(real_root, self.path.parent)
        entry = self._read()
        self.entry = entry if entry is not None and entry.get("discovery") == discovery else None

    # -- reading -------------------------------------------------------------------------------

    def _mac(self, body: bytes) -> str:
        message = FORMAT_NAME.encode() + b"\0" + self.key.encode() + b"\0" + body
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()

    def _text_mac(self, text: str | None) -> str | None:
        """A keyed digest of a text a rule read: equal texts give equal digests, and the
        cache holds nothing a guess at a short secret file could be checked against."""
        if text is None:
            return None
        data = b"text\0" + text.encode("utf-8", "surrogatepass")
        return hmac.new(self.secret, data, hashlib.sha256).hexdigest()

    def _header(self, mac: str) -> bytes:
        head = {"format": FORMAT_NAME, "version": FORMAT, "key": self.key, "mac": mac}
        return json.dumps(head, separators=(",", ":")).encode()[:-1]

    def _read(self) -> dict[str, Any] | None:
        try:
            writes.cache_directory(self.real_root, self.path.parent)
            fd = writes.open_no_follow(self.path, os.O_RDONLY)
            with os.fdopen(fd, "rb") as fh:
                raw = fh.read()
        except (OSError, writes.WriteRefusedError):
            return None
        head, marker, rest = raw.partition(_ENTRY)
        if not marker or not rest.endswith(b"}"):
            return None
        body = rest[:-1]
        try:
            header = json.loads(head + b"}")
        except (ValueError, RecursionError):
            return None
        if (
            not isinstance(header, dict)
            or header.get("format") != FORMAT_NAME
            or header.get("version") != FORMAT
            or header.get("key") != self.key
            or not isinstance(header.get("mac"), str)
            or not hmac.compare_digest(header["mac"], self._mac(body))
        ):
            return None
        try:
            entry = json.loads(body)
        except (ValueError, RecursionError):
            return None
        return entry if isinstance(entry, dict) else None

    def reuse(self, files: list[SourceFile]) -> RunResult | None:
        """The recorded result, when every file is as recorded and every recorded read gives
        the same answer. A file with its recorded stat signature is not read; one without is
        read and its digest compared (its new signature is then recorded). No file's facts
        are loaded either way."""
        entry = self.entry
        if entry is None:
            return None
        rows: list[list[Any]] = []
        try:
            recorded = entry["files"]
            if len(recorded) != len(files):
                return None
            for source, row in zip(files, recorded, strict=True):
                rel, digest, status, reason, signature = row
                if rel != source.rel:
                    return None
                st = os.stat(source.path)
                now = time.time()
                if signature and _stat_key(st) == signature:
                    rows.append(row)
                    continue
                if st.st_size > MAX_BYTES:
                    return None
                with open(source.path, "rb") as fh:
                    data = fh.read(MAX_BYTES + 1)
                if hashlib.sha256(data).hexdigest() != digest:
                    return None
                fresh = None if _racy(st, now) else _stat_key(st)
                rows.append([rel, digest, status, reason, fresh])
        except (OSError, ValueError, TypeError, LookupError):
            return None
        result = self._reuse(entry)
        if result is not None and rows != recorded:
            with contextlib.suppress(OSError):
                self._save({**entry, "files": rows})
        return result

    def _reuse(self, entry: dict[str, Any]) -> RunResult | None:
        try:
            until = entry["until"]
            if until is not None and time.time() >= float(until):
                return None
            for rel, found in entry["exists"].items():
                if (self.root / rel).is_file() != found:
                    return None
            for rel, mac in entry["texts"].items():
                if self._text_mac(read_project_text(self.root, rel, kind_of(rel))) != mac:
                    return None
            return decode_result(entry["result"])
        except Exception:  # a foreign or damaged entry is a miss, never an error
            return None

    def renamed(self) -> list[str]:
        entry = self.entry or {}
        names = entry.get("renamed")
        return [str(n) for n in names] if isinstance(names, list) else []

    # -- writing -------------------------------------------------------------------------------

    def store(
        self,
        results: Mapping[str, FileResult],
        signature: Callable[[str], list[int] | None],
        reads: Reads,
        until: float | None,
        result: RunResult,
        renamed: Iterable[str] = (),
    ) -> None:
        """Record a run (`signature`: each file's stat signature, None when racy).
        Failures are ignored: a read-only checkout simply runs without it."""
        entry = {
            "discovery": self.discovery,
            "files": [[*_identity(r), signature(rel)] for rel, r in results.items()],
            "exists": dict(sorted(reads.exists.items())),
            "texts": {rel: self._text_mac(t) for rel, t in sorted(reads.texts.items())},
            "until": until,
            "renamed": sorted(renamed),
            "result": encode_result(result),
        }
        with contextlib.suppress(OSError):
            self._save(entry)

    def _save(self, entry: dict[str, Any]) -> None:
        folder = self.path.parent
        try:
            writes.make_directories(folder, self.real_root)
        except writes.WriteRefusedError:
            return
        _mark(self.directory)
        body = json.dumps(entry, separators=(",", ":")).encode()
        payload = self._header(self._mac(body)) + _ENTRY + body + b"}"
        with _Locked(folder / f"{self.key}.lock"):
            fd, tmp = tempfile.mkstemp(prefix=f".{self.key}.", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(payload)
                os.chmod(tmp, 0o644)
                os.replace(tmp, self.path)
            except BaseException:
                _remove(Path(tmp))
                raise
        self.entry = entry
        _prune_configurations(folder, self.path)


# -- the result as stored ------------------------------------------------------------------------


def _encode_diagnostic(d: Diagnostic) -> dict[str, Any]:
    data = d.to_json()
    # to_json writes a missing end as the start: said, so that it reads back as it was.
    if d.end is None:
        data["no_end"] = True
    data["related_no_end"] = [i for i, r in enumerate(d.related) if r.end is None]
    return data


def _decode_diagnostic(data: dict[str, Any]) -> Diagnostic:
    d = Diagnostic.from_json(data)
    open_ended = set(data.get("related_no_end", ()))
    if open_ended:
        related = tuple(
            dataclasses.replace(r, end=None) if i in open_ended else r
            for i, r in enumerate(d.related)
        )
        d = d.with_(related=related)
    return d.with_(end=None) if data.get("no_end") else d


def encode_result(result: RunResult) -> dict[str, Any]:
    files = []
    for r in result.files.values():
        # The outcome without the facts, comments or spans: what the reports read.
        lite = dataclasses.replace(r, facts={}, comments=[], spans={})
        data = lite.to_json()
        data["diagnostics"] = [_encode_diagnostic(d) for d in r.diagnostics]
        files.append(data)
    return {
        "diagnostics": [_encode_diagnostic(d) for d in result.diagnostics],
        "skipped": [[s.code, s.reason] for s in result.skipped],
        "stats": dataclasses.asdict(result.stats),
        "files": files,
    }


def decode_result(data: dict[str, Any]) -> RunResult:
    files: dict[str, FileResult] = {}
    for item in data["files"]:
        r = FileResult.from_json(item)
        r.diagnostics = [_decode_diagnostic(d) for d in item["diagnostics"]]
        files[r.rel] = r
    stats = RunStats(**data["stats"])
    return RunResult(
        diagnostics=[_decode_diagnostic(d) for d in data["diagnostics"]],
        skipped=[SkippedCheck(code, reason) for code, reason in data["skipped"]],
        stats=stats,
        files=files,
        context=None,
    )
