from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.rule import Rule
from cxone_rules.checks._runtime import (
    blocks_around,
    cxone_files,
    facts_in,
    fetcher,
)
from cxone_rules.facts.kinds import LoopCall
from cxone_rules.facts.profile import cxone_requests
from cxone_rules.facts.store import facts_of


class TokenPerCall(Rule):
    """A new token requested for every item of a loop.

    ## What it does
    Reports a CXone token request that runs once per item of a loop (or per turn of a polling
    loop): written inside the loop, or in a function called from it that keeps nothing it
    obtains (no attribute, global, cache entry or caching decorator). A request whose
    arguments use the loop's item (a token per environment or per tenant) is not reported, nor
    a bounded retry (`for attempt in range(3)`) or a loop that stops once it has a token.

    ## Why
    A token lasts `expires_in` seconds (typically an hour) and is meant to be reused. A token
    per item doubles every call, sends the client secret and the access key over the wire
    thousands of times, and runs into the token service's rate limits: the run slows down and
    then fails with 429 or 401 responses from the token endpoint.

    ## Example
    ```python
    for agent_id in agent_ids:
        token = get_token()          # CX802: a new token per agent
        requests.get(f"{base}/agents/{agent_id}", headers=bearer(token), timeout=10)
    ```
    Instead, get the token once (or from a cache that renews it before `expires_in`).

    ## Fix safety
    No automatic fix.

    ## References
    - https://developer.niceincontact.com/FAQ (get new tokens before they expire)
    """

    code = "CX802"
    name = "token-per-call"
    summary = "New token requested for every item of a loop"
    passed = "No token is requested for every item of a loop"
    severity = Severity.WARNING
    tags = ("production", "tokens")

    def check(self, ctx: Any) -> Iterable[Diagnostic]:
        store = facts_of(ctx)
        files = set(cxone_files(ctx))
        for req in cxone_requests(ctx):
            if req.file not in files or req.grant_type == "refresh_token":
                continue
            if not blocks_around(ctx, req, "loop"):
                continue
            same = [
                c
                for c in store.in_file(req.file, LoopCall)
                if (c.line, c.column) == (req.line, req.column)
            ]
            if same and same[0].item:
                continue
            yield self.report(
                req.file,
                req.start,
                "a new token is requested for every item of this loop: each one repeats the "
                "token request (client secret and access key sent again), slows the run and "
                "meets the token service's rate limits",
                end=req.end,
                hint="request the token once before the loop, or from a cache that renews it "
                "before expires_in",
                key="in-loop",
            )
        for call in facts_in(ctx, LoopCall, sorted(files)):
            if call.item or not call.callee:
                continue
            found = fetcher(ctx, call.file, call.callee)
            if found is None:
                continue
            block, _req = found
            yield self.report(
                call.file,
                call.start,
                f"{call.callee}() requests a new CXone token each time and keeps none, and "
                "this loop calls it for every item: each one repeats the token request, "
                "slows the run and meets the token service's rate limits",
                end=call.end,
                hint=f"call {call.callee}() once before the loop, or cache its token in "
                f"{block.name}() until shortly before expires_in",
                key=call.callee,
            )
