"""The registration manifest as plain objects: one `App` per registered application.

Both manifest forms map to the same objects: `cxone-app.toml` (snake_case keys, `[app]` plus
`[api_user]`, or `[[apps]]` each with `paths` and its own `[apps.api_user]`) and a JSON export of
NICE's App Registration API (`GET /applications/{id}`, camelCase keys, `scope` one string).

Values whose type was wrong in the file are left at their empty default and their field name is
recorded in `invalid`: CX005 reports them once, and the other rules skip them instead of calling
a wrongly typed field "missing".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cxone_lint.api.diagnostics import Fix, Position
from cxone_lint.api.document import Document, PathKey

APP_TYPES = ("backend", "confidential", "public")
TENANCIES = ("single", "all")
STATUSES = ("enabled", "disabled", "deleted")
# What the registration form offers; NICE's App Registration API enum has only the first two.
AUTH_METHODS = ("client_secret_post", "client_secret_basic", "client_secret_jwt")
API_AUTH_METHODS = ("client_secret_post", "client_secret_basic")


@dataclass
class ApiUser:
    """The CXone user account a back-end app authenticates as (its access key's owner)."""

    username: str | None = None
    login_authenticator: str | None = None
    primary_role: str | None = None
    permissions: list[str] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)
    # True when people also log in with this account (explicit statement in the manifest).
    shared_with_humans: bool | None = None
    description: str | None = None
    # Document path of the API user table, e.g. ("api_user",) or ("apps", 0, "api_user").
    table_path: PathKey = ()
    # Fields present in the file (manifest field names), and those with a wrong type.
    present: set[str] = field(default_factory=set)
    invalid: set[str] = field(default_factory=set)


@dataclass
class App:
    """One registered application. Field names are the TOML manifest's snake_case names."""

    name: str | None = None
    description: str | None = None
    client_id: str | None = None
    type: str | None = None
    tenancy: str | None = None
    tenant_id: str | None = None
    business_unit: int | None = None
    environments: list[str] = field(default_factory=list)
    government: bool | None = None
    auth_method: str | None = None
    scope: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    redirects: list[str] = field(default_factory=list)
    logouts: list[str] = field(default_factory=list)
    jwks_endpoint: str | None = None
    contacts: list[str] = field(default_factory=list)
    status: str | None = None
    # NICE's registration tracking number (quoted in every e-mail to NICE) and the issuers
    # NICE needs, with the client_id, to delete the app.
    tracking_number: str | None = None
    issuers: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    api_user: ApiUser | None = None
    # Document path of the app table: ("app",), ("apps", 0), () for a JSON export.
    table_path: PathKey = ()
    present: set[str] = field(default_factory=set)
    invalid: set[str] = field(default_factory=set)

    @property
    def is_user_app(self) -> bool:
        """A user (client-side) app: confidential or public, i.e. one with a browser login."""
        return self.type in ("confidential", "public")

    @property
    def label(self) -> str:
        """How messages name this app: its name, else its table."""
        if self.name:
            return f"app '{self.name}'"
        if len(self.table_path) == 2 and self.table_path[0] in ("apps", "applications"):
            return f"app #{int(self.table_path[1]) + 1}"
        return "the app"


@dataclass(frozen=True)
class Problem:
    """Something wrong with the manifest's shape, found while loading it.

    kind: "type" (wrong type or value shape), "structure" (tables missing or misplaced) or
    "unknown" (a key the manifest schema does not define). CX005 and CX006 report these.
    """

    kind: str
    message: str
    position: Position
    key: str
    hint: str | None = None
    fix: Fix | None = None


@dataclass
class Manifest:
    """A loaded manifest. `document` is None when the file did not parse (`error` says why)."""

    path: str
    format: str  # "toml" | "json"
    apps: list[App] = field(default_factory=list)
    document: Document | None = None
    error: str | None = None
    error_position: Position | None = None
    # Manifest field name -> key in the file, per format (filled by the loader).
    key_names: dict[str, str] = field(default_factory=dict)
    user_key_names: dict[str, str] = field(default_factory=dict)
    # True when the file uses [[apps]] (a monorepo manifest).
    multi: bool = False
    problems: list[Problem] = field(default_factory=list)
    # The file's text (for fixes); None when it could not be read.
    text: str | None = None

    @property
    def directory(self) -> str:
        """Project-relative directory of the manifest ('' at the root)."""
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""

    def governs(self, rel: str) -> bool:
        """True when a project-relative path lies under the manifest's directory."""
        base = self.directory
        return not base or rel == base or rel.startswith(base + "/")

    def app_for(self, rel: str) -> App | None:
        """The app governing a code file: in a monorepo the first `[[apps]]` entry whose
        `paths` (gitignore-style globs, relative to the manifest's directory) match; otherwise
        the single app. None for files outside the manifest's directory or matched by no app."""
        if not self.apps or not self.governs(rel):
            return None
        if not self.multi or (len(self.apps) == 1 and not self.apps[0].paths):
            return self.apps[0] if len(self.apps) == 1 else None
        import pathspec

        base = self.directory
        inner = rel[len(base) + 1 :] if base else rel
        for app in self.apps:
            if app.paths and pathspec.GitIgnoreSpec.from_lines(app.paths).match_file(inner):
                return app
        return None

    def _doc_path(self, table: PathKey, names: dict[str, str], fname: str) -> PathKey:
        return (*table, names.get(fname, fname))

    def position(self, app: App | ApiUser, field: str, index: int | None = None) -> Position:
        """Where a field (or one item of a list field) of an app or API user is; falls back to
        the field's key, then to the app's (or API user's) table, then to line 1."""
        if self.document is None:
            return Position(1, 1)
        names = self.user_key_names if isinstance(app, ApiUser) else self.key_names
        path = self._doc_path(app.table_path, names, field)
        if index is not None:
            path = (*path, index)
        return self.document.position(path)

    def key_position(self, app: App | ApiUser, field: str) -> Position:
        """Where the key of a field is (the table when the key is absent)."""
        if self.document is None:
            return Position(1, 1)
        names = self.user_key_names if isinstance(app, ApiUser) else self.key_names
        return self.document.key_position(self._doc_path(app.table_path, names, field))

    def table_position(self, app: App | ApiUser) -> Position:
        if self.document is None or not app.table_path:
            return Position(1, 1)
        return self.document.position(app.table_path)

    def key_name(self, field: str, api_user: bool = False) -> str:
        """The key as spelled in this manifest's format (`auth_method` or `authMethod`)."""
        names = self.user_key_names if api_user else self.key_names
        return names.get(field, field)

    def field_value(self, app: App | ApiUser, field: str) -> Any:
        return getattr(app, field, None)
