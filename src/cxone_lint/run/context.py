"""The ProjectContext a run hands to rules: the API's interface, served by the engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.document import Document
from cxone_lint.api.git import GitAccess
from cxone_lint.languages import language_for
from cxone_lint.languages.config import parse_document
from cxone_lint.run.analyse import decode
from cxone_lint.run.git import ProjectGit

T = TypeVar("T")


@dataclass
class Reads:
    """What phase two read besides the files' facts: the dependencies of its result
    (run/result_cache.py). `exists`: path -> whether it was a file; `texts`: path -> the text
    read (None: unreadable); `git`: whether git was asked anything; `unstable`: a path read
    twice gave two answers (it changed during the run)."""

    exists: dict[str, bool] = field(default_factory=dict)
    texts: dict[str, str | None] = field(default_factory=dict)
    git: bool = False
    unstable: bool = False

    def saw(self, table: dict[str, T], rel: str, value: T) -> None:
        if table.setdefault(rel, value) != value:
            self.unstable = True


@dataclass
class RunContext(ProjectContext):
    reads: Reads = field(default_factory=Reads)

    def exists(self, rel: str) -> bool:
        found = (self.root / rel).is_file()
        self.reads.saw(self.reads.exists, rel, found)
        return found

    def kind_of(self, rel: str) -> str | None:
        return kind_of(rel)

    def read_text(self, rel: str) -> str | None:
        if rel in self.overlay:  # a text `--diff` fixed in memory
            return self.overlay[rel]
        text = read_project_text(self.root, rel, self.kind_of(rel))
        self.reads.saw(self.reads.texts, rel, text)
        return text

    def parse_document(self, kind: str, text: str) -> Document:
        return parse_document(kind, text)

    @property
    def git(self) -> GitAccess | None:
        self.reads.git = True
        return ProjectGit(self.root)


def kind_of(rel: str) -> str | None:
    """The file kind the engine gives `rel` (`ctx.kind_of`)."""
    lang = language_for(rel)
    return lang.kind if lang else None


def read_project_text(root: Path, rel: str, kind: str | None) -> str | None:
    """A project file's decoded text, as `ctx.read_text` gives it; None when unreadable."""
    try:
        data = (root / rel).read_bytes()
        return decode(data, kind or "text")
    except (OSError, UnicodeDecodeError, SyntaxError, LookupError):
        return None
