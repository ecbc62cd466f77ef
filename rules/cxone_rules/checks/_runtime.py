"""Shared by the CX8xx and CX9xx rules: where facts sit (functions, loops), which functions
obtain, spend or hand out tokens across the project's files, and what the app is."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from cxone_lint.api.facts import Fact
from cxone_rules.facts.kinds import (
    CodeBlock,
    HttpRoute,
    Import,
    ModuleRef,
    Sink,
    TokenRequest,
    TokenUse,
)
from cxone_rules.facts.linker import absolute_module, python_module_name
from cxone_rules.facts.profile import (
    code_files,
    cxone_requests,
    governing_app,
    is_cxone_code,
)
from cxone_rules.facts.store import facts_of

F = TypeVar("F", bound=Fact)

LIFETIME = "CXone access tokens expire after `expires_in` seconds, typically 3600"
OIDC = ("token", "discovered", "unknown")


def cxone_files(ctx: Any) -> list[str]:
    """Code files (not tests) that are about CXone, in path order."""
    return [rel for rel in code_files(ctx) if is_cxone_code(ctx, rel)]


def facts_in(ctx: Any, kind: type[F], files: Sequence[str] | None = None) -> Iterator[F]:
    store = facts_of(ctx)
    for rel in files if files is not None else cxone_files(ctx):
        yield from store.in_file(rel, kind)


def contains(outer: Fact, inner: Fact) -> bool:
    """`inner` lies within `outer`'s range (same file)."""
    if outer.file != inner.file:
        return False
    start = (outer.line, outer.column)
    end = (outer.end_line, outer.end_column)
    return start <= (inner.line, inner.column) and (inner.end_line, inner.end_column) <= end


def blocks_around(ctx: Any, fact: Fact, kind: str) -> list[CodeBlock]:
    """The functions (or loops) whose range holds `fact`, outermost first."""
    store = facts_of(ctx)
    found = [b for b in store.in_file(fact.file, CodeBlock) if b.kind == kind and contains(b, fact)]
    return sorted(found, key=lambda b: (b.line, b.column))


def function_of(ctx: Any, fact: Fact) -> CodeBlock | None:
    found = blocks_around(ctx, fact, "function")
    return found[-1] if found else None


def requests_in(ctx: Any, block: Fact) -> list[TokenRequest]:
    return [r for r in cxone_requests(ctx) if contains(block, r)]


def app_type(ctx: Any, rel: str) -> str | None:
    """The governing app's registered type, or None without a manifest."""
    governed = governing_app(ctx, rel)
    return governed[1].type if governed is not None else None


def backend_like(ctx: Any, rel: str) -> bool:
    """The code runs as a back-end or confidential app: registered so, or (without a
    manifest) it authenticates as the client or as the API user."""
    kind = app_type(ctx, rel)
    if kind is not None:
        return kind in ("backend", "confidential")
    for req in cxone_requests(ctx):
        if req.grant_type in ("password", "client_credentials") or req.auth_method in (
            "client_secret_basic",
            "client_secret_post",
        ):
            return True
    return False


# -- names across files -------------------------------------------------------------------------


def imports_of(ctx: Any, rel: str) -> list[Import]:
    """The file's imports, CommonJS `require` bindings (ModuleRef) read as imports."""
    store = facts_of(ctx)
    out = list(store.in_file(rel, Import))
    for ref in store.in_file(rel, ModuleRef):
        out.append(
            Import(
                line=ref.line,
                column=ref.column,
                end_line=ref.end_line,
                end_column=ref.end_column,
                file=ref.file,
                language=ref.language,
                local=ref.local,
                module=ref.module,
                name=ref.name,
            )
        )
    return out


def _module_matches(rel: str, imp: Import) -> bool:
    """The import names the module `rel` is (relative imports resolved, src/ layouts)."""
    if not rel.endswith(".py"):
        from cxone_rules.facts.linker import JavaScriptModules

        mod = JavaScriptModules().module_of(rel)
        return mod is not None and (imp.module == mod or mod.endswith("." + imp.module))
    mine = python_module_name(rel)
    wanted = absolute_module(imp.module, imp.file)
    return mine == wanted or mine.endswith("." + wanted)


def imported_into(ctx: Any, rel: str, name: str) -> list[Import]:
    """Imports of `name` from the module `rel` in other files (`from .client import session`)."""
    store = facts_of(ctx)
    out = []
    for other in store.files():
        if other == rel:
            continue
        for imp in imports_of(ctx, other):
            if imp.name == name and _module_matches(rel, imp):
                out.append(imp)
    return out


