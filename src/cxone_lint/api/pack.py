"""What a rule pack publishes: its rules, extractors and options (see cxone_lint.api.rule)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cxone_lint.api.extractor import Extractor
from cxone_lint.api.rule import Rule

if TYPE_CHECKING:
    from cxone_lint.api.context import FileResult


@dataclass(frozen=True)
class Option:
    """A pack setting accepted in [tool.cxone-lint] (validated like the engine's own keys)."""

    name: str
    type: type | tuple[type, ...]
    default: Any
    help: str
    choices: tuple[Any, ...] | None = None
    # A command-line flag that overrides the setting in every project command (e.g.
    # "--manifest"); the engine adds it, the pack does not touch the command line.
    flag: str | None = None
    # The value names a file of the project (e.g. the registration manifest): it must be
    # inside the root, and a run over the whole project lints it even when an exclude or
    # .gitignore would skip it (its findings must never be dropped silently).
    project_file: bool = False
    # The pack that declares it (the engine fills it in when it loads the pack); the option can
    # also be written in that pack's own table, e.g. [tool.cxone-lint.cxone].
    pack: str = ""


@dataclass
class RulePack:
    """What a rule pack publishes under the `cxone_lint.rules` entry-point group."""

    name: str
    version: str
    rules: Sequence[type[Rule]]
    extractors: Sequence[type[Extractor]] = ()
    options: Sequence[Option] = ()
    # File names that mark a project root (e.g. the registration manifest), so that
    # `cxone-lint check some/integration` finds that integration's root from anywhere.
    root_markers: Sequence[str] = ()
    # Optional: data for the pack's own subcommands (e.g. the review spec).
    extras: dict[str, Any] = field(default_factory=dict)
    # Optional: a directory of rule cases as files (<CODE>/<case>/, see cxone_lint.testing),
    # run with the rules' in-code VALID/INVALID cases by the test harness.
    cases: str | None = None
    # Where a rule's documentation is on the web (SARIF `helpUri`): a template with `{code}`,
    # `{name}`, `{anchor}` (the heading anchor of `## CODE name`, as GitHub makes it) and
    # `{repository}` (the Repository URL of the distribution that ships the pack).
    docs_url: str = ""
    # Codes the pack renamed (old code -> current code): the old ones keep working wherever a
    # user writes a code (suppression comments, select/ignore, per-file-ignores, baselines).
    aliases: dict[str, str] = field(default_factory=dict)
    # Optional, with extractors that triage (api/python.py `evidence`): given every file's
    # phase-one result, the files whose deferred extractors must run after all, because what
    # they would extract can reach the facts of a file that was analysed (its exports fill a
    # hole, its calls pass a parameter). The engine analyses those in full and asks again until
    # nothing more is wanted.
    demand: Callable[[Mapping[str, FileResult]], set[str]] | None = None

    def rule_by_code(self) -> dict[str, type[Rule]]:
        return {r.code: r for r in self.rules}
