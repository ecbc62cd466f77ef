"""Test harness for rule packs: run a rule's cases through the real engine.

A case is a small project and exactly what one rule must report on it. A pack writes its cases
either as folders of real files (preferred) or in code as the rule's `VALID`/`INVALID` tuples of
`Case` objects. A third-party pack tests its rules exactly the way the built-in ones are tested:

    # tests/test_rules.py of a pack
    import pytest
    from cxone_lint.testing import case_params, check_case
    from acme_rules import PACK       # RulePack(..., cases="<path of acme_rules/cases>")

    @pytest.mark.parametrize(("rule", "case"), case_params(PACK))
    def test_rule_case(rule, case, tmp_path):
        check_case(rule, case, tmp_path, extra_packs=[PACK])

A case folder is `<cases>/<CODE>/<valid-or-invalid-what-it-shows>/`:

    app/auth.py            project files, as they are in a real project; an expected finding
                           is marked at the end of its line: `# expect: CX301` (or
                           `// expect: CX301`; several: `# expect: CX301, CX302`)
    expect.txt             expected findings that cannot be marked in the file (JSON, a line
                           inside a multi-line string, a line whose comment is under test): one
                           `path:line CODE` a line, `#` starts a comment
    app/auth.py.fixed      the exact text of app/auth.py after `--fix`
    cxone-lint.toml        the case's settings (or `[tool.cxone-lint]` of its pyproject.toml);
                           it is a project file too
    case.toml              optional: `unsafe = true` (apply unsafe fixes), `note = "..."`
    _base/...              optional: the files as committed at the git base; the harness
                           commits them, writes the project over them and runs with
                           `--base HEAD`

Markers are removed before the project is written, so they can never change a finding.

Only the rule under test (plus any codes the case's settings select) runs, and the findings of
that rule must be exactly the expected (code, path, line) list. A case with fixed texts also
applies fixes and compares the texts.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cxone_lint.api.diagnostics import Diagnostic
from cxone_lint.api.pack import RulePack
from cxone_lint.api.results import RunResult
from cxone_lint.api.rule import Case, Expect, Rule
from cxone_lint.api.settings import Settings
from cxone_lint.run.engine import Engine, RunOptions
from cxone_lint.run.registry import Registry, load_registry, validated
from cxone_lint.run.settings import apply_table

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def write_project(root: Path, files: dict[str, str] | Any) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        # surrogateescape lets a case hold bytes that are not valid UTF-8.
        path.write_bytes(text.encode("utf-8", "surrogateescape"))


def _registry(extra_packs: Sequence[RulePack]) -> Registry:
    registry = load_registry()
    names = {p.name for p in registry.packs}
    missing = [p for p in extra_packs if p.name not in names]
    return validated([*registry.packs, *missing]) if missing else registry


def run_project(
    root: Path,
    select: Sequence[str],
    settings_table: dict[str, Any] | None = None,
    extra_packs: Sequence[RulePack] = (),
    fix: bool = False,
    unsafe: bool = False,
    inputs: dict[str, Any] | None = None,
) -> RunResult:
    registry = _registry(extra_packs)
    settings = Settings(root=root.resolve())
    apply_table(settings, dict(settings_table or {}), registry.options, "<test case>")
    table_select = list((settings_table or {}).get("extend-select", []))
    enabled = registry.select(list(select), table_select, settings.ignore)
    engine = Engine(settings, registry, enabled)
    options = RunOptions(paths=[root], use_cache=False, jobs=1, inputs=dict(inputs or {}))
    result = engine.run(options)
    if fix or unsafe:
        from cxone_lint.run.fix import apply_fixes

        result, _, _ = apply_fixes(engine, options, result, unsafe=unsafe)
    return result


def findings(result: RunResult, code: str | None = None) -> list[tuple[str, str, int]]:
    return sorted(
        (d.code, d.path, d.start.line) for d in result.active if code is None or d.code == code
    )


def commit_base(root: Path, files: dict[str, str] | Any) -> None:
    """Make `root` a git repository whose HEAD holds `files`."""
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=cxone-lint", "-c", "user.email=lint@example.invalid", *args],
            cwd=root,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    write_project(root, files)
    git("add", "-A")
    git("commit", "-q", "--no-verify", "-m", "base")


def check_case(
    rule: type[Rule], case: Case, tmp_path: Path, extra_packs: Sequence[RulePack] = ()
) -> list[Diagnostic]:
    """Run `case` for `rule` and assert its findings (and, with `fixed`, the fixed texts).

    With `fixed`, the findings before the fix are asserted when `expect` is given (a case
    folder always gives them), then the fixes are applied and the texts compared."""
    if case.fixed is None or case.expect:
        project = tmp_path / "project" if case.fixed is not None else tmp_path
        result = _run_case(rule, case, project, extra_packs, fix=False)
        got = findings(result, rule.code)
        want = sorted((e.code, e.path, e.line) for e in case.expect)
        assert got == want, f"{rule.code} {case.note or ''}: expected {want}, got {got}"
        if case.fixed is None:
            return [d for d in result.active if d.code == rule.code]
    project = tmp_path / "fixed" if case.expect else tmp_path
    result = _run_case(rule, case, project, extra_packs, fix=True)
    assert case.fixed is not None
    for rel, expected in case.fixed.items():
        got_text = (project / rel).read_bytes().decode("utf-8", "surrogateescape")
        assert got_text == expected, f"{rule.code}: fixed text of {rel} differs:\n{got_text}"
    return [d for d in result.active if d.code == rule.code]


def _run_case(
    rule: type[Rule], case: Case, root: Path, extra_packs: Sequence[RulePack], fix: bool
) -> RunResult:
    root.mkdir(parents=True, exist_ok=True)
    inputs: dict[str, Any] = {}
    if case.base is not None:
        commit_base(root, case.base)
        for rel in set(case.base) - set(case.files):
            (root / rel).unlink()
        inputs["base"] = "HEAD"
    write_project(root, case.files)
    return run_project(
        root,
        [rule.code],
        dict(case.settings),
        extra_packs,
        fix=fix,
        unsafe=fix and case.unsafe,
        inputs=inputs,
    )


# -- cases as folders of files ----------------------------------------------------------------

CASE_FILE = "case.toml"
EXPECT_FILE = "expect.txt"
BASE_DIR = "_base"
FIXED_SUFFIX = ".fixed"
SETTINGS_FILE = "cxone-lint.toml"
KINDS = ("valid", "invalid")
_CODE = r"[A-Z]{1,6}[0-9]{3}"
# `  # expect: CX301, CX302` at the very end of a line, with the blanks before it (a match
# starts where a run of blanks starts, never again inside it: linear on long blank runs).
MARKER_RE = re.compile(
    rf"(?<![ \t])[ \t]*(?:#|//)[ \t]*expect:[ \t]*"
    rf"(?P<codes>{_CODE}(?:[ \t]*,[ \t]*{_CODE})*)[ \t]*$"
)
_EXPECT_LINE_RE = re.compile(
    rf"^(?P<path>[^:\s][^:]*):(?P<line>[1-9][0-9]*)[ \t]+(?P<code>{_CODE})$"
)


class CaseError(ValueError):
    """A case folder that does not follow the layout (see the module docstring)."""


@dataclass(frozen=True)
class RuleCase:
    """One case of one rule: `id` is `CODE/folder-name` or `CODE-valid-0` for in-code cases."""

    rule: type[Rule]
    id: str
    kind: str
    case: Case


def strip_markers(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text without its `expect:` markers, and the (line, code) pairs they mark."""
    marks: list[tuple[int, str]] = []
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        body = line.rstrip("\r\n")
        match = MARKER_RE.search(body)
        if match is None:
            continue
        marks.extend((index + 1, c.strip()) for c in match["codes"].split(","))
        lines[index] = body[: match.start()] + line[len(body) :]
    return "".join(lines), marks


