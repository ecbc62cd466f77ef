"""The registration manifest: what the app registered (or will register) with NICE.

Rules import the API from here:

    from cxone_rules.manifest import get_manifest, Manifest, App, ApiUser

    manifest = get_manifest(ctx)          # None when the project has no manifest
    if manifest is None or manifest.document is None:
        ctx.note_skipped(self.code, "no registration manifest (cxone-app.toml) found")
        return
    app = manifest.app_for("src/app.py")  # the app governing a code file
    yield self.report(manifest.path, manifest.position(app, "auth_method"), "...")

See `load.py` for how the manifest is found and `model.py` for the objects.
"""

from cxone_rules.manifest.load import (
    checkable_manifests,
    get_manifest,
    get_manifests,
    load_manifest,
    manifest_for,
    manifest_paths,
    no_manifest_reason,
)
from cxone_rules.manifest.model import (
    API_AUTH_METHODS,
    APP_TYPES,
    AUTH_METHODS,
    STATUSES,
    TENANCIES,
    ApiUser,
    App,
    Manifest,
    Problem,
)

__all__ = [
    "API_AUTH_METHODS",
    "APP_TYPES",
    "AUTH_METHODS",
    "STATUSES",
    "TENANCIES",
    "ApiUser",
    "App",
    "Manifest",
    "Problem",
    "checkable_manifests",
    "get_manifest",
    "get_manifests",
    "load_manifest",
    "manifest_for",
    "manifest_paths",
    "no_manifest_reason",
]
