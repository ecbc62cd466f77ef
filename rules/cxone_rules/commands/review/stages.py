"""What `cxone-lint review` shows for a CXone integration: the app lifecycle's stages, which
rule families belong to which stage, and what only a person can confirm.

The stages follow the seed ("Your App's LifeCycle"): registration, deploy to production,
update, CXexchange listing, delete. Rule families map to them as follows (see
docs/lifecycle-review-init.md):

- Registration: CX004-CX006 (the manifest itself), CX1xx (the registration form) and CX3xx
  (code that authenticates the way the app is registered: method, grant, flow for its type).
- Deploy to production: CX2xx (the API user), CX4xx (secrets and transport in the running
  app), CX5xx (the CXone environments the deployed code calls), CX8xx (how the running app
  lives with its tokens: caching, expiry, refresh, OpenID Connect) and CX9xx (the app's own
  HTTP surface: CORS, routes that carry tokens, listening addresses).
- Update: CX601-CX609 (immutable registration fields against a git base).
- CXexchange listing: CX7xx (review readiness).
- Delete: CX611-CX619 (disable before delete, manifest removed while enabled, issuers and
  client_id recorded for the deletion request).

The engine renders whatever this returns (see commands/review/model.py for the shape).
"""

from __future__ import annotations

from typing import Any

from cxone_rules.checks.cx6_lifecycle import requested_base

LIFECYCLE = "https://developer.niceincontact.com/Documentation/YourAppLifeCycle"

LIFECYCLE_CODES = ("CX601", "CX602", "CX603", "CX604", "CX611", "CX612")

STAGES: list[dict[str, Any]] = [
    {
        "id": "registration",
        "title": "Registration",
        "about": "The registration form (business unit, contacts, tenancy, environments, "
        "authentication method, type, origins, redirects, scope) and code that authenticates "
        "the way the app is registered.",
        "codes": ["CX004", "CX005", "CX006", "CX1", "CX3"],
        "confirm": [
            {
                "id": "tracking-number",
                "text": "The registration's tracking number is recorded where the team finds "
                "it, and quoted in every e-mail to NICE.",
                "why": "NICE provides a tracking number for the registration; include it with "
                "any e-mail to NICE for timely support.",
            },
            {
                "id": "contacts-reachable",
                "text": "Every technical contact is a monitored mailbox that will answer NICE.",
                "why": "NICE sends notifications, including registration details, to these "
                "addresses and may contact them periodically to check they are active.",
            },
            {
                "id": "secret-delivery",
                "text": "The client_secret arrived through NICE's secure delivery and is kept "
                "only in a secret store (not in the repository, tickets or chat).",
                "why": "Application secrets are sent securely; a leaked secret must be rotated.",
            },
            {
                "id": "primary-bu",
                "text": "The business unit is the organisation's primary BU.",
                "why": "With several business units, the registration needs the primary BU's "
                "number (ACD > ACD Configuration > Business Units).",
            },
        ],
    },
    {
        "id": "deploy",
        "title": "Deploy to production",
        "about": "The API user the app acts as, secrets and transport in the running app, the "
        "CXone environments the code calls, how it keeps and renews its tokens in production, "
        "and its own HTTP surface (CORS, routes that carry tokens).",
        "codes": ["CX2", "CX4", "CX5", "CX8", "CX9"],
        "confirm": [
            {
                "id": "api-user-matches",
                "text": "The API user exists in CXone as the manifest describes it: a dedicated "
                "account, no login authenticator for a back-end app, a unique role holding only "
                "the permissions the app needs as its primary role.",
                "why": "The app has exactly the permissions and limitations of this account.",
            },
            {
                "id": "access-key-stored",
                "text": "The access key was generated on that API user and its secret is stored "
                "only in the production secret store.",
                "why": "An access key secret is shown once; anyone holding it acts as the API "
                "user.",
            },
        ],
    },
    {
        "id": "update",
        "title": "Update",
        "about": "Changes to the registration over time: client_id, tenant identifier, "
        "application type and authentication method cannot change.",
        "codes": ["CX60"],
        "confirm": [
            {
                "id": "cors-lead-time",
                "text": "Origin (CORS) changes are requested at least three weeks before the "
                "release that needs them.",
                "why": "CORS updates at NICE can take up to three weeks.",
            },
            {
                "id": "update-form",
                "text": "Registration changes go through the registration form, quoting the "
                "tracking number; a new type, tenant, client_id or authentication method is "
                "planned as a new registration.",
                "why": "Some registration details cannot be changed after registration.",
            },
        ],
    },
    {
        "id": "listing",
        "title": "CXexchange listing",
        "about": "What a technical reviewer asks for before the app is listed in the "
        "CXexchange Marketplace.",
        "codes": ["CX7"],
        "confirm": [
            {
                "id": "devone-partner",
                "text": "The company is a DEVone partner.",
                "why": "Only DEVone partners can list an app in the CXexchange.",
            },
            {
                "id": "account-representative",
                "text": "The CXone Account Representative knows about the listing and the "
                "approval process (including the technical review) has been started.",
                "why": "Listing requires an approval process that includes a technical review.",
            },
        ],
    },
    {
        "id": "delete",
        "title": "Delete",
        "about": "Retiring the app: disable first, then ask NICE to delete it.",
        "codes": ["CX61"],
        "confirm": [
            {
                "id": "disable-before-delete",
                "text": "There is a plan to disable the app first (revertible) and to request "
                "deletion only once nothing depends on it.",
                "why": "Deleting is a two-step process: disable, then contact the Account "
                "Representative.",
            },
            {
                "id": "issuers-and-client-id",
                "text": "The list of issuers and the client_id are ready to send to the CXone "
                "Account Representative, including removal from the CXexchange Marketplace.",
                "why": "NICE needs them to delete the app and its listing.",
            },
            {
                "id": "deletion-confirmation",
                "text": "NICE's deletion confirmation (about two weeks after the request) goes "
                "to a monitored mailbox.",
                "why": "The app is permanently deleted after an average of two weeks.",
            },
        ],
    },
]


