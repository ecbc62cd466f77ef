"""Subcommands a pack adds to the command line (`cxone-lint review`, `cxone-lint init`, ...).

A pack publishes a `Command` subclass in the entry-point group `cxone_lint.commands` under the
subcommand's name; the command line lists it without importing it and loads it only when it
runs. The engine hands the command a `CommandHost`: the shared options every project command
takes, settings and rule selection as `check` computes them, a run of the engine, and the one
way the tool writes a file. A command raises `SettingsError` for a usage error (exit 2).
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from cxone_lint.api.pack import RulePack
from cxone_lint.api.results import RunResult
from cxone_lint.api.rule import Rule
from cxone_lint.api.settings import Settings

ENTRY_POINT_GROUP = "cxone_lint.commands"


@dataclass
class Project:
    """Settings, the loaded packs and the codes enabled for a run (after every override)."""

    settings: Settings
    packs: Sequence[RulePack]
    rules: Mapping[str, type[Rule]]
    enabled: set[str] = field(default_factory=set)


class CommandHost(Protocol):
    def add_project_arguments(self, parser: argparse.ArgumentParser) -> None:
        """PATHS, --config, --isolated, --no-cache, --jobs and the packs' own flags (such as
        --manifest): what every command that reads a project accepts."""
        ...

    def add_output_arguments(
        self, parser: argparse.ArgumentParser, formats: Sequence[str], default: str
    ) -> None:
        """`--output-format/-o FORMAT` (one of `formats`; `md` means `markdown`) and `--output
        FILE`, spelled and checked as in every other command."""
        ...

    def prepare(self, args: argparse.Namespace) -> Project:
        """Settings found from the paths, packs loaded, selection applied; SettingsError on
        bad settings."""
        ...

    def select(self, project: Project, extend: Sequence[str]) -> set[str]:
        """The enabled codes with `extend` selected too (an explicit ignore still wins)."""
        ...

    def check_base(self, ref: str | None, root: Path) -> None:
        """A `--base REF` git cannot resolve is a usage error (SettingsError)."""
        ...

    def run(
        self,
        project: Project,
        args: argparse.Namespace,
        enabled: set[str] | None = None,
        inputs: Mapping[str, Any] | None = None,
    ) -> RunResult:
        """One engine run over the paths in `args` (no rule runs when `enabled` is empty)."""
        ...

    def write_output(self, path: Path, text: str, *, create_only: bool = False) -> None:
        """Write a file the user asked for (create_only: never replace an existing one);
        SettingsError when it cannot be written."""
        ...


class Command:
    """Base class of a pack's subcommand."""

    name: ClassVar[str]
    help: ClassVar[str]  # one line, shown in `cxone-lint --help`
    description: ClassVar[str] = ""
    examples: ClassVar[str] = ""  # shown under "examples:" in the command's --help

    def add_arguments(self, parser: argparse.ArgumentParser, host: CommandHost) -> None:
        host.add_project_arguments(parser)

    def run(self, args: argparse.Namespace, host: CommandHost) -> int:
        raise NotImplementedError
