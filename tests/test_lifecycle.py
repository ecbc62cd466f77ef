"""CX6xx end to end: a temporary git repository built from fixtures/lifecycle-changes, then
`cxone-lint check --base REF` (or the pre-commit default) through the real command line."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cxone_lint.cli.main import main

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "lifecycle-changes"
CLIENT_OLD = "3f6a9e2c-5b1d-4c7e-9a20-6d8f1e2b4c71"
CLIENT_NEW = "7d1c0b5e-2f4a-4b8d-8c3e-1a9b7f6e5d40"


def git(root: Path, *args: str) -> str:
    out = subprocess.run(
        ["git", "-c", "user.email=dev@acme-corp.com", "-c", "user.name=Dev", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


def use(root: Path, version: str, name: str = "cxone-app.toml") -> None:
    shutil.copyfile(FIXTURE / version, root / name)


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for var in ("PRE_COMMIT", "PRE_COMMIT_FROM_REF", "PRE_COMMIT_TO_REF"):
        monkeypatch.delenv(var, raising=False)
    root = tmp_path / "integration"
    root.mkdir()
    git(root, "init", "-q")
    (root / "app.py").write_text("import os\n", encoding="utf-8")
    use(root, "before.toml")
    commit(root, "register the app")
    monkeypatch.chdir(root)
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--select", "CX6", "--no-cache", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_immutable_fields_reported_on_the_new_values(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    use(repo, "after-immutable.toml")
    code, out, err = run(capsys, "--base", "HEAD")
    assert code == 1
    assert err == ""
    label = "app 'Acme Callback Scheduler'"
    assert out == (
        f"cxone-app.toml:3:13: CX601 {label}: client_id changed from '{CLIENT_OLD}' to "
        f"'{CLIENT_NEW}' since HEAD; the application identifier (client_id) cannot be changed\n"
        f"cxone-app.toml:4:8: CX603 {label}: type changed from 'backend' to 'confidential' "
        "since HEAD; the application type cannot be changed\n"
        f"cxone-app.toml:6:13: CX602 {label}: tenant_id changed from "
        "'11eb0a7e-4a3c-5d2b-8e1f-0242ac120002' to '22fc1b8f-4a3c-5d2b-8e1f-0242ac120002' since "
        "HEAD; the tenant identifier cannot be changed\n"
        f"cxone-app.toml:8:15: CX604 {label}: auth_method changed from 'client_secret_basic' to "
        "'client_secret_post' since HEAD; the authentication method cannot be changed\n"
        "Found 4 findings.\n"
    )


def test_hint_says_register_a_new_app(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    use(repo, "after-immutable.toml")
    code, out, _ = run(capsys, "--base", "HEAD", "--output-format", "full", "--select", "CX601")
    assert code == 1
    assert (
        "  help: a different client_id is a different registration: register a new app with "
        "NICE instead (same form as the registration); record it as its own [[apps]] entry and "
        'keep this one, set to status = "disabled", until it is deleted\n'
    ) in out


def test_changeable_fields_are_not_findings(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    use(repo, "after-changeable.toml")
    assert run(capsys, "--base", "HEAD") == (0, "All checks passed (2 files checked).\n", "")


def test_base_compares_committed_history_too(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    use(repo, "after-immutable.toml")
    commit(repo, "switch to a user app")
    code, out, _ = run(capsys, "--base", "HEAD~1")
    assert code == 1
    assert [line.split(" ")[1] for line in out.splitlines()[:-1]] == [
        "CX601",
        "CX603",
        "CX602",
        "CX604",
    ]
    # Against the new HEAD nothing changed.
    assert run(capsys, "--base", "HEAD") == (0, "All checks passed (2 files checked).\n", "")


def test_json_export_type_change(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (repo / "cxone-app.toml").unlink()
    (repo / "app.json").write_text('{"id": "abc", "type": "public", "isEnabled": true}\n')
    (repo / "cxone-lint.toml").write_text('manifest = "app.json"\n')
    commit(repo, "json export")
    (repo / "app.json").write_text(
        '{\n  "id": "abc",\n  "type": "confidential",\n  "isEnabled": true\n}\n'
    )
    code, out, _ = run(capsys, "--base", "HEAD")
    assert (code, out) == (
        1,
        "app.json:3:11: CX603 the app: type changed from 'public' to 'confidential' since HEAD; "
        "the application type cannot be changed\nFound 1 finding.\n",
    )


def test_deleted_without_disabling(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    use(repo, "after-deleted.toml")
    assert run(capsys, "--base", "HEAD") == (
        1,
        "cxone-app.toml:12:10: CX611 app 'Acme Callback Scheduler' goes from enabled to deleted "
        "(since HEAD) without being disabled first\nFound 1 finding.\n",
        "",
    )


def test_deletion_hints_name_what_nice_needs(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # The deleted app records its issuers: the hint gives them with the client_id.
    use(repo, "after-deleted.toml")
    code, out, _ = run(capsys, "--base", "HEAD", "--output-format", "full")
    assert code == 1
    assert (
        '  help: set status = "disabled" and disable the app at NICE first (it can be '
        "re-enabled); in a later change, ask your CXone Account Representative to delete it, "
        "with issuers https://cxone.niceincontact.com, client_id "
        "3f6a9e2c-5b1d-4c7e-9a20-6d8f1e2b4c71\n"
    ) in out
    # The removed app recorded none: the hint says to record them.
    git(repo, "checkout", "-q", "--", "cxone-app.toml")
    use(repo, "before-multi.toml")
    commit(repo, "two apps")
    use(repo, "after-multi-removed.toml")
    code, out, _ = run(capsys, "--base", "HEAD", "--output-format", "full")
    assert code == 1
    assert (
        '  help: keep the entry and set status = "disabled", then "deleted" and ask your CXone '
        "Account Representative to delete it, with its issuers (record them: issuers = [...]), "
        "client_id 9a8b7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d; remove it once NICE has confirmed the "
        "deletion\n"
    ) in out


def test_deleted_after_a_disabled_commit_is_fine(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    use(repo, "after-disabled.toml")
    commit(repo, "disable the app")
    use(repo, "after-deleted.toml")
    # The base is before the disable, but the branch went through it.
    assert run(capsys, "--base", "HEAD~1") == (0, "All checks passed (2 files checked).\n", "")


def test_manifest_removed_while_enabled(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (repo / "cxone-app.toml").unlink()
    assert run(capsys, "--base", "HEAD") == (
        1,
        "app.py:1:1: CX612 the registration manifest cxone-app.toml was removed since HEAD while "
        f"app 'Acme Callback Scheduler' (client_id '{CLIENT_OLD}') is still enabled\n"
        "Found 1 finding.\n",
        # CX613 reads the manifest that is gone.
        "cxone-lint: skipped 1 check (CX613): no registration manifest (cxone-app.toml) found\n",
    )
    # With a settings file, the finding goes there.
    (repo / "cxone-lint.toml").write_text('fail-on = "warning"\n')
    code, out, _ = run(capsys, "--base", "HEAD")
    assert code == 1
    assert out.startswith("cxone-lint.toml:1:1: CX612 the registration manifest cxone-app.toml")


def test_manifest_removed_after_deletion_is_fine(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    use(repo, "after-disabled.toml")
    commit(repo, "disable")
    use(repo, "after-deleted.toml")
    commit(repo, "delete")
    (repo / "cxone-app.toml").unlink()
    assert run(capsys, "--base", "HEAD") == (
        0,
        "All checks passed (1 file checked).\n",
        "cxone-lint: skipped 1 check (CX613): no registration manifest (cxone-app.toml) found\n",
    )


def test_app_removed_from_monorepo_manifest(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    use(repo, "before-multi.toml")
    commit(repo, "two apps")
    use(repo, "after-multi-removed.toml")
    assert run(capsys, "--base", "HEAD") == (
        1,
        "cxone-app.toml:1:1: CX612 app 'Acme Agent Console' (client_id "
        "'9a8b7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d') was removed from the manifest since HEAD while "
        "it is still enabled\nFound 1 finding.\n",
        "",
    )


def test_precommit_compares_with_head_by_default(
    repo: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    use(repo, "after-immutable.toml")
    monkeypatch.setenv("PRE_COMMIT", "1")
    code, out, _ = run(capsys, "--select", "CX601")
    assert code == 1
    assert out.splitlines()[0] == (
        f"cxone-app.toml:3:13: CX601 app 'Acme Callback Scheduler': client_id changed from "
        f"'{CLIENT_OLD}' to '{CLIENT_NEW}' since the last commit; the application identifier "
        "(client_id) cannot be changed"
    )
    # A range run (`pre-commit run --from-ref A --to-ref B`) compares with A.
    commit(repo, "switch app")
    assert run(capsys, "--select", "CX601") == (0, "All checks passed (2 files checked).\n", "")
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "HEAD~1")
    code, out, _ = run(capsys, "--select", "CX601")
    assert code == 1
    assert f"'{CLIENT_NEW}' since HEAD~1; the" in out


def test_without_base_nothing_is_compared(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    use(repo, "after-immutable.toml")
    assert run(capsys) == (0, "All checks passed (2 files checked).\n", "")


def test_explicit_missing_base_is_a_usage_error(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "--base", "origin/main")
    assert (code, out) == (2, "")
    assert err == (
        "cxone-lint: error: --base: git revision 'origin/main' is not available in this clone\n"
    )


def test_shallow_clone_says_so(repo: Path, capsys, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    use(repo, "after-disabled.toml")
    commit(repo, "disable")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
        check=True,
        capture_output=True,
    )
    monkeypatch.chdir(clone)
    code, out, err = run(capsys, "--base", "HEAD~1")
    assert (code, out) == (2, "")
    assert err == (
        "cxone-lint: error: --base: git revision 'HEAD~1' is not available in this clone (the "
        "clone is shallow: fetch the base, e.g. `git fetch --depth=1 origin <branch>`, or clone "
        "with full history, e.g. actions/checkout with fetch-depth: 0)\n"
    )


def test_precommit_first_commit_is_a_skipped_check(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("PRE_COMMIT_FROM_REF", raising=False)
    monkeypatch.setenv("PRE_COMMIT", "1")
    git(tmp_path, "init", "-q")
    use(tmp_path, "before.toml")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys)
    assert (code, out) == (0, "All checks passed (1 file checked).\n")
    assert err == (
        "cxone-lint: skipped 6 checks (CX601-CX604, CX611-CX612): no commit yet to compare "
        "the staged manifest with (pre-commit, base HEAD)\n"
    )


def test_suppression_needed_with_base_is_not_unused_without_one(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """`# noqa: CX601 -- reason` on a deliberate change: used with a base; without a base the
    rule has nothing to judge and the suppression is not called unused (LINT010)."""
    text = (FIXTURE / "after-immutable.toml").read_text(encoding="utf-8")
    text = text.replace(
        f'client_id = "{CLIENT_NEW}"',
        f'client_id = "{CLIENT_NEW}"  # noqa: CX601 -- corrected a typo in the recorded id',
    )
    (repo / "cxone-app.toml").write_text(text, encoding="utf-8")
    code = main(["check", "--no-cache", "--select", "CX601,LINT010", "--base", "HEAD"])
    out, err = capsys.readouterr()
    assert (code, out, err) == (0, "All checks passed (2 files checked, 1 suppressed).\n", "")
    code = main(["check", "--no-cache", "--select", "CX601,LINT010"])
    out, err = capsys.readouterr()
    assert (code, out, err) == (0, "All checks passed (2 files checked).\n", "")
    # Once the change is in the base, the suppression suppresses nothing: LINT010 says so.
    commit(repo, "corrected id")
    code = main(["check", "--no-cache", "--select", "CX601,LINT010", "--base", "HEAD"])
    out, _ = capsys.readouterr()
    assert (code, out) == (
        1,
        "cxone-app.toml:3:53: LINT010 unused suppression: CX601 reported nothing here\n"
        "Found 1 finding.\n",
    )


def _precommit(root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRE_COMMIT") and k != "GIT_DIR"}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow  # builds the hook's environment: a real install
@pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed"
)
def test_real_precommit_compares_staged_manifest_with_head(repo: Path, tmp_path: Path) -> None:
    """pre-commit itself (a local hook, no network): the staged manifest against HEAD."""
    config = (
        "repos:\n- repo: local\n  hooks:\n  - id: cxone-lint-lifecycle\n"
        "    name: cxone-lint lifecycle\n"
        f"    entry: {sys.executable} -m cxone_lint check --no-cache --select CX6\n"
        "    language: system\n    files: 'cxone-app\\.toml$'\n"
    )
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    commit(repo, "hook")
    use(repo, "after-immutable.toml")
    git(repo, "add", "cxone-app.toml")
    out = _precommit(repo, tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert (
        "cxone-app.toml:3:13: CX601 app 'Acme Callback Scheduler': client_id changed from "
        f"'{CLIENT_OLD}' to '{CLIENT_NEW}' since the last commit;"
    ) in out.stdout
    assert "Found 4 findings." in out.stdout
    # Staged: only changeable fields. Unstaged: an immutable change. pre-commit stashes the
    # unstaged part, so the check sees what will be committed and passes.
    use(repo, "after-changeable.toml")
    git(repo, "add", "cxone-app.toml")
    use(repo, "after-immutable.toml")
    out = _precommit(repo, tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "cxone-lint lifecycle" in out.stdout and "Passed" in out.stdout
