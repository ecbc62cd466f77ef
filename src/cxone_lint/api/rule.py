"""The Rule API that rule packs implement.

Linting runs in two phases (see engine.py):

1. Each file is read once and turned into *facts* by the pack's extractors (one batched libcst
   pass for Python; position-aware documents for TOML/JSON/YAML/.env). Facts are plain JSON
   data, cached by content hash, and must never hold a secret value.
2. Rules then run once per project over all facts (and any document they load, such as the
   registration manifest) and yield diagnostics. They never parse Python themselves, which keeps
   them fast, cacheable and able to compare code with configuration across files.

A pack is one `RulePack` object published in the entry-point group `cxone_lint.rules`.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from cxone_lint.api.diagnostics import Diagnostic, Fix, Position, Related, Severity

if TYPE_CHECKING:
    from cxone_lint.api.context import ProjectContext

CODE_RE = re.compile(r"^[A-Z]{1,6}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
DOC_SECTIONS = ("What it does", "Why", "Example", "Fix safety", "References")
# Required, between Example and Fix safety, in the docstring of a rule that declares `options`.
OPTIONS_SECTION = "Options"


@dataclass(frozen=True)
class Expect:
    """One expected finding in a test case: exact code, file and line."""

    code: str
    path: str
    line: int


@dataclass(frozen=True)
class Case:
    """A tiny project (file path -> text) and exactly what the rule must report on it.

    `expect` empty means a valid case. `fixed` maps paths to their exact text after `--fix`
    (with `unsafe=True`, unsafe fixes are applied too).
    """

    files: Mapping[str, str]
    expect: Sequence[Expect] = ()
    fixed: Mapping[str, str] | None = None
    unsafe: bool = False
    settings: Mapping[str, Any] = field(default_factory=dict)
    note: str = ""
    # Files as committed at a git base revision: the harness makes a git repository, commits
    # these, writes `files` over them and runs with `--base HEAD` (lifecycle checks).
    base: Mapping[str, str] | None = None


def expect(code: str, path: str, line: int) -> Expect:
    return Expect(code, path, line)


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement `check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    # The check as passed, for reports that list what passed (`cxone-lint review`): "The
    # business unit is a BU number", where the summary names the failure.
    passed: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    # "none", "safe" or "unsafe": what `--fix` can do for this rule, shown in the docs.
    fixable: ClassVar[str] = "none"
    # Off unless selected explicitly (e.g. noisy or opinionated checks).
    default_enabled: ClassVar[bool] = True
    tags: ClassVar[tuple[str, ...]] = ()
    # Names of the pack options (RulePack.options) that change what this rule reports; each is
    # documented in the docstring's "## Options" section, and the pack must declare it.
    options: ClassVar[tuple[str, ...]] = ()
    VALID: ClassVar[Sequence[Case]] = ()
    INVALID: ClassVar[Sequence[Case]] = ()

    def check(self, ctx: ProjectContext) -> Iterable[Diagnostic]:
        raise NotImplementedError

    # -- helpers for subclasses ----------------------------------------------------------------

    def report(
        self,
        path: str,
        start: Position,
        message: str | None = None,
        *,
        end: Position | None = None,
        fix: Fix | None = None,
        hint: str | None = None,
        key: str | None = None,
        severity: Severity | None = None,
        related: tuple[Related, ...] = (),
    ) -> Diagnostic:
        return Diagnostic(
            code=self.code,
            message=message or self.summary,
            path=path,
            start=start,
            end=end,
            severity=severity or self.severity,
            fix=fix,
            hint=hint,
            key=key,
            rule_name=self.name,
            related=related,
        )

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """The docstring split on its `## Section` headings."""
        sections: dict[str, str] = {}
        current = "_intro"
        lines: list[str] = []
        for line in cls.doc().splitlines():
            if line.startswith("## "):
                sections[current] = "\n".join(lines).strip()
                current, lines = line[3:].strip(), []
            else:
                lines.append(line)
        sections[current] = "\n".join(lines).strip()
        return sections

    @classmethod
    def metadata(cls) -> dict[str, Any]:
        return {
            "code": cls.code,
            "name": cls.name,
            "summary": cls.summary,
            "passed": cls.passed,
            "severity": str(cls.severity),
            "fixable": cls.fixable,
            "default_enabled": cls.default_enabled,
            "tags": list(cls.tags),
            "doc": cls.doc(),
        }


def validate_rule_class(rule: type[Rule]) -> list[str]:
    """Problems with a rule's metadata; the engine refuses to load a pack with any."""
    problems: list[str] = []
    code = getattr(rule, "code", "")
    if not CODE_RE.match(code or ""):
        problems.append(f"{rule.__name__}: code {code!r} is not like 'ABC123'")
    if not NAME_RE.match(getattr(rule, "name", "") or ""):
        problems.append(f"{rule.__name__}: name must be kebab-case")
    if not getattr(rule, "summary", ""):
        problems.append(f"{rule.__name__}: summary is missing")
    sections = rule.doc_sections()
    for section in DOC_SECTIONS:
        if section not in sections:
            problems.append(f"{rule.__name__}: docstring lacks '## {section}'")
    problems.extend(_options_problems(rule, sections.get(OPTIONS_SECTION)))
    if rule.fixable not in ("none", "safe", "unsafe"):
        problems.append(f"{rule.__name__}: fixable must be none, safe or unsafe")
    return problems


def _options_problems(rule: type[Rule], documented: str | None) -> list[str]:
    """A rule's options and its '## Options' section must match: each option is named there as
    `name`, and a section without declared options documents nothing the engine knows of."""
    options = tuple(getattr(rule, "options", ()) or ())
    if not options:
        if documented is not None:
            return [f"{rule.__name__}: docstring has '## Options' but the rule declares none"]
        return []
    if documented is None:
        return [f"{rule.__name__}: docstring lacks '## Options' (it reads {', '.join(options)})"]
    return [
        f"{rule.__name__}: '## Options' does not document `{name}`"
        for name in options
        if f"`{name}`" not in documented
    ]
