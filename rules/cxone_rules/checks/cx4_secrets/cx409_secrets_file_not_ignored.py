from __future__ import annotations

import posixpath
from collections.abc import Iterator

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Position, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks.cx4_secrets._common import label
from cxone_rules.domain import secrets as sx
from cxone_rules.facts.kinds import EnvValue, SecretLiteral
from cxone_rules.facts.store import FactStore, facts_of

# Files whose folder is the document root of a PHP site: the web server serves its other
# files (a `.env` beside them included) as they are.
WEB_ROOT_MARKERS = ("index.php",)
# Key kinds that make a served `.env` a leak, whatever values the repository holds.
SECRET_KINDS = frozenset(
    {sx.CLIENT_SECRET, sx.ACCESS_KEY_SECRET, sx.PASSWORD, sx.SECRET, sx.API_KEY, sx.TOKEN}
)


class SecretsFileNotIgnored(Rule):
    """A .env or config file holding real secrets is committed or not ignored by git.

    ## What it does
    For each .env, JSON, YAML or TOML file in which CX401-CX405 found a real secret, asks git
    (read-only: `git ls-files`, `git check-ignore`) whether the file is tracked, or untracked
    but not ignored, and reports it on the line of its first secret. Outside a git work tree
    it says that nothing keeps the file out of a commit. A `.env` beside an `index.php` (a PHP
    site's document root, unless its `.htaccess` denies the file) that names secrets is
    reported even with empty values: the web server serves it as `/.env` once deployed.

    ## Why
    `.env` files exist to keep secrets out of code; committed, they are code. A file that is
    only untracked is one `git add .` away from the history.

    ## Example
    A `.env` with `CXONE_CLIENT_SECRET=...` and no `.env` line in `.gitignore`; a `.env` with
    `ACCESS_KEY_SECRET=` next to the `index.php` of a token service.

    ## Fix safety
    No automatic fix: add the file to `.gitignore`, `git rm --cached` it if tracked, commit an
    `.env.example` with placeholders instead, and rotate the secrets. Keep a PHP site's `.env`
    out of its document root (serve `public/`, load the file from the folder above it).

    ## References
    - https://git-scm.com/docs/gitignore
    - https://12factor.net/config
    """

    code = "CX409"
    name = "secrets-file-not-ignored"
    summary = "File holding real secrets is committed or not ignored by git"
    passed = "Files holding secrets are neither committed nor left unignored"
    severity = Severity.ERROR
    tags = ("security",)

    def check(self, ctx: ProjectContext) -> Iterator[Diagnostic]:
        store = facts_of(ctx)
        yield from self._served(ctx, store)
        holding = [
            (rel, found) for rel, found in store.by_path(SecretLiteral) if store.is_config(rel)
        ]
        if not holding:
            return
        git = ctx.git
        states = git.status([rel for rel, _ in holding]) if git is not None else None
        for rel, found in holding:
            status = states.get(rel) if states is not None else None
            if status == "ignored":
                continue
            if status == "tracked":
                state = "is committed to git"
            elif status == "untracked":
                state = "is not ignored by git (one `git add .` from being committed)"
            else:
                state = "is not in a git work tree, so nothing keeps it out of a commit"
            n = len(found)
            kinds = sorted({label(s.kind) for s in found})
            noun = "secret" if n == 1 else "secrets"
            diag = self.report(
                rel,
                found[0].start,
                f"{rel} holds {n} real {noun} ({', '.join(kinds)}) and {state}",
                end=found[0].end,
                hint="ignore it in .gitignore, commit a placeholder example instead, rotate",
                key=f"file:{status or 'no-git'}",
            )
            yield diag.with_(sensitive=True)

    def _served(self, ctx: ProjectContext, store: FactStore) -> Iterator[Diagnostic]:
        """`.env` files in a PHP web root that name secrets (set or empty: the values come at
        deploy, the file is served all the same)."""
        for rel, variables in store.by_path(EnvValue):
            if sx.is_example_path(rel) or sx.is_test_path(rel):
                continue
            folder = posixpath.dirname(rel)
            if not any(ctx.exists(posixpath.join(folder, m)) for m in WEB_ROOT_MARKERS):
                continue
            access = ctx.read_text(posixpath.join(folder, ".htaccess")) or ""
            if ".env" in access:
                continue
            names = [v for v in variables if sx.secret_kind_for_name(v.name) in SECRET_KINDS]
            if not names:
                continue
            shown = ", ".join(v.name for v in names[:3]) + (", ..." if len(names) > 3 else "")
            base = posixpath.basename(rel)
            first = names[0]
            diag = self.report(
                rel,
                Position(first.line, 1),
                f"{rel} is in a PHP web root (beside {posixpath.join(folder, 'index.php')}): "
                f"a web server serves it as /{base}, with the {shown} set at deploy",
                end=Position(first.line, 1 + len(first.name)),
                hint="move it out of the document root (serve public/), or deny it in the server",
                key="web-root",
            )
            yield diag.with_(sensitive=True)
