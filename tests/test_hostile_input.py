"""Hostile repositories against the analysis: bounded work, no crash, no silent pass (attack
rows 15, 16, 17, 18, 20, 21, 24, 31, 32)."""

from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cxone_rules.domain.secrets import find_jwts
from hypothesis import given, settings
from hypothesis import strategies as st

from cxone_lint.api.extractor import Extractor
from cxone_lint.api.pack import RulePack
from cxone_lint.run import analyse
from tests.hostile import MANIFEST, cli, commit_all, git, write
from tests.regex_inventory import adversarial_inputs, all_patterns
from tests.test_isolation import register

SECRET = "Q8fz3LkP0vWm7RtY2sXcN5bH9jDg4aEu"


def _concise(out: str) -> list[str]:
    """Finding lines (not the summary) without the fingerprint (stable across secrets)."""
    findings = [line for line in out.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]
    return [re.sub(r" \(fingerprint \w+\)", "", line) for line in findings]


# -- row 15: what used to pass silently --------------------------------------------------------


def test_detection_gaps_are_closed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            "cxone-lint.toml": 'select = ["LINT001", "CX401", "CX404", "CX405"]\n',
            "dup.json": (
                '{"client_secret": "S14dF5gH6jK7lZ8xC9vB0nM1qW2eR3t",\n "client_secret": ""}\n'
            ),
            "dup.yaml": "client_secret: S15dF5gH6jK7lZ8xC9vB0nM1qW2eR3t\nclient_secret: ''\n",
            "multi.yaml": "a: 1\n---\nclient_secret: S13cV4bN5mQ6wE7rT8yU9iO0pA1sD2f\n",
            "settings.py": f'# Scanned by Checkmarx\nCLIENT_SECRET = "{SECRET}"\n',
            "a.py": 'APIKey = "zK8dP2mQ9vX4rT7wL1nB6cY3"\n',
            "b.py": 'Api_Key = "zK8dP2mQ9vX4rT7wL1nB6cY3"\n',
            "d.py": 'Private_Key = "zK8dP2mQ9vX4rT7wL1nB6cY3"\n',
            "e.py": 'CFG = {"Api-Key": "zK8dP2mQ9vX4rT7wL1nB6cY3"}\n',
            # base64("MyApp@AcmeVendor:4600987"), with no word that says what it is
            "c.py": 'LEGACY = "TXlBcHBAQWNtZVZlbmRvcjo0NjAwOTg3"\n',
        },
    )
    code, out, _ = cli(capsys, monkeypatch, tmp_path, "check", "--no-cache")
    assert code == 1
    assert _concise(out) == [
        "a.py:1:10: CX405 hard-coded API key in `APIKey`",
        "b.py:1:11: CX405 hard-coded API key in `Api_Key`",
        "c.py:1:10: CX404 hard-coded legacy inContact Basic key (App@Vendor:BU) in `LEGACY`",
        "d.py:1:15: CX405 hard-coded private key in `Private_Key`",
        "dup.json:1:19: CX401 hard-coded CXone client secret in `client_secret`",
        "dup.yaml:1:16: CX401 hard-coded CXone client secret in `client_secret`",
        "e.py:1:19: CX405 hard-coded API key in `Api-Key`",
        "multi.yaml:3:16: CX401 hard-coded CXone client secret in `client_secret`",
        "settings.py:2:17: CX401 hard-coded client secret (the file names Checkmarx One: it may "
        "be its credential rather than a CXone one) in `CLIENT_SECRET`",
    ]


def test_default_excludes_are_anchored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = f"cxone:\n  client_secret: {SECRET}\n"
    write(
        tmp_path,
        {
            "cxone-lint.toml": 'select = ["CX401"]\n',
            "deploy/env/production.yaml": secret,
            "services/build/settings.yaml": secret,
            "env/lib/site.yaml": secret,  # the project's virtualenv
            "tools/venv2/pyvenv.cfg": "home = /usr\n",  # a virtualenv by its marker
            "tools/venv2/lib/conf.yaml": secret,
        },
    )
    code, out, _ = cli(capsys, monkeypatch, tmp_path, "check", "--no-cache")
    assert code == 1
    assert [line.split(": CX401")[0] for line in out.splitlines()[:-1]] == [
        "deploy/env/production.yaml:2:18",
        "services/build/settings.yaml:2:18",
    ]


# -- rows 16, 17, 18: bounded work -------------------------------------------------------------


