from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.document import DocumentError
from cxone_lint.api.rule import Rule
from cxone_rules.manifest import get_manifests
from cxone_rules.manifest.load import SHARED_NOTE_KEY


class ManifestNotFound(Rule):
    """The `manifest` setting names a file that does not exist.

    ## What it does
    Reports the `manifest` key of the settings file (`cxone-lint.toml`, or `[tool.cxone-lint]`
    in `pyproject.toml`) when the file it names exists neither relative to the project root nor
    to the working directory. Given with `--manifest` on the command line, the same problem is
    stated in the list of skipped checks.

    ## Why
    Without the manifest every registration, API-user and code-versus-registration check is
    skipped. A typo in the path must not look like a clean run.

    ## Example
    ```toml
    # cxone-lint.toml
    manifest = "cxone-ap.toml"   # CX004
    ```

    ## Options
    - `manifest` (string, default none): the path of the registration manifest relative to
      the project root; without it the pack looks for `cxone-app.toml`, then
      `cxone-app.json`. This rule reports the setting when that file does not exist.

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle
    """

    code = "CX004"
    name = "manifest-not-found"
    summary = "The manifest named in settings does not exist"
    passed = "The manifest named in settings exists"
    severity = Severity.ERROR
    options = ("manifest",)

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        named = str(ctx.options.get("manifest") or "").strip()
        if not named or get_manifests(ctx):
            return
        reason = ctx.shared.get(SHARED_NOTE_KEY) or f"manifest {named} not found"
        for rel, path in (
            ("cxone-lint.toml", ("manifest",)),
            ("pyproject.toml", ("tool", "cxone-lint", "manifest")),
        ):
            if ctx.settings.source is not None and ctx.rel(ctx.settings.source) != rel:
                continue
            doc = ctx.document(rel)
            if doc is None or isinstance(doc, DocumentError) or doc.get(path) != named:
                continue
            yield self.report(
                rel,
                doc.position(path),
                f"{reason}: every registration and API-user check is skipped",
                hint='give the path relative to the project root, e.g. manifest = "cxone-app.toml"',
                key="manifest",
            )
            return
