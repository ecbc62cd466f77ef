from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Position, Severity
from cxone_lint.api.rule import Rule
from cxone_lint.api.suppression import parse_comment


class SuppressionWithoutReason(Rule):
    """A cxone-lint suppression comment gives no reason.

    ## What it does
    Reports each `# noqa: CX...` (and file-level `# cxone-lint: noqa: CX...`) comment, in any
    file being linted, that names cxone-lint codes but gives no reason after them.

    ## Why
    The review report lists every suppressed finding with the reason given; a reviewer will ask
    why a check was switched off. `# noqa: CX401 -- test fixture, not a real key` answers that
    question once, in the code.

    ## Example
    ```python
    CLIENT_SECRET = "..."  # noqa: CX401
    ```

    ## Fix safety
    No automatic fix: only the author knows the reason.

    ## References
    - https://docs.astral.sh/ruff/linter/#error-suppression
    """

    code = "CX702"
    name = "suppression-without-reason"
    summary = "Suppression comment gives no reason"
    passed = "Every suppression comment gives a reason"
    severity = Severity.WARNING
    default_enabled = False
    tags = ("review",)

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for rel in sorted(ctx.files):
            for comment in ctx.files[rel].comments:
                sup = parse_comment(comment)
                if sup is None or sup.malformed or sup.reason:
                    continue
                codes = [c for c in sup.codes if c.startswith("CX")]
                if not codes:
                    continue
                yield self.report(
                    rel,
                    Position(comment.line, comment.column),
                    f"suppression of {', '.join(codes)} gives no reason",
                    hint=f"say why after the codes: `# noqa: {', '.join(codes)} -- <reason>`",
                    key=f"noqa:{','.join(codes)}:{comment.line}",
                )
