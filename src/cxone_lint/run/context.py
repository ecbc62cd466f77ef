"""The ProjectContext a run hands to rules: the API's interface, served by the engine."""

from __future__ import annotations

from dataclasses import dataclass

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.document import Document
from cxone_lint.api.git import GitAccess
from cxone_lint.languages import language_for
from cxone_lint.languages.config import parse_document
from cxone_lint.run.analyse import decode
from cxone_lint.run.git import ProjectGit


@dataclass
class RunContext(ProjectContext):
    def kind_of(self, rel: str) -> str | None:
        lang = language_for(rel)
        return lang.kind if lang else None

    def read_text(self, rel: str) -> str | None:
        if rel in self.overlay:  # a text `--diff` fixed in memory
            return self.overlay[rel]
        try:
            data = (self.root / rel).read_bytes()
            return decode(data, self.kind_of(rel) or "text")
        except (OSError, UnicodeDecodeError, SyntaxError, LookupError):
            return None

    def parse_document(self, kind: str, text: str) -> Document:
        return parse_document(kind, text)

    @property
    def git(self) -> GitAccess | None:
        return ProjectGit(self.root)
