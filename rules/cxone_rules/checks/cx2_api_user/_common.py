"""Shared by the CX2xx rules (cx2_api_user/*.py)."""

from __future__ import annotations

from collections.abc import Iterator

from cxone_lint.api.context import ProjectContext
from cxone_rules.checks._manifest_rule import ManifestRule
from cxone_rules.manifest import ApiUser, App, Manifest

# CXone's out-of-the-box roles (Admin > Security > Roles & Permissions: Agent, Manager,
# Administrator, Evaluator) and the legacy system security profiles (Agent, Supervisor,
# Manager). Role names are case-insensitive in CXone.
BUILT_IN_ROLES = ("administrator", "agent", "manager", "evaluator", "supervisor")


class ApiUserRule(ManifestRule):
    def users(self, ctx: ProjectContext) -> Iterator[tuple[Manifest, App, ApiUser]]:
        for manifest, app in self.apps(ctx):
            if app.api_user is not None:
                yield manifest, app, app.api_user
