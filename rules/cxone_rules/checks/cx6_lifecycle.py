"""CX6xx update and delete: the registration manifest compared with its version at a git revision.

The seed's "Update Your App" table says which registration details can change. The application
identifier (client_id), the tenant identifier, the application type and the authentication
method cannot: a change there is not an update, it is a different registration. Deleting is a
two-step process: disable first (revertible), then delete.

The base revision comes from `--base REF` (`ctx.inputs["base"]`), or, inside a pre-commit hook
(`PRE_COMMIT=1` in the environment), from `PRE_COMMIT_FROM_REF` when pre-commit runs over a
range, else `HEAD`: the manifest on disk (the staged one, since pre-commit stashes unstaged
changes) is compared with the last commit. The old manifest is read with `git show REV:path`,
never checked out. Without a base these rules have nothing to compare and report nothing; the
review report lists them as not checked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Position, Severity
from cxone_lint.api.document import DocumentError
from cxone_lint.api.git import RevisionError
from cxone_lint.api.pack import Option
from cxone_lint.api.rule import Case, Rule, expect
from cxone_rules.manifest.load import DEFAULT_NAMES, get_manifests, load_document
from cxone_rules.manifest.model import App, Manifest

SHARED_KEY = "cxone.lifecycle"

OPTIONS = [
    Option(
        "base-manifest",
        str,
        "",
        "a manifest file to compare the manifest with instead of a git revision, e.g. a JSON "
        "export of the registration NICE holds (GET /applications/{id}), relative to the root",
    )
]

# Pack-level description of where the base comes from, for the review report and the docs.
NO_BASE_REASON = "no git base to compare the manifest with (run with --base REF)"


@dataclass
class Pair:
    """One app as it is now and as it was at the base revision."""

    now: App
    then: App


@dataclass
class ManifestChange:
    path: str  # project-relative path of the manifest at the base revision
    then: Manifest
    now: Manifest | None  # None when the manifest is gone
    pairs: list[Pair] = field(default_factory=list)
    removed: list[App] = field(default_factory=list)  # apps at the base with no app now


@dataclass
class Lifecycle:
    ref: str
    commit: str  # empty when the base is a file (`base-manifest`)
    implicit: bool
    changes: list[ManifestChange] = field(default_factory=list)


def requested_base(ctx: Any) -> tuple[str | None, bool]:
    """(revision, implicit): `--base`, else the pre-commit default, else (None, False)."""
    base = ctx.inputs.get("base")
    if base:
        return str(base), False
    if os.environ.get("PRE_COMMIT") == "1":
        return os.environ.get("PRE_COMMIT_FROM_REF") or "HEAD", True
    return None, False


def lifecycle(ctx: Any, code: str) -> Lifecycle | None:
    """The manifest changes since the base (computed once per run); None when there is no base,
    in which case the reason is noted against `code` when a base was asked for but is unusable."""
    if SHARED_KEY not in ctx.shared:
        ctx.shared[SHARED_KEY] = _compute(ctx)
    state = ctx.shared[SHARED_KEY]
    if isinstance(state, str):
        ctx.note_skipped(code, state)
    if not isinstance(state, Lifecycle):
        # Nothing to compare: a suppression of this code in a manifest, kept for runs with a
        # base, is not "unused" here (CX010 leaves undecided (code, file) pairs alone).
        ctx.undecided.update((code, m.path) for m in get_manifests(ctx))
        return None
    return state  # type: ignore[no-any-return]


def _compute(ctx: Any) -> Lifecycle | str | None:
    ref, implicit = requested_base(ctx)
    if ref is None:
        option = str(ctx.options.get("base-manifest") or "").strip()
        return _compute_from_file(ctx, option) if option else None
    try:
        rev = ctx.git.resolve(ref)
    except RevisionError as exc:
        if implicit and ref == "HEAD":
            return "no commit yet to compare the staged manifest with (pre-commit, base HEAD)"
        if implicit:
            return f"cannot read the pre-commit base: {exc}"
        return str(exc)
    state = Lifecycle(ref, rev.commit, implicit)
    current = {m.path: m for m in get_manifests(ctx)}
    for rel in _base_candidates(ctx, current):
        then = _load_at(ctx, rev.commit, rel)
        if then is None or then.document is None:
            continue
        now = current.get(rel) or _same_directory(rel, current)
        change = ManifestChange(rel, then, now)
        if now is not None and now.document is not None:
            change.pairs, change.removed = match_apps(
                then.apps, now.apps, not (then.multi or now.multi)
            )
        elif now is None:
            change.removed = list(then.apps)
        state.changes.append(change)
    return state


def _compute_from_file(ctx: Any, option: str) -> Lifecycle | str:
    """The base is a manifest file in the project (e.g. NICE's export of the registration)."""
    rel = option.replace("\\", "/").removeprefix("./")
    fmt = "json" if rel.lower().endswith(".json") else "toml"
    doc = ctx.document(rel, fmt)
    if doc is None:
        return f"the base manifest named in settings ({option}) does not exist"
    if isinstance(doc, DocumentError):
        return f"the base manifest {rel} does not parse"
    then = load_document(Manifest(path=rel, format=fmt), doc)
    state = Lifecycle(rel, "", False)
    now = next((m for m in get_manifests(ctx) if m.path != rel), None)
    change = ManifestChange(rel, then, now)
    if now is not None and now.document is not None:
        change.pairs, change.removed = match_apps(
            then.apps, now.apps, not (then.multi or now.multi)
        )
    elif now is None:
        change.removed = list(then.apps)
    state.changes.append(change)
    return state


def _base_candidates(ctx: Any, current: dict[str, Manifest]) -> list[str]:
    option = str(ctx.options.get("manifest") or "").strip().replace("\\", "/").removeprefix("./")
    names = [option] if option else list(DEFAULT_NAMES)
    out = list(current)
    for name in names:
        if name not in out:
            out.append(name)
    return out


def _same_directory(rel: str, current: dict[str, Manifest]) -> Manifest | None:
    """A manifest renamed in place (cxone-app.json -> cxone-app.toml) is the same manifest."""
    directory = rel.rsplit("/", 1)[0] if "/" in rel else ""
    for m in current.values():
        if m.directory == directory:
            return m
    return None


def _load_at(ctx: Any, commit: str, rel: str) -> Manifest | None:
    text = ctx.git.show(commit, rel)
    if text is None:
        return None
    fmt = "json" if rel.lower().endswith(".json") else "toml"
    manifest = Manifest(path=rel, format=fmt)
    try:
        doc = ctx.parse_document(fmt, text)
    except DocumentError as exc:
        manifest.error = exc.message
        return manifest
    return load_document(manifest, doc)


def _norm(value: Any) -> str:
    return value.strip().lower() if isinstance(value, str) else ""


def match_apps(
    then: list[App], now: list[App], single: bool = True
) -> tuple[list[Pair], list[App]]:
    """Pair apps across revisions: same client_id, else same name, else (`single`: neither
    manifest uses [[apps]]) the only app on both sides. Returns the pairs and the base apps that
    have no counterpart now."""
    pairs: list[Pair] = []
    left, right = list(then), list(now)
    for key in ("client_id", "name"):
        for old in list(left):
            value = _norm(getattr(old, key))
            if not value:
                continue
            hit = next((new for new in right if _norm(getattr(new, key)) == value), None)
            if hit is not None:
                pairs.append(Pair(hit, old))
                left.remove(old)
                right.remove(hit)
    if single and len(then) == 1 and len(now) == 1 and left and right:
        pairs.append(Pair(right.pop(), left.pop()))
    return pairs, left


def _registered_enabled(app: App) -> bool:
    """Enabled at NICE: status enabled, or no status on an app that has a client_id."""
    if app.status is None:
        return bool(_norm(app.client_id)) and "status" not in app.invalid
    return app.status == "enabled"


def _where(ref: str, implicit: bool) -> str:
    return "the last commit" if implicit and ref == "HEAD" else ref


def _since(state: Lifecycle) -> str:
    """'since HEAD' for a git base; 'compared with FILE' for a `base-manifest` file."""
    if not state.commit:
        return f"compared with {state.ref}"
    return f"since {_where(state.ref, state.implicit)}"


# --- immutable fields ---------------------------------------------------------------------------


class _ImmutableFieldRule(Rule):
    """Shared logic; subclasses name the field and the advice."""

    field_name: str = ""
    label: str = ""
    advice: str = ""
    severity = Severity.ERROR

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        state = lifecycle(ctx, self.code)
        if state is None:
            return
        for change in state.changes:
            if change.now is None:
                continue
            for pair in change.pairs:
                yield from self._compare(change.now, pair, state)

    def _compare(self, manifest: Manifest, pair: Pair, state: Lifecycle) -> Iterator[Diagnostic]:
        f = self.field_name
        if f in pair.now.invalid or f in pair.then.invalid:
            return
        old, new = getattr(pair.then, f), getattr(pair.now, f)
        if not _norm(old) or not _norm(new) or _norm(old) == _norm(new):
            return
        key = manifest.key_name(f)
        yield self.report(
            manifest.path,
            manifest.position(pair.now, f),
            f"{pair.now.label}: {key} changed from {old!r} to {new!r} "
            f"{_since(state)}; the {self.label} cannot be changed",
            hint=self.advice,
            key=f"{pair.now.client_id or pair.now.name or ''}:{f}:{old}->{new}",
        )


# Rule cases compare with a base file (the `base-manifest` option); tests/test_lifecycle.py runs
# the same rules against real git history.
_REGISTERED = (
    '{"id": "3f6a9e2c", "name": "A", "type": "backend", "tenantId": "t-1",\n'
    ' "authMethod": "client_secret_basic", "isEnabled": true}\n'
)
_BASE = {"base-manifest": "registered.json"}


_ENABLED = '[app]\nname = "A"\nclient_id = "3f6a9e2c"\ntype = "backend"\nstatus = "enabled"\n'


def _case(toml: str, line: int | None, code: str, note: str = "") -> Case:
    files = {"registered.json": _REGISTERED, "cxone-app.toml": toml}
    found = [expect(code, "cxone-app.toml", line)] if line else []
    return Case(files, found, settings=_BASE, note=note)


_NEW_APP = (
    "register a new app with NICE instead (same form as the registration); record it as its own "
    '[[apps]] entry and keep this one, set to status = "disabled", until it is deleted'
)


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
    INVALID = (
        _case('[app]\nname = "A"\nclient_id = "7d1c0b5e"\n', 3, "CX601"),
        Case(
            {"cxone-app.toml": _ENABLED.replace("3f6a9e2c", "7d1c0b5e")},
            [expect("CX601", "cxone-app.toml", 3)],
            base={"cxone-app.toml": _ENABLED},
            note="against git HEAD",
        ),
    )
    VALID = (
        Case(
            {"cxone-app.toml": '[app]\nname = "A"\nclient_id = "3f6a9e2c"\ntype = "backend"\n'},
            note="without a git base there is nothing to compare",
        ),
        _case('[app]\nname = "A"\nclient_id = "3f6a9e2c"\n', None, "CX601"),
        _case('[app]\nname = "A"\n', None, "CX601", note="client_id not recorded yet"),
    )


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
    INVALID = (_case('[app]\nname = "A"\ntype = "backend"\ntenant_id = "t-2"\n', 4, "CX602"),)
    VALID = (
        Case(
            {"cxone-app.toml": '[app]\nname = "A"\ntenant_id = "11eb0a7e-aaaa"\n'},
            note="without a git base there is nothing to compare",
        ),
        _case('[app]\nname = "B"\ntenant_id = "t-1"\n', None, "CX602", note="renamed"),
    )


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
    INVALID = (_case('[app]\nclient_id = "3f6a9e2c"\ntype = "public"\n', 3, "CX603"),)
    VALID = (
        Case(
            {"cxone-app.toml": '[app]\nname = "A"\ntype = "public"\n'},
            note="without a git base there is nothing to compare",
        ),
        _case('[app]\nclient_id = "3f6a9e2c"\ntype = "backend"\n', None, "CX603"),
    )


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
    INVALID = (_case('[app]\nname = "A"\nauth_method = "client_secret_post"\n', 3, "CX604"),)
    VALID = (
        Case(
            {"cxone-app.toml": '[app]\nname = "A"\nauth_method = "client_secret_basic"\n'},
            note="without a git base there is nothing to compare",
        ),
        _case('[app]\nname = "A"\nauth_method = "client_secret_basic"\n', None, "CX604"),
    )


# --- deletion ---------------------------------------------------------------------------------


class DeletedWithoutDisabling(Rule):
    """An app goes to status "deleted" without having been "disabled" first.

    ## What it does
    With a git base, reports an app whose `status` is now `"deleted"` while it was enabled at
    the base and no commit since the base (on the way to HEAD) recorded it as `"disabled"`. A
    JSON export counts `isEnabled: false` as disabled and a `scheduledDeletionTime` as deleted.
    Reported on the status line.

    ## Why
    The seed: deleting an app is a two-step process. Disable it first, which lets you revert
    the decision; then contact your CXone Account Representative with the issuers and the
    client_id. Deletion is permanent after about two weeks.

    ## Example
    ```toml
    [app]
    status = "deleted"   # was "enabled" at the base
    ```

    ## Fix safety
    No automatic fix. Set `status = "disabled"`, disable the app at NICE, check nothing breaks,
    then delete it in a later change.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Delete Your App)
    - https://developer.dev.niceincontact.com/API/AppRegistrationAPI (-disable, DELETE)
    """

    code = "CX611"
    name = "deleted-without-disabling"
    summary = "App deleted without being disabled first"
    passed = "No app is deleted without being disabled first"
    severity = Severity.ERROR
    INVALID = (
        _case('[app]\nname = "A"\nclient_id = "3f6a9e2c"\nstatus = "deleted"\n', 4, "CX611"),
        Case(
            {"cxone-app.toml": _ENABLED.replace("enabled", "deleted")},
            [expect("CX611", "cxone-app.toml", 5)],
            base={"cxone-app.toml": _ENABLED},
            note="against git HEAD",
        ),
        Case(
            {
                "registered.json": _REGISTERED,
                "cxone-app.json": '{"id": "3f6a9e2c", "isEnabled": true,\n'
                ' "scheduledDeletionTime": "2026-12-01T00:00:00Z"}\n',
            },
            [expect("CX611", "cxone-app.json", 1)],
            settings=_BASE,
            note="scheduled for deletion while still enabled",
        ),
    )
    VALID = (
        Case(
            {"cxone-app.toml": '[app]\nname = "A"\nstatus = "deleted"\n'},
            note="without a git base there is nothing to compare",
        ),
        _case('[app]\nname = "A"\nstatus = "disabled"\n', None, "CX611"),
        Case(
            {
                "registered.json": _REGISTERED,
                "cxone-app.json": '{"id": "3f6a9e2c", "isEnabled": false,\n'
                ' "scheduledDeletionTime": "2026-12-01T00:00:00Z"}\n',
            },
            settings=_BASE,
            note="an export that is disabled and scheduled for deletion went through disable",
        ),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        state = lifecycle(ctx, self.code)
        if state is None:
            return
        for change in state.changes:
            now = change.now
            if now is None:
                continue
            for pair in change.pairs:
                if pair.now.status != "deleted" or not _registered_enabled(pair.then):
                    continue
                if _export_disabled(now, pair.now):
                    continue
                if self._disabled_since(ctx, state, change.path, pair.now):
                    continue
                yield self.report(
                    now.path,
                    now.position(pair.now, "status"),
                    f"{pair.now.label} goes from enabled to deleted ({_since(state)})"
                    " without being disabled first",
                    hint='set status = "disabled" and disable the app at NICE first (it can be '
                    "re-enabled); delete it in a later change",
                    key=f"{pair.now.client_id or pair.now.name or ''}:status",
                )

    @staticmethod
    def _disabled_since(ctx: Any, state: Lifecycle, rel: str, app: App) -> bool:
        """True when a commit between the base and HEAD recorded the app as disabled."""
        if not state.commit:
            return False
        for commit in ctx.git.commits_between(state.commit, rel):
            old = _load_at(ctx, commit, rel)
            if old is None or old.document is None:
                continue
            pairs, _ = match_apps(old.apps, [app])
            if any(p.then.status == "disabled" for p in pairs):
                return True
        return False


def _export_disabled(manifest: Manifest, app: App) -> bool:
    """A JSON export scheduled for deletion that also says `isEnabled: false` shows the app
    was disabled first (NICE's API disables, then schedules the deletion)."""
    if manifest.format != "json" or manifest.document is None:
        return False
    return manifest.document.get((*app.table_path, "isEnabled")) is False


class ManifestRemovedWhileEnabled(Rule):
    """The manifest, or one app in it, was removed while the app was still enabled.

    ## What it does
    With a git base, reports a registered app (one with a client_id) that was enabled at the
    base and has no counterpart now: either its `[[apps]]` entry is gone (reported on the
    manifest's first app table) or the whole manifest file is gone. A removed file cannot hold
    a finding, so that case is reported on the settings file (`cxone-lint.toml` or
    `pyproject.toml`), else on the first file being linted, at line 1.

    ## Why
    The app still exists at NICE with live credentials, but the repository no longer says so:
    no check can compare the code with it, and nobody is reminded to disable and delete it. The
    seed's delete process starts by disabling the app; record that (`status = "disabled"`, then
    `"deleted"`) before removing the manifest.

    ## Example
    `git rm cxone-app.toml` while it said `status = "enabled"`.

    ## Fix safety
    No automatic fix. Restore the manifest and set the app's status as it goes through disable
    and delete at NICE; remove the entry once NICE has confirmed the deletion.

    ## References
    - https://developer.niceincontact.com/Documentation/YourAppLifeCycle (Delete Your App)
    """

    code = "CX612"
    name = "manifest-removed-while-enabled"
    summary = "Manifest or app entry removed while the app is still enabled"
    passed = "No manifest or app entry is removed while the app is enabled"
    severity = Severity.WARNING
    INVALID = (
        _case(
            '[[apps]]\nname = "B"\nclient_id = "9a8b7c6d"\nstatus = "enabled"\n',
            1,
            "CX612",
            note="the registered app A is not in the manifest any more",
        ),
        Case(
            {"registered.json": _REGISTERED, "app.py": "import os\n"},
            [expect("CX612", "registered.json", 1)],
            settings=_BASE,
            note="no manifest at all: reported on the base file",
        ),
        Case(
            {"app.py": "import os\n"},
            [expect("CX612", "app.py", 1)],
            base={"cxone-app.toml": _ENABLED, "app.py": "import os\n"},
            note="git: the manifest was deleted while the app is enabled",
        ),
    )
    VALID = (
        Case(
            {"app.py": "print('no manifest here')\n"},
            note="without a git base there is nothing to compare",
        ),
        _case('[app]\nname = "A"\nstatus = "disabled"\n', None, "CX612"),
    )

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        state = lifecycle(ctx, self.code)
        if state is None:
            return
        since = _since(state)
        for change in state.changes:
            for app in change.removed:
                if not _registered_enabled(app):
                    continue
                ident = app.client_id or ""
                if change.now is not None:
                    first = change.now.apps[0] if change.now.apps else None
                    pos = change.now.table_position(first) if first else Position(1, 1)
                    yield self.report(
                        change.now.path,
                        pos,
                        f"{app.label} (client_id {ident!r}) was removed from the manifest "
                        f"{since} while it is still enabled",
                        hint='keep the entry and set status = "disabled", then "deleted"; remove '
                        "it once NICE has confirmed the deletion",
                        key=f"removed-app:{ident}",
                    )
                else:
                    yield self.report(
                        change.path if not state.commit else _anchor(ctx),
                        Position(1, 1),
                        f"the registration manifest {change.path} was removed {since} "
                        f"while {app.label} (client_id {ident!r}) is still enabled",
                        hint=f"restore {change.path} and record the app's status as it is "
                        'disabled and deleted at NICE ("disabled", then "deleted")',
                        key=f"removed-manifest:{change.path}:{ident}",
                    )


def _anchor(ctx: Any) -> str:
    """Where a finding about a file that no longer exists goes (see CX612's docs)."""
    source = ctx.settings.source
    if source is not None:
        rel = ctx.rel(source)
        if rel in ctx.files:
            return str(rel)
    root_files = sorted(r for r in ctx.files if "/" not in r)
    if root_files:
        return root_files[0]
    return min(ctx.files) if ctx.files else "."
