"""Finding and loading the registration manifest, keeping the position of every key and value.

Which manifest (see `manifest_paths`):

1. the `manifest` setting (or `--manifest`), relative to the project root (then to the working
   directory); when set, only that file is used;
2. otherwise `cxone-app.toml`, then `cxone-app.json`, at the project root;
3. plus every `cxone-app.toml` / `cxone-app.json` among the files being linted (so
   `cxone-lint check services/billing` finds `services/billing/cxone-app.toml`). A manifest
   governs the files under its own directory.

`get_manifest(ctx)` is the one manifest code rules compare against: the named one, else the root
one, else the only one found; None when there is none (or several and none at the root: name one
with the `manifest` setting). The manifest rules (CX0xx/CX1xx/CX2xx) check every manifest found.

Loading never raises: a file that does not parse becomes a Manifest with `document = None` and
`error` set (the engine reports the parse error itself as LINT001); wrong types, misplaced tables
and unknown keys become `Problem`s that CX005 and CX006 report at the exact key or value.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from pathlib import Path
from typing import Any

from cxone_lint.api.document import Document, DocumentError, PathKey
from cxone_lint.api.pack import Option
from cxone_rules.manifest.edits import raw_token, replace_token
from cxone_rules.manifest.model import ApiUser, App, Manifest, Problem

OPTIONS = [
    Option(
        "manifest",
        str,
        "",
        "path of the registration manifest relative to the project root "
        "(default: cxone-app.toml, then cxone-app.json)",
        flag="--manifest",
        project_file=True,
    )
]

DEFAULT_NAMES = ("cxone-app.toml", "cxone-app.json")
SHARED_KEY = "cxone.manifest"
SHARED_ALL_KEY = "cxone.manifests"
SHARED_NOTE_KEY = "cxone.manifest.note"

# Value shapes: "str", "int", "bool", "strlist", "scope" (TOML: list of strings; JSON: one
# space-separated string, as the App Registration API has it), "status" (JSON isEnabled).
APP_FIELDS: dict[str, str] = {
    "name": "str",
    "description": "str",
    "client_id": "str",
    "type": "str",
    "tenancy": "str",
    "tenant_id": "str",
    "business_unit": "int",
    "environments": "strlist",
    "government": "bool",
    "auth_method": "str",
    "scope": "scope",
    "origins": "strlist",
    "redirects": "strlist",
    "logouts": "strlist",
    "jwks_endpoint": "str",
    "contacts": "strlist",
    "status": "str",
    "tracking_number": "str",
    "issuers": "strlist",
    "paths": "strlist",
}
USER_FIELDS: dict[str, str] = {
    "username": "str",
    "login_authenticator": "str",
    "primary_role": "str",
    "permissions": "strlist",
    "attributes": "strlist",
    "shared_with_humans": "bool",
    "description": "str",
}

# The App Registration API's names (camelCase), plus cxone-lint's additions for what only the
# registration form and the deploy step know (businessUnit, tenantId, environments, ...).
JSON_APP_KEYS = {
    "client_id": "id",
    "auth_method": "authMethod",
    "jwks_endpoint": "jwksEndpoint",
    "business_unit": "businessUnit",
    "tenant_id": "tenantId",
    "tracking_number": "trackingNumber",
    "status": "isEnabled",
    "api_user": "apiUser",
}
JSON_USER_KEYS = {
    "login_authenticator": "loginAuthenticator",
    "primary_role": "primaryRole",
    "shared_with_humans": "sharedWithHumans",
}
# Read-only fields of GetApplicationBaseV1 (and `secret` of the create response): known, ignored.
JSON_READ_ONLY = (
    "createdBy",
    "createdTime",
    "lastModifiedBy",
    "lastModifiedTime",
    "scheduledDeletionTime",
    "secret",
)


def _kind_of(value: Any, fmt: str) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number with a fraction"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table" if fmt == "toml" else "an object"
    if value is None:
        return "null"
    return "a date or time"


# --- finding the manifest --------------------------------------------------------------------


def _basename(rel: str) -> str:
    return rel.rsplit("/", 1)[-1]


def manifest_paths(ctx: Any) -> list[str]:
    """Project-relative paths of every manifest to check (see the module docstring)."""
    option = str(ctx.options.get("manifest") or "").strip()
    if option:
        rel = option.replace("\\", "/").removeprefix("./")
        inside_root = Path(os.path.normpath(ctx.root / rel)).is_relative_to(ctx.root)
        if inside_root and ctx.exists(rel):
            return [os.path.normpath(rel).replace("\\", "/")]
        candidate = (Path.cwd() / option).resolve()
        # Asked through ctx.exists, like every file a rule looks at (the run records it).
        if candidate.is_relative_to(ctx.root.resolve()) and ctx.exists(ctx.rel(candidate)):
            return [ctx.rel(candidate)]
        ctx.shared[SHARED_NOTE_KEY] = (
            f"the registration manifest named in settings ({option}) does not exist"
        )
        return []
    found: dict[str, str] = {}
    for name in DEFAULT_NAMES:
        if ctx.exists(name):
            found.setdefault("", name)
    for rel in sorted(ctx.files):
        name = _basename(rel)
        if name in DEFAULT_NAMES:
            directory = rel[: -len(name)].rstrip("/")
            current = found.get(directory)
            # cxone-app.toml wins over cxone-app.json in the same directory.
            if current is None or DEFAULT_NAMES.index(name) < DEFAULT_NAMES.index(
                _basename(current)
            ):
                found[directory] = rel
    return [found[d] for d in sorted(found)]


def get_manifests(ctx: Any) -> list[Manifest]:
    """Every manifest found (loaded, cached in ctx.shared)."""
    cached = ctx.shared.get(SHARED_ALL_KEY)
    if cached is None:
        cached = [load_manifest(ctx, rel) for rel in manifest_paths(ctx)]
        ctx.shared[SHARED_ALL_KEY] = cached
    return list(cached)


def get_manifest(ctx: Any) -> Manifest | None:
    """The registration manifest code is compared with; None when there is none.

    Cached in ctx.shared["cxone.manifest"]. A manifest that does not parse is returned with
    `document = None` and `error` set: check `manifest.document` before using `apps`.
    """
    if SHARED_KEY in ctx.shared:
        cached: Manifest | None = ctx.shared[SHARED_KEY]
        return cached
    manifests = get_manifests(ctx)
    chosen: Manifest | None = None
    if len(manifests) == 1:
        chosen = manifests[0]
    elif manifests:
        root = [m for m in manifests if "/" not in m.path]
        chosen = root[0] if root else None
        if chosen is None:
            ctx.shared[SHARED_NOTE_KEY] = (
                "several registration manifests found ("
                + ", ".join(m.path for m in manifests)
                + "); name one with the `manifest` setting"
            )
    ctx.shared[SHARED_KEY] = chosen
    return chosen


def manifest_for(ctx: Any, rel: str) -> Manifest | None:
    """The manifest governing a file: the closest one in the file's directory or above."""
    best: Manifest | None = None
    for manifest in get_manifests(ctx):
        if manifest.governs(rel) and (
            best is None or len(manifest.directory) > len(best.directory)
        ):
            best = manifest
    return best


