from __future__ import annotations

from cxone_rules.checks.cx6_lifecycle._common import _NEW_APP, _ImmutableFieldRule


class ClientIdChanged(_ImmutableFieldRule):
    """The application identifier (client_id) differs from the one at the git base.

    ## What it does
    With a git base (`--base REF`, or the last commit inside a pre-commit hook), compares each
    app's `client_id` (`id` in a JSON export) with the same app at the base and reports a
    changed value on the line of the new value. Apps are paired by client_id, then by name,
    then as the only app on both sides. A client_id recorded for the first time (NICE issued
    it) is not a change.

    ## Why
    The seed's "Update Your App" table: the application identifier cannot be changed; it is
    directly tied to the implementation. A manifest whose client_id changes describes another
    registration, so every check of code against the registration would compare the wrong app.

    ## Example
    ```toml
    [app]
    client_id = "7d1c0b5e-new"   # was "3f6a9e2c-old" at origin/main
    ```

    ## Options
    - `base-manifest` (string, default none): a manifest file, relative to the project root, to
      compare with instead of the manifest at the git base; for example a JSON export of the
      registration NICE holds (`GET /applications/{id}`). With it, no git base is needed.

    ## Fix safety
    No automatic fix. If NICE issued a new app, keep the old one as its own `[[apps]]` entry
    (status "disabled", then "deleted") and add the new one. If the old value was a typo,
    suppress this finding once with a reason (`# noqa: CX601 corrected a typo`).

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Update Your App)
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX601"
    name = "client-id-changed"
    summary = "The application identifier (client_id) changed; it cannot be changed"
    passed = "The client_id is unchanged"
    field_name = "client_id"
    label = "application identifier (client_id)"
    advice = "a different client_id is a different registration: " + _NEW_APP
