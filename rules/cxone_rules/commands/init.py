"""`cxone-lint init`: write a manifest inferred from the code, for the user to confirm.

The engine reads the project once (phase one: every extractor, no rules) and `init_manifest`
infers the manifest from that context (see init_manifest.py). Files are only written where the
user asked: never over an existing one (exit 2, with a message saying to use `--output`), and
not next to an existing manifest unless `--output` names the target. `--output -` prints the
manifest instead.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from cxone_lint.api.command import Command, CommandHost
from cxone_lint.api.errors import SettingsError
from cxone_lint.report.escape import terminal

EXIT_OK, EXIT_ERROR = 0, 2


class InitCommand(Command):
    name = "init"
    help = "write a registration manifest inferred from the code"
    description = (
        "Write a registration manifest (cxone-app.toml) inferred from the code, with what "
        "could not be inferred marked to confirm. Never overwrites a file."
    )
    examples = """\
  cxone-lint init                            write cxone-app.toml at the project root
  cxone-lint init --output -                 print it instead
  cxone-lint init --output inferred.toml     write it elsewhere, e.g. to compare"""

    def add_arguments(self, parser: argparse.ArgumentParser, host: CommandHost) -> None:
        host.add_project_arguments(parser)
        # `--output` names the file, as everywhere; `-o` is a format in every command.
        parser.add_argument(
            "--output",
            metavar="FILE",
            help="where to write it ('-' prints it; default: cxone-app.toml at the project root)",
        )

    def run(self, args: argparse.Namespace, host: CommandHost) -> int:
        from cxone_rules.commands.init_manifest import init_manifest

        project = host.prepare(args)
        # Phase one only: facts from every extractor, no rule runs.
        result = host.run(project, args, enabled=set())
        assert result.context is not None
        made = init_manifest(result.context)
        text: str = made["text"]
        if args.output == "-":
            sys.stdout.write(text)
            _say(made, None)
            return EXIT_OK
        target = Path(args.output) if args.output else project.settings.root / made["filename"]
        # As every path the tool shows: relative to the working directory.
        shown = args.output or Path(os.path.relpath(target)).as_posix()
        if os.path.lexists(target):  # a dangling symlink too: never written through
            raise SettingsError(
                f"{shown} already exists; init never overwrites a manifest "
                "(use --output FILE to write elsewhere, or --output - to print it)"
            )
        if args.output is None and made.get("existing"):
            raise SettingsError(
                f"the project already has a manifest ({', '.join(made['existing'])}); "
                "use --output FILE to write the inferred one elsewhere and compare"
            )
        host.write_output(target, text, create_only=True)
        _say(made, shown)
        return EXIT_OK


def _say(made: dict[str, Any], shown: str | None) -> None:
    for note in made.get("notes", []):
        print(f"cxone-lint: note: {terminal(note)}", file=sys.stderr)
    counts = f"{made.get('inferred', 0)} values inferred, {made.get('to_confirm', 0)} to confirm"
    if shown is None:
        print(f"cxone-lint: {counts}", file=sys.stderr)
    else:
        print(f"cxone-lint: wrote {shown} ({counts})", file=sys.stderr)
