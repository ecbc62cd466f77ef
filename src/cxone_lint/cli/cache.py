"""`cxone-lint cache clean`: remove the project's result cache (`cache-dir` in the settings)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from cxone_lint.api.settings import Settings
from cxone_lint.cli.options import Parser, add_settings, examples
from cxone_lint.report.escape import terminal
from cxone_lint.run.settings import SettingsError, load_settings

EXIT_OK, EXIT_ERROR = 0, 2


def main(argv: Sequence[str]) -> int:
    parser = Parser(
        prog="cxone-lint cache",
        description="Manage the per-file result cache (`cache-dir` in the settings, "
        ".cxone_lint_cache at the project root by default).",
        epilog=examples(
            "cxone-lint cache clean", "cxone-lint cache clean --config ci/cxone-lint.toml"
        ),
    )
    sub = parser.add_subparsers(dest="action", required=True, parser_class=Parser, metavar="ACTION")
    clean = sub.add_parser(
        "clean",
        help="remove the cache directory",
        description="Remove the project's cache directory (only one cxone-lint made: it "
        "holds cxone-lint's CACHEDIR.TAG).",
        epilog=examples("cxone-lint cache clean"),
    )
    add_settings(clean)
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    from cxone_lint.run.cache import cache_dir
    from cxone_lint.run.cache import clean as remove

    try:
        # The packs are loaded because their options are valid keys of the settings table.
        settings = _settings(args)
    except SettingsError as exc:
        print(f"cxone-lint: error: {terminal(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    directory = cache_dir(settings)
    if not os.path.lexists(directory):
        print(f"No cache at {directory}.")
        return EXIT_OK
    try:
        removed = remove(directory, settings.root)
    except OSError as exc:
        print(f"cxone-lint: error: cannot remove {directory}: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    if not removed:
        # Only the tree cxone-lint's own CACHEDIR.TAG marks, inside the root, is ever removed.
        print(
            f"cxone-lint: error: {directory} has no cxone-lint CACHEDIR.TAG (or is not a real "
            "directory inside the project root); not removed",
            file=sys.stderr,
        )
        return EXIT_ERROR
    print(f"Removed {directory}.")
    return EXIT_OK


def _settings(args: argparse.Namespace) -> Settings:
    from cxone_lint.run.registry import load_registry

    registry = load_registry()
    return load_settings(
        Path.cwd(), registry.options, config_file=args.config, isolated=args.isolated
    )
