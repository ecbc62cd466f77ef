"""What a rule sees in phase two: the project, its settings, every file's facts, documents.

`ProjectContext` is the interface; the engine passes a subclass that knows how to read and
parse files and how to ask git (cxone_lint.run.context), so this layer imports nothing of the
run machinery.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, SkippedCheck
from cxone_lint.api.document import Comment, Document, DocumentError
from cxone_lint.api.git import GitAccess
from cxone_lint.api.settings import Settings


def relpath(path: Path, root: Path) -> str:
    """`path` relative to `root`, with forward slashes (`../x` when it lies outside)."""
    try:
        return PurePosixPath(path.relative_to(root)).as_posix()
    except ValueError:
        return PurePosixPath(os.path.relpath(path, root)).as_posix()


@dataclass
class FileResult:
    rel: str
    kind: str
    digest: str = ""
    status: str = "analysed"  # analysed | skipped | not-relevant
    reason: str = ""
    lines: int = 0
    facts: dict[str, Any] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    # Python: for each line, the (first, last) line of its logical line.
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    newline: str = "\n"
    # Lines holding a secret value, from the extractors' facts (api/redact.py).
    secret_lines: list[int] = field(default_factory=list)
    # Extractors triage did not run on this file (no evidence): a pack's `demand` may ask for
    # them after all (api/pack.py).
    deferred: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "rel": self.rel,
            "kind": self.kind,
            "digest": self.digest,
            "status": self.status,
            "reason": self.reason,
            "lines": self.lines,
            "facts": self.facts,
            "diagnostics": [d.to_json() for d in self.diagnostics],
            "comments": [[c.line, c.column, c.text] for c in self.comments],
            "spans": [[k, a, b] for k, (a, b) in sorted(self.spans.items()) if a != b],
            "newline": self.newline,
            "secret_lines": self.secret_lines,
            "deferred": self.deferred,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileResult:
        return cls(
            rel=data["rel"],
            kind=data["kind"],
            digest=data["digest"],
            status=data["status"],
            reason=data["reason"],
            lines=data["lines"],
            facts=data["facts"],
            diagnostics=[Diagnostic.from_json(d) for d in data["diagnostics"]],
            comments=[Comment(a, b, c) for a, b, c in data["comments"]],
            spans={k: (a, b) for k, a, b in data["spans"]},
            newline=data.get("newline", "\n"),
            secret_lines=list(data.get("secret_lines", [])),
            deferred=list(data.get("deferred", [])),
        )


@dataclass
class ProjectContext:
    root: Path
    settings: Settings
    files: dict[str, FileResult]
    # Extra project-level inputs set by the CLI (e.g. `--base REF` for lifecycle checks).
    inputs: dict[str, Any] = field(default_factory=dict)
    # Per-pack shared state, filled by RulePack.prepare (e.g. the loaded manifest).
    shared: dict[str, Any] = field(default_factory=dict)
    skipped: list[SkippedCheck] = field(default_factory=list)
    # (code, path): a rule had nothing to judge in that file this run (e.g. a lifecycle rule
    # without a git base, in the manifest): its suppressions there are neither used nor unused,
    # so LINT010 leaves them alone.
    undecided: set[tuple[str, str]] = field(default_factory=set)
    # Texts that replace files on disk for this run (see RunOptions.overlay).
    overlay: dict[str, str] = field(default_factory=dict)
    _documents: dict[str, Document | DocumentError | None] = field(default_factory=dict)

    @property
    def options(self) -> dict[str, Any]:
        return self.settings.options

    def facts(self, extractor: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """(path, facts) for every file the named extractor produced facts for, sorted by path."""
        for rel in sorted(self.files):
            facts = self.files[rel].facts.get(extractor)
            if facts is not None:
                yield rel, facts

    def note_skipped(self, code: str, reason: str) -> None:
        if not any(s.code == code and s.reason == reason for s in self.skipped):
            self.skipped.append(SkippedCheck(code, reason))

    def rel(self, path: Path) -> str:
        return relpath(path.resolve() if path.is_absolute() else (self.root / path), self.root)

    def exists(self, rel: str) -> bool:
        return (self.root / rel).is_file()

    # -- services the engine provides ---------------------------------------------------------

    def kind_of(self, rel: str) -> str | None:
        """The file kind the engine gives `rel` ("python", "toml", ...), None if it reads none."""
        raise NotImplementedError

    def read_text(self, rel: str) -> str | None:
        """The decoded text of a project file; None when it cannot be read."""
        raise NotImplementedError

    def parse_document(self, kind: str, text: str) -> Document:
        """Parse configuration text (e.g. a file as it was at a git revision); raises
        DocumentError when it does not parse."""
        raise NotImplementedError

    @property
    def git(self) -> GitAccess | None:
        """Read-only git queries about the project, through the engine's hardened runner."""
        raise NotImplementedError

    def document(self, rel: str, kind: str | None = None) -> Document | DocumentError | None:
        """A config file parsed with positions (cached). None when it does not exist or can't
        be read; a DocumentError when it does not parse."""
        if rel in self._documents:
            return self._documents[rel]
        text = self.read_text(rel)
        result: Document | DocumentError | None
        if text is None:
            result = None
        else:
            try:
                result = self.parse_document(kind or self.kind_of(rel) or "toml", text)
            except DocumentError as exc:
                result = exc
        self._documents[rel] = result
        return result