def _run_bounded(cwd: Path, *args: str, seconds: int = 60, memory_mb: int = 1024) -> str:
    """The console script in a child with an address-space cap and a wall-clock timeout."""

    def limit() -> None:
        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    proc = subprocess.run(
        [sys.executable, "-m", "cxone_lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=seconds,
        preexec_fn=limit,
        env={**os.environ, "PYTHONFAULTHANDLER": ""},
    )
    return proc.stdout


BOMB = "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9) if a else ', '.join(['lol'] * 9)}]\n"
    for a, b in zip(["", "a", "b", "c", "d", "e", "f"], "abcdefg", strict=True)
)


MAPPING_BOMB = "a: &a {" + ", ".join(f"k{i}: x" for i in range(9)) + "}\n"
MAPPING_BOMB += "".join(
    f"{n}: &{n} {{{', '.join(f'k{i}: *{p}' for i in range(9))}}}\n"
    for p, n in zip("abcdef", "bcdefg", strict=True)
)


def test_yaml_alias_bombs_are_findings(tmp_path: Path) -> None:
    """300 bytes that expand to gigabytes: a finding, in bounded time and memory."""
    write(
        tmp_path,
        {
            "cxone-lint.toml": "\n",
            "bomb.yaml": BOMB,
            "maps.yaml": MAPPING_BOMB,
            "loop.yaml": "a: &a [1, *a]\n",
            "anchors.yaml": "base: &b {x: 1}\none: *b\ntwo: {<<: *b, y: 2}\n",  # fine
        },
    )
    out = _run_bounded(tmp_path, "check", "--no-cache", "--jobs", "1", memory_mb=700)
    assert out.splitlines() == [
        "bomb.yaml:1:1: LINT002 YAML aliases expand 24 nodes to 6053451 (an alias bomb?); "
        "not analysed",
        "loop.yaml:1:1: LINT002 YAML alias refers to itself (a recursive structure); not analysed",
        "maps.yaml:1:1: LINT002 YAML aliases expand 87 nodes to 12106887 (an alias bomb?); "
        "not analysed",
        "Found 3 findings.",
    ]


def test_pathological_inputs_cost_linear_time(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "cxone-app.toml": MANIFEST
            + '[api_user]\nusername = "svc@acme.example"\n'
            + 'permissions = ["Admin'
            + " " * 1_000_000
            + 'x"]\n',
            "jwt.json": '{"token": "' + "eyJ" * 350_000 + '"}',
            "jwt.py": 'TOKEN = "' + "eyJ" * 350_000 + '"\n',
            "percent.py": 'import requests\nURL = "https://api-na1.niceincontact.com/%'
            + "0" * 1_000_000
            + '" % (1,)\nrequests.get(URL)\n',
            "auth.py": 'import requests\nURL = "a://' + ":" * 1_000_000 + '"\n',
            "comments.yaml": "a: 1\n" + "# c\n" * 50_000,
        },
    )
    started = time.monotonic()
    out = _run_bounded(tmp_path, "check", "--no-cache", "--jobs", "1", seconds=120)
    assert out.endswith(("finding.\n", "findings.\n"))
    # Each of these took minutes before (quadratic scans); a generous bound, not a benchmark.
    assert time.monotonic() - started < 60


def test_yaml_comments_are_found_in_linear_time() -> None:
    from cxone_lint.api.document import LineIndex
    from cxone_lint.languages.config import _yaml_comments

    text = "a: 1\n" + "# c\n" * 600_000  # 2.4 MB: most of a minute with a rescan per comment
    started = time.monotonic()
    comments = _yaml_comments(text, LineIndex(text), [(0, 4)])
    assert len(comments) == 600_000 and comments[-1].line == 600_001
    assert time.monotonic() - started < 25


class _OutOfTime(BaseException):
    pass


@pytest.fixture
def deadline() -> Iterator[Any]:
    def expire(signum: int, frame: Any) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)

    def arm(seconds: float) -> None:
        signal.setitimer(signal.ITIMER_REAL, seconds)

    yield arm
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


PATTERNS = all_patterns()


@pytest.mark.parametrize(("where", "pattern"), PATTERNS, ids=[w for w, _ in PATTERNS])
def test_every_regular_expression_is_linear(
    where: str, pattern: re.Pattern[str], deadline: Any
) -> None:
    """No pattern of the engine or the pack backtracks catastrophically: every adversarial
    string for it (32 KiB, and the strongest at 1 MiB) is searched well within the deadline;
    a quadratic pattern needs tens of seconds for one of the first, hours for the second."""
    for size, strongest, seconds in ((1 << 15, False, 2.0), (1 << 20, True, 5.0)):
        for text in adversarial_inputs(pattern, size, strongest=strongest):
            deadline(seconds)
            try:
                pattern.search(text)
            except _OutOfTime:
                pytest.fail(f"{where}: {pattern.pattern!r} backtracks on {text[:24]!r}...")
            finally:
                deadline(0)


