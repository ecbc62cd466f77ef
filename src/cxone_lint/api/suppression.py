"""Suppression comments: `# noqa: CX101, CX102 -- reason` and the file-level form.

Grammar (the same in Python, TOML, YAML and .env comments, after `//` or in `/* */` in
JavaScript, TypeScript and PHP, after `#` in PHP and in `<# #>` in PowerShell):

    # noqa: CODE[, CODE...] [reason]           this line (in Python: the whole logical line;
                                               in JS/TS, PHP, PowerShell: the whole statement)
    # cxone-lint: noqa: CODE[, CODE...] [reason]   the whole file

Codes are parsed strictly: the list ends at the first thing that is not `, CODE`; whatever
follows is the reason and can never widen the suppression. A bare `# noqa` (no codes) belongs to
other tools and suppresses nothing here, so a compliance gate is never switched off by accident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cxone_lint.api.document import Comment

_CODE = r"[A-Z]{1,6}[0-9]{3}"
_NOQA = re.compile(
    r"(?:#|//|/\*)\s*(?P<file>cxone-lint\s*:\s*)?noqa\b(?P<colon>\s*:)?(?P<body>.*)$",
    re.IGNORECASE,
)
# `(?<!\s)`: a match starts where a blank run starts, never again inside it (linear).
_CODE_LIST = re.compile(rf"(?<!\s)\s*(?P<codes>{_CODE}(?:\s*,\s*{_CODE})*)(?P<rest>.*)$")


@dataclass
class Suppression:
    line: int  # where the comment is
    column: int
    codes: tuple[str, ...]
    reason: str
    file_level: bool
    # Lines it covers (a Python logical line can span several physical lines).
    first_line: int = 0
    last_line: int = 0
    malformed: str | None = None
    used: set[str] = field(default_factory=set)
    length: int = 0  # of the comment, in characters (findings about it underline it)

    def covers(self, code: str, line: int) -> bool:
        if code not in self.codes:
            return False
        return self.file_level or self.first_line <= line <= self.last_line


def parse_comment(comment: Comment) -> Suppression | None:
    """Return the suppression a comment holds, or None when it holds none of ours."""
    sup = _parse(comment)
    if sup is not None:
        sup.length = len(comment.text)
    return sup


def _parse(comment: Comment) -> Suppression | None:
    m = _NOQA.search(comment.text)
    if m is None:
        return None
    file_level = bool(m.group("file"))
    body = m.group("body")
    if comment.text.startswith("/*"):
        body = body.removesuffix("*/")
    elif comment.text.startswith("<#"):
        body = body.rstrip().removesuffix("#>")
    if not m.group("colon"):
        if file_level:
            return Suppression(
                comment.line, comment.column, (), "", True, malformed="no codes after 'noqa'"
            )
        return None  # a blanket noqa (no codes) is another tool's business
    codes_m = _CODE_LIST.match(body)
    if codes_m is None:
        return Suppression(
            comment.line,
            comment.column,
            (),
            body.strip(),
            file_level,
            comment.line,
            comment.line,
            malformed="no rule code after 'noqa:'",
        )
    codes = tuple(c.strip() for c in codes_m.group("codes").split(","))
    rest = codes_m.group("rest")
    malformed = None
    if rest.lstrip().startswith(","):
        malformed = f"expected a rule code after ',' but found {rest.lstrip()[1:].strip()[:20]!r}"
    reason = rest.strip().lstrip(",").strip()
    if reason.startswith("--"):
        reason = reason[2:].strip()
    return Suppression(
        comment.line,
        comment.column,
        codes,
        reason,
        file_level,
        comment.line,
        comment.line,
        malformed=malformed,
    )
