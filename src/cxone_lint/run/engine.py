"""The run: discover -> analyse each file (parallel, cached) -> rules -> filters -> result.

Phase one turns each file into facts independently (so it parallelises and caches by content);
phase two runs every selected rule once over all facts. Then, in order: findings outside the
files being linted are dropped, per-file-ignores apply, suppression comments apply (and are
themselves checked), and the result is sorted deterministically.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pathspec

from cxone_lint.api import clock
from cxone_lint.api.context import FileResult, ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Position, RunStats, Severity
from cxone_lint.api.document import Document
from cxone_lint.api.extractor import Extractor
from cxone_lint.api.results import INTERNAL_ERROR, RunResult
from cxone_lint.api.rule import Rule
from cxone_lint.api.settings import Settings
from cxone_lint.run.analyse import analyse_file
from cxone_lint.run.context import RunContext
from cxone_lint.run.registry import Registry
from cxone_lint.run.suppress import Suppression, suppressions_for
from cxone_lint.run.workspace import Discovery, SourceFile, discover, relpath

if TYPE_CHECKING:
    from cxone_lint.run.cache import Cache
    from cxone_lint.run.result_cache import ResultCache

__all__ = ["INTERNAL_ERROR", "Engine", "RunOptions", "RunResult", "exit_code"]

UNUSED = "LINT010"
UNKNOWN = "LINT011"
MALFORMED = "LINT012"


@dataclass
class RunOptions:
    paths: Sequence[Path] = ()
    force_exclude: bool = False
    use_cache: bool = True
    use_prefilter: bool = True
    # Triage (api/python.py `evidence`); off: every extractor runs on every file (a debugging
    # switch, like the pre-filter's: what it shows is where evidence was missing).
    use_triage: bool = True
    jobs: int | None = None
    inputs: dict[str, Any] = field(default_factory=dict)
    # Texts that replace files' contents on disk for this run (project-relative path -> text):
    # `--diff` lints its fixed texts again without writing anything.
    overlay: dict[str, str] = field(default_factory=dict)
    # Called as files are analysed, with (done, total): the CLI's progress line.
    progress: Callable[[int, int], None] | None = None
    # Reuse phase two's recorded result when none of its inputs changed (run/result_cache.py).
    # Only for callers that need nothing but what the reports read: the result then has no
    # context, and its files no facts.
    reuse_result: bool = False


class Engine:
    def __init__(self, settings: Settings, registry: Registry, enabled: set[str]) -> None:
        self.settings = settings
        self.registry = registry
        self.enabled = enabled
        # Old codes of renamed rules that suppression comments still name (said in a note).
        self.renamed_in_comments: set[str] = set()
        # The per-file cache of the last phase one (None: not used).
        self.phase_one_cache: Cache | None = None
        self._tracked: dict[Path, bool] = {}

    # -- phase one -----------------------------------------------------------------------------

    def extractors(self) -> list[type[Extractor]]:
        return [e for pack in self.registry.packs for e in pack.extractors]

    def analyse(
        self, files: list[SourceFile], options: RunOptions, notes: list[str] | None = None
    ) -> dict[str, FileResult]:
        """Phase one for every file, ordered by path: through the cache unless `--no-cache`,
        in worker processes when there is enough to do (see parallel.py and cache.py).
        Why the cache could not be used, if so, is added to `notes`.

        With triage (api/python.py), extractors without evidence in a file are deferred; the
        packs' `demand` then names the files whose deferred extractors must run after all
        (their exports or calls can reach an analysed file's facts), which are analysed again
        in full, until no pack wants more."""
        notes = notes if notes is not None else []
        # Only a run over the whole project may forget entries of files it did not see.
        prune = not options.paths and not options.overlay
        results = self._phase_one(files, options, notes, options.use_triage, prune)
        # The result cache records the stat signatures this first pass took of every file.
        first = self.phase_one_cache
        if options.use_triage:
            by_rel = {f.rel: f for f in files}
            while True:
                wanted = {
                    rel
                    for pack in self.registry.packs
                    if pack.demand is not None
                    for rel in pack.demand(results)
                    if rel in by_rel and results[rel].deferred
                }
                if not wanted:
                    break
                again = [by_rel[rel] for rel in sorted(wanted)]
                # Each round analyses at least one deferred file in full, which is then no
                # longer deferred: the loop ends.
                results.update(self._phase_one(again, options, notes, False, False))
        self.phase_one_cache = first
        return {rel: results[rel] for rel in sorted(results)}

    def _phase_one(
        self,
        files: list[SourceFile],
        options: RunOptions,
        notes: list[str],
        triage: bool,
        prune: bool,
    ) -> dict[str, FileResult]:
        from cxone_lint.run.parallel import analyse_all

        extractors = self.extractors()
        changed = [f for f in files if f.rel in options.overlay]
        if changed:
            # Texts that exist only in memory (a few files a fix changed): analysed here,
            # never cached.
            files = [f for f in files if f.rel not in options.overlay]
        progress = options.progress
        cache = self._cache(extractors, options, notes, triage)
        self.phase_one_cache = cache
        prefilter = options.use_prefilter
        if cache is None:
            results = analyse_all(
                files, extractors, prefilter, options.jobs, progress=progress, use_triage=triage
            )
        else:
            from cxone_lint.run.cache import analyse_cached

            results = analyse_cached(
                files, extractors, cache, prefilter, options.jobs, prune, progress, triage
            )
        for f in changed:
            data = options.overlay[f.rel].encode("utf-8")
            results[f.rel] = analyse_file(f, extractors, prefilter, data, triage)
        return results

    def _cache(
        self,
        extractors: list[type[Extractor]],
        options: RunOptions,
        notes: list[str],
        triage: bool,
    ) -> Cache | None:
        if not options.use_cache:
            return None
        from cxone_lint.run.cache import Cache, cache_dir, cache_key
        from cxone_lint.run.writes import WriteRefusedError

        directory = self._cache_directory()
        if directory is None:
            shown = relpath(cache_dir(self.settings), self.settings.root)
            note = f"the cache directory {shown} is tracked by git; the cache is not used"
            if note not in notes:
                notes.append(note)
            return None
        key = cache_key(
            self.settings, self.registry.packs, extractors, options.use_prefilter, triage
        )
        try:
            return Cache(directory, key, self.settings.root)
        except WriteRefusedError as exc:
            if f"{exc}; the cache is not used" not in notes:
                notes.append(f"{exc}; the cache is not used")
            return None

    def _cache_directory(self) -> Path | None:
        """The cache directory; None when git tracks it: a committed cache is the
        repository's word about its own findings, never used (asked once per engine)."""
        from cxone_lint.run.cache import cache_dir, tracked_by_git

        directory = cache_dir(self.settings)
        if directory not in self._tracked:
            self._tracked[directory] = tracked_by_git(self.settings.root, directory)
        return None if self._tracked[directory] else directory

    def _result_cache(self, options: RunOptions, found: Discovery) -> ResultCache | None:
        """Phase two's recorded result for this configuration, when this run may use it:
        never with an overlay (`--diff`, `--fix`), `--no-cache` or a git base (`--base`,
        whose checks ask git), nor when an earlier run of this engine left notes behind."""
        if (
            not options.reuse_result
            or not options.use_cache
            or options.overlay
            or options.inputs.get("base")
            or self.renamed_in_comments
        ):
            return None
        from cxone_lint.run.cache import cache_key
        from cxone_lint.run.result_cache import ResultCache, configuration_key, discovery_digest
        from cxone_lint.run.writes import WriteRefusedError

        directory = self._cache_directory()
        if directory is None:
            return None
        packs = self.registry.packs
        phase_one = cache_key(
            self.settings, packs, self.extractors(), options.use_prefilter, options.use_triage
        )
        key = configuration_key(
            phase_one,
            self.settings,
            packs,
            self.enabled,
            options.paths,
            options.force_exclude,
            options.inputs,
        )
        try:
            return ResultCache(directory, key, self.settings.root, discovery_digest(found))
        except WriteRefusedError:
            return None

    def analyse_one(self, source: SourceFile, options: RunOptions) -> FileResult:
        return analyse_file(source, self.extractors(), options.use_prefilter, None, False)

    # -- the whole run -------------------------------------------------------------------------

    def run(self, options: RunOptions) -> RunResult:
        settings = self.settings
        found = discover(
            settings.root,
            list(options.paths),
            [*settings.exclude, *settings.extend_exclude],
            settings.respect_gitignore,
            options.force_exclude,
            always=[] if options.paths else self._always_linted(),
        )
        stats = RunStats(
            files_seen=len(found.files), unmatched=list(found.unmatched), notes=list(found.notes)
        )
        recorded = self._result_cache(options, found)
        if recorded is not None:
            reused = recorded.reuse(found.files)
            if reused is not None:
                self.renamed_in_comments.update(recorded.renamed())
                return reused
        results = self.analyse(found.files, options, stats.notes)
        cache = self.phase_one_cache
        for rel, result in results.items():
            if result.status == "analysed":
                stats.files_analysed += 1
            else:
                stats.files_skipped[rel] = result.reason or result.status
        diagnostics: list[Diagnostic] = [d for r in results.values() for d in r.diagnostics]
        for path, message in found.problems:
            stats.files_skipped[path] = message

        ctx = RunContext(
            root=settings.root,
            settings=settings,
            files=results,
            inputs=dict(options.inputs),
            overlay=options.overlay,
        )
        with clock.watch() as deadlines:
            diagnostics.extend(self._run_rules(ctx))

            lint_set = set(results)
            diagnostics = [d for d in diagnostics if d.path in lint_set]
            diagnostics = complete_ends(diagnostics, ctx)
        # An internal error is kept whatever is selected: a crash must never look like a pass.
        diagnostics = [d for d in diagnostics if d.code in self.enabled or d.code == INTERNAL_ERROR]
        diagnostics = self._per_file_ignores(diagnostics)
        # A rule that had nothing to judge (ctx.undecided) did not leave its suppressions unused.
        diagnostics = self._suppress(diagnostics, results, ctx.undecided)
        diagnostics = self._per_file_ignores(diagnostics)
        diagnostics.sort(key=Diagnostic.sort_key)
        if self.renamed_in_comments:
            aliases = self.registry.aliases
            renamed = ", ".join(f"{c} -> {aliases[c]}" for c in sorted(self.renamed_in_comments))
            stats.notes.append(
                f"suppression comments name renamed codes ({renamed}); they keep working"
            )
        outcome = RunResult(diagnostics, ctx.skipped, stats, results, ctx)
        if recorded is not None and cache is not None:
            from cxone_lint.run.result_cache import cacheable

            if cacheable(results, ctx.reads, diagnostics):
                recorded.store(
                    results,
                    cache.signature,
                    ctx.reads,
                    deadlines.earliest,
                    outcome,
                    self.renamed_in_comments,
                )
        return outcome

    def _always_linted(self) -> list[Path]:
        """Files a whole-project run lints even when excluded or ignored: what the packs'
        `project_file` options name (the manifest setting) and their root markers at the root.
        The checks read them anyway; their own findings must not be dropped."""
        root = self.settings.root
        names = [
            str(self.settings.options.get(o.name) or "")
            for o in self.registry.options
            if o.project_file
        ]
        names += list(self.registry.root_markers)
        out = []
        for name in names:
            path = root / name
            if name and path.is_file() and path.resolve().is_relative_to(root):
                out.append(path)
        return out

    def _run_rules(self, ctx: ProjectContext) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        for pack in self.registry.packs:
            pack_rules = [r for r in pack.rules if r.code in self.enabled]
            if not pack_rules:
                continue
            for rule_cls in pack_rules:
                out.extend(self._run_rule(rule_cls, ctx))
        return out

    def _run_rule(self, rule_cls: type[Rule], ctx: ProjectContext) -> list[Diagnostic]:
        try:
            found = list(rule_cls().check(ctx))
        except Exception as exc:
            return [self._internal_error(f"{rule_cls.code} ({rule_cls.name})", exc, ctx)]
        return [d if d.rule_name else d.with_(rule_name=rule_cls.name) for d in found]

    def _internal_error(self, what: str, exc: Exception, ctx: ProjectContext) -> Diagnostic:
        # The traceback's last frame tells a pack author where; it holds no file contents.
        frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
        anchor = self._anchor(ctx)
        return Diagnostic(
            code=INTERNAL_ERROR,
            message=f"{what} crashed: {type(exc).__name__}{where}; its findings are missing",
            path=anchor,
            start=Position(1, 1),
            severity=Severity.ERROR,
            rule_name="internal-error",
            key=what,
        )

    def _anchor(self, ctx: ProjectContext) -> str:
        """Internal errors need a location: the settings file, else the first file linted."""
        if self.settings.source is not None:
            rel = ctx.rel(self.settings.source)
            if rel in ctx.files:
                return rel
        return min(ctx.files) if ctx.files else "."

    # -- filters -------------------------------------------------------------------------------

    def _per_file_ignores(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        if not self.settings.per_file_ignores:
            return diagnostics
        specs = [
            (pathspec.GitIgnoreSpec.from_lines([glob]), codes)
            for glob, codes in self.settings.per_file_ignores.items()
        ]
        rules = self.registry.rules
        kept = []
        for d in diagnostics:
            if d.code in rules and any(
                spec.match_file(d.path) and any(self.registry.matches(c, d.code) for c in codes)
                for spec, codes in specs
            ):
                continue
            kept.append(d)
        return kept

    def _suppress(
        self,
        diagnostics: list[Diagnostic],
        results: dict[str, FileResult],
        undecided: set[tuple[str, str]] | None = None,
    ) -> list[Diagnostic]:
        known = set(self.registry.rules)
        prefixes = self.registry.prefixes
        by_file: dict[str, list[Suppression]] = {
            rel: suppressions_for(r.comments, r.spans, self.registry.aliases)
            for rel, r in results.items()
            if r.comments
        }
        out: list[Diagnostic] = []
        for d in diagnostics:
            hit = None
            for sup in by_file.get(d.path, ()):
                if sup.covers(d.code, d.start.line):
                    hit = sup
                    sup.used.add(d.code)
                    break
            if hit is not None:
                reason = hit.reason or "no reason given"
                d = d.with_(suppressed=f"noqa: {reason}")
            out.append(d)
        for rel, sups in by_file.items():
            for sup in sups:
                out.extend(self._check_suppression(rel, sup, known, prefixes, undecided or set()))
                self.renamed_in_comments.update(sup.renamed)
        return out

    def _check_suppression(
        self,
        rel: str,
        sup: Suppression,
        known: set[str],
        prefixes: set[str],
        undecided: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
    ) -> list[Diagnostic]:
        pos = Position(sup.line, sup.column)
        # The whole comment: what the reader removes or rewrites.
        end = Position(sup.line, sup.column + sup.length) if sup.length else None
        found: list[Diagnostic] = []

        def make(code: str, message: str) -> Diagnostic:
            rule = self.registry.rules[code]
            return Diagnostic(
                code=code,
                message=message,
                path=rel,
                start=pos,
                end=end,
                severity=rule.severity,
                rule_name=rule.name,
                # No line number: baselines and SARIF fingerprints must survive lines moving
                # (two identical comments in one file are told apart by the baseline's count).
                key=message,
            )

        ours = [c for c in sup.codes if c.rstrip("0123456789") in prefixes]
        if sup.malformed and (sup.file_level or ours) and MALFORMED in self.enabled:
            found.append(make(MALFORMED, f"malformed suppression: {sup.malformed}"))
        for code in ours:
            if code not in known:
                if UNKNOWN in self.enabled:
                    found.append(make(UNKNOWN, f"suppression names unknown rule code {code}"))
            elif (
                code in self.enabled
                and code not in sup.used
                and (code, rel) not in undecided
                and UNUSED in self.enabled
            ):
                found.append(make(UNUSED, f"unused suppression: {code} reported nothing here"))
        return found


CONFIG_KINDS = frozenset({"toml", "json", "yaml", "env", "ini"})


def complete_ends(diagnostics: list[Diagnostic], ctx: ProjectContext) -> list[Diagnostic]:
    """A finding in a config document that gives only where it starts (most manifest and
    config rules point at a key or a value) gets the end of what starts there: the whole
    `key = value` entry, the value with its quotes, the table header. So SARIF regions and
    GitHub annotations underline the span, not a single point. Ends a rule gave are kept."""
    out: list[Diagnostic] = []
    for d in diagnostics:
        result = ctx.files.get(d.path)
        # (A zero-width end is what a cached or baselined finding without an end reads back as.)
        if (
            (d.end is None or d.end == d.start)
            and result is not None
            and result.kind in CONFIG_KINDS
        ):
            doc = ctx.document(d.path, result.kind)
            end = doc.span_end(d.start) if isinstance(doc, Document) else None
            if end is not None:
                d = d.with_(end=end)
        out.append(d)
    return out


def exit_code(result: RunResult, fail_on: Severity, exit_zero: bool = False) -> int:
    # A crash, or a named path that was never analysed, must not look like a pass (nor like
    # mere findings): both are errors, whatever --exit-zero says.
    if result.had_internal_error or result.stats.unmatched:
        return 2
    if exit_zero:
        return 0
    return 1 if any(d.severity >= fail_on for d in result.active) else 0
