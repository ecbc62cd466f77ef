"""The flags packs declare for their options (e.g. `--manifest FILE`): added to every
subcommand's parser, and applied over the settings once they are read."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cxone_lint.api.errors import SettingsError
from cxone_lint.run.registry import Registry


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
                    value = project_file(option.flag, value, root)
                options[option.name] = value


def _dest(flag: str) -> str:
    return "pack_" + flag.lstrip("-").replace("-", "_")


def project_file(flag: str, value: str, root: Path) -> str:
    """A file named on the command line that the run must lint (the manifest): it exists and
    is inside the project root, or the run stops (exit 2): never a silent pass. Returned
    relative to the root."""
    for candidate in (root / value, Path.cwd() / value):
        if candidate.is_file():
            real = candidate.resolve()
            if not real.is_relative_to(root):
                raise SettingsError(f"{flag}: {value} is outside the project root ({root})")
            return real.relative_to(root).as_posix()
    raise SettingsError(f"{flag}: {value} does not exist")