def _evidence(ctx: Any) -> dict[str, str]:
    """What the manifest says that helps a person confirm an item (never a secret)."""
    from cxone_rules.manifest import get_manifest

    manifest = get_manifest(ctx)
    if manifest is None or manifest.document is None or not manifest.apps:
        return {}
    out: dict[str, list[str]] = {}
    for app in manifest.apps:
        prefix = f"{app.label}: " if len(manifest.apps) > 1 else ""

        def at(field: str, app: Any = app) -> str:
            return f"{manifest.path}:{manifest.position(app, field).line}"

        if app.contacts:
            out.setdefault("contacts-reachable", []).append(
                f"{prefix}contacts {', '.join(app.contacts)} ({at('contacts')})"
            )
        if app.business_unit is not None:
            out.setdefault("primary-bu", []).append(
                f"{prefix}business_unit {app.business_unit} ({at('business_unit')})"
            )
        if app.tracking_number and app.tracking_number.strip():
            out.setdefault("tracking-number", []).append(
                f"{prefix}tracking number {app.tracking_number} ({at('tracking_number')})"
            )
        if app.client_id:
            out.setdefault("issuers-and-client-id", []).append(
                f"{prefix}client_id {app.client_id} ({at('client_id')})"
            )
        if app.issuers:
            out.setdefault("issuers-and-client-id", []).append(
                f"{prefix}issuers {', '.join(app.issuers)} ({at('issuers')})"
            )
        if app.origins:
            out.setdefault("cors-lead-time", []).append(
                f"{prefix}{len(app.origins)} origin(s) registered ({at('origins')})"
            )
        user = app.api_user
        if user is not None and (user.username or user.primary_role):
            role = f", primary role {user.primary_role!r}" if user.primary_role else ""
            out.setdefault("api-user-matches", []).append(
                f"{prefix}API user {user.username or '(no username)'}{role} "
                f"({manifest.path}:{manifest.table_position(user).line})"
            )
    return {k: "; ".join(v) for k, v in out.items()}


def _facts(ctx: Any) -> list[list[str]]:
    from cxone_rules.manifest import get_manifest

    manifest = get_manifest(ctx)
    if manifest is None:
        return [["Registration manifest", "none found (registration checks could not run)"]]
    facts = [["Registration manifest", manifest.path]]
    for app in manifest.apps:
        parts = [app.type or "type not set", app.tenancy or "tenancy not set"]
        parts.append(f"client_id {app.client_id}" if app.client_id else "no client_id")
        if app.tracking_number and app.tracking_number.strip():
            parts.append(f"tracking number {app.tracking_number}")
        parts.append(app.status or "status not set")
        facts.append([f"App {app.name or app.label}", ", ".join(parts)])
    return facts


def review_spec(ctx: Any | None) -> dict[str, Any]:
    """The review hook (RulePack.extras["review"]): stages, codes and checklist for CXone."""
    spec: dict[str, Any] = {
        "title": "CXexchange technical review readiness",
        "intro": "Checks cxone-lint ran on this integration, grouped by the stages of the "
        "CXone app lifecycle, and what a person still has to confirm.",
        "source": {"text": "Your App's LifeCycle (NICE CXone developer portal)", "url": LIFECYCLE},
        "extend_select": ["CX7"],
        "stages": [dict(s) for s in STAGES],
    }
    if ctx is None:
        return spec
    evidence = _evidence(ctx)
    for stage in spec["stages"]:
        stage["confirm"] = [
            {**item, "evidence": evidence[item["id"]]} if item["id"] in evidence else item
            for item in stage["confirm"]
        ]
    base, _ = requested_base(ctx)
    if base is None and not ctx.options.get("base-manifest"):
        reason = "no git base to compare the manifest with: run with --base REF"
        spec["not_checked"] = {code: reason for code in LIFECYCLE_CODES}
    spec["facts"] = _facts(ctx)
    from cxone_rules.manifest import get_manifest
    from cxone_rules.manifest.load import no_manifest_reason

    if get_manifest(ctx) is None:
        # Without a registration the registration, API user and code-against-registration
        # checks cannot run: passing the rest is no readiness.
        spec["cannot_judge"] = (
            f"{no_manifest_reason(ctx)}, so the registration, the API user and the code "
            "against the registration were not checked"
        )
    return spec
