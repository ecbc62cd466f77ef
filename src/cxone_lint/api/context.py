"""What a rule sees in phase two: the project, its settings, every file's facts, documents."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cxone_lint.api.diagnostics import SkippedCheck
from cxone_lint.languages.config import Document, DocumentError, parse_document
from cxone_lint.run.analyse import FileResult, decode
from cxone_lint.run.settings import Settings
from cxone_lint.run.workspace import file_kind, relpath


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
    # so CX010 leaves them alone.
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

    def read_text(self, rel: str) -> str | None:
        if rel in self.overlay:
            return self.overlay[rel]
        try:
            data = (self.root / rel).read_bytes()
            return decode(data, file_kind(rel) or "text")
        except (OSError, UnicodeDecodeError, SyntaxError, LookupError):
            return None

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
                result = parse_document(kind or file_kind(rel) or "toml", text)
            except DocumentError as exc:
                result = exc
        self._documents[rel] = result
        return result
