"""Shared by the CX4xx rules (cx4_secrets/*.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from cxone_lint.api.clock import has_passed
from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Applicability, Diagnostic, Edit, Fix, Position, Severity
from cxone_lint.api.pack import Option
from cxone_lint.api.rule import Rule
from cxone_rules.checks._related import readers
from cxone_rules.domain import secrets as sx
from cxone_rules.facts.kinds import SecretLiteral
from cxone_rules.facts.store import facts_of

OPTIONS = [
    Option(
        "secret-env-prefix",
        str,
        "",
        "prefix of the environment variable names the CX4xx fixes read secrets from "
        '(e.g. "ACME_" turns CLIENT_SECRET into os.environ["ACME_CLIENT_SECRET"])',
    ),
]


_ROTATE = (
    "read it from the environment or a secret manager, and rotate it: it stays in the git history"
)


# Kinds only CXone issues; in another product's code the same names hold its own secrets.
_CXONE_KINDS = frozenset({sx.CLIENT_SECRET, sx.ACCESS_KEY_SECRET})


def label(kind: str) -> str:
    return sx.KIND_LABELS.get(kind, kind)


class _SecretRule(Rule):
    """Shared by the hard-coded credential rules: which kinds each one reports."""

    options = ("secret-env-prefix",)

    kinds: ClassVar[frozenset[str]] = frozenset()
    severity = Severity.ERROR
    fixable = "unsafe"

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        prefix = str(ctx.options.get("secret-env-prefix") or "")
        store = facts_of(ctx)
        for secret in secret_literals(ctx):
            if secret.kind in self.kinds:
                checkmarx = store.traits(secret.file).checkmarx_code
                diag = self._diagnostic(secret, prefix, checkmarx)
                yield diag.with_(related=readers(ctx, secret))

    def describe(self, secret: SecretLiteral) -> str:
        if secret.jwt is not None:
            return "hard-coded " + sx.JwtInfo.describe(secret.jwt.to_json())
        if secret.kind == sx.BASIC_KEY:
            shape = secret.shape or ""
            if shape.startswith("app@vendor:bu"):
                what = "legacy inContact Basic key (App@Vendor:BU)"
                if "clear text" in shape:
                    what += " in clear text"
            else:
                what = "Basic client credentials (client_id:client_secret)"
            return f"hard-coded {what}"
        if secret.kind == sx.TOKEN and secret.shape == "opaque":
            return "hard-coded bearer token"
        if secret.shape == sx.URL_PASSWORD:
            return "hard-coded password in a URL"
        if secret.kind in (sx.CLIENT_SECRET, sx.ACCESS_KEY_SECRET):
            return f"hard-coded CXone {label(secret.kind)}"
        return f"hard-coded {label(secret.kind)}"

    def _diagnostic(
        self, secret: SecretLiteral, prefix: str, checkmarx: bool = False
    ) -> Diagnostic:
        where = f" in `{secret.name}`" if secret.name else ""
        what = self.describe(secret)
        if checkmarx and secret.kind in _CXONE_KINDS:
            # Checkmarx One code names its own credentials CXONE_*. A credential it still is:
            # a mention of Checkmarx (a comment, a docstring) changes the wording, never the
            # finding or its severity.
            what = what.replace("CXone ", "") + " (the file names Checkmarx One: it may be its"
            what += " credential rather than a CXone one)"
        message = f"{what}{where} (fingerprint {secret.fingerprint})"
        fix = _env_fix(secret, prefix) if secret.env_fix is not None else None
        severity = None
        exp = secret.jwt.exp if secret.jwt is not None else None
        if isinstance(exp, (int, float)) and has_passed(exp):
            severity = Severity.WARNING  # an expired token opens nothing; it still tells a tenant
        diag = self.report(
            secret.file,
            secret.start,
            message,
            end=secret.end,
            severity=severity,
            hint=_ROTATE,
            key=f"{secret.kind}:{secret.fingerprint}",
            fix=fix,
        )
        return diag.with_(sensitive=True)


def _env_fix(secret: SecretLiteral, prefix: str) -> Fix:
    """The literal replaced by the environment lookup its extractor proposed (in the file's
    own language), plus the import that lookup needs."""
    assert secret.env_fix is not None
    how = secret.env_fix
    env = prefix + how.env
    edits = [Edit(secret.file, secret.start, secret.end, how.replacement.format(env=env))]
    if how.import_line is not None and how.import_text:
        at = Position(how.import_line, 1)
        edits.insert(0, Edit(secret.file, at, at, how.import_text))
    return Fix(
        f"read it from the environment variable {env} (which must then be set)",
        tuple(edits),
        Applicability.UNSAFE,
    )


def secret_literals(ctx: ProjectContext) -> Iterator[SecretLiteral]:
    """Secrets of every file, code and configuration. Checkmarx One code (whose CXONE_* names
    belong to another product) included: a mention of Checkmarx never hides a secret."""
    store = facts_of(ctx)
    for _rel, found in store.by_path(SecretLiteral):
        yield from found
