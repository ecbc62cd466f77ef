"""`cxone-lint init`: write a manifest inferred from the code, for the user to confirm.

The engine reads the project once (phase one: every extractor, no rules) and hands the context
to the rule pack's init hook (`RulePack.extras["init"]`, a function or "module:function"),
which returns `{"filename", "text", "inferred", "to_confirm", "existing", "notes"}`. The
engine only writes files: never over an existing one (exit 2, with a message saying to use
`--output`), and not next to an existing manifest unless `--output` names the target.
`--output -` prints the manifest instead.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cxone_lint.cli.options import Parser, add_settings, examples
from cxone_lint.cli.output import write_output
from cxone_lint.run.settings import SettingsError

EXIT_OK, EXIT_ERROR = 0, 2


def build_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="cxone-lint init",
        description="Write a registration manifest (cxone-app.toml) inferred from the code, "
        "with what could not be inferred marked to confirm. Never overwrites a file.",
        epilog=examples(
            "cxone-lint init                          # cxone-app.toml at the project root",
            "cxone-lint init --output -               # print it instead",
            "cxone-lint init --output inferred.toml   # next to an existing manifest, to compare",
        ),
    )
    p.add_argument(
        "paths", nargs="*", type=Path, help="files or directories (default: the whole project)"
    )
    p.add_argument(
        "--output",
        metavar="FILE",
        help="where to write it ('-' prints it; default: cxone-app.toml at the project root)",
    )
    add_settings(p)
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    return p


def main(argv: Sequence[str]) -> int:
    from cxone_lint.cli.check import run_subcommand

    return run_subcommand(build_parser(), _run, argv)


def _hook(registry: Any) -> Any:
    for pack in registry.packs:
        hook = pack.extras.get("init")
        if hook is None:
            continue
        if isinstance(hook, str):
            module, _, func = hook.partition(":")
            hook = getattr(importlib.import_module(module), func)
        return hook
    raise SettingsError("no rule pack provides `init`")


def _run(args: argparse.Namespace) -> int:
    from cxone_lint.cli.check import prepare
    from cxone_lint.run.engine import Engine, RunOptions

    settings, registry, _ = prepare(args)
    hook = _hook(registry)
    # Phase one only: facts from every extractor, no rule runs.
    engine = Engine(settings, registry, set())
    result = engine.run(RunOptions(paths=args.paths, use_cache=not args.no_cache))
    assert result.context is not None
    made = hook(result.context)
    text: str = made["text"]
    if args.output == "-":
        sys.stdout.write(text)
        _say(made, None)
        return EXIT_OK
    target = Path(args.output) if args.output else settings.root / made["filename"]
    shown = args.output or made["filename"]
    if target.exists():
        raise SettingsError(
            f"{shown} already exists; init never overwrites a manifest "
            "(use --output FILE to write elsewhere, or --output - to print it)"
        )
    if args.output is None and made.get("existing"):
        raise SettingsError(
            f"the project already has a manifest ({', '.join(made['existing'])}); "
            "use --output FILE to write the inferred one elsewhere and compare"
        )
    try:
        write_output(target, text, exclusive=True)  # exclusive: fails rather than overwrite
    except SettingsError as exc:
        if target.exists():
            raise SettingsError(f"{shown} already exists; init never overwrites it") from None
        raise exc from None
    _say(made, shown)
    return EXIT_OK


def _say(made: dict[str, Any], shown: str | None) -> None:
    for note in made.get("notes", []):
        print(f"cxone-lint: note: {note}", file=sys.stderr)
    counts = f"{made.get('inferred', 0)} values inferred, {made.get('to_confirm', 0)} to confirm"
    if shown is None:
        print(f"cxone-lint: {counts}", file=sys.stderr)
    else:
        print(f"cxone-lint: wrote {shown} ({counts})", file=sys.stderr)
