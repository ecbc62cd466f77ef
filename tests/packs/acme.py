"""A small third-party-style pack (prefix ACME): one Python extractor, one config extractor,
two rules, one of them fixable. It proves the engine knows nothing of CXone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import libcst as cst
from libcst.metadata import PositionProvider

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Applicability, Diagnostic, Edit, Fix, Position, Severity
from cxone_lint.api.extractor import Extractor
from cxone_lint.api.pack import Option, RulePack
from cxone_lint.api.python import PythonExtractor
from cxone_lint.api.rule import Case, Rule, expect


class DebugCalls(PythonExtractor):
    name = "acme.debug"
    prefilter = ("pdb",)
    METADATA_DEPENDENCIES = (PositionProvider,)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.value.value == "pdb"
            and func.attr.value == "set_trace"
        ):
            r = self.get_metadata(PositionProvider, node)
            self.facts.setdefault("calls", []).append(
                [r.start.line, r.start.column + 1, r.end.line, r.end.column + 1]
            )


class OwnerKeys(Extractor):
    name = "acme.owner"
    kinds = frozenset({"toml"})

    def extract_document(self, doc: object) -> None:
        from cxone_lint.api.document import Document

        assert isinstance(doc, Document)
        owner = doc.get(("owner",))
        if isinstance(owner, str):
            p = doc.position(("owner",))
            self.facts["owner"] = [owner, p.line, p.column]


class NoDebugger(Rule):
    """Debugger calls left in code.

    ## What it does
    Reports `pdb.set_trace()`.

    ## Why
    A debugger call blocks a server.

    ## Example
    ```python
    pdb.set_trace()
    ```

    ## Fix safety
    Safe: the call is replaced by `None`.

    ## References
    - https://docs.python.org/3/library/pdb.html
    """

    code = "ACME101"
    name = "no-debugger"
    summary = "Debugger call left in code"
    severity = Severity.ERROR
    fixable = "safe"
    VALID = (Case({"a.py": "import pdb\n"}),)
    INVALID = (
        Case({"a.py": "import pdb\npdb.set_trace()\n"}, [expect("ACME101", "a.py", 2)]),
        Case(
            {"a.py": "import pdb\nx = 1; pdb.set_trace()\r\n"},
            fixed={"a.py": "import pdb\nx = 1; None\r\n"},
        ),
    )

    def check(self, ctx: ProjectContext) -> Iterator[Diagnostic]:
        for path, facts in ctx.facts("acme.debug"):
            for sl, sc, el, ec in facts.get("calls", []):
                start, end = Position(sl, sc), Position(el, ec)
                edit = Edit(path, start, end, "None")
                fix = Fix("replace with None", (edit,), Applicability.SAFE)
                yield self.report(path, start, end=end, fix=fix)


class OwnerRequired(Rule):
    """The owner key must be an email address.

    ## What it does
    Checks `owner` in TOML files.

    ## Why
    Someone must be reachable.

    ## Example
    ```toml
    owner = "nobody"
    ```

    ## Fix safety
    No fix.

    ## References
    - https://example.com/owners
    """

    code = "ACME201"
    name = "owner-email"
    summary = "Owner is not an email address"
    VALID = (Case({"x.toml": 'owner = "a@b.example"\n'}),)
    INVALID = (Case({"x.toml": '\n\nowner = "nobody"\n'}, [expect("ACME201", "x.toml", 3)]),)

    def check(self, ctx: ProjectContext) -> Iterator[Diagnostic]:
        for path, facts in ctx.facts("acme.owner"):
            owner, line, col = facts["owner"]
            if "@" not in owner:
                yield self.report(path, Position(line, col), f"owner {owner!r} is not an email")


PACK = RulePack(
    name="acme",
    version="1.0",
    rules=[NoDebugger, OwnerRequired],
    extractors=[DebugCalls, OwnerKeys],
    options=[Option("acme-level", int, 1, "an integer option")],
    # Cases as files too, next to the in-code VALID/INVALID ones (cxone_lint.testing runs both).
    cases=str(Path(__file__).parent / "acme_cases"),
)