def no_manifest_reason(ctx: Any) -> str:
    """Why no manifest is available, for ctx.note_skipped."""
    note = ctx.shared.get(SHARED_NOTE_KEY)
    return str(note) if note else "no registration manifest (cxone-app.toml) found"


def checkable_manifests(ctx: Any, code: str) -> list[Manifest]:
    """Manifests that parsed, for a rule that reads them; notes the rule as skipped otherwise."""
    manifests = get_manifests(ctx)
    if not manifests:
        ctx.note_skipped(code, no_manifest_reason(ctx))
        return []
    parsed = [m for m in manifests if m.document is not None]
    for m in manifests:
        if m.document is None:
            how = "cannot be read" if m.error == "cannot be read" else "does not parse"
            ctx.note_skipped(code, f"registration manifest {m.path} {how}")
    return parsed


# --- loading ---------------------------------------------------------------------------------


def load_manifest(ctx: Any, rel: str) -> Manifest:
    fmt = "json" if rel.lower().endswith(".json") else "toml"
    manifest = Manifest(path=rel, format=fmt)
    doc = ctx.document(rel, fmt)
    manifest.text = ctx.read_text(rel)
    if doc is None:
        manifest.error = "cannot be read"
        return manifest
    if isinstance(doc, DocumentError):
        manifest.error = doc.message
        manifest.error_position = doc.position
        return manifest
    return load_document(manifest, doc)


