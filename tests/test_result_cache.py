"""Phase two's recorded result (run/result_cache.py): a warm run with nothing changed reuses
it and prints exactly what the cold run printed; any change of an input re-runs the rules."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from cxone_lint.api import clock
from cxone_lint.cli.main import main
from cxone_lint.report import FORMATS
from cxone_lint.run import cache as cache_mod
from cxone_lint.run import result_cache
from cxone_lint.run.engine import Engine

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPORTS = sorted(FORMATS)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "proj"
    shutil.copytree(FIXTURES / "backend-auth-problems", root)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def rule_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One element per time phase two's rules ran (in-process runs)."""
    calls: list[int] = []
    real = Engine._run_rules

    def counting(self, ctx):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(self, ctx)

    monkeypatch.setattr(Engine, "_run_rules", counting)
    return calls


def check(
    root: Path, capsys: pytest.CaptureFixture[str], *args: str, formats: list[str] | None = None
) -> tuple[int, dict[str, str], str]:
    """Run `check` in-process: (exit code, each format's output, stderr)."""
    out = root.parent / "out"
    out.mkdir(exist_ok=True)
    wanted = formats if formats is not None else EXPORTS
    specs = [a for f in wanted for a in ("-o", f"{f}:{out / f}")]
    capsys.readouterr()
    code = main(["check", "--select", "ALL", *specs, *args])
    err = capsys.readouterr().err
    return code, {f: (out / f).read_text(encoding="utf-8") for f in wanted}, err


def entries(root: Path) -> list[Path]:
    return sorted((root / ".cxone_lint_cache" / result_cache.FOLDER).glob("*.json"))


def test_warm_run_reuses_the_result_with_identical_outputs(
    project: Path, capsys: pytest.CaptureFixture[str], rule_runs: list[int]
) -> None:
    cold = check(project, capsys)
    assert len(rule_runs) == 1
    assert len(entries(project)) == 1
    warm = check(project, capsys)
    assert len(rule_runs) == 1  # the rules did not run again
    assert warm == cold
    assert cold[0] == 1
    assert '"code": "CX' in cold[1]["json"]


def test_a_run_without_a_cache_prints_what_a_reused_one_does(
    project: Path, capsys: pytest.CaptureFixture[str], rule_runs: list[int]
) -> None:
    plain = check(project, capsys, "--no-cache")
    check(project, capsys)
    reused = check(project, capsys)
    assert len(rule_runs) == 2
    assert reused == plain