def callable_from(ctx: Any, rel: str, callee: str) -> list[tuple[str, str]]:
    """(file, function name) a call written in `rel` may reach: a function of the same file
    (`get_token`, `self.get_token` -> `Class.get_token`), or of a module it imports
    (`auth.get_token`, `get_token` imported by name)."""
    store = facts_of(ctx)
    last = callee.rsplit(".", 1)[-1]
    out: list[tuple[str, str]] = [(rel, last)]
    imports = imports_of(ctx, rel)
    root = callee.split(".")[0]
    for imp in imports:
        if imp.local not in (root, callee) and imp.local != last:
            continue
        for other in store.files():
            if other == rel:
                continue
            if imp.name and imp.local == last and _module_matches(other, imp):
                out.append((other, imp.name))
            elif not imp.name and imp.local == root and _module_matches(other, imp):
                out.append((other, last))
            elif imp.name and imp.local == root and _module_matches(other, imp):
                # `from app.cxone import CLIENT` then `CLIENT.agents()`: an object of that
                # module, whose class's method (`Client.agents`) is defined there.
                out.append((other, last))
            elif imp.name and imp.local == root:
                # `from pkg import auth` then `auth.get_token()`: the submodule pkg.auth.
                sub = Import(**_HEAD, local=root, module=f"{imp.module}.{imp.name}", name="")
                sub = _with_file(sub, imp.file)
                if _module_matches(other, sub):
                    out.append((other, last))
    return out


_HEAD: dict[str, Any] = {"line": 1, "column": 1, "end_line": 1, "end_column": 1}


def _with_file(imp: Import, file: str) -> Import:
    import dataclasses

    return dataclasses.replace(imp, file=file)


def functions_named(ctx: Any, rel: str, name: str) -> list[CodeBlock]:
    """Functions of `rel` called `name` (`get_token` also matches `Auth.get_token`)."""
    store = facts_of(ctx)
    return [
        b
        for b in store.in_file(rel, CodeBlock)
        if b.kind == "function" and (b.name == name or b.name.endswith("." + name))
    ]


def token_uses(ctx: Any, rel: str, action: str) -> list[TokenUse]:
    return [u for u in facts_of(ctx).in_file(rel, TokenUse) if u.action == action]


def function_does(ctx: Any, rel: str, callee: str, action: str) -> TokenUse | None:
    """The TokenUse(`action`) of a function a call in `rel` reaches (spend, hand), if any."""
    for file, name in callable_from(ctx, rel, callee):
        for use in token_uses(ctx, file, action):
            if use.func == name or use.func.endswith("." + name):
                return use
    return None


def fetcher(ctx: Any, rel: str, callee: str) -> tuple[CodeBlock, TokenRequest] | None:
    """The function a call reaches that requests a CXone token each time it runs (it keeps
    nothing: no attribute, global or cache, no caching decorator), with its request."""
    for file, name in callable_from(ctx, rel, callee):
        for block in functions_named(ctx, file, name):
            if block.caches or block.decorator:
                continue
            inner = [
                r
                for r in requests_in(ctx, block)
                if function_of(ctx, r) == block and r.grant_type != "refresh_token"
            ]
            if inner:
                return block, inner[0]
    return None


# -- routes ---------------------------------------------------------------------------------------


def route_label(route: HttpRoute) -> str:
    method = "/".join(route.methods) if route.methods else ""
    path = route.path.render() if route.path is not None else (route.handler or "this route")
    return f"{method} {path}".strip()


def route_spends(ctx: Any, route: HttpRoute) -> bool:
    """The handler sends a bearer to CXone itself or through a helper it calls (in its own
    file or one it imports), or calls through a holder a bearer was set into."""
    if route.spends_token:
        return True
    store = facts_of(ctx)
    holders = {u.holder for u in store.in_file(route.file, TokenUse) if u.action == "store"}
    for call in route.calls:
        receiver = call.rsplit(".", 1)[0] if "." in call else ""
        if receiver and receiver in holders:
            return True
        for imp in imports_of(ctx, route.file):
            if not receiver or imp.local != receiver or not imp.name:
                continue
            for other in store.files():
                if other == route.file or not _module_matches(other, imp):
                    continue
                if any(
                    u.action == "store" and u.holder == imp.name
                    for u in store.in_file(other, TokenUse)
                ):
                    return True
        if function_does(ctx, route.file, call, "spend") is not None:
            return True
    return False


def route_hands(ctx: Any, route: HttpRoute) -> str:
    """What token the route's response carries: its own return, or a helper's it returns."""
    if route.returns_token:
        return route.returns_token
    for call in route.returned_calls:
        use = function_does(ctx, route.file, call, "hand")
        if use is not None:
            return use.source
    return ""


def route_obtains_user_token(ctx: Any, route: HttpRoute) -> bool:
    """The route is an OAuth callback: it redeems an authorization code (the user's token)."""
    return any(r.grant_type == "authorization_code" for r in requests_in(ctx, route))


def written_out_in(ctx: Any, route: HttpRoute) -> bool:
    """CX406 already reports a token written into this handler's response."""
    return any(
        s.sink == "HTTP response" and contains(route, s)
        for s in facts_of(ctx).in_file(route.file, Sink)
    )