def load_document(manifest: Manifest, doc: Document) -> Manifest:
    """Fill `manifest` from a parsed document (TOML or JSON form)."""
    manifest.document = doc
    if manifest.format == "json":
        manifest.key_names = {f: JSON_APP_KEYS.get(f, f) for f in [*APP_FIELDS, "api_user"]}
        manifest.user_key_names = {f: JSON_USER_KEYS.get(f, f) for f in USER_FIELDS}
        _load_json(manifest, doc)
    else:
        manifest.key_names = {f: f for f in [*APP_FIELDS, "api_user"]}
        manifest.user_key_names = {f: f for f in USER_FIELDS}
        _load_toml(manifest, doc)
    return manifest


class _Loader:
    def __init__(self, manifest: Manifest, doc: Document) -> None:
        self.m = manifest
        self.doc = doc
        self.fmt = manifest.format

    def problem(
        self,
        kind: str,
        message: str,
        path: PathKey,
        key: str,
        hint: str | None = None,
        fix: tuple[str, str, bool] | None = None,
    ) -> None:
        """Record a problem; `fix` is (replacement token, fix message, safe)."""
        pos = self.doc.key_position(path) if kind == "unknown" else self.doc.position(path)
        made = None
        if fix is not None:
            content, fix_message, safe = fix
            made = replace_token(self.m.path, self.m.text, pos, content, fix_message, safe)
        self.m.problems.append(Problem(kind, message, pos, key, hint, made))

    def raw(self, path: PathKey, key: bool = False) -> str | None:
        pos = self.doc.key_position(path) if key else self.doc.position(path)
        return raw_token(self.m.text, pos)

    def where(self, path: PathKey) -> str:
        """A dotted name for messages: app.origins, apps[1].api_user.username, origins."""
        out = ""
        for part in path:
            if isinstance(part, int):
                out += f"[{part}]"
            else:
                out += ("." if out else "") + part
        return out or "the manifest"

    def unknown_keys(
        self, table: dict[str, Any], path: PathKey, known: list[str], other_spelling: dict[str, str]
    ) -> None:
        for key in table:
            if key in known:
                continue
            suggestion, certain = _suggest(key, known, other_spelling)
            hint = f"did you mean `{suggestion}`?" if suggestion else None
            where = self.where(path)
            place = f" in {where}" if path else ""
            message = f"unknown manifest key `{key}`{place}: it is ignored, so nothing checks it"
            fix = None
            if suggestion:
                message += f" (did you mean `{suggestion}`?)"
                fix = self.rename(key, suggestion, (*path, key), table, certain)
            self.problem("unknown", message, (*path, key), self.where((*path, key)), hint, fix)

    def rename(
        self, key: str, new: str, path: PathKey, table: dict[str, Any], certain: bool
    ) -> tuple[str, str, bool] | None:
        """A key rename, when the key is a simple token and the new name is not taken.

        Safe for the same name spelled another way (`authMethod`, `business-unit`), unsafe for
        a near miss (`auth_methd`), which might have meant another key."""
        if new in table or isinstance(table.get(key), dict):
            return None
        raw = self.raw(path, key=True)
        if self.fmt == "json":
            if raw != json.dumps(key):
                return None
            return json.dumps(new), f"rename `{key}` to `{new}`", certain
        if raw != key:
            return None
        return new, f"rename `{key}` to `{new}`", certain

    def convert(
        self, value: Any, shape: str, path: PathKey, fname: str, key: str
    ) -> tuple[bool, Any]:
        """(ok, converted value) for one field; a wrong type is recorded as a problem."""
        where = self.where(path)
        if shape == "scope" and self.fmt == "json":
            if isinstance(value, str):
                return True, value.split()
            if value is None:
                return True, []
            self.type_problem(where, path, "a string (space-separated scopes)", value, fname)
            return False, None
        if shape == "str":
            if isinstance(value, str):
                return True, value
            if value is None and self.fmt == "json":
                return True, None
            self.type_problem(where, path, "a string", value, fname)
            return False, None
        if shape == "int":
            if isinstance(value, int) and not isinstance(value, bool):
                return True, value
            hint = None
            fix = None
            if isinstance(value, str) and value.strip().isdigit():
                hint = f"write {key} = {value.strip()} (a number, without quotes)"
                if self.fmt == "json":
                    hint = f'write "{key}": {value.strip()} (a number, without quotes)'
                fix = (value.strip(), "write the number without quotes", True)
            self.type_problem(where, path, "an integer", value, fname, hint, fix)
            return False, None
        if shape == "bool":
            if isinstance(value, bool):
                return True, value
            if value is None and self.fmt == "json":
                return True, None
            self.type_problem(where, path, "true or false", value, fname)
            return False, None
        # strlist / scope (TOML)
        if isinstance(value, list):
            bad = [i for i, item in enumerate(value) if not isinstance(item, str)]
            if not bad:
                return True, list(value)
            item_path = (*path, bad[0])
            self.m.problems.append(
                Problem(
                    "type",
                    f"`{where}` must be a list of strings, but item {bad[0] + 1} is "
                    f"{_kind_of(value[bad[0]], self.fmt)}",
                    self.doc.position(item_path),
                    where,
                )
            )
            return False, None
        if value is None and self.fmt == "json":
            return True, []
        hint = None
        fix = None
        if isinstance(value, str):
            if self.fmt == "toml":
                hint = f'write {key} = ["{value}"] (a list, even with one entry)'
            else:
                hint = f'write "{key}": ["{value}"] (a list, even with one entry)'
            raw = self.raw(path)
            if raw is not None and raw[:1] in ('"', "'"):
                fix = (f"[{raw}]", "make it a list with one entry", True)
        self.type_problem(where, path, "a list of strings", value, fname, hint, fix)
        return False, None

    def type_problem(
        self,
        where: str,
        path: PathKey,
        wanted: str,
        value: Any,
        fname: str,
        hint: str | None = None,
        fix: tuple[str, str, bool] | None = None,
    ) -> None:
        message = f"`{where}` must be {wanted}, not {_kind_of(value, self.fmt)}"
        self.problem("type", message, path, where, hint, fix)

    def fill(
        self,
        target: App | ApiUser,
        table: dict[str, Any],
        path: PathKey,
        fields: dict[str, str],
        names: dict[str, str],
    ) -> None:
        for fname, shape in fields.items():
            key = names.get(fname, fname)
            if key not in table:
                continue
            value = table[key]
            here = (*path, key)
            if fname == "status" and self.fmt == "json":
                if isinstance(value, bool):
                    target.present.add(fname)
                    target.status = "enabled" if value else "disabled"  # type: ignore[union-attr]
                elif value is not None:
                    target.invalid.add(fname)
                    self.type_problem(self.where(here), here, "true or false", value, fname)
                continue
            ok, converted = self.convert(value, shape, here, fname, key)
            target.present.add(fname)
            if ok:
                if converted is not None:
                    setattr(target, fname, converted)
            else:
                target.invalid.add(fname)

    def app(self, table: Any, path: PathKey, with_paths: bool) -> App | None:
        if not isinstance(table, dict):
            where = self.where(path)
            wanted = "a table" if self.fmt == "toml" else "an object"
            self.type_problem(where, path, wanted, table, where)
            return None
        app = App(table_path=path)
        names = self.m.key_names
        fields = dict(APP_FIELDS)
        if not with_paths:
            fields.pop("paths")
        known = [names.get(f, f) for f in [*fields, "api_user"]]
        other = _other_spellings(self.fmt, fields)
        if self.fmt == "json":
            known.extend(JSON_READ_ONLY)
        self.unknown_keys(table, path, known, other)
        self.fill(app, table, path, fields, names)
        if self.fmt == "json" and isinstance(table.get("scheduledDeletionTime"), str):
            app.status = "deleted"
        user_key = names.get("api_user", "api_user")
        if user_key in table:
            app.api_user = self.api_user(table[user_key], (*path, user_key))
            app.present.add("api_user")
        return app

    def api_user(self, table: Any, path: PathKey) -> ApiUser | None:
        if not isinstance(table, dict):
            where = self.where(path)
            wanted = "a table" if self.fmt == "toml" else "an object"
            self.type_problem(where, path, wanted, table, where)
            return None
        user = ApiUser(table_path=path)
        names = self.m.user_key_names
        known = [names.get(f, f) for f in USER_FIELDS]
        self.unknown_keys(table, path, known, _other_spellings(self.fmt, USER_FIELDS, True))
        self.fill(user, table, path, USER_FIELDS, names)
        return user


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def _other_spellings(fmt: str, fields: dict[str, str], user: bool = False) -> dict[str, str]:
    """Keys spelled the other format's way -> the right key for this format."""
    special = JSON_USER_KEYS if user else JSON_APP_KEYS
    out: dict[str, str] = {}
    for fname in [*fields, *([] if user else ["api_user"])]:
        json_key = special.get(fname, _camel(fname))
        if fmt == "toml":
            out[json_key] = fname
            out[_camel(fname)] = fname
        else:
            out[fname] = json_key
    if fmt == "toml" and not user:
        out["id"] = "client_id"
        out["isEnabled"] = "status"
    return out


