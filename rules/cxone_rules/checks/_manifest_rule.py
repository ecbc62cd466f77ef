"""Shared plumbing of the rules that read the registration manifest (CX1xx, CX2xx)."""

from __future__ import annotations

from collections.abc import Iterator

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Position, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.manifest import App, Manifest, checkable_manifests


class ManifestRule(Rule):
    """A rule over every app of every registration manifest found.

    Without a manifest it reports nothing and the run lists it as skipped ("no registration
    manifest (cxone-app.toml) found"); a manifest that does not parse is reported as LINT001.
    """

    def apps(self, ctx: ProjectContext) -> Iterator[tuple[Manifest, App]]:
        for manifest in checkable_manifests(ctx, self.code):
            for app in manifest.apps:
                yield manifest, app

    @staticmethod
    def who(manifest: Manifest, app: App) -> str:
        """Message prefix naming the app when a manifest holds several."""
        return f"{app.label}: " if len(manifest.apps) > 1 else ""

    @staticmethod
    def form_only(manifest: Manifest) -> bool:
        """True for a JSON export of the App Registration API: it carries no business unit,
        environments, government answer or API user, so their absence is not a finding."""
        return manifest.format == "json"

    def at(
        self,
        manifest: Manifest,
        app: App,
        position: Position,
        message: str,
        key: str,
        hint: str | None = None,
        severity: Severity | None = None,
    ) -> Diagnostic:
        return self.report(
            manifest.path,
            position,
            self.who(manifest, app) + message,
            hint=hint,
            key=f"{'/'.join(map(str, app.table_path))}:{key}",
            severity=severity,
        )
