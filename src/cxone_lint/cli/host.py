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
    """The flags packs declare for their options (e.g. `--manifest PATH`)."""
    for option in registry.options:
        if option.flag:
            parser.add_argument(option.flag, dest=_dest(option.flag), help=option.help)


def apply_pack_flags(
    args: argparse.Namespace,
    registry: Registry,
    options: dict[str, Any],
    root: Path | None = None,
) -> None:
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
        parser.add_argument(
            "paths", nargs="*", type=Path, help="files or directories (default: project)"
        )
        parser.add_argument("--config", type=Path, help="settings file (default: found upward)")
        parser.add_argument("--isolated", action="store_true", help="ignore every settings file")
        parser.add_argument(
            "--no-cache", action="store_true", help="neither read nor write the cache"
        )
        parser.add_argument("--jobs", "-j", type=int, help="worker processes (default: all cores)")
        add_pack_flags(parser, self.registry)

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
        from cxone_lint.run.engine import Engine, RunOptions

        options = RunOptions(
            paths=getattr(args, "paths", None) or (),
            use_cache=not getattr(args, "no_cache", False),
            jobs=getattr(args, "jobs", None),
            inputs=dict(inputs or {}),
        )
        codes = project.enabled if enabled is None else enabled
        return Engine(project.settings, self.registry, codes).run(options)

    def write_output(self, path: Path, text: str, *, create_only: bool = False) -> None:
        """Write a file a command was asked for, through the write policy (run/writes.py):
        temporary file + rename, never through a symlink inside the project; `create_only`
        creates it only if nothing (not even a dangling link) is there."""
        from cxone_lint.run.writes import WriteRefusedError, write_output

        try:
            write_output(path, text, self.root or Path.cwd().resolve(), exclusive=create_only)
        except FileExistsError:
            raise SettingsError(f"{path} already exists; it is never overwritten") from None
        except WriteRefusedError as exc:
            raise SettingsError(f"cannot write {path}: {exc}") from None
        except OSError as exc:
            raise SettingsError(f"cannot write {path}: {exc.strerror or exc}") from None
