"""`cxone-lint check`: settings + CLI overrides -> engine run -> fixes -> reports -> exit code."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cxone_lint.api.diagnostics import Diagnostic, Severity
from cxone_lint.api.results import RunResult
from cxone_lint.api.settings import Settings
from cxone_lint.cli.options import FORMAT_ALIASES, closest, did_you_mean
from cxone_lint.cli.output import Progress, to_stdout, write_output
from cxone_lint.cli.pack_flags import apply_pack_flags
from cxone_lint.report import FORMATS, ReportInput, renderer
from cxone_lint.report.escape import terminal
from cxone_lint.run.engine import Engine, RunOptions, exit_code
from cxone_lint.run.registry import Registry, load_registry
from cxone_lint.run.settings import SettingsError, load_settings

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


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _sibling_hint(raw: Path, full: Path) -> str:
    """' (did you mean ...?)' for a mistyped name next to one that exists."""
    try:
        names = [entry.name for entry in full.parent.iterdir()]
    except OSError:
        return ""
    near = closest(full.name, names)
    if near is None or near == full.name:
        return ""
    return f" (did you mean {str(raw.parent / near)!r}?)"


def display(path: Path) -> str:
    """A path as every output shows it: relative to the working directory."""
    try:
        shown = os.path.relpath(path, Path.cwd())
    except ValueError:  # another drive on Windows
        return path.as_posix()
    return Path(shown).as_posix()


def _unknown_selectors(registry: Registry, selectors: list[str]) -> str | None:
    unknown = registry.unknown_selectors(selectors)
    if not unknown:
        return None
    names = [*registry.rules, *(r.name for r in registry.rules.values()), "ALL"]
    listed = ", ".join(f"{u}{did_you_mean(u, names)}" for u in unknown)
    return f"unknown rule selector(s): {listed}; `cxone-lint rules` lists every rule"


def prepare(
    args: argparse.Namespace, registry: Registry | None = None
) -> tuple[Settings, Registry, set[str]]:
    """Settings, packs and enabled codes for any subcommand: options a subcommand does not
    offer (e.g. `init` has no --select) simply count as not given."""
    registry = registry or load_registry()
    paths = list(getattr(args, "paths", []) or [])
    config = getattr(args, "config", None)
    settings = load_settings(
        start_dir(paths),
        registry.options,
        config_file=config,
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
    problem = _unknown_selectors(
        registry, [*settings.select, *settings.extend_select, *settings.ignore]
    )
    if problem:
        raise SettingsError(problem)
    written = [*settings.select, *settings.extend_select, *settings.ignore]
    written += [c for codes in settings.per_file_ignores.values() for c in codes]
    for note in registry.renamed(written):
        print(f"cxone-lint: note: {note}", file=sys.stderr)
    if getattr(args, "verbose", False):
        _say_where(settings, paths, getattr(args, "isolated", False))
    enabled = registry.select(settings.select, settings.extend_select, settings.ignore)
    return settings, registry, enabled


def _say_where(settings: Settings, paths: list[Path], isolated: bool) -> None:
    source = (
        "none (--isolated)"
        if isolated
        else str(settings.source)
        if settings.source is not None
        else "none found (defaults)"
    )
    print(f"cxone-lint: project root: {settings.root}", file=sys.stderr)
    print(f"cxone-lint: settings: {source}", file=sys.stderr)
    what = ", ".join(str(p) for p in paths) if paths else ". (the working directory)"
    print(f"cxone-lint: linting: {what}", file=sys.stderr)


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


def outputs(
    specs: list[str] | None, output: Path | None, default: str, allowed: Sequence[str]
) -> list[tuple[str, Path | None]]:
    """`-o FORMAT[:FILE]` (repeatable) and `--output FILE`, for one format without a file."""
    out: list[tuple[str, Path | None]] = []
    for spec in specs or [default]:
        name, _, target = spec.partition(":")
        name = FORMAT_ALIASES.get(name, name)
        if name not in allowed:
            raise SettingsError(
                f"--output-format: unknown format {name!r}{did_you_mean(name, allowed)} "
                f"(allowed: {', '.join(allowed)})"
            )
        out.append((name, Path(target) if target else None))
    if output is not None:
        bare = [i for i, (_, target) in enumerate(out) if target is None]
        if len(bare) != 1:
            raise SettingsError(
                "--output FILE names the file of one format; give the others as FORMAT:FILE"
            )
        out[bare[0]] = (out[bare[0]][0], output)
    return out


def check_base(base: str | None, root: Path) -> None:
    """An explicit `--base REF` that git cannot resolve (shallow clone, typo) is a usage error."""
    if base:
        from cxone_lint.run.git import RevisionError, resolve

        try:
            resolve(root, base)
        except RevisionError as exc:
            raise SettingsError(f"--base: {exc}") from None


def default_paths(paths: list[Path], root: Path) -> list[Path]:
    """ruff's convention: no path means the working directory (settings are still found
    upward). At the project root that is the whole project."""
    if paths:
        return paths
    cwd = Path.cwd().resolve()
    if cwd == root.resolve():
        return []
    if not _inside(cwd, root.resolve()):
        raise SettingsError(
            f"the working directory is outside the project root {display(root)}: name what to lint"
        )
    return [Path(".")]


def run_check(args: argparse.Namespace, registry: Registry | None = None) -> int:
    settings, registry, enabled = prepare(args, registry)
    wanted = outputs(args.output_format, args.output, settings.output_format, list(FORMATS))
    check_base(args.base, settings.root)
    if args.rest_of_project and (args.fix or args.diff):
        raise SettingsError(
            "--rest-of-project reports only; it cannot be used with --fix or --diff"
        )
    progress = Progress()
    options = RunOptions(
        paths=[] if args.rest_of_project else default_paths(args.paths, settings.root),
        force_exclude=args.force_exclude,
        use_cache=not args.no_cache,
        use_prefilter=not args.no_prefilter,
        use_triage=not args.no_triage,
        jobs=args.jobs,
        inputs={"base": args.base} if args.base else {},
        progress=progress,
        # `--fix` and `--diff` need the run's context (the files' texts and facts).
        reuse_result=not (args.fix or args.diff),
    )
    baseline = args.baseline or (settings.root / settings.baseline if settings.baseline else None)
    from cxone_lint.run.baseline import exclude_from_lint

    exclude_from_lint(settings, Path(baseline) if baseline is not None else None)
    engine = Engine(settings, registry, enabled)
    try:
        result = engine.run(options)
        if args.rest_of_project:
            result = _rest_of_project(engine, options, result, args.paths)
    finally:
        progress.done()
    if args.diff:
        return _diff(engine, options, result, args)
    fixed = 0
    if args.fix:
        from cxone_lint.run.fix import apply_fixes

        outcome = apply_fixes(engine, options, result, unsafe=args.unsafe_fixes)
        result, fixed = outcome.result, outcome.applied
        for problem in outcome.problems:
            print(f"cxone-lint: {_shown_problem(problem, settings.root)}", file=sys.stderr)
    baseline_info = None
    if baseline is not None:
        from cxone_lint.run.baseline import stale_message, use_baseline

        used = use_baseline(result, Path(baseline), enabled, registry.aliases)
        result, baseline_info = used.result, used.to_json()
        for line in stale_message(used, lambda rel: display(settings.root / rel)):
            print(line, file=sys.stderr)
    data = ReportInput(
        result=result,
        registry=registry,
        root=settings.root,
        show_suppressed=args.show_suppressed,
        statistics=args.statistics,
        baseline=baseline_info,
        fixed=fixed,
        fix_mode="apply" if args.fix else "hint",
        unsafe_fixes=args.unsafe_fixes,
    )
    written = write_reports(data, wanted)
    _print_skipped(result, settings.root, args.config)
    code = exit_code(result, settings.fail_on, args.exit_zero)
    return code if written else EXIT_ERROR


def _rest_of_project(
    engine: Engine, options: RunOptions, whole: RunResult, named: list[Path]
) -> RunResult:
    """The whole project's findings minus those a run over `named` reports (the pre-commit
    file hook's): together the two hooks print every finding once."""
    if not named:
        return whole
    from dataclasses import replace

    alone = engine.run(replace(options, paths=named, progress=None))

    def ident(d: Diagnostic) -> tuple[object, ...]:
        return (d.code, d.path, d.start, d.end, d.message, d.suppressed)

    reported = {ident(d) for d in alone.diagnostics}
    rest = [d for d in whole.diagnostics if ident(d) not in reported]
    return replace(whole, diagnostics=rest)


