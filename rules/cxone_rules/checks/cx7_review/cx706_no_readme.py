from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Position, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.manifest import get_manifest

README_NAMES = ("README", "README.md", "README.rst", "README.txt", "README.adoc")


class NoReadme(Rule):
    """The project has no README at its root.

    ## What it does
    Reports a project without `README`, `README.md`, `README.rst`, `README.txt` or
    `README.adoc` at its root. The finding is placed on line 1 of the registration manifest
    (the file does not exist, so it cannot hold the finding); without a manifest the rule is
    skipped.

    ## Why
    A technical reviewer starts from the documentation: what the integration does, how it is
    installed and configured, which CXone APIs and permissions it needs.

    ## Example
    A repository holding only `app.py` and `cxone-app.toml`.

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (List Your App)
    """

    code = "CX706"
    name = "no-readme"
    summary = "Project has no README at its root"
    passed = "The project has a README at its root"
    severity = Severity.INFO
    default_enabled = False
    tags = ("review",)

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        if any(ctx.exists(name) for name in README_NAMES):
            return
        manifest = get_manifest(ctx)
        if manifest is None:
            ctx.note_skipped(self.code, "no registration manifest to attach the finding to")
            return
        yield self.report(
            manifest.path,
            Position(1, 1),
            "no README at the project root: a reviewer starts from the documentation",
            hint="add a README.md: what the integration does, setup, CXone APIs and permissions",
            key="readme",
        )
