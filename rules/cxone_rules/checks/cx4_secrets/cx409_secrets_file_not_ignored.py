from __future__ import annotations

import posixpath
from collections.abc import Iterator

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Position, Severity
from cxone_lint.api.document import Document
from cxone_lint.api.rule import Rule
from cxone_rules.analysis import secrets as sx
from cxone_rules.checks.cx4_secrets._common import CONFIG, _label

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
    it says that nothing keeps the file out of a commit.

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
    severity = Severity.ERROR

    def check(self, ctx: ProjectContext) -> Iterator[Diagnostic]:
        yield from self._served(ctx)
        holding = [
            (rel, facts)
            for rel, facts in ctx.facts(CONFIG)
            if facts.get("secrets") and not facts.get("checkmarx")
        ]
        if not holding:
            return
        states = ctx.git.status([rel for rel, _ in holding])
        for rel, facts in holding:
            found = list(facts["secrets"])
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
            kinds = sorted({_label(s["kind"]) for s in found})
            line, col = found[0]["start"]
            noun = "secret" if n == 1 else "secrets"
            diag = self.report(
                rel,
                Position(line, col),
                f"{rel} holds {n} real {noun} ({', '.join(kinds)}) and {state}",
                hint="ignore it in .gitignore, commit a placeholder example instead, rotate",
                key=f"file:{status or 'no-git'}",
            )
            yield diag.with_(sensitive=True)

    def _served(self, ctx: ProjectContext) -> Iterator[Diagnostic]:
        """`.env` files in a PHP web root that name secrets."""
        for rel, facts in ctx.facts(CONFIG):
            if facts.get("kind") != "env" or facts.get("example") or facts.get("test"):
                continue
            folder = posixpath.dirname(rel)
            if not any(ctx.exists(posixpath.join(folder, m)) for m in WEB_ROOT_MARKERS):
                continue
            access = ctx.read_text(posixpath.join(folder, ".htaccess")) or ""
            if ".env" in access or "\\.env" in access:
                continue
            doc = ctx.document(rel, "env")
            if not isinstance(doc, Document):
                continue
            names: list[tuple[str, Position]] = []
            for path, _value in doc.leaves():
                key = path[-1] if path and isinstance(path[-1], str) else ""
                if key and sx.secret_kind_for_name(key) in SECRET_KINDS:
                    pos = doc.position(path)
                    names.append((key, Position(pos.line, 1)))
            if not names:
                continue
            shown = ", ".join(n for n, _ in names[:3]) + (", ..." if len(names) > 3 else "")
            base = posixpath.basename(rel)
            diag = self.report(
                rel,
                names[0][1],
                f"{rel} is in a PHP web root (beside {posixpath.join(folder, 'index.php')}): "
                f"a web server serves it as /{base}, with the {shown} set at deploy",
                hint="move it out of the document root (serve public/), or deny it in the server",
                key="web-root",
            )
            yield diag.with_(sensitive=True)