def test_regex_inventory_covers_the_known_patterns() -> None:
    """Every pattern is a literal at its `re.` call or a compiled module-level object, so the
    inventory sees them all (a pattern passed around as a string would escape it)."""
    import ast

    from tests.regex_inventory import _modules

    opaque = []
    for _name, path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr != "compile"
                and node.args
                and not isinstance(node.args[0], ast.Constant)
            ):
                opaque.append(f"{path.name}:{node.lineno}")
    assert opaque == []
    names = {where for where, _ in PATTERNS}
    assert "cxone_rules.domain.secrets._TOKEN_RUN" in names
    assert "cxone_lint.api.suppression._NOQA" in names
    assert "cxone_rules.extract.python.values._PERCENT" in names
    assert len(PATTERNS) >= 50


_OLD_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="eyJAb.-_ 0", max_size=80), st.booleans())
def test_jwt_finder_is_the_old_pattern_in_linear_time(text: str, plant: bool) -> None:
    if plant:
        text += "eyJabcdefghij.eyJklmnopqrs." + text
    assert find_jwts(text) == [m.group(0) for m in _OLD_JWT.finditer(text)]


# -- the per-file time budget ------------------------------------------------------------------


class _SlowExtractor(Extractor):
    name = "slow.extractor"
    kinds = frozenset({"yaml"})

    def extract_document(self, doc: Any) -> None:
        if "slow" in self.path:
            while True:
                time.sleep(0.01)
        self.facts = {}


def test_a_file_that_takes_too_long_is_not_analysed_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    register(monkeypatch, RulePack("slow", "1.0", [], extractors=[_SlowExtractor]))
    monkeypatch.setattr(analyse, "FILE_SECONDS", 0.5)
    write(
        tmp_path,
        {
            "cxone-lint.toml": 'select = ["LINT001", "LINT002", "CX401"]\n',
            "slow.yaml": "a: 1\n",
            "z.yaml": f"client_secret: {SECRET}\n",
        },
    )
    code, out, _ = cli(capsys, monkeypatch, tmp_path, "check", "--no-cache", "--jobs", "1")
    assert code == 1
    assert _concise(out) == [
        "slow.yaml:1:1: LINT002 not analysed: took longer than 0 s (a pathological input?)",
        "z.yaml:1:16: CX401 hard-coded CXone client secret in `client_secret`",
    ]


# -- row 20: crashes ---------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_parser_error_class_is_a_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    files = {
        "cxone-lint.toml": 'select = ["LINT001"]\n',
        "deploy.yaml": "when: 2001-13-45\n",
        "big.json": '{"n": ' + "1" * 5000 + "}\n",
        "big.toml": "n = " + "1" * 5000 + "\n",
        "big.yaml": "n: " + "1" * 5000 + "\n",
        "keys.json": '{"a/b": {"~0": 1, "c\\u002fd": [1]}, "e": "x"}\n',
    }
    # Enough files for worker processes.
    files.update({f"pad/f{i}.py": "x = 1\n" for i in range(60)})
    write(tmp_path, files)
    code, out, err = cli(
        capsys, monkeypatch, tmp_path, "check", "--no-cache", "--exit-zero", "--jobs", jobs
    )
    assert (code, "Traceback" in err) == (0, False)
    limit = "Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits"
    assert out.splitlines() == [
        f"big.json:1:1: LINT001 invalid JSON: {limit}",
        f"big.toml:1:1: LINT001 invalid TOML: {limit}",
        f"big.yaml:1:1: LINT001 invalid YAML: {limit}",
        "deploy.yaml:1:1: LINT001 invalid YAML: month must be in 1..12",
        "Found 4 findings.",
    ]


def test_an_unexpected_error_is_exit_2_with_every_other_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = analyse.decode

    def explode(data: bytes, kind: str) -> Any:
        if b"explode" in data:
            raise ZeroDivisionError("a bug")
        return real(data, kind)

    monkeypatch.setattr(analyse, "decode", explode)
    write(
        tmp_path,
        {
            "cxone-lint.toml": 'select = ["CX401"]\n',
            "a.py": "# explode\n",
            "b.py": f'CLIENT_SECRET = "{SECRET}"\n',
        },
    )
    code, out, err = cli(capsys, monkeypatch, tmp_path, "check", "--no-cache", "--exit-zero")
    assert code == 2
    assert _concise(out) == [
        "a.py:1:1: LINT003 the analysis of this file crashed: ZeroDivisionError at "
        "test_hostile_input.py:" + out.split("test_hostile_input.py:")[1].split()[0],
        "b.py:1:17: CX401 hard-coded CXone client secret in `CLIENT_SECRET`",
    ]
    assert "Traceback" not in err