def _normal(key: str) -> str:
    return re.sub(r"[^a-z0-9]", "", key.lower())


def _suggest(key: str, known: list[str], other_spelling: dict[str, str]) -> tuple[str | None, bool]:
    """(suggested key, certain): certain when it is the same name spelled another way."""
    if key in other_spelling and other_spelling[key] in known:
        return other_spelling[key], True
    for k in known:
        if _normal(k) == _normal(key):
            return k, True
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
    if close:
        return close[0], False
    by_normal = {_normal(k): k for k in known}
    close = difflib.get_close_matches(_normal(key), list(by_normal), n=1, cutoff=0.75)
    return (by_normal[close[0]], False) if close else (None, False)


def _load_toml(manifest: Manifest, doc: Document) -> None:
    loader = _Loader(manifest, doc)
    data = doc.data if isinstance(doc.data, dict) else {}
    loader.unknown_keys(data, (), ["app", "api_user", "apps"], {"application": "app"})
    has_app, has_apps = "app" in data, "apps" in data
    if not has_app and not has_apps:
        loader.problem(
            "structure",
            "the manifest declares no app: add an [app] table "
            "(or one [[apps]] table per app in a monorepo)",
            (),
            "app",
        )
        return
    if has_app and has_apps:
        loader.problem(
            "structure",
            "the manifest has both [app] and [[apps]]: use [app] for one app, or [[apps]] "
            "(each with `paths`) for several, not both",
            ("apps",),
            "apps",
        )
    if has_app:
        app = loader.app(data["app"], ("app",), with_paths=False)
        if app is not None:
            manifest.apps.append(app)
            if "api_user" in data:
                app.api_user = loader.api_user(data["api_user"], ("api_user",))
                app.present.add("api_user")
    elif "api_user" in data:
        loader.problem(
            "structure",
            "a top-level [api_user] does not belong to any app in a monorepo manifest: "
            "give each app its own [apps.api_user] table",
            ("api_user",),
            "api_user",
        )
    if has_apps and not has_app:
        _load_app_list(loader, data["apps"], ("apps",), "[[apps]]")