def _diff(engine: Engine, options: RunOptions, result: RunResult, args: argparse.Namespace) -> int:
    """`--diff`: the fixes as a unified diff on stdout, nothing written; the summary on stderr
    (so stdout stays a patch `git apply` takes). Exit 1 when there is something to fix (ruff)."""
    from cxone_lint.run.fix import apply_fixes, unified_diff

    root = engine.settings.root
    outcome = apply_fixes(engine, options, result, unsafe=args.unsafe_fixes, write=False)
    to_stdout(unified_diff(outcome.changed, lambda rel: display(root / rel)))
    for problem in outcome.problems:
        print(f"cxone-lint: {_shown_problem(problem, root)}", file=sys.stderr)
    from cxone_lint.report.text import diff_summary

    line = diff_summary(outcome.applied, outcome.result, args.unsafe_fixes)
    if line:
        print(line, file=sys.stderr)
    if outcome.result.had_internal_error:
        return EXIT_ERROR
    return 1 if outcome.applied and not args.exit_zero else 0


def _shown_problem(problem: str, root: Path) -> str:
    """Fix problems name a project-relative path first: show it like every other path."""
    rel, sep, rest = problem.partition(": ")
    return f"{display(root / rel)}{sep}{rest}" if sep else problem


def write_reports(data: ReportInput, wanted: list[tuple[str, Path | None]]) -> bool:
    """Write every requested output; False when one of them could not be rendered (an
    internal error, said on stderr: the other outputs are still written)."""
    ok = True
    for name, target in wanted:
        try:
            text = renderer(name)(data)
        except Exception as exc:
            print(f"cxone-lint: {internal_error(f'the {name} report', exc)}", file=sys.stderr)
            ok = False
            continue
        if target is None:
            to_stdout(text)
        else:
            write_output(target, text, data.root)
    return ok