# -- row 21: the manifest outside the linted set -----------------------------------------------

BAD_MANIFEST = (
    '[app]\nname = "X"\ntype = "backend"\ntenancy = "bogus"\nauth_method = "nope"\n'
    'business_unit = -5\ncontacts = ["not-an-email"]\n'
)


def test_manifest_outside_the_linted_set_is_linted_or_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "p"
    write(project, {"build/cxone-app.toml": BAD_MANIFEST, "app.py": "x = 1\n"})
    write(tmp_path, {"x.toml": BAD_MANIFEST})
    git(tmp_path, "init", "-q", str(project))
    code, out, _ = cli(
        capsys, monkeypatch, project, "check", "--no-cache", "--manifest", "build/cxone-app.toml"
    )
    assert code == 1
    # No CX116: the app's code makes no Central token request, where the scope would matter.
    assert [line.split(" ", 2)[1] for line in _concise(out)] == [
        "CX201", "CX103", "CX105", "CX101", "CX102",
    ]  # fmt: skip
    _, out, _ = cli(
        capsys, monkeypatch, project, "review", "--no-cache", "--manifest", "build/cxone-app.toml"
    )
    assert "**Not ready: 4 checks failed, 3 checks have warnings.**" in out
    for named in ("../x.toml", str(tmp_path / "x.toml")):
        code, out, err = cli(
            capsys, monkeypatch, project, "check", "--no-cache", "--manifest", named
        )
        assert (code, out) == (2, "")
        assert f"--manifest: {named} is outside the project root" in err
    write(project, {"pyproject.toml": '[tool.cxone-lint]\nmanifest = "../x.toml"\n'})
    code, _, err = cli(capsys, monkeypatch, project, "check", "--no-cache")
    assert code == 2
    assert "'manifest' must be a path inside the project root" in err
    # Excluded by .gitignore at the root: still the manifest, still linted.
    write(project, {"pyproject.toml": "", "cxone-app.toml": BAD_MANIFEST, ".gitignore": "*.toml\n"})
    code, out, _ = cli(capsys, monkeypatch, project, "check", "--no-cache")
    assert code == 1 and "cxone-app.toml:4:11: CX103 tenancy 'bogus'" in out


# -- rows 31 and 32: option injection, a root moved by --config --------------------------------


def test_staged_file_named_like_an_option_is_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hook's command exactly as pre-commit builds it: entry + args + file names."""
    import yaml

    hooks = yaml.safe_load((Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "cxone-lint")
    write(
        tmp_path,
        {
            "app.py": f'CLIENT_SECRET = "{SECRET}"\n',
            "cxone-lint.toml": 'select = ["CX4"]\n',
            "evil.toml": 'ignore = ["CX4"]\n',
            "--config=evil.toml": "\n",
            "--isolated": "\n",
        },
    )
    git(tmp_path, "init", "-q")
    commit_all(tmp_path)
    # pre-commit passes the staged files its `files` pattern selects (with re.search).
    pattern = re.compile(hook["files"])
    staged = [f for f in sorted(git(tmp_path, "ls-files").split()) if pattern.search(f)]
    assert "--config=evil.toml" in staged
    command = [*hook["entry"].split()[1:], *hook.get("args", []), *staged]
    code, out, _ = cli(capsys, monkeypatch, tmp_path, *command)
    assert code == 1
    assert out.startswith("app.py:1:17: CX401 hard-coded CXone client secret")


def test_named_file_outside_a_root_moved_by_config_fails_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    git(tmp_path, "init", "-q")
    write(tmp_path, {"ci/cxone-lint.toml": 'select = ["CX4"]\n', "app.py": f'S = "{SECRET}"\n'})
    code, out, err = cli(
        capsys,
        monkeypatch,
        tmp_path,
        "check",
        "--no-cache",
        "--config",
        "ci/cxone-lint.toml",
        "app.py",
    )
    assert code == 2
    assert "cxone-lint: app.py: outside the project root; not linted" in err
    assert "cxone-lint: error: nothing was analysed for app.py" in err
    # What was linted has no finding; the run as a whole did not pass, and does not say so.
    assert out == "No findings in the files analysed.\n"
