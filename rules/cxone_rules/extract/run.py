"""The run every one-grammar tree-sitter language shares: one program, one evaluator, one
semantic pass per file, giving the file's typed facts (facts/kinds.py) in one batch.

A language gives its `Program` class, its evaluator tables, its `Library`, an `extra` hook
for what only it has (PHP's curl TLS options, PowerShell's certificate callbacks), and which
calls are requests by their name alone (`sends`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from cxone_lint.api.extractor import Extractor
from cxone_lint.api.facts import BATCH_KEY, Fact, encode_batch
from cxone_rules.extract import ir
from cxone_rules.extract.evaluate import Evaluator
from cxone_rules.extract.semantics import Library, Semantics


def analyse(
    parsed: Any,
    rel: str,
    *,
    memo_key: str,
    program: Callable[[Any, str], Any],
    evaluator: Callable[[Any], Evaluator],
    library: Library,
    is_test: bool,
    extra: Callable[[Semantics, Any], None] | None = None,
    sends: Callable[[str], bool] | None = None,
) -> list[Fact]:
    """The typed facts of one parsed file (computed once per parse)."""
    memo = parsed.memo.get(memo_key)
    if memo is not None:
        return memo  # type: ignore[no-any-return]
    prog = program(parsed, rel)
    ev = evaluator(prog)
    sem = Semantics(prog, ev, library, rel, is_test)
    text = parsed.source.text
    wanted_comments = (
        [c for c in parsed.comments() if "eyJ" in c[3] or "access_token=" in c[3]]
        if "eyJ" in text or "access_token=" in text
        else []
    )
    cands = prog.candidates()
    if sends is not None:
        # Calls that can only be HTTP requests (curl_exec, Invoke-RestMethod) are read on their
        # own too, first, so that the sinks know their responses: a token request whose body
        # and URL are parameters has no other anchor.
        for call in cands.calls:
            if sends(ir.callee(call)):
                send = sem.send(call)
                if send is not None:
                    sem._request(send, None)
    sem.run(cands, wanted_comments)
    if extra is not None:
        extra(sem, cands)
    parsed.memo[memo_key] = sem.out
    return sem.out


class TreeExtractor(Extractor):
    """The extractor of a tree-sitter language: every CXone fact of a file, from one analysis,
    stored as one batch in the language's name (`language`)."""

    language: ClassVar[str] = ""
    prefilter_lower: ClassVar[tuple[str, ...]] = ()

    def wants(self) -> bool:
        # Case-blind: a superset of Extractor.wants on the same words.
        lowered = self.text.lower()
        return any(w in lowered for w in self.prefilter_lower)

    def run(self, parsed: Any) -> list[Fact]:
        raise NotImplementedError

    def extract_tree(self, parsed: Any) -> None:
        self.facts = {BATCH_KEY: encode_batch(self.run(parsed), self.language)}