def internal_error(what: str, exc: BaseException) -> str:
    """One line about a crash: its type and last frame, never its message (it could quote
    file contents)."""
    import traceback

    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return f"internal error: {what} crashed: {type(exc).__name__}{where} (please report it)"


def _shown_rel(root: Path, rel: str) -> str:
    """A project-relative path as seen from the working directory (a folder keeps its `/`)."""
    return display(root / rel) + ("/" if rel.endswith("/") else "")


def _named_hint(path: str, reason: str, root: Path, config: Path | None) -> str:
    if reason == "no such file or directory":
        raw = Path(path)
        return _sibling_hint(raw, raw if raw.is_absolute() else Path.cwd() / raw)
    if reason.startswith("outside the project root"):
        why = f", set by --config {config}" if config is not None else ""
        return f" (the project root is {display(root)}{why})"
    return ""


# Files skipped for one reason beyond this many are summarised on one line.
SKIPPED_SHOWN = 3


def _print_skipped(result: RunResult, root: Path, config: Path | None = None) -> None:
    """Checks that could not run, and paths that could not be listed (a missing path, a symlink
    out of the project, an unreadable folder), are said on stderr, so stdout stays clean."""
    # Paths and reasons come from the repository: escaped (report/escape.py).
    for note in result.stats.notes:
        print(f"cxone-lint: note: {terminal(note)}", file=sys.stderr)
    named = set(result.stats.unmatched)
    on_purpose: dict[str, list[str]] = {}
    for path, reason in sorted(result.stats.files_skipped.items()):
        read = result.files.get(path)
        # Files that were read and failed have their own LINT001/LINT002; files skipped on
        # purpose (minified, .d.ts) and folders excluded by default are listed here.
        if read is None:
            # Paths named on the command line are shown as given, with what helps: a name
            # close to the mistyped one, the root a --config elsewhere moved them out of.
            shown = path if path in named else _shown_rel(root, path)
            hint = _named_hint(path, reason, root, config) if path in named else ""
            print(f"cxone-lint: {terminal(shown)}: {terminal(reason)}{hint}", file=sys.stderr)
        elif read.status == "skipped" and not read.diagnostics:
            on_purpose.setdefault(reason, []).append(_shown_rel(root, path))
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
    if result.stats.unmatched:
        # Last, where it is read: the run did not look at something it was asked to.
        print(
            "cxone-lint: error: nothing was analysed for "
            + terminal(", ".join(result.stats.unmatched))
            + " (named on the command line)",
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
