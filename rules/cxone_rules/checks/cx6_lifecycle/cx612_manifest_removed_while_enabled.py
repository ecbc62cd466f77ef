from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Position, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks.cx6_lifecycle._common import (
    _registered_enabled,
    _since,
    deletion_request,
    lifecycle,
)


class ManifestRemovedWhileEnabled(Rule):
    """The manifest, or one app in it, was removed while the app was still enabled.

    ## What it does
    With a git base, reports a registered app (one with a client_id) that was enabled at the
    base and has no counterpart now: either its `[[apps]]` entry is gone (reported on the
    manifest's first app table) or the whole manifest file is gone. A removed file cannot hold
    a finding, so that case is reported on the settings file (`cxone-lint.toml` or
    `pyproject.toml`), else on the first file being linted, at line 1.

    ## Why
    The app still exists at NICE with live credentials, but the repository no longer says so:
    no check can compare the code with it, and nobody is reminded to disable and delete it. The
    seed's delete process starts by disabling the app; record that (`status = "disabled"`, then
    `"deleted"`) before removing the manifest.

    ## Example
    `git rm cxone-app.toml` while it said `status = "enabled"`.

    ## Options
    - `base-manifest` (string, default none): a manifest file, relative to the project root, to
      compare with instead of the manifest at the git base; for example a JSON export of the
      registration NICE holds (`GET /applications/{id}`). With it, no git base is needed.

    ## Fix safety
    No automatic fix. Restore the manifest and set the app's status as it goes through disable
    and delete at NICE; remove the entry once NICE has confirmed the deletion.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Delete Your App)
    """

    code = "CX612"
    name = "manifest-removed-while-enabled"
    summary = "Manifest or app entry removed while the app is still enabled"
    passed = "No manifest or app entry is removed while the app is enabled"
    severity = Severity.WARNING
    options = ("base-manifest",)

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        state = lifecycle(ctx, self.code)
        if state is None:
            return
        since = _since(state)
        for change in state.changes:
            for app in change.removed:
                if not _registered_enabled(app):
                    continue
                ident = app.client_id or ""
                if change.now is not None:
                    first = change.now.apps[0] if change.now.apps else None
                    pos = change.now.table_position(first) if first else Position(1, 1)
                    yield self.report(
                        change.now.path,
                        pos,
                        f"{app.label} (client_id {ident!r}) was removed from the manifest "
                        f"{since} while it is still enabled",
                        hint='keep the entry and set status = "disabled", then "deleted" and '
                        f"{deletion_request(app)}; remove it once NICE has confirmed the deletion",
                        key=f"removed-app:{ident}",
                    )
                else:
                    yield self.report(
                        change.path if not state.commit else _anchor(ctx),
                        Position(1, 1),
                        f"the registration manifest {change.path} was removed {since} "
                        f"while {app.label} (client_id {ident!r}) is still enabled",
                        hint=f"restore {change.path} and record the app's status as it is "
                        'disabled and deleted at NICE ("disabled", then "deleted")',
                        key=f"removed-manifest:{change.path}:{ident}",
                    )


def _anchor(ctx: Any) -> str:
    """Where a finding about a file that no longer exists goes (see CX612's docs)."""
    source = ctx.settings.source
    if source is not None:
        rel = ctx.rel(source)
        if rel in ctx.files:
            return str(rel)
    root_files = sorted(r for r in ctx.files if "/" not in r)
    if root_files:
        return str(root_files[0])
    return min(ctx.files) if ctx.files else "."
