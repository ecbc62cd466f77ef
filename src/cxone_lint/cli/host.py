"""What the engine gives a pack's subcommand (cxone_lint.api.command.CommandHost).

Pack commands are published in the entry-point group `cxone_lint.commands` and loaded only
when they run; they reach settings, rule selection, the engine and file writing through the
host below, so every command speaks the same options and obeys the same rules.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from cxone_lint.api.command import ENTRY_POINT_GROUP, Command, Project
from cxone_lint.api.errors import SettingsError
from cxone_lint.api.results import RunResult
from cxone_lint.run.registry import Registry


def pack_commands() -> dict[str, Any]:
    """name -> entry point of every pack subcommand (nothing imported yet)."""
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def load_command(name: str) -> Command:
    ep = pack_commands()[name]
    try:
        cls = ep.load()
    except Exception as exc:
        raise SettingsError(
            f"command '{name}' ({ep.value}) failed to load: {type(exc).__name__}: {exc}"
        ) from None
    if not (isinstance(cls, type) and issubclass(cls, Command)):
        raise SettingsError(f"command '{name}' ({ep.value}) is not a cxone_lint Command")
    return cls()


def add_pack_flags(parser: argparse.ArgumentParser, registry: Registry) -> None:
    """The flags packs declare for their options (e.g. `--manifest FILE`)."""
    for option in registry.options:
        if option.flag:
            help_text = option.help
            if option.project_file:
                help_text += "; on the command line, relative to the working directory"
            parser.add_argument(
                option.flag,
                dest=_dest(option.flag),
                metavar="FILE" if option.project_file else None,
                help=help_text,
            )


def apply_pack_flags(
    args: argparse.Namespace,
    registry: Registry,
    options: dict[str, Any],
    root: Path | None = None,
) -> None:
    """Flags given override the settings. A flag naming a file must name one that exists in
    the project (`--manifest nope.toml` is exit 2, never a run without the manifest)."""
    for option in registry.options:
        if option.flag:
            value = getattr(args, _dest(option.flag), None)
            if value is not None:
                if option.project_file and root is not None and value:
                    from cxone_lint.cli.check import project_file

                    value = project_file(option.flag, value, root)
                options[option.name] = value


def _dest(flag: str) -> str:
    return "pack_" + flag.lstrip("-").replace("-", "_")


class EngineHost:
    def __init__(self, registry: Registry | None = None) -> None:
        from cxone_lint.cli import check

        self.registry = registry or check.load_registry()
        self.root: Path | None = None

    def add_project_arguments(self, parser: argparse.ArgumentParser) -> None:
        from cxone_lint.cli.options import add_run, add_settings

        parser.add_argument(
            "paths", nargs="*", type=Path, help="files or directories (default: the whole project)"
        )
        add_settings(parser)
        add_run(parser)
        add_pack_flags(parser, self.registry)

    def add_output_arguments(
        self, parser: argparse.ArgumentParser, formats: Sequence[str], default: str
    ) -> None:
        from cxone_lint.cli.options import FORMAT_ALIASES, format_choice

        aliases = [a for a, name in FORMAT_ALIASES.items() if name in formats]
        also = f" ({', '.join(f'{a} for {FORMAT_ALIASES[a]}' for a in aliases)})" if aliases else ""
        parser.add_argument(
            "--output-format",
            "-o",
            type=format_choice(formats),
            default=default,
            metavar="FORMAT",
            help=f"{', '.join(formats)}{also}; default: {default}",
        )
        parser.add_argument(
            "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout"
        )

    def prepare(self, args: argparse.Namespace) -> Project:
        from cxone_lint.cli.check import prepare

        settings, registry, enabled = prepare(args, self.registry)
        self.root = settings.root  # where the write policy draws the line
        return Project(settings, registry.packs, registry.rules, enabled)

    def select(self, project: Project, extend: Sequence[str]) -> set[str]:
        s = project.settings
        return self.registry.select(s.select, [*s.extend_select, *extend], s.ignore)

    def check_base(self, ref: str | None, root: Path) -> None:
        from cxone_lint.cli.check import check_base

        check_base(ref, root)

    def run(
        self,
        project: Project,
        args: argparse.Namespace,
        enabled: set[str] | None = None,
        inputs: Mapping[str, Any] | None = None,
    ) -> RunResult:
        from cxone_lint.cli.output import Progress
        from cxone_lint.run.engine import Engine, RunOptions

        progress = Progress()
        options = RunOptions(
            paths=getattr(args, "paths", None) or (),
            use_cache=not getattr(args, "no_cache", False),
            jobs=getattr(args, "jobs", None),
            inputs=dict(inputs or {}),
            progress=progress,
        )
        codes = project.enabled if enabled is None else enabled
        try:
            return Engine(project.settings, self.registry, codes).run(options)
        finally:
            progress.done()

    def write_output(self, path: Path, text: str, *, create_only: bool = False) -> None:
        """Write a file a command was asked for, through the write policy (run/writes.py):
        temporary file + rename, never through a symlink inside the project; `create_only`
        creates it only if nothing (not even a dangling link) is there."""
        from cxone_lint.cli.output import write_output

        write_output(path, text, self.root or Path.cwd().resolve(), exclusive=create_only)
