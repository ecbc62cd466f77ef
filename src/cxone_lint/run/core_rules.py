"""The engine's own findings (CX0xx tool family): files it cannot read or parse, rules that
crash, and suppression comments that are malformed, unknown or unused.

The engine emits these itself (in analysis and in the suppression pass); the classes carry the
documentation, severity and test cases like any other rule, so they are listed, selectable and
ignorable the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from cxone_lint import __version__
from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.pack import RulePack
from cxone_lint.api.rule import Case, Rule, expect


class _EngineRule(Rule):
    def check(self, ctx: object) -> Iterable[Diagnostic]:
        return ()


class SyntaxErrorRule(_EngineRule):
    """A file that should be analysed cannot be parsed.

    ## What it does
    Reports a Python, TOML, JSON, YAML or .env file that its parser rejects, on the line where
    the parser stopped.

    ## Why
    A file that cannot be parsed cannot be checked. Passing it silently would let anything in
    it through the gate, so it is a finding that fails the run.

    ## Example
    ```python
    TOKEN_URL = "https://cxone.niceincontact.com/auth/token
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://docs.python.org/3/reference/grammar.html
    """

    code = "CX001"
    name = "syntax-error"
    summary = "File cannot be parsed"
    passed = "Every file parses"
    severity = Severity.ERROR
    INVALID = (
        Case({"app.py": "import requests\nx = (\n"}, [expect("CX001", "app.py", 2)]),
        Case({"conf.json": '{"client_id": }'}, [expect("CX001", "conf.json", 1)]),
    )
    VALID = (Case({"app.py": "import requests\n"}),)


class UnreadableFileRule(_EngineRule):
    """A file could not be read: permissions, binary content, undecodable bytes, or too large.

    ## What it does
    Reports each file that was found but not analysed, and why (unreadable, NUL bytes, not
    valid in its encoding, larger than 10 MB, vanished during the run).

    ## Why
    Every file found is accounted for: analysed, or skipped with a stated reason. A silent
    skip would look like a clean pass.

    ## Example
    A `settings.py` saved as Latin-1 without a coding declaration.

    ## Fix safety
    No automatic fix.

    ## References
    - https://peps.python.org/pep-0263/
    """

    code = "CX002"
    name = "unreadable-file"
    summary = "File could not be read or decoded"
    passed = "Every file found was read"
    INVALID = (
        Case(
            {"settings.py": "# caf\udce9\nX = 1\n"},
            [expect("CX002", "settings.py", 1)],
            note="the test harness writes surrogate escapes as raw bytes",
        ),
    )
    VALID = (Case({"settings.py": "# café\nX = 1\n"}),)


class InternalErrorRule(_EngineRule):
    """A rule raised an exception; its findings for this run are missing.

    ## What it does
    Reports, under the failing rule's pack, that a rule crashed, naming the rule. Every other
    rule still runs; the run exits 2 because its result is incomplete.

    ## Why
    A crash must never look like a clean pass.

    ## Example
    A third-party rule that assumes a manifest key is always a string.

    ## Fix safety
    No automatic fix. Report the bug to the pack's authors.

    ## References
    - https://github.com/astral-sh/ruff/blob/main/docs/linter.md
    """

    code = "CX003"
    name = "internal-error"
    summary = "A rule crashed"
    passed = "No rule crashed"
    severity = Severity.ERROR


class UnusedSuppressionRule(_EngineRule):
    """A suppression comment names a code that reported nothing there.

    ## What it does
    Reports each code in a `# noqa:` comment whose rule ran and found nothing to suppress on
    that line (or in that file, for the file-level form).

    ## Why
    Stale suppressions hide the next real finding on the same line and mislead reviewers.

    ## Example
    ```python
    TIMEOUT = 30  # noqa: CX401
    ```

    ## Fix safety
    No automatic fix yet: remove the code from the comment.

    ## References
    - https://docs.astral.sh/ruff/rules/unused-noqa/
    """

    code = "CX010"
    name = "unused-suppression"
    summary = "Suppression comment suppresses nothing"
    passed = "Every suppression comment suppresses a finding"
    VALID = (Case({"app.py": "x = 1  # noqa: E501\n"}),)
    INVALID = (
        Case(
            {"app.py": "x = 1\ny = 2  # noqa: CX001\n"},
            [expect("CX010", "app.py", 2)],
            settings={"extend-select": ["CX001"]},
        ),
    )


class UnknownSuppressionCodeRule(_EngineRule):
    """A suppression comment names a code no loaded rule pack defines.

    ## What it does
    Reports codes with a loaded pack's prefix (e.g. `CX`) that no rule has. Codes of other
    tools (`E501`, `S105`) are left alone.

    ## Why
    A typo in a suppression (`CX4O1`) would otherwise look like a suppression that works.

    ## Example
    ```python
    SECRET = os.environ["SECRET"]  # noqa: CX999
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://docs.astral.sh/ruff/linter/#error-suppression
    """

    code = "CX011"
    name = "unknown-suppression-code"
    summary = "Suppression names an unknown rule code"
    passed = "Every suppression names a known rule code"
    INVALID = (Case({"app.py": "x = 1  # noqa: CX999\n"}, [expect("CX011", "app.py", 1)]),)
    VALID = (Case({"app.py": "x = 1  # noqa: S105\n"}),)


class MalformedSuppressionRule(_EngineRule):
    """A suppression comment for cxone-lint that cannot be parsed strictly.

    ## What it does
    Reports `# noqa:` comments that mention a cxone-lint code but do not follow the grammar
    `# noqa: CODE[, CODE...] [reason]`, and `# cxone-lint: noqa` without codes.

    ## Why
    Codes are parsed strictly so prose can never widen a suppression; a comment that looks
    like a suppression but is not one deserves to be told.

    ## Example
    ```python
    x = 1  # noqa: CX401,because  (a reason where a code was expected)
    ```

    ## Fix safety
    No automatic fix.

    ## References
    - https://flake8.pycqa.org/en/latest/user/violations.html#in-line-ignoring-errors
    """

    code = "CX012"
    name = "malformed-suppression"
    summary = "Suppression comment does not follow the grammar"
    passed = "Every suppression comment follows the grammar"
    INVALID = (Case({"app.py": "x = 1  # cxone-lint: noqa\n"}, [expect("CX012", "app.py", 1)]),)
    VALID = (Case({"app.py": "x = 1  # noqa\n"}),)


# Every rule of this distribution (the engine's and the CXone pack's) is documented in
# docs/rules.md, generated from the rules (`python -m cxone_lint.cli.docs docs/rules.md`).
RULE_DOCS = "{repository}/blob/main/docs/rules.md#{anchor}"

CORE_PACK = RulePack(
    name="core",
    version=__version__,
    rules=[
        SyntaxErrorRule,
        UnreadableFileRule,
        InternalErrorRule,
        UnusedSuppressionRule,
        UnknownSuppressionCodeRule,
        MalformedSuppressionRule,
    ],
    docs_url=RULE_DOCS,
)
