"""`cxone-lint review`: the review-readiness report (Markdown, self-contained HTML, JSON).

Runs the same checks as `cxone-lint check` (settings, selection, manifest, `--base`), plus the
rules the packs switch on for a review (`extend_select` of their review spec, see `model`), then
groups every enabled rule into the packs' lifecycle stages with its status and evidence, and adds
the items only a person can confirm. The report never holds source lines, so no secret value can
reach it.

Exit codes: 0 when no check failed, 1 when some did (so CI can gate on readiness; `--exit-zero`
to always succeed), 2 on usage or settings errors and internal errors.
"""

from __future__ import annotations

import argparse
import json
import sys

from cxone_lint.api.command import Command, CommandHost

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("markdown", "html", "json")


class ReviewCommand(Command):
    name = "review"
    help = "write the review-readiness report (Markdown, HTML or JSON)"
    description = (
        "Write the review-readiness report: every check grouped by the stages of the app "
        "lifecycle (passed, failed, not checked), and what a person still has to confirm. It "
        "reads the whole project unless PATHS are given. Exit 1 when a check failed or the "
        "readiness cannot be judged (no manifest, no file analysed)."
    )
    examples = """\
  cxone-lint review                                Markdown report of the project on stdout
  cxone-lint review -o html --output review.html   one self-contained page
  cxone-lint review -o json --output review.json
  cxone-lint review --base origin/main             also check the update stage"""

    def add_arguments(self, parser: argparse.ArgumentParser, host: CommandHost) -> None:
        host.add_project_arguments(parser)
        host.add_output_arguments(parser, FORMATS, "markdown")
        parser.add_argument(
            "--base",
            metavar="REF",
            help="git revision to compare the manifest with (update checks)",
        )
        parser.add_argument(
            "--ignore", metavar="CODES", help="comma-separated codes or prefixes to leave out"
        )
        parser.add_argument(
            "--exit-zero", action="store_true", help="exit 0 even when checks failed"
        )

    def run(self, args: argparse.Namespace, host: CommandHost) -> int:
        from cxone_rules.commands.review import model

        project = host.prepare(args)
        host.check_base(args.base, project.settings.root)
        # The review switches on the rules the packs reserve for it; an explicit ignore wins.
        enabled = host.select(project, model.extend_select(project))
        result = host.run(project, args, enabled, {"base": args.base} if args.base else None)
        review = model.build(result, project, enabled, base=args.base)
        if args.output_format == "json":
            text = json.dumps(review.to_json(), indent=2) + "\n"
        elif args.output_format == "html":
            from cxone_rules.commands.review.html import render

            text = render(review)
        else:
            from cxone_rules.commands.review.markdown import render

            text = render(review)
        if args.output is None:
            sys.stdout.write(text)
        else:
            host.write_output(args.output, text)
            print(f"cxone-lint: wrote {args.output} ({review.verdict})", file=sys.stderr)
        if result.had_internal_error:
            return EXIT_ERROR
        if args.exit_zero:
            return EXIT_OK
        return EXIT_FINDINGS if not review.ready else EXIT_OK
