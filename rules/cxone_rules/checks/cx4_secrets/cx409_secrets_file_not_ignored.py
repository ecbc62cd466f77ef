from __future__ import annotations

from collections.abc import Iterator

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks.cx4_secrets._common import label
from cxone_rules.facts.kinds import SecretLiteral
from cxone_rules.facts.store import facts_of


class SecretsFileNotIgnored(Rule):
    """A .env or config file holding real secrets is committed or not ignored by git.

    ## What it does
    For each .env, JSON, YAML or TOML file in which CX401-CX405 found a real secret, asks git
    (read-only: `git ls-files`, `git check-ignore`) whether the file is tracked, or untracked
    but not ignored, and reports it on the line of its first secret. Outside a git work tree
    it says that nothing keeps the file out of a commit.

    ## Why
    `.env` files exist to keep secrets out of code; committed, they are code. A file that is
    only untracked is one `git add .` away from the history.

    ## Example
    A `.env` with `CXONE_CLIENT_SECRET=...` and no `.env` line in `.gitignore`.

    ## Fix safety
    No automatic fix: add the file to `.gitignore`, `git rm --cached` it if tracked, commit an
    `.env.example` with placeholders instead, and rotate the secrets.

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
