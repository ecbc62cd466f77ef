from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.git import RevisionError
from cxone_lint.api.rule import Rule
from cxone_rules.checks.cx6_lifecycle._common import (
    Lifecycle,
    _load_at,
    _registered_enabled,
    _since,
    deletion_request,
    lifecycle,
    match_apps,
)
from cxone_rules.manifest.model import App, Manifest


class DeletedWithoutDisabling(Rule):
    """An app goes to status "deleted" without having been "disabled" first.

    ## What it does
    With a git base, reports an app whose `status` is now `"deleted"` while it was enabled at
    the base and no commit since the base (on the way to HEAD) recorded it as `"disabled"`. A
    JSON export counts `isEnabled: false` as disabled and a `scheduledDeletionTime` as deleted.
    Reported on the status line.

    ## Why
    The seed: deleting an app is a two-step process. Disable it first, which lets you revert
    the decision; then contact your CXone Account Representative with the issuers and the
    client_id. Deletion is permanent after about two weeks.

    ## Example
    ```toml
    [app]
    status = "deleted"   # was "enabled" at the base
    ```

    ## Options
    - `base-manifest` (string, default none): a manifest file, relative to the project root, to
      compare with instead of the manifest at the git base; for example a JSON export of the
      registration NICE holds (`GET /applications/{id}`). With it, no git base is needed.

    ## Fix safety
    No automatic fix. Set `status = "disabled"`, disable the app at NICE, check nothing breaks,
    then delete it in a later change.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Delete Your App)
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI (-disable, DELETE)
    """

    code = "CX611"
    name = "deleted-without-disabling"
    summary = "App deleted without being disabled first"
    passed = "No app is deleted without being disabled first"
    severity = Severity.ERROR
    options = ("base-manifest",)

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        state = lifecycle(ctx, self.code)
        if state is None:
            return
        for change in state.changes:
            now = change.now
            if now is None:
                continue
            for pair in change.pairs:
                if pair.now.status != "deleted" or not _registered_enabled(pair.then):
                    continue
                if _export_disabled(now, pair.now):
                    continue
                if self._disabled_since(ctx, state, change.path, pair.now):
                    continue
                yield self.report(
                    now.path,
                    now.position(pair.now, "status"),
                    f"{pair.now.label} goes from enabled to deleted ({_since(state)})"
                    " without being disabled first",
                    hint='set status = "disabled" and disable the app at NICE first (it can be '
                    f"re-enabled); in a later change, {deletion_request(pair.now)}",
                    key=f"{pair.now.client_id or pair.now.name or ''}:status",
                )

    @staticmethod
    def _disabled_since(ctx: Any, state: Lifecycle, rel: str, app: App) -> bool:
        """True when a commit between the base and HEAD recorded the app as disabled."""
        if not state.commit:
            return False
        try:
            for commit in ctx.git.commits_between(state.commit, rel):
                old = _load_at(ctx, commit, rel)
                if old is None or old.document is None:
                    continue
                pairs, _ = match_apps(old.apps, [app])
                if any(p.then.status == "disabled" for p in pairs):
                    return True
        except RevisionError:
            return False  # history not readable here: the finding stands, to be judged by a person
        return False


def _export_disabled(manifest: Manifest, app: App) -> bool:
    """A JSON export scheduled for deletion that also says `isEnabled: false` shows the app
    was disabled first (NICE's API disables, then schedules the deletion)."""
    if manifest.format != "json" or manifest.document is None:
        return False
    return manifest.document.get((*app.table_path, "isEnabled")) is False
