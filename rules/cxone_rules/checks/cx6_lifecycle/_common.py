"""Shared by the CX6xx rules (cx6_lifecycle/*.py)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.document import DocumentError
from cxone_lint.api.git import RevisionError
from cxone_lint.api.pack import Option
from cxone_lint.api.rule import Rule
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
        # base, is not "unused" here (LINT010 leaves undecided (code, file) pairs alone).
        ctx.undecided.update((code, m.path) for m in get_manifests(ctx))
        return None
    return state


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
        try:
            then = _load_at(ctx, rev.commit, rel)
        except RevisionError as exc:  # e.g. a partial clone without that blob: never fetched
            return str(exc)
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


class _ImmutableFieldRule(Rule):
    """Shared logic; subclasses name the field and the advice."""

    options = ("base-manifest",)

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


_NEW_APP = (
    "register a new app with NICE instead (same form as the registration); record it as its own "
    '[[apps]] entry and keep this one, set to status = "disabled", until it is deleted'
)


def deletion_request(app: App) -> str:
    """What to send NICE to delete the app, from what the manifest records (the seed: the
    issuers and the client_id; the tracking number quoted in every e-mail)."""
    parts = []
    if app.tracking_number:
        parts.append(f"tracking number {app.tracking_number}")
    if app.issuers:
        parts.append("issuers " + ", ".join(app.issuers))
    else:
        parts.append("its issuers (record them: issuers = [...])")
    parts.append(f"client_id {app.client_id}" if app.client_id else "its client_id")
    return "ask your CXone Account Representative to delete it, with " + ", ".join(parts)
