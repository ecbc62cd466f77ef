from __future__ import annotations

from cxone_rules.checks.cx6_lifecycle._common import _NEW_APP, _ImmutableFieldRule


class AppTypeChanged(_ImmutableFieldRule):
    """The application type differs from the one at the git base.

    ## What it does
    With a git base, compares each app's `type` (backend, confidential, public) with the same
    app at the base and reports a changed value on the line of the new value.

    ## Why
    The seed: "you cannot change your application type from public to confidential"; the type is
    directly tied to the implementation, and NICE's App Registration API sets it at creation.
    The type decides the OAuth flow and whether a secret is issued at all.

    ## Example
    ```toml
    [app]
    type = "confidential"   # was "public" at the base
    ```

    ## Options
    - `base-manifest` (string, default none): a manifest file, relative to the project root, to
      compare with instead of the manifest at the git base; for example a JSON export of the
      registration NICE holds (`GET /applications/{id}`). With it, no git base is needed.

    ## Fix safety
    No automatic fix. Register a new app of the new type and move the code to its credentials.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Update Your App)
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI
    """

    code = "CX603"
    name = "app-type-changed"
    summary = "The application type changed; it cannot be changed"
    passed = "The application type is unchanged"
    field_name = "type"
    label = "application type"
    advice = "the type is tied to the implementation: " + _NEW_APP