def _load_app_list(loader: _Loader, items: Any, path: PathKey, label: str) -> None:
    manifest = loader.m
    if not isinstance(items, list):
        wanted = "an array of tables ([[apps]])" if loader.fmt == "toml" else "a list of objects"
        loader.type_problem(loader.where(path), path, wanted, items, "apps")
        return
    manifest.multi = True
    for index, table in enumerate(items):
        app = loader.app(table, (*path, index), with_paths=True)
        if app is not None:
            manifest.apps.append(app)
    if len(manifest.apps) > 1:
        for app in manifest.apps:
            if not app.paths and "paths" not in app.invalid:
                loader.problem(
                    "structure",
                    f"{app.label} in {label} has no `paths`: code files cannot be matched to "
                    "it, so code-versus-registration checks skip them",
                    app.table_path,
                    loader.where((*app.table_path, "paths")),
                    hint='add paths = ["services/<app>/**"] (globs relative to the manifest)',
                )


def _load_json(manifest: Manifest, doc: Document) -> None:
    loader = _Loader(manifest, doc)
    data = doc.data
    if isinstance(data, dict) and "applications" in data and len(data) == 1:
        # The list response of GET /applications.
        _load_app_list(loader, data["applications"], ("applications",), "applications")
        return
    if not isinstance(data, dict):
        loader.type_problem(
            "the manifest", (), "one application object (GET /applications/{id})", data, ""
        )
        return
    app = loader.app(data, (), with_paths=False)
    if app is not None:
        manifest.apps.append(app)