def _read(path: Path) -> str:
    # surrogateescape keeps bytes that are not valid UTF-8, as write_project writes them back.
    return path.read_bytes().decode("utf-8", "surrogateescape")


def _settings(files: dict[str, str], where: Path) -> dict[str, Any]:
    try:
        if SETTINGS_FILE in files:
            return dict(tomllib.loads(files[SETTINGS_FILE]))
        if "pyproject.toml" in files:
            tool = tomllib.loads(files["pyproject.toml"]).get("tool", {})
            return dict(tool.get("cxone-lint", {}))
    except tomllib.TOMLDecodeError as exc:
        raise CaseError(f"{where}: settings are not valid TOML: {exc}") from None
    return {}


def load_case(folder: Path) -> Case:
    """The `Case` a case folder describes (see the module docstring)."""
    files: dict[str, str] = {}
    fixed: dict[str, str] = {}
    base: dict[str, str] | None = None
    expected: list[Expect] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel in (CASE_FILE, EXPECT_FILE):
            continue
        if rel.startswith(BASE_DIR + "/"):
            base = base if base is not None else {}
            base[rel[len(BASE_DIR) + 1 :]] = _read(path)
        elif rel.endswith(FIXED_SUFFIX):
            fixed[rel[: -len(FIXED_SUFFIX)]] = _read(path)
        else:
            files[rel], marks = strip_markers(_read(path))
            expected.extend(Expect(code, rel, line) for line, code in marks)
    if not files:
        raise CaseError(f"{folder}: a case needs at least one project file")
    if stray := sorted(set(fixed) - set(files)):
        raise CaseError(f"{folder}: {stray[0]}{FIXED_SUFFIX} fixes no project file")
    sidecar = folder / EXPECT_FILE
    if sidecar.is_file():
        for number, raw in enumerate(_read(sidecar).splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            match = _EXPECT_LINE_RE.match(line)
            if match is None:
                raise CaseError(f"{sidecar}:{number}: expected `path:line CODE`, got {raw!r}")
            expected.append(Expect(match["code"], match["path"], int(match["line"])))
    meta: dict[str, Any] = {}
    if (folder / CASE_FILE).is_file():
        meta = tomllib.loads(_read(folder / CASE_FILE))
        if unknown := sorted(set(meta) - {"unsafe", "note"}):
            raise CaseError(f"{folder / CASE_FILE}: unknown key {unknown[0]!r}")
    return Case(
        files=files,
        expect=tuple(sorted(expected, key=lambda e: (e.path, e.line, e.code))),
        fixed=fixed or None,
        unsafe=bool(meta.get("unsafe", False)),
        settings=_settings(files, folder),
        note=str(meta.get("note", "")),
        base=base,
    )


def load_cases(pack: RulePack, cases_dir: Path | str) -> list[RuleCase]:
    """Every case folder under `cases_dir` (`<CODE>/<kind>-<what-it-shows>/`) for `pack`."""
    rules = pack.rule_by_code()
    out: list[RuleCase] = []
    for code_dir in sorted(p for p in Path(cases_dir).iterdir() if p.is_dir()):
        rule = rules.get(code_dir.name)
        if rule is None:
            raise CaseError(f"{code_dir}: no rule {code_dir.name} in pack {pack.name}")
        for folder in sorted(p for p in code_dir.iterdir() if p.is_dir()):
            kind = folder.name.split("-", 1)[0]
            if kind not in KINDS:
                raise CaseError(f"{folder}: a case folder's name starts with valid- or invalid-")
            case = load_case(folder)
            if (kind == "valid") != (not case.expect and case.fixed is None):
                raise CaseError(
                    f"{folder}: a valid case expects no finding, an invalid one at least one"
                )
            out.append(RuleCase(rule, f"{code_dir.name}/{folder.name}", kind, case))
    return out


def rule_cases(pack: RulePack, cases_dir: Path | str | None = None) -> list[RuleCase]:
    """The in-code cases of the pack's rules, then its case folders (`cases_dir`, by default
    the pack's own `cases` directory)."""
    out = [
        RuleCase(rule, f"{rule.code}-{kind}-{index}", kind, case)
        for rule in pack.rules
        for kind, cases in (("valid", rule.VALID), ("invalid", rule.INVALID))
        for index, case in enumerate(cases)
    ]
    folder = cases_dir if cases_dir is not None else pack.cases
    if folder is not None:
        out.extend(load_cases(pack, folder))
    return out


def case_params(pack: RulePack, cases_dir: Path | str | None = None) -> Iterator[Any]:
    """pytest parameters (rule, case) with readable ids, for every case of every rule."""
    import pytest

    for item in rule_cases(pack, cases_dir):
        yield pytest.param(item.rule, item.case, id=item.id)
