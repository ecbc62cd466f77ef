from __future__ import annotations

from collections.abc import Iterable

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.manifest.edits import delete_own_line
from cxone_rules.manifest.urls import normal_origin


class DuplicateOrigin(ManifestRule):
    """The same origin is registered twice.

    ## What it does
    Reports each origin equal to an earlier one after normalisation: scheme and host in lower
    case, the default port (443 for https, 80 for http) dropped, a trailing slash ignored.

    Needs the registration manifest: without one this rule reports nothing and the run lists
    it as skipped ("no registration manifest (cxone-app.toml) found").

    ## Why
    Duplicates are harmless to CORS but show the list was not reviewed; one of them is often a
    mistyped variant of an origin that is actually missing.

    ## Example
    ```toml
    origins = ["https://App.acme.example", "https://app.acme.example:443"]   # CX112
    ```

    ## Fix safety
    Safe fix: a duplicate alone on its own line (with its comma) is deleted; the first entry
    stays. No fix for a duplicate sharing its line with other entries or a comment.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc6454#section-4
    """

    code = "CX112"
    name = "duplicate-origin"
    summary = "Origin registered twice"
    passed = "No origin is registered twice"
    severity = Severity.WARNING
    fixable = "safe"

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        for manifest, app in self.apps(ctx):
            seen: dict[str, int] = {}
            for index, origin in enumerate(app.origins):
                normal = normal_origin(origin.strip().rstrip("/"))
                if normal is None:
                    continue
                if normal in seen:
                    first = manifest.position(app, "origins", seen[normal])
                    where = manifest.position(app, "origins", index)
                    fix = None
                    if where.line != first.line:
                        fix = delete_own_line(
                            manifest.path, manifest.text, where, "remove the duplicate origin"
                        )
                    yield self.at(
                        manifest,
                        app,
                        where,
                        f"origin {origin!r} duplicates {app.origins[seen[normal]]!r} "
                        f"(line {first.line}) once normalised to {normal}",
                        f"duplicate-origin:{normal}",
                        "remove the duplicate",
                    ).with_(fix=fix)
                else:
                    seen[normal] = index
