"""Shared by the CX4xx rules (cx4_secrets/*.py)."""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any, ClassVar

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Applicability, Diagnostic, Edit, Fix, Position, Severity
from cxone_lint.api.pack import Option
from cxone_lint.api.rule import Rule
from cxone_rules.analysis import secrets as sx

PY = "cxone.secrets"

CONFIG = "cxone.config_secrets"

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


def _label(kind: str) -> str:
    return sx.KIND_LABELS.get(kind, kind)


class _SecretRule(Rule):
    """Shared by the hard-coded credential rules: which kinds each one reports."""

    options = ("secret-env-prefix",)

    kinds: ClassVar[frozenset[str]] = frozenset()
    severity = Severity.ERROR
    fixable = "unsafe"

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        prefix = str(ctx.options.get("secret-env-prefix") or "")
        for extractor in (PY, CONFIG):
            for rel, facts in ctx.facts(extractor):
                if facts.get("checkmarx"):
                    continue
                for entry in facts.get("secrets", ()):
                    if entry["kind"] not in self.kinds:
                        continue
                    yield self._diagnostic(rel, facts, entry, prefix)

    def describe(self, entry: dict[str, Any]) -> str:
        detail = entry.get("detail") or {}
        if "jwt" in detail:
            return "hard-coded " + sx.JwtInfo.describe(detail["jwt"])
        if entry["kind"] == sx.BASIC_KEY:
            shape = detail.get("shape", "")
            if shape.startswith("app@vendor:bu"):
                what = "legacy inContact Basic key (App@Vendor:BU)"
                if "clear text" in shape:
                    what += " in clear text"
            else:
                what = "Basic client credentials (client_id:client_secret)"
            return f"hard-coded {what}"
        if entry["kind"] == sx.TOKEN and detail.get("shape") == "opaque":
            return "hard-coded bearer token"
        if entry["kind"] in (sx.CLIENT_SECRET, sx.ACCESS_KEY_SECRET):
            return f"hard-coded CXone {_label(entry['kind'])}"
        return f"hard-coded {_label(entry['kind'])}"

    def _diagnostic(
        self, rel: str, facts: dict[str, Any], entry: dict[str, Any], prefix: str
    ) -> Diagnostic:
        line, col = entry["start"]
        name = entry.get("name") or ""
        where = f" in `{name}`" if name else ""
        message = f"{self.describe(entry)}{where} (fingerprint {entry['fp']})"
        fix = None
        end = Position(*entry["end"]) if "end" in entry else None
        if entry.get("env") and end is not None:
            fix = self._env_fix(rel, facts, entry, prefix + entry["env"], end)
        severity = None
        exp = (entry.get("detail") or {}).get("jwt", {}).get("exp")
        if isinstance(exp, (int, float)) and exp < time.time():
            severity = Severity.WARNING  # an expired token opens nothing; it still tells a tenant
        diag = self.report(
            rel,
            Position(line, col),
            message,
            end=end,
            severity=severity,
            hint=_ROTATE,
            key=f"{entry['kind']}:{entry['fp']}",
            fix=fix,
        )
        return diag.with_(sensitive=True)

    @staticmethod
    def _env_fix(
        rel: str, facts: dict[str, Any], entry: dict[str, Any], env: str, end: Position
    ) -> Fix:
        start = Position(*entry["start"])
        # The language's own environment read (Python's by default; JS/TS: process.env.NAME).
        read = str(facts.get("env_read") or 'os.environ["{name}"]').format(name=env)
        edits = [Edit(rel, start, end, read)]
        if not facts.get("os_imported"):
            at = Position(int(facts.get("import_line", 1)), 1)
            edits.insert(0, Edit(rel, at, at, "import os\n"))
        return Fix(
            f"read it from the environment variable {env} (which must then be set)",
            tuple(edits),
            Applicability.UNSAFE,
        )
