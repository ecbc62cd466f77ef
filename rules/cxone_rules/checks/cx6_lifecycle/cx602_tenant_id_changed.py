from __future__ import annotations

from cxone_rules.checks.cx6_lifecycle._common import _ImmutableFieldRule


class TenantIdChanged(_ImmutableFieldRule):
    """The tenant identifier differs from the one at the git base.

    ## What it does
    With a git base, compares each app's `tenant_id` (`tenantId` in a JSON export) with the same
    app at the base and reports a changed value on the line of the new value. A tenant id
    recorded for the first time is not a change.

    ## Why
    The seed's "Update Your App" table: the tenant identifier is established during
    registration and cannot be changed. An app for another tenant is another registration.

    ## Example
    ```toml
    [app]
    tenant_id = "11eb0a7e-bbbb"   # was "11eb0a7e-aaaa" at the base
    ```

    ## Options
    - `base-manifest` (string, default none): a manifest file, relative to the project root, to
      compare with instead of the manifest at the git base; for example a JSON export of the
      registration NICE holds (`GET /applications/{id}`). With it, no git base is needed.

    ## Fix safety
    No automatic fix. Register the app for the other tenant (or as a multi-tenant app,
    `tenancy = "all"`) instead of editing the tenant identifier.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Update Your App)
    """

    code = "CX602"
    name = "tenant-id-changed"
    summary = "The tenant identifier changed; it is fixed at registration"
    passed = "The tenant identifier is unchanged"
    field_name = "tenant_id"
    label = "tenant identifier"
    advice = (
        "the tenant identifier is fixed at registration: register a new app for the other tenant "
        '(or a multi-tenant app with tenancy = "all") instead'
    )
