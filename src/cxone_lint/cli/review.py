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

from cxone_lint.run.settings import SettingsError
from cxone_lint.run.writes import WriteRefusedError, write_output

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("md", "html", "json")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cxone-lint review",
        description="Write the review-readiness report: a checklist per lifecycle stage.",
    )
    p.add_argument("paths", nargs="*", type=Path, help="files or directories (default: project)")
    p.add_argument("--format", "-f", choices=FORMATS, default="md", help="report format")
    p.add_argument("--output", "-o", type=Path, help="write the report to FILE (default: stdout)")
    p.add_argument("--config", type=Path, help="settings file (default: found upward)")
    p.add_argument("--isolated", action="store_true", help="ignore every settings file")
    p.add_argument("--manifest", help="registration manifest path (overrides settings)")
    p.add_argument("--base", help="git revision to compare the manifest with (update checks)")
    p.add_argument("--ignore", help="comma-separated codes or prefixes to leave out")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when checks failed")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.add_argument("--jobs", "-j", type=int, help="worker processes (default: all cores)")
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
    options = RunOptions(
        paths=args.paths,
        use_cache=not args.no_cache,
        jobs=args.jobs,
        inputs={"base": args.base} if args.base else {},
    )
    engine = Engine(settings, registry, enabled)
    result = engine.run(options)
    review = model.build(result, registry, enabled, base=args.base)
    if args.format == "json":
        text = json.dumps(review.to_json(), indent=2) + "\n"
    elif args.format == "html":
        from cxone_lint.review.html import render

        text = render(review)
    else:
        from cxone_lint.review.markdown import render

        text = render(review)
    if args.output is None:
        sys.stdout.write(text)
    else:
        try:
            write_output(args.output, text, settings.root)
        except WriteRefusedError as exc:
            raise SettingsError(f"cannot write {args.output}: {exc}") from None
        except OSError as exc:
            raise SettingsError(f"cannot write {args.output}: {exc.strerror}") from None
        print(f"cxone-lint: wrote {args.output} ({review.verdict})", file=sys.stderr)
    if result.had_internal_error:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if not review.ready else EXIT_OK
