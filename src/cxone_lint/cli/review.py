"""`cxone-lint review`: the review-readiness report (Markdown, self-contained HTML, JSON).

Runs the same checks as `cxone-lint check` (settings, selection, manifest, `--base`), plus the
rules the packs switch on for a review (`extend_select` of their review hook), then groups every
enabled rule into the packs' lifecycle stages with its status and evidence, and adds the items
only a person can confirm. The report never holds source lines, so no secret value can reach it.

Exit codes: 0 when no check failed, 1 when some did (so CI can gate on readiness; `--exit-zero`
to always succeed), 2 on usage or settings errors and internal errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from cxone_lint.cli.options import Parser, add_run, add_settings, examples, format_choice
from cxone_lint.cli.output import Progress, write_output

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("markdown", "html", "json")


def build_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="cxone-lint review",
        description="Write the review-readiness report: every check grouped by the stages of "
        "the app lifecycle (passed, failed, not checked), and what a person still has to "
        "confirm. It reads the whole project unless PATHS are given. Exit 1 when a check "
        "failed or the readiness cannot be judged (no manifest, no file analysed).",
        epilog=examples(
            "cxone-lint review                               # Markdown on stdout",
            "cxone-lint review -o html --output review.html  # one self-contained page",
            "cxone-lint review -o json --output review.json",
            "cxone-lint review --base origin/main            # also the update checks",
        ),
    )
    p.add_argument(
        "paths", nargs="*", type=Path, help="files or directories (default: the whole project)"
    )
    p.add_argument(
        "--output-format",
        "-o",
        type=format_choice(FORMATS),
        default="markdown",
        metavar="FORMAT",
        help="markdown (or md), html or json (default: markdown)",
    )
    p.add_argument(
        "--output", type=Path, metavar="FILE", help="write the report to FILE (default: stdout)"
    )
    add_settings(p)
    p.add_argument(
        "--ignore", metavar="CODES", help="comma-separated codes or prefixes to leave out"
    )
    p.add_argument(
        "--base", metavar="REF", help="git revision to compare the manifest with (update checks)"
    )
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when checks failed")
    add_run(p)
    return p


def main(argv: Sequence[str]) -> int:
    from cxone_lint.cli.check import run_subcommand

    return run_subcommand(build_parser(), _run, argv)


def _run(args: argparse.Namespace) -> int:
    from cxone_lint.cli.check import check_base, prepare
    from cxone_lint.review import model
    from cxone_lint.run.engine import Engine, RunOptions

    settings, registry, _ = prepare(args)
    check_base(args.base, settings.root)
    # The review switches on the rules the packs reserve for it; an explicit ignore still wins.
    extra = model.extend_select(registry)
    enabled = registry.select(settings.select, [*settings.extend_select, *extra], settings.ignore)
    progress = Progress()
    options = RunOptions(
        paths=args.paths,
        use_cache=not args.no_cache,
        jobs=args.jobs,
        inputs={"base": args.base} if args.base else {},
        progress=progress,
    )
    engine = Engine(settings, registry, enabled)
    try:
        result = engine.run(options)
    finally:
        progress.done()
    review = model.build(result, registry, enabled, base=args.base)
    if args.output_format == "json":
        text = json.dumps(review.to_json(), indent=2) + "\n"
    elif args.output_format == "html":
        from cxone_lint.review.html import render

        text = render(review)
    else:
        from cxone_lint.review.markdown import render

        text = render(review)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_output(args.output, text)
        print(f"cxone-lint: wrote {args.output} ({review.verdict})", file=sys.stderr)
    if result.had_internal_error:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if not review.ready else EXIT_OK
