"""What rule packs import, and nothing else: rules, extractors, facts' context, diagnostics.

This layer is a leaf: it imports nothing of the run machinery (cxone_lint.run), the languages'
parsers (cxone_lint.languages) or the command line, so a pack can be read, tested and loaded
against it alone. The engine serves the interfaces declared here (e.g. `ProjectContext`).
The Python extractor base, which needs libcst, is `cxone_lint.api.python.PythonExtractor`.
"""

from cxone_lint.api.context import FileResult, ProjectContext, relpath
from cxone_lint.api.diagnostics import (
    Applicability,
    Diagnostic,
    Edit,
    Fix,
    Position,
    Related,
    RunStats,
    Severity,
    SkippedCheck,
)
from cxone_lint.api.document import Comment, Document, DocumentError, LineIndex, PathKey
from cxone_lint.api.extractor import Extractor
from cxone_lint.api.git import GitAccess, Revision, RevisionError
from cxone_lint.api.pack import Option, RulePack
from cxone_lint.api.rule import Case, Expect, Rule, expect
from cxone_lint.api.settings import Settings
from cxone_lint.api.suppression import Suppression, parse_comment

__all__ = [
    "Applicability",
    "Case",
    "Comment",
    "Diagnostic",
    "Document",
    "DocumentError",
    "Edit",
    "Expect",
    "Extractor",
    "FileResult",
    "Fix",
    "GitAccess",
    "LineIndex",
    "Option",
    "PathKey",
    "Position",
    "ProjectContext",
    "Related",
    "Revision",
    "RevisionError",
    "Rule",
    "RulePack",
    "RunStats",
    "Settings",
    "Severity",
    "SkippedCheck",
    "Suppression",
    "expect",
    "parse_comment",
    "relpath",
]
