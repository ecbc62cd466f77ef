"""`cxone-lint check`: settings + CLI overrides -> engine run -> fixes -> reports -> exit code."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cxone_lint.api.diagnostics import Severity
from cxone_lint.api.results import RunResult
from cxone_lint.api.settings import Settings
from cxone_lint.report import FORMATS, ReportInput, renderer
from cxone_lint.report.escape import terminal
from cxone_lint.run.engine import Engine, RunOptions, exit_code
from cxone_lint.run.registry import Registry, load_registry
from cxone_lint.run.settings import SettingsError, load_settings
from cxone_lint.run.writes import WriteRefusedError, write_output

EXIT_ERROR = 2


def _codes(text: str | None) -> list[str]:
    return [c.strip() for c in (text or "").split(",") if c.strip()]


def start_dir(paths: list[Path]) -> Path:
    """Where settings and the project root are looked for: the linted paths' common directory
    (so `cxone-lint check path/to/integration` works from anywhere), else the working dir."""
    if not paths:
        return Path.cwd()
    dirs = []
    for p in paths:
        full = p if p.is_absolute() else Path.cwd() / p
        dirs.append(str(full if full.is_dir() else full.parent))
    return Path(os.path.commonpath(dirs))


def prepare(
    args: argparse.Namespace, registry: Registry | None = None
) -> tuple[Settings, Registry, set[str]]:
    """Settings, packs and enabled codes for any subcommand: options a subcommand does not
    offer (e.g. `init` has no --select) simply count as not given."""
    from cxone_lint.cli.host import apply_pack_flags

    registry = registry or load_registry()
    settings = load_settings(
        start_dir(list(getattr(args, "paths", []) or [])),
        registry.options,
        config_file=getattr(args, "config", None),
        isolated=getattr(args, "isolated", False),
        markers=registry.root_markers,
    )
    if getattr(args, "select", None) is not None:
        settings.select = _codes(args.select)
    if getattr(args, "extend_select", None):
        settings.extend_select = [*settings.extend_select, *_codes(args.extend_select)]
    if getattr(args, "ignore", None):
        settings.ignore = [*settings.ignore, *_codes(args.ignore)]
    if getattr(args, "fail_on", None):
        try:
            settings.fail_on = Severity.parse(args.fail_on)
        except ValueError as exc:
            raise SettingsError(f"--fail-on: {exc}") from None
    apply_pack_flags(args, registry, settings.options, settings.root)
    unknown = registry.unknown_selectors(
        [*settings.select, *settings.extend_select, *settings.ignore]
    )
    if unknown:
        raise SettingsError(f"unknown rule selector(s): {', '.join(unknown)}")
    enabled = registry.select(settings.select, settings.extend_select, settings.ignore)
    return settings, registry, enabled


def project_file(flag: str, value: str, root: Path) -> str:
    """A file named on the command line that the run must lint (the manifest): it exists and
    is inside the project root, or the run stops (exit 2): never a silent pass. Returned
    relative to the root."""
    for candidate in (root / value, Path.cwd() / value):
        if candidate.is_file():
            real = candidate.resolve()
            if not real.is_relative_to(root):
                raise SettingsError(f"{flag}: {value} is outside the project root ({root})")
            return real.relative_to(root).as_posix()
    raise SettingsError(f"{flag}: {value} does not exist")


def run_subcommand(
    parser: argparse.ArgumentParser, run: Callable[[argparse.Namespace], int], argv: Sequence[str]
) -> int:
    """The shared frame of every subcommand: usage and settings errors are exit 2 with one
    line on stderr (argparse's --help stays 0), never a traceback."""
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:  # argparse: --help is 0, bad usage 2
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_ERROR
    try:
        return run(args)
    except SettingsError as exc:
        print(f"cxone-lint: error: {terminal(str(exc))}", file=sys.stderr)
        return EXIT_ERROR


def _outputs(args: argparse.Namespace, settings: Settings) -> list[tuple[str, Path | None]]:
    specs = args.output_format or [settings.output_format]
    out: list[tuple[str, Path | None]] = []
    for spec in specs:
        name, _, target = spec.partition(":")
        if name not in FORMATS:
            raise SettingsError(
                f"--output-format: unknown format {name!r} (allowed: {', '.join(FORMATS)})"
            )
        out.append((name, Path(target) if target else None))
    return out


def check_base(base: str | None, root: Path) -> None:
    """An explicit `--base REF` that git cannot resolve (shallow clone, typo) is a usage error."""
    if base:
        from cxone_lint.run.git import RevisionError, resolve

        try:
            resolve(root, base)
        except RevisionError as exc:
            raise SettingsError(f"--base: {exc}") from None


def run_check(args: argparse.Namespace, registry: Registry | None = None) -> int:
    settings, registry, enabled = prepare(args, registry)
    outputs = _outputs(args, settings)
    check_base(args.base, settings.root)
    options = RunOptions(
        paths=args.paths,
        force_exclude=args.force_exclude,
        use_cache=not args.no_cache,
        use_prefilter=not args.no_prefilter,
        jobs=args.jobs,
        inputs={"base": args.base} if args.base else {},
    )
    baseline = args.baseline or (settings.root / settings.baseline if settings.baseline else None)
    from cxone_lint.run.baseline import exclude_from_lint

    exclude_from_lint(settings, Path(baseline) if baseline is not None else None)
    engine = Engine(settings, registry, enabled)
    result = engine.run(options)
    if args.fix or args.unsafe_fixes:
        from cxone_lint.run.fix import apply_fixes

        result, applied, problems = apply_fixes(engine, options, result, unsafe=args.unsafe_fixes)
        for problem in problems:
            print(f"cxone-lint: {problem}", file=sys.stderr)
        if applied:
            print(f"Fixed {applied} finding{'s' if applied != 1 else ''}.", file=sys.stderr)
    baseline_info = None
    if baseline is not None:
        from cxone_lint.run.baseline import stale_message, use_baseline

        outcome = use_baseline(result, Path(baseline), enabled)
        result, baseline_info = outcome.result, outcome.to_json()
        for line in stale_message(outcome):
            print(line, file=sys.stderr)
    written = _write_reports(result, registry, settings, outputs, args, baseline_info)
    _print_skipped(result)
    code = exit_code(result, settings.fail_on, args.exit_zero)
    return code if written else EXIT_ERROR


def _write_reports(
    result: RunResult,
    registry: Registry,
    settings: Settings,
    outputs: list[tuple[str, Path | None]],
    args: argparse.Namespace,
    baseline: dict[str, Any] | None = None,
) -> bool:
    """Write every requested output; False when one of them could not be rendered (an
    internal error, said on stderr: the other outputs are still written)."""
    ok = True
    data = ReportInput(
        result=result,
        registry=registry,
        root=settings.root,
        show_suppressed=args.show_suppressed,
        statistics=args.statistics,
        baseline=baseline,
    )
    for name, target in outputs:
        try:
            text = renderer(name)(data)
        except Exception as exc:
            print(f"cxone-lint: {internal_error(f'the {name} report', exc)}", file=sys.stderr)
            ok = False
            continue
        if target is None:
            sys.stdout.write(text)
        else:
            try:
                write_output(target, text, settings.root)
            except WriteRefusedError as exc:
                raise SettingsError(f"cannot write {target}: {exc}") from None
            except OSError as exc:
                raise SettingsError(f"cannot write {target}: {exc.strerror}") from None
    return ok


def internal_error(what: str, exc: BaseException) -> str:
    """One line about a crash: its type and last frame, never its message (it could quote
    file contents)."""
    import traceback

    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return f"internal error: {what} crashed: {type(exc).__name__}{where} (please report it)"


# Files skipped for one reason beyond this many are summarised on one line.
SKIPPED_SHOWN = 3


def _print_skipped(result: RunResult) -> None:
    """Checks that could not run, and paths that could not be listed (a missing path, a symlink
    out of the project, an unreadable folder), are said on stderr, so stdout stays clean."""
    # Paths and reasons come from the repository: escaped (report/escape.py).
    for note in result.stats.notes:
        print(f"cxone-lint: note: {terminal(note)}", file=sys.stderr)
    on_purpose: dict[str, list[str]] = {}
    for path, reason in sorted(result.stats.files_skipped.items()):
        read = result.files.get(path)
        # Files that were read and failed have their own CX001/CX002; files skipped on
        # purpose (minified, .d.ts) and folders excluded by default are listed here.
        if read is None:
            print(f"cxone-lint: {terminal(path)}: {terminal(reason)}", file=sys.stderr)
        elif read.status == "skipped" and not read.diagnostics:
            on_purpose.setdefault(reason, []).append(path)
    for reason, paths in sorted(on_purpose.items()):
        if len(paths) <= SKIPPED_SHOWN:
            for path in paths:
                print(
                    f"cxone-lint: {terminal(path)}: not analysed: {terminal(reason)}",
                    file=sys.stderr,
                )
        else:
            shown = terminal(", ".join(paths[:SKIPPED_SHOWN]))
            print(
                f"cxone-lint: {len(paths)} files not analysed: {terminal(reason)} ({shown}, "
                "...; all of them in the JSON report)",
                file=sys.stderr,
            )
    if result.stats.unmatched:
        print(
            "cxone-lint: error: nothing was analysed for "
            + terminal(", ".join(result.stats.unmatched))
            + " (named on the command line)",
            file=sys.stderr,
        )
    if not result.skipped:
        return
    by_reason: dict[str, list[str]] = {}
    for s in result.skipped:
        by_reason.setdefault(s.reason, []).append(s.code)
    for reason, codes in sorted(by_reason.items()):
        n = len(codes)
        listed = code_ranges(codes)
        print(
            f"cxone-lint: skipped {n} check{'s' if n != 1 else ''} ({listed}): {reason}",
            file=sys.stderr,
        )


def code_ranges(codes: list[str]) -> str:
    """CX101, CX102, CX103, CX201 -> CX101-CX103, CX201: short enough to read on a terminal."""
    parsed = sorted(
        {(c.rstrip("0123456789"), int(c[len(c.rstrip("0123456789")) :])) for c in codes}
    )
    parts: list[str] = []
    i = 0
    while i < len(parsed):
        j = i
        while (
            j + 1 < len(parsed)
            and parsed[j + 1][0] == parsed[i][0]
            and parsed[j + 1][1] == parsed[j][1] + 1
        ):
            j += 1
        first = f"{parsed[i][0]}{parsed[i][1]:03d}"
        last = f"{parsed[j][0]}{parsed[j][1]:03d}"
        parts.append(first if i == j else f"{first}-{last}")
        i = j + 1
    return ", ".join(parts)