def test_by_stat_reuse_loads_no_facts(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    rule_runs: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Files written a moment ago are racy (their stat cannot tell a change): not here.
    monkeypatch.setattr(cache_mod, "RACY_SECONDS", -1.0)
    cold = check(project, capsys)
    reads: list[int] = []
    real = cache_mod.Cache._read

    def counting(self):  # type: ignore[no-untyped-def]
        reads.append(1)
        return real(self)

    monkeypatch.setattr(cache_mod.Cache, "_read", counting)
    warm = check(project, capsys)
    assert warm == cold
    assert len(rule_runs) == 1
    assert reads == []  # the per-file cache was not even opened


def signatures(root: Path) -> list[object]:
    (entry,) = entries(root)
    body = entry.read_bytes().partition(b',"entry":')[2][:-1]
    return [row[4] for row in json.loads(body)["files"]]


def test_racy_files_are_reused_by_digest_and_get_their_signatures(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    rule_runs: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cache_mod, "RACY_SECONDS", 1e9)  # every stat is racy: digests decide
    cold = check(project, capsys)
    assert set(signatures(project)) == {None}
    reads: list[int] = []
    real = cache_mod.Cache._read
    monkeypatch.setattr(cache_mod.Cache, "_read", lambda self: reads.append(1) or real(self))
    assert check(project, capsys) == cold
    assert len(rule_runs) == 1
    assert reads == []  # no facts loaded: the files were hashed
    monkeypatch.setattr(cache_mod, "RACY_SECONDS", -1.0)
    assert check(project, capsys) == cold
    assert None not in signatures(project)  # recorded now: the next run only stats
    assert len(rule_runs) == 1
    assert reads == []


def test_a_touched_but_unchanged_file_still_reuses(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    rule_runs: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cache_mod, "RACY_SECONDS", -1.0)
    cold = check(project, capsys)
    before = signatures(project)
    target = sorted(project.rglob("*.py"))[0]
    os.utime(target, (1_000_000_000, 1_000_000_000))  # a checkout's new mtime, same bytes
    assert check(project, capsys) == cold
    assert len(rule_runs) == 1
    assert signatures(project) != before


@pytest.mark.parametrize("racy", [True, False])
def test_a_changed_linted_file_reruns_the_rules(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    rule_runs: list[int],
    monkeypatch: pytest.MonkeyPatch,
    racy: bool,
) -> None:
    monkeypatch.setattr(cache_mod, "RACY_SECONDS", 1e9 if racy else -1.0)
    check(project, capsys)
    target = next(p for p in sorted(project.rglob("*.py")))
    target.write_text(target.read_text(encoding="utf-8") + "\nSECRET_X = 1\n", encoding="utf-8")
    warm = check(project, capsys)
    assert len(rule_runs) == 2
    assert warm == check(project, capsys, "--no-cache")


def test_a_file_a_rule_looked_for_appearing_or_disappearing_reruns_the_rules(
    project: Path, capsys: pytest.CaptureFixture[str], rule_runs: list[int]
) -> None:
    cold = check(project, capsys)
    assert "CX706" not in cold[1]["json"]
    readme = (project / "README.md").read_text(encoding="utf-8")
    (project / "README.md").unlink()  # CX706 asks ctx.exists("README.md"); not linted
    gone = check(project, capsys)
    assert len(rule_runs) == 2
    assert "CX706" in gone[1]["json"]
    assert check(project, capsys) == gone
    assert len(rule_runs) == 2
    (project / "README.md").write_text(readme, encoding="utf-8")
    back = check(project, capsys)
    assert len(rule_runs) == 3
    assert back == cold


def test_a_changed_text_a_rule_read_reruns_the_rules(
    project: Path, capsys: pytest.CaptureFixture[str], rule_runs: list[int]
) -> None:
    # Linting one folder: the manifest is not linted, only read by the rules (ctx.document).
    cold = check(project, capsys, "dialer")
    assert check(project, capsys, "dialer") == cold
    assert len(rule_runs) == 1
    manifest = project / "cxone-app.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n[broken\n", encoding="utf-8")
    changed = check(project, capsys, "dialer")
    assert len(rule_runs) == 2
    assert changed != cold
    assert changed == check(project, capsys, "dialer", "--no-cache")
    manifest.unlink()
    assert check(project, capsys, "dialer") == check(project, capsys, "dialer", "--no-cache")
    assert len(rule_runs) == 5


def test_a_gitignore_that_changes_the_files_reruns_the_rules(
    project: Path, capsys: pytest.CaptureFixture[str], rule_runs: list[int]
) -> None:
    cold = check(project, capsys)
    (project / ".gitignore").write_text("dialer/\n", encoding="utf-8")
    ignored = check(project, capsys)
    assert len(rule_runs) == 2
    assert ignored != cold
    assert ignored == check(project, capsys, "--no-cache")


def test_another_selection_reruns_the_rules(
    project: Path, capsys: pytest.CaptureFixture[str], rule_runs: list[int]
) -> None:
    check(project, capsys)
    narrow = check(project, capsys, "--select", "CX7")
    assert len(rule_runs) == 2
    assert narrow == check(project, capsys, "--select", "CX7", "--no-cache")
    check(project, capsys, "--select", "CX7")
    assert len(rule_runs) == 3  # the last run reused the CX7 result


def test_changed_per_file_ignores_rerun_the_rules(
    project: Path, capsys: pytest.CaptureFixture[str], rule_runs: list[int]
) -> None:
    settings = project / "cxone-lint.toml"
    settings.write_text('[per-file-ignores]\n"nothing/**" = ["CX4"]\n', encoding="utf-8")
    cold = check(project, capsys)
    assert check(project, capsys) == cold
    assert len(rule_runs) == 1
    settings.write_text('[per-file-ignores]\n"dialer/**" = ["ALL"]\n', encoding="utf-8")
    ignored = check(project, capsys)
    assert len(rule_runs) == 2
    assert ignored != cold
    assert ignored == check(project, capsys, "--no-cache")


def test_no_cache_diff_and_fix_never_reuse(
    project: Path, capsys: pytest.CaptureFixture[str], rule_runs: list[int]
) -> None:
    check(project, capsys)
    check(project, capsys)
    assert len(rule_runs) == 1
    check(project, capsys, "--no-cache")
    assert len(rule_runs) == 2
    capsys.readouterr()
    main(["check", "--select", "ALL", "--diff"])
    assert len(rule_runs) >= 3
    before = len(rule_runs)
    main(["check", "--select", "ALL", "--fix"])
    assert len(rule_runs) > before


