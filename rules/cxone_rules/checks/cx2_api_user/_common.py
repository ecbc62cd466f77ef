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

MANAGE_KEYS = "https://help.nice-incontact.com/content/admin/security/manageaccesskeys.htm"


def _t(*lines: str) -> str:
    return "\n".join(lines) + "\n"


BACKEND_APP = (
    "[app]",
    'name = "Acme Callback Scheduler"',
    'type = "backend"',
)

GOOD_USER = (
    "[api_user]",
    'username = "svc-callback@acme.example"',
    'login_authenticator = ""',
    'primary_role = "Acme Callback Scheduler API"',
    'permissions = ["ACD > Contacts > View", "Admin > My Access Key > View"]',
    "attributes = []",
)


class ApiUserRule(ManifestRule):
    def users(self, ctx: ProjectContext) -> Iterator[tuple[Manifest, App, ApiUser]]:
        for manifest, app in self.apps(ctx):
            if app.api_user is not None:
                yield manifest, app, app.api_user
