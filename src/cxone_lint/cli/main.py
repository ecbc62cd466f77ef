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
from cxone_lint.cli.host import add_pack_flags, pack_commands
from cxone_lint.report.escape import terminal
from cxone_lint.run.registry import Registry
from cxone_lint.run.settings import OUTPUT_FORMATS, SettingsError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

# The engine's subcommands implemented outside this module: name -> "module:function(args)".
# Packs add theirs through the `cxone_lint.commands` entry-point group (see cli/host.py).
EXTERNAL_COMMANDS: dict[str, str] = {
    "baseline": "cxone_lint.cli.baseline:main",
    "cache": "cxone_lint.cli.cache:main",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"cxone-lint: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR)


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, help="settings file (default: found from cwd upward)")
    p.add_argument("--isolated", action="store_true", help="ignore every settings file")


def _add_check_args(p: argparse.ArgumentParser, registry: Registry | None = None) -> None:
    p.add_argument("paths", nargs="*", type=Path, help="files or directories (default: project)")
    _add_common(p)
    p.add_argument("--select", help="comma-separated codes, prefixes or names (replaces settings)")
    p.add_argument("--extend-select", help="comma-separated codes to add")
    p.add_argument("--ignore", help="comma-separated codes or prefixes to drop")
    p.add_argument(
        "--output-format",
        "-o",
        action="append",
        metavar="FORMAT[:FILE]",
        help=f"one of {', '.join(OUTPUT_FORMATS)}; repeatable; FORMAT:FILE writes to a file",
    )
    p.add_argument("--fail-on", help="lowest severity that fails the run: info, warning, error")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    p.add_argument("--fix", action="store_true", help="apply safe fixes")
    p.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.add_argument("--no-prefilter", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--jobs", "-j", type=int, help="worker processes (default: all cores)")
    p.add_argument("--statistics", action="store_true", help="count findings per rule")
    p.add_argument("--show-suppressed", action="store_true", help="also list suppressed findings")
    p.add_argument("--force-exclude", action="store_true", help="apply excludes to named files")
    p.add_argument("--base", help="git revision to compare the manifest with (lifecycle checks)")
    p.add_argument("--baseline", type=Path, help="report only findings not in this baseline")
    if registry is not None:
        add_pack_flags(p, registry)


def build_parser(registry: Registry | None = None) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cxone-lint",
        description="Lint a NICE CXone integration against its registration and lifecycle.",
    )
    parser.add_argument("--version", action="version", version=f"cxone-lint {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    check = sub.add_parser("check", help="lint files (default command)")
    _add_check_args(check, registry)
    rule = sub.add_parser("rule", help="show one rule's documentation")
    rule.add_argument("code", help="rule code or name, e.g. CX101")
    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    for name in [*EXTERNAL_COMMANDS, *pack_commands()]:
        ext = sub.add_parser(name, help=f"see `cxone-lint {name} --help`", add_help=False)
        ext.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    packs = pack_commands()
    known = {"check", "rule", "rules", *EXTERNAL_COMMANDS, *packs}
    # A bare `cxone-lint PATHS` means `cxone-lint check PATHS`.
    implicit = not args_list or args_list[0] not in {*known, "-h", "--help"}
    if implicit and "--version" not in args_list:
        args_list = ["check", *args_list]
    try:
        if args_list and args_list[0] in packs:
            return run_pack_command(args_list[0], args_list[1:])
        registry = None
        if args_list and args_list[0] == "check" and not {"-h", "--help"} & set(args_list):
            from cxone_lint.cli import check

            registry = check.load_registry()
        parser = build_parser(registry)
        if args_list and args_list[0] in EXTERNAL_COMMANDS:
            # Handed over before parsing: argparse's REMAINDER rejects a first argument that
            # starts with '-' (`cxone-lint baseline --select CX1`).
            module, func = EXTERNAL_COMMANDS[args_list[0]].split(":")
            return int(getattr(importlib.import_module(module), func)(args_list[1:]))
        args = parser.parse_args(args_list)
        if args.command == "rule":
            return _cmd_rule(args.code)
        if args.command == "rules":
            return _cmd_rules(args.format)
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
    parser = _Parser(
        prog=f"cxone-lint {name}",
        description=command.description or command.help,
        epilog=f"examples:\n{command.examples}" if command.examples else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_arguments(parser, host)
    return run_subcommand(parser, lambda args: command.run(args, host), argv)


def _cmd_rule(selector: str) -> int:
    from cxone_lint.run.registry import load_registry

    registry = load_registry()
    rule = registry.find(selector)
    if rule is None:
        print(f"cxone-lint: error: no rule {selector!r}", file=sys.stderr)
        return EXIT_ERROR
    print(f"# {rule.name} ({rule.code})\n")
    print(f"Severity: {rule.severity}. Fix: {rule.fixable}.", end="")
    print("" if rule.default_enabled else " Off by default.", end="\n\n")
    print(f"{rule.summary}.\n")
    print(rule.doc())
    return EXIT_OK


def _cmd_rules(fmt: str) -> int:
    import json

    from cxone_lint.run.registry import load_registry

    registry = load_registry()
    rules = sorted(registry.rules.values(), key=lambda r: r.code)
    if fmt == "json":
        print(json.dumps([r.metadata() for r in rules], indent=2))
    elif fmt == "markdown":
        from cxone_lint.cli.docs import rules_table

        print(rules_table(rules), end="")
    else:
        for r in rules:
            flag = "" if r.default_enabled else "  (off by default)"
            print(f"{r.code}  {r.name:<36} {r.severity!s:<8} {r.summary}{flag}")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
