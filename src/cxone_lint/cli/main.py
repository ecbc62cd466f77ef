"""Command line: `cxone-lint [check] PATHS`, `rule CODE`, `rules`, and the other subcommands.

Exit codes: 0 clean, 1 findings at or above `fail-on`, 2 usage, settings or internal error.
Only the standard library's argparse is used, and heavy modules are imported by the subcommand
that needs them, so `cxone-lint --version` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from cxone_lint import __version__
from cxone_lint.cli.host import pack_commands
from cxone_lint.cli.options import (
    Parser,
    add_run,
    add_selection,
    add_settings,
    closest,
    did_you_mean,
    examples,
    format_choice,
)
from cxone_lint.cli.pack_flags import add_pack_flags
from cxone_lint.report.escape import terminal
from cxone_lint.run.registry import Registry, listing_order
from cxone_lint.run.settings import OUTPUT_FORMATS, SettingsError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

# The engine's subcommands implemented outside this module: name -> "module:function(args)".
# Packs add theirs through the `cxone_lint.commands` entry-point group (see cli/host.py).
EXTERNAL_COMMANDS: dict[str, str] = {
    "baseline": "cxone_lint.cli.baseline:main",
    "cache": "cxone_lint.cli.cache:main",
}


# Kept for the subcommand modules that import it from here.
_Parser = Parser

ENGINE_COMMANDS = ("check", "rule", "rules", *EXTERNAL_COMMANDS)


def commands() -> tuple[str, ...]:
    """Every subcommand: the engine's and the packs' (listed without importing them)."""
    return (*ENGINE_COMMANDS, *pack_commands())


CHECK_EXAMPLES = examples(
    "cxone-lint check                          # the working directory",
    "cxone-lint check src/ cxone-app.toml      # some files and folders",
    "cxone-lint check --diff                   # show the safe fixes as a diff, write nothing",
    "cxone-lint check --fix --unsafe-fixes     # apply safe and unsafe fixes",
    "cxone-lint check --select CX4 --statistics",
    "cxone-lint check -o sarif --output cxone-lint.sarif",
    "cxone-lint check -o github -o sarif:cxone-lint.sarif   # annotations and a SARIF file",
    "cxone-lint check --base origin/main       # also compare the manifest with a revision",
)


def _add_check_args(p: argparse.ArgumentParser, registry: Registry | None = None) -> None:
    p.add_argument(
        "paths", nargs="*", type=Path, help="files or directories (default: the working directory)"
    )
    add_settings(p)
    add_selection(p)
    p.add_argument(
        "--output-format",
        "-o",
        action="append",
        metavar="FORMAT[:FILE]",
        help=f"{', '.join(OUTPUT_FORMATS)} (default: concise); repeatable; FORMAT:FILE writes "
        "that format to FILE",
    )
    p.add_argument(
        "--output", type=Path, metavar="FILE", help="write the report to FILE instead of stdout"
    )
    p.add_argument(
        "--statistics", action="store_true", help="print how many findings each rule has"
    )
    p.add_argument(
        "--show-suppressed", action="store_true", help="also list suppressed findings, marked"
    )
    p.add_argument("--fix", action="store_true", help="apply the safe fixes")
    p.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff: include the unsafe fixes",
    )
    p.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff and write nothing (exit 1 when there are any)",
    )
    p.add_argument("--fail-on", help="lowest severity that fails the run: info, warning, error")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    p.add_argument(
        "--base", metavar="REF", help="git revision to compare the manifest with (CX6xx)"
    )
    p.add_argument(
        "--baseline", type=Path, metavar="FILE", help="report only findings not in this baseline"
    )
    add_run(p)
    p.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the exclude settings to files named on the command line too",
    )
    p.add_argument(
        "--rest-of-project",
        action="store_true",
        help="lint the whole project and report only what `check PATHS` does not (the "
        "pre-commit project hook: the file hook reports the named files)",
    )
    p.add_argument("--no-prefilter", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--no-triage", action="store_true", help=argparse.SUPPRESS)
    if registry is not None:
        add_pack_flags(p, registry)


def build_parser(
    registry: Registry | None = None, describe: bool = False
) -> argparse.ArgumentParser:
    """The top-level parser. `describe`: load the packs' commands for their one-line help
    (`cxone-lint --help`); otherwise they are listed without being imported."""
    parser = Parser(
        prog="cxone-lint",
        description="Lint a NICE CXone integration against its registration and lifecycle.",
        epilog=examples(
            "cxone-lint check                 # lint the working directory (also: cxone-lint)",
            "cxone-lint check --diff          # the fixes it would make",
            "cxone-lint rule CX101            # what a rule checks and why",
            "cxone-lint review -o html --output review.html",
            "",
            "Run `cxone-lint COMMAND --help` for a command's options.",
            "Exit codes: 0 clean, 1 findings at or above fail-on, 2 usage, settings or "
            "internal error.",
        ),
    )
    parser.add_argument("--version", action="version", version=f"cxone-lint {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")
    check = sub.add_parser(
        "check",
        help="lint files (the default command)",
        description="Lint files and folders: every finding as path:line:col: CODE message.",
        epilog=CHECK_EXAMPLES,
    )
    _add_check_args(check, registry)
    rule = sub.add_parser(
        "rule",
        help="show one rule's documentation",
        description="Show a rule's documentation: what it does, why, an example, fix safety.",
        epilog=examples("cxone-lint rule CX101", "cxone-lint rule hardcoded-client-secret"),
    )
    rule.add_argument("code", help="rule code or name, e.g. CX101")
    rules = sub.add_parser(
        "rules",
        help="list every rule",
        description="List every rule: code, name, severity, summary.",
        epilog=examples("cxone-lint rules", "cxone-lint rules -o json", "cxone-lint rules -o md"),
    )
    rules.add_argument(
        "--output-format",
        "-o",
        type=format_choice(RULES_FORMATS),
        default="text",
        metavar="FORMAT",
        help=f"{', '.join(RULES_FORMATS)} (md for markdown; default: text)",
    )
    rules.add_argument(
        "--output", type=Path, metavar="FILE", help="write the list to FILE instead of stdout"
    )
    summaries = dict(EXTERNAL_SUMMARIES)
    for name in pack_commands():
        summaries[name] = _pack_summary(name) if describe else f"see `cxone-lint {name} --help`"
    for name, summary in summaries.items():
        ext = sub.add_parser(name, help=summary, add_help=False)
        ext.add_argument("rest", nargs=argparse.REMAINDER)
    parser.commands = {"check": check, "rule": rule, "rules": rules}  # type: ignore[attr-defined]
    return parser


RULES_FORMATS = ("text", "json", "markdown")
EXTERNAL_SUMMARIES = {
    "baseline": "accept today's findings: check --baseline reports only new ones",
    "cache": "remove the result cache (cache clean)",
}


def _pack_summary(name: str) -> str:
    from cxone_lint.cli.host import load_command

    try:
        return load_command(name).help
    except SettingsError:
        return f"see `cxone-lint {name} --help`"


def _unknown_word(word: str) -> str | None:
    """The message for a first argument that is neither a command nor an existing path but
    looks like a command (a plain word): `cxone-lint rulez`."""
    if word.startswith("-") or Path(word).exists() or Path(word).is_symlink():
        return None
    if any(ch in word for ch in "/\\.") or not word.replace("-", "").isalnum():
        return None  # looks like a path: check says it does not exist
    hint = closest(word, commands())
    if hint:
        return f"unknown command {word!r} (did you mean {hint!r}?)"
    return (
        f"{word!r} is neither a command nor a file or directory (commands: {', '.join(commands())})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    packs = pack_commands()
    known = {*ENGINE_COMMANDS, *packs}
    # A bare `cxone-lint PATHS` means `cxone-lint check PATHS`.
    implicit = not args_list or args_list[0] not in {*known, "-h", "--help"}
    if implicit and args_list and "--version" not in args_list:
        problem = _unknown_word(args_list[0])
        if problem is not None:
            print(f"cxone-lint: error: {problem}", file=sys.stderr)
            return EXIT_ERROR
    if implicit and "--version" not in args_list:
        args_list = ["check", *args_list]
    try:
        if args_list and args_list[0] in packs:
            return run_pack_command(args_list[0], args_list[1:])
        registry = None
        if args_list and args_list[0] == "check":
            from cxone_lint.cli import check

            registry = check.load_registry()
        parser = build_parser(registry, describe=args_list[:1] in (["-h"], ["--help"]))
        subparsers: dict[str, argparse.ArgumentParser] = parser.commands  # type: ignore[attr-defined]
        if args_list and args_list[0] in EXTERNAL_COMMANDS:
            # Handed over before parsing: argparse's REMAINDER rejects a first argument that
            # starts with '-' (`cxone-lint baseline --select CX1`).
            module, func = EXTERNAL_COMMANDS[args_list[0]].split(":")
            return int(getattr(importlib.import_module(module), func)(args_list[1:]))
        try:
            args, extra = parser.parse_known_args(args_list)
            if extra:
                # Said by the subcommand's own parser: its help hint and its options' names.
                subparsers[args.command].error(f"unrecognized arguments: {' '.join(extra)}")
        except SystemExit as exc:  # usage errors are 2 (said already); --help, --version 0
            return int(exc.code or 0)
        if args.command == "rule":
            return _cmd_rule(args.code)
        if args.command == "rules":
            return _cmd_rules(args.output_format, args.output)
        from cxone_lint.cli.check import run_check

        return run_check(args, registry)
    except SettingsError as exc:
        print(f"cxone-lint: error: {terminal(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("cxone-lint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        # A bug, never a pass and never mistaken for findings: exit 2, one line, no traceback
        # (whose text could quote the checked files).
        from cxone_lint.cli.check import internal_error

        print(f"cxone-lint: {internal_error('cxone-lint', exc)}", file=sys.stderr)
        return EXIT_ERROR


def run_pack_command(name: str, argv: Sequence[str]) -> int:
    """A pack's subcommand, with the same frame as the engine's (usage errors exit 2)."""
    from cxone_lint.cli.check import run_subcommand
    from cxone_lint.cli.host import EngineHost, load_command

    command = load_command(name)
    host = EngineHost()
    parser = Parser(
        prog=f"cxone-lint {name}",
        description=command.description or command.help,
        epilog=f"examples:\n{command.examples}" if command.examples else None,
    )
    command.add_arguments(parser, host)
    return run_subcommand(parser, lambda args: command.run(args, host), argv)


def _cmd_rule(selector: str) -> int:
    from cxone_lint.run.registry import load_registry

    registry = load_registry()
    rule = registry.find(selector)
    if rule is None:
        known = [*registry.rules, *(r.name for r in registry.rules.values())]
        print(
            f"cxone-lint: error: no rule {selector!r}{did_you_mean(selector, known)}",
            file=sys.stderr,
        )
        return EXIT_ERROR
    print(f"# {rule.name} ({rule.code})\n")
    print(f"Severity: {rule.severity}. Fix: {rule.fixable}.", end="")
    print("" if rule.default_enabled else " Off by default.", end="\n\n")
    print(f"{rule.summary}.\n")
    print(rule.doc())
    return EXIT_OK


def _cmd_rules(fmt: str, output: Path | None = None) -> int:
    import json

    from cxone_lint.run.registry import load_registry

    registry = load_registry()
    rules = sorted(registry.rules.values(), key=listing_order)
    if fmt == "json":
        text = json.dumps([r.metadata() for r in rules], indent=2) + "\n"
    elif fmt == "markdown":
        from cxone_lint.cli.docs import rules_table

        text = rules_table(rules)
    else:
        lines = []
        for r in rules:
            flag = "" if r.default_enabled else "  (off by default)"
            lines.append(f"{r.code}  {r.name:<36} {r.severity!s:<8} {r.summary}{flag}\n")
        text = "".join(lines)
    if output is None:
        sys.stdout.write(text)
    else:
        from cxone_lint.cli.output import write_output

        write_output(output, text, Path.cwd().resolve())
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
