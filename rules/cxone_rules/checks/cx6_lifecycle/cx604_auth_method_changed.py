from __future__ import annotations

from cxone_rules.checks.cx6_lifecycle._common import _NEW_APP, _ImmutableFieldRule


class AuthMethodChanged(_ImmutableFieldRule):
    """The client authentication method differs from the one at the git base.

    ## What it does
    With a git base, compares each app's `auth_method` (`authMethod` in a JSON export) with the
    same app at the base and reports a changed value on the line of the new value.

    ## Why
    The seed's "Update Your App" table: the authentication method cannot be changed; it is tied
    to the implementation. Code switched to another method keeps failing with 401 against the
    registration NICE holds.

    ## Example
    ```toml
    [app]
    auth_method = "client_secret_post"   # was "client_secret_basic" at the base
    ```

    ## Options
    - `base-manifest` (string, default none): a manifest file, relative to the project root, to
      compare with instead of the manifest at the git base; for example a JSON export of the
      registration NICE holds (`GET /applications/{id}`). With it, no git base is needed.

    ## Fix safety
    No automatic fix. Keep the registered method in the code, or register a new app with the
    new method.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Update Your App)
    """

    code = "CX604"
    name = "auth-method-changed"
    summary = "The authentication method changed; it cannot be changed"
    passed = "The authentication method is unchanged"
    field_name = "auth_method"
    label = "authentication method"
    advice = "keep the registered method in the code, or " + _NEW_APP.replace("instead ", "", 1)
