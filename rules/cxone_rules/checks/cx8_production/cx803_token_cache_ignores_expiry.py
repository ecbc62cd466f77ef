from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import cxone_files, function_of, requests_in, token_uses
from cxone_rules.facts.kinds import CodeBlock, ConfigRead
from cxone_rules.facts.store import facts_of

DECORATORS = {
    "lru_cache": "functools.lru_cache keeps its first token for the life of the process",
    "cache": "functools.cache keeps its first token for the life of the process",
    "cached_property": "cached_property keeps its first token for the life of the object",
    "ttl-cache": "a TTL cache keeps each token for a fixed time",
    "memoize": "memoize keeps its first token for the life of the process",
}


class TokenCacheIgnoresExpiry(Rule):
    """A token cache that ignores the token's `expires_in`.

    ## What it does
    Reports a cached token whose expiry is a fixed time (`time.time() + 3600`,
    `timedelta(minutes=55)`, `Date.now() + 50 * 60 * 1000`) in a file that never reads
    `expires_in`, and a function that requests a CXone token cached by a decorator that knows
    nothing of expiry (`functools.lru_cache`, `functools.cache`, `cached_property`, a TTL
    cache).

    ## Why
    The token response says how long the token lasts (`expires_in`). A cache that keeps a
    token longer than that hands out an expired token: every call fails with 401 until the
    fixed time runs out. A cache without expiry (lru_cache) keeps the first token forever.

    ## Example
    ```python
    @functools.lru_cache(maxsize=1)
    def get_token() -> str:                      # CX803
        return requests.post(token_url, data=form, auth=basic, timeout=10).json()["access_token"]
    ```
    Instead, keep `time.monotonic() + body["expires_in"] - 60` with the token and fetch a
    new one when that passes.

    ## Fix safety
    No automatic fix.

    ## References
    - https://datatracker.ietf.org/doc/html/rfc6749#section-5.1 (expires_in)
    """

    code = "CX803"
    name = "token-cache-ignores-expiry"
    summary = "Token cached for a fixed time or forever, not for its expires_in"
    passed = "Token caches follow the token's expires_in"
    severity = Severity.WARNING
    tags = ("production", "tokens")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        store = facts_of(ctx)
        for rel in cxone_files(ctx):
            reads = {r.key for r in store.in_file(rel, ConfigRead)}
            for use in token_uses(ctx, rel, "expiry"):
                if use.lifetime != "constant" or use.refresh or "expires_in" in reads:
                    continue
                yield self.report(
                    rel,
                    use.start,
                    "the cached token expires after a fixed time, not after the expires_in of "
                    "the token response: when the token expires first, every call fails with "
                    "401 until the fixed time runs out",
                    end=use.end,
                    hint="compute the expiry from the response: now + expires_in - a margin",
                    key=use.holder or "fixed-ttl",
                )
            for block in store.in_file(rel, CodeBlock):
                if block.kind != "function" or block.decorator not in DECORATORS:
                    continue
                own = [r for r in requests_in(ctx, block) if function_of(ctx, r) == block]
                if not own:
                    continue
                yield self.report(
                    rel,
                    block.start,
                    f"{block.name}() requests a CXone token and {DECORATORS[block.decorator]}: "
                    "once that token expires, every caller gets an expired token and every "
                    "call fails with 401",
                    hint="cache the token with the expiry its response gives (expires_in), "
                    "not with a decorator",
                    key=f"{block.name}:{block.decorator}",
                )