def test_a_git_base_never_reuses(
    project: Path, capsys: pytest.CaptureFixture[str], rule_runs: list[int]
) -> None:
    import subprocess

    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=project, check=True)
    check(project, capsys, "--base", "HEAD")
    check(project, capsys, "--base", "HEAD")
    assert len(rule_runs) == 2


def test_a_run_that_asked_git_is_not_recorded(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    rule_runs: list[int],
) -> None:
    root = tmp_path / "proj"
    shutil.copytree(FIXTURES / "secrets-leak", root)  # CX409 asks git about the secret files
    monkeypatch.chdir(root)
    first = check(root, capsys)
    assert entries(root) == []
    assert check(root, capsys) == first
    assert len(rule_runs) == 2


@pytest.mark.parametrize("damage", ["flip", "truncate", "foreign", "empty", "mac"])
def test_a_damaged_entry_is_a_miss(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    rule_runs: list[int],
    damage: str,
) -> None:
    cold = check(project, capsys)
    (entry,) = entries(project)
    raw = entry.read_bytes()
    if damage == "flip":
        i = raw.index(b'"message"') + 12
        raw = raw[:i] + bytes([raw[i] ^ 1]) + raw[i + 1 :]
    elif damage == "truncate":
        raw = raw[: len(raw) // 2]
    elif damage == "foreign":
        raw = raw.replace(entry.stem.encode(), b"0" * 24, 1)
    elif damage == "empty":
        raw = b""
    else:
        raw = raw.replace(b'"mac":"', b'"mac":"0', 1)
    entry.write_bytes(raw)
    warm = check(project, capsys)
    assert len(rule_runs) == 2
    assert warm == cold
    assert "Traceback" not in warm[2]
    assert check(project, capsys) == cold  # rewritten, then reused
    assert len(rule_runs) == 2


def test_a_deadline_a_rule_compared_the_clock_with_ends_the_reuse(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    rule_runs: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = Engine._run_rules
    soon = time.time() + 3600

    def with_clock(self, ctx):  # type: ignore[no-untyped-def]
        clock.has_passed(soon)  # a token valid for another hour
        return real(self, ctx)

    monkeypatch.setattr(Engine, "_run_rules", with_clock)
    check(project, capsys)
    check(project, capsys)
    assert len(rule_runs) == 1  # before the deadline: reused
    later = soon + 1
    monkeypatch.setattr(result_cache.time, "time", lambda: later)
    check(project, capsys)
    assert len(rule_runs) == 2


def test_clock_deadlines_are_the_earliest_future_instant() -> None:
    now = time.time()
    with clock.watch() as deadlines:
        assert clock.has_passed(now - 10)
        assert not clock.has_passed(now + 200)
        assert not clock.has_passed(now + 100)
    assert deadlines.earliest == now + 100
    assert not clock.has_passed(now + 50)  # no longer watched
    assert deadlines.earliest == now + 100


def test_entries_are_pruned_like_the_per_file_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    selections = ["CX1", "CX2", "CX3", "CX4", "CX5", "CX6", "CX7", "CX8", "CX9", "ALL"]
    for selection in selections:
        check(project, capsys, "--select", selection, formats=["json"])
    assert len(entries(project)) == cache_mod.MAX_CONFIGURATIONS


def test_the_entry_holds_no_secret_and_no_file_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "proj"
    shutil.copytree(FIXTURES / "backend-auth-problems", root)
    secret = "Zq8vN3xW7pL2mK9rT4yB6hJ1"
    (root / "dialer" / "creds.py").write_text(
        f'CLIENT_SECRET = "{secret}"\nTOKEN_URL = "https://cxone.niceincontact.com/auth/token"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    _, out, _ = check(root, capsys, formats=["json"])
    assert "CX4" in out["json"]
    (entry,) = entries(root)
    raw = entry.read_text(encoding="utf-8")
    assert secret not in raw
    assert "TOKEN_URL" not in raw  # no file text


def test_a_path_that_matched_nothing_fails_the_reused_run_too(
    project: Path, capsys: pytest.CaptureFixture[str], rule_runs: list[int]
) -> None:
    cold = check(project, capsys, "dialer", "missing.py")
    assert cold[0] == 2
    assert "missing.py" in cold[2]
    assert check(project, capsys, "dialer", "missing.py") == cold
    assert len(rule_runs) == 1
