"""`cxone-lint baseline [PATHS]`: record today's findings so `check --baseline` fails only on new
ones. Takes the same selection options as `check`; writes `.cxone-lint-baseline.json` at the
project root (or the `baseline` setting, or `--output FILE`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from cxone_lint.cli.check import prepare
from cxone_lint.cli.host import add_pack_flags
from cxone_lint.cli.main import EXIT_ERROR, EXIT_OK, _Parser
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
from cxone_lint.run.settings import SettingsError
from cxone_lint.run.writes import WriteRefusedError, write_output


def build_parser(registry: Registry) -> argparse.ArgumentParser:
    p = _Parser(
        prog="cxone-lint baseline",
        description="Write a baseline of the current findings (path, code, fingerprint, count).",
    )
    p.add_argument("paths", nargs="*", type=Path, help="files or directories (default: project)")
    p.add_argument(
        "--output",
        type=Path,
        help="baseline file to write (default: the `baseline` setting, else "
        ".cxone-lint-baseline.json at the project root)",
    )
    p.add_argument("--config", type=Path, help="settings file (default: found from cwd upward)")
    p.add_argument("--isolated", action="store_true", help="ignore every settings file")
    p.add_argument("--select", help="comma-separated codes, prefixes or names (replaces settings)")
    p.add_argument("--extend-select", help="comma-separated codes to add")
    p.add_argument("--ignore", help="comma-separated codes or prefixes to drop")
    add_pack_flags(p, registry)
    p.add_argument("--force-exclude", action="store_true", help="apply excludes to named files")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.add_argument("--jobs", "-j", type=int, help="worker processes (default: all cores)")
    return p


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
    text = render_baseline(result)
    try:
        write_output(target, text, settings.root)
    except WriteRefusedError as exc:
        raise SettingsError(f"cannot write {target}: {exc}") from None
    except OSError as exc:
        raise SettingsError(f"cannot write {target}: {exc.strerror}") from None
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
