"""The engine refuses a pack whose rules' metadata is incomplete; options must be documented."""

from __future__ import annotations

import pytest

from cxone_lint.api.pack import Option, RulePack
from cxone_lint.api.rule import Rule, validate_rule_class
from cxone_lint.run.registry import validated
from cxone_lint.run.settings import SettingsError

DOC = """Something is wrong.

## What it does
Reports it.

## Why
Because.

## Example
```python
x = 1
```
{options}
## Fix safety
No automatic fix.

## References
- https://example.invalid/doc
"""

OPTIONS = """
## Options
- `max-depth` (integer, default 3): how deep to look.
"""


def rule(options: tuple[str, ...] = (), section: str = "") -> type[Rule]:
    attrs = {
        "__doc__": DOC.format(options=section),
        "code": "ACME900",
        "name": "something-wrong",
        "summary": "Something is wrong",
        "options": options,
    }
    return type("SomethingWrong", (Rule,), attrs)


def pack(*rules: type[Rule]) -> RulePack:
    return RulePack("acme", "1", list(rules), options=[Option("max-depth", int, 3, "depth")])


def test_a_rule_with_documented_options_is_valid() -> None:
    assert validate_rule_class(rule(("max-depth",), OPTIONS)) == []
    assert validate_rule_class(rule()) == []
    assert validated([pack(rule(("max-depth",), OPTIONS))]).rules["ACME900"].options == (
        "max-depth",
    )


@pytest.mark.parametrize(
    ("options", "section", "problem"),
    [
        (
            ("max-depth",),
            "",
            "SomethingWrong: docstring lacks '## Options' (it reads max-depth)",
        ),
        (
            ("max-depth", "min-depth"),
            OPTIONS,
            "SomethingWrong: '## Options' does not document `min-depth`",
        ),
        ((), OPTIONS, "SomethingWrong: docstring has '## Options' but the rule declares none"),
    ],
)
def test_options_and_their_section_must_match(
    options: tuple[str, ...], section: str, problem: str
) -> None:
    assert validate_rule_class(rule(options, section)) == [problem]


def test_a_rule_option_the_pack_does_not_declare_is_refused() -> None:
    section = OPTIONS + "- `max-width` (integer): how wide.\n"
    with pytest.raises(SettingsError) as exc:
        validated([pack(rule(("max-depth", "max-width"), section))])
    assert str(exc.value) == (
        "invalid rule metadata:\n"
        "  acme: SomethingWrong: option `max-width` is not one of the pack's options"
    )


def test_the_built_in_rules_document_the_options_they_read() -> None:
    from cxone_rules import PACK

    reads = {r.code: r.options for r in PACK.rules if r.options}
    assert reads == {
        "CX004": ("manifest",),
        "CX207": ("service-account-patterns",),
        **{f"CX40{i}": ("secret-env-prefix",) for i in range(1, 6)},
        **{code: ("base-manifest",) for code in ("CX601", "CX602", "CX603", "CX604")},
        "CX611": ("base-manifest",),
        "CX612": ("base-manifest",),
    }
