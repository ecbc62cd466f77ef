"""`cxone-lint baseline [PATHS]`: record today's findings so `check --baseline` fails only on new
ones. Takes the same selection options as `check`; writes `.cxone-lint-baseline.json` at the
project root (or the `baseline` setting, or `--output FILE`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from cxone_lint.cli.check import outputs, prepare, write_reports
from cxone_lint.cli.host import add_pack_flags
from cxone_lint.cli.options import (
    EXIT_ERROR,
    Parser,
    add_run,
    add_selection,
    add_settings,
    examples,
)
from cxone_lint.cli.output import write_output
from cxone_lint.report import FORMATS, ReportInput
from cxone_lint.report.escape import terminal
from cxone_lint.run.baseline import (
    default_path,
    entries,
    exclude_from_lint,
    render_baseline,
    shown_path,
)
from cxone_lint.run.engine import Engine, RunOptions
from cxone_lint.run.registry import Registry


def build_parser(registry: Registry) -> argparse.ArgumentParser:
    p = Parser(
        prog="cxone-lint baseline",
        description="Record today's findings (path, code, fingerprint, count; no line numbers) "
        "so that `check --baseline FILE` fails only on new ones. Reads the whole project "
        "unless PATHS are given.",
        epilog=examples(
            "cxone-lint baseline                       # .cxone-lint-baseline.json at the root",
            "cxone-lint baseline --output accepted.json",
            "cxone-lint baseline -o concise            # and list what it accepts",
            "cxone-lint check --baseline .cxone-lint-baseline.json",
        ),
    )
    p.add_argument(
        "paths", nargs="*", type=Path, help="files or directories (default: the whole project)"
    )
    p.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="baseline file to write (default: the `baseline` setting, else "
        ".cxone-lint-baseline.json at the project root)",
    )
    p.add_argument(
        "--output-format",
        "-o",
        action="append",
        metavar="FORMAT[:FILE]",
        help=f"also report the findings recorded, as `check` does ({', '.join(FORMATS)}); "
        "repeatable",
    )
    add_settings(p)
    add_selection(p)
    add_pack_flags(p, registry)
    add_run(p)
    p.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the exclude settings to files named on the command line too",
    )
    return p


EXIT_OK = 0


def main(argv: Sequence[str]) -> int:
    from cxone_lint.cli import check  # its load_registry is the one tests replace
    from cxone_lint.cli.check import run_subcommand

    registry = check.load_registry()
    return run_subcommand(build_parser(registry), lambda args: _run(args, registry), argv)


def _run(args: argparse.Namespace, registry: Registry) -> int:
    settings, registry, enabled = prepare(args, registry)
    target: Path = args.output or default_path(settings)
    exclude_from_lint(settings, target)
    options = RunOptions(
        paths=args.paths,
        force_exclude=args.force_exclude,
        use_cache=not args.no_cache,
        jobs=args.jobs,
    )
    result = Engine(settings, registry, enabled).run(options)
    if result.had_internal_error:
        # A crashed rule's findings are missing: a baseline written now would be incomplete.
        for d in result.active:
            if d.code == "CX003":
                print(
                    f"cxone-lint: {terminal(d.path)}: {d.code} {terminal(d.message)}",
                    file=sys.stderr,
                )
        print("cxone-lint: error: a rule crashed; no baseline written", file=sys.stderr)
        return EXIT_ERROR
    write_output(target, render_baseline(result), settings.root)
    if args.output_format:
        reports = outputs(args.output_format, None, "concise", list(FORMATS))
        write_reports(ReportInput(result=result, registry=registry, root=settings.root), reports)
    recorded = entries(result)
    total = sum(e.count for e in recorded)
    noun = "finding" if total == 1 else "findings"
    n = len(recorded)
    entries_text = f"{n} entr{'y' if n == 1 else 'ies'}"
    print(f"Wrote {total} {noun} ({entries_text}) to {shown_path(target)}.", file=sys.stderr)
    if settings.baseline is None or target.resolve() != default_path(settings).resolve():
        # `check` only uses a baseline it is told about: say how.
        print(f"Use it with `cxone-lint check --baseline {shown_path(target)}`.", file=sys.stderr)
    return EXIT_OK
