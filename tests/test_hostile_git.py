"""Hostile repositories against the git runner: nothing runs, nothing is fetched, nothing is
skipped silently (attack rows 1, 22, 23, 25, 26)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cxone_lint.run import git as gitrev
from tests.hostile import MANIFEST, cli, commit_all, git, write

SECRET = "Q8fz3LkP0vWm7RtY2sXcN5bH9jDg4aEu"


def _marker_command(marker: Path) -> str:
    return f"sh -c 'id > {marker}; false'"


def _embedded_bare_repository(tmp_path: Path, marker: Path) -> Path:
    """A repository with a committed folder laid out like a bare repository, whose config
    makes any git that uses it run a command (lazy fetch from a promisor remote)."""
    origin = tmp_path / "evilrepo"
    svc = origin / "svc"
    (svc / "refs" / "heads").mkdir(parents=True)
    (svc / "objects" / "info").mkdir(parents=True)
    git(origin.parent, "init", "-q", str(origin))
    command = _marker_command(marker)
    write(
        svc,
        {
            "HEAD": "ref: refs/heads/main\n",
            "refs/heads/main": "1" * 40 + "\n",
            "objects/info/.keep": "",
            "config": (
                "[core]\n\trepositoryformatversion = 1\n\tbare = true\n"
                f'\tfsmonitor = "{command}"\n\tpager = "{command}"\n'
                "[extensions]\n\tpartialClone = evil\n"
                '[remote "evil"]\n\turl = /nonexistent\n\tpromisor = true\n'
                f'\tuploadpack = "{command}"\n'
            ),
            "cxone-app.toml": MANIFEST,
            "app.py": "x = 1\n",
            ".env": f"CXONE_CLIENT_SECRET={SECRET}\n",
        },
    )
    commit_all(origin)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    return clone


@pytest.mark.parametrize(
    ("args", "pre_commit"),
    [
        (["check", "--no-cache", "svc", "--base", "main"], False),
        (["check", "--no-cache", "--force-exclude", "svc/app.py"], True),
        (["check", "--no-cache", "svc"], False),
        (["review", "--no-cache", "svc", "--base", "HEAD"], False),
    ],
    ids=["base", "pre-commit-hook", "secrets-file-git-status", "review"],
)
def test_embedded_bare_repository_is_never_used(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    pre_commit: bool,
) -> None:
    marker = tmp_path / "PWNED"
    clone = _embedded_bare_repository(tmp_path, marker)
    if pre_commit:
        monkeypatch.setenv("PRE_COMMIT", "1")
    code, out, err = cli(capsys, monkeypatch, clone, *args)
    assert not marker.exists(), marker.read_text()
    assert "Traceback" not in err
    # git sees the outer repository: the committed .env is tracked there (CX409), and a
    # base that is not a revision of the outer repository is said to be unavailable.
    if args[-2:] == ["--base", "main"] and "main" not in git(clone, "branch", "-a"):
        assert code == 2
        assert "--base: git revision 'main' is not available in this clone" in err
    if args == ["check", "--no-cache", "svc"]:
        assert (
            "svc/.env:1:21: CX409 .env holds 1 real secret (client secret) and is committed to git"
            in out
        )


def test_repository_found_is_the_one_the_project_lives_in(tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    clone = _embedded_bare_repository(tmp_path, marker)
    repo = gitrev.find_repository(clone / "svc")
    assert repo == gitrev.Repository(clone.resolve(), (clone / ".git").resolve())
    proc = gitrev.run(clone / "svc", "rev-parse", "--show-toplevel", "--absolute-git-dir")
    assert proc.stdout.decode().split() == [str(clone.resolve()), str((clone / ".git").resolve())]
    assert not marker.exists()


def test_hostile_config_of_the_project_repository_runs_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every key of the project's own .git/config that names a program (row 25), with a
    promisor remote so that a missing --base commit would be fetched lazily."""
    project = tmp_path / "p"
    git(tmp_path, "init", "-q", str(project))
    write(
        project,
        {
            "cxone-app.toml": MANIFEST,
            ".env": f"CXONE_CLIENT_SECRET={SECRET}\n",
            ".gitattributes": "* filter=evil diff=evil\n",
        },
    )
    commit_all(project)
    markers = {name: tmp_path / f"PWNED-{name}" for name in ("fsm", "pager", "filter", "hook")}
    hooks = project / "hooks"
    hooks.mkdir()
    for hook in ("pre-commit", "post-checkout", "reference-transaction", "post-index-change"):
        (hooks / hook).write_text(f"#!/bin/sh\nid > {markers['hook']}\n")
        (hooks / hook).chmod(0o755)
    with (project / ".git" / "config").open("a") as fh:
        fh.write(
            f'[core]\n\tfsmonitor = "{_marker_command(markers["fsm"])}"\n'
            f'\tpager = "{_marker_command(markers["pager"])}"\n'
            f"\thooksPath = {hooks}\n"
            f'[filter "evil"]\n\tclean = "{_marker_command(markers["filter"])}"\n'
            f'\tsmudge = "{_marker_command(markers["filter"])}"\n'
            f'\tprocess = "{_marker_command(markers["filter"])}"\n'
            f'[diff "evil"]\n\ttextconv = "{_marker_command(markers["filter"])}"\n'
            f'\tcommand = "{_marker_command(markers["filter"])}"\n'
            "[extensions]\n\tpartialClone = evil\n"
            '[remote "evil"]\n\turl = /nonexistent\n\tpromisor = true\n'
            f'\tuploadpack = "{_marker_command(markers["fsm"])}"\n'
        )
    git(project, "config", "core.repositoryformatversion", "1")
    (project / "untracked.py").write_text("x = 1\n")
    for args in (
        ["check", "--no-cache"],
        ["check", "--no-cache", "--base", "HEAD"],
        ["check", "--no-cache", "--base", "2" * 40],
        ["review", "--no-cache", "--base", "HEAD"],
    ):
        _code, _out, err = cli(capsys, monkeypatch, project, *args)
        assert [m.name for m in markers.values() if m.exists()] == [], args
        assert "Traceback" not in err


def test_partial_clone_base_never_fetches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    origin = tmp_path / "o"
    git(tmp_path, "init", "-q", str(origin))
    git(origin, "config", "uploadpack.allowFilter", "true")
    write(origin, {"cxone-app.toml": MANIFEST})
    commit_all(origin, "one")
    write(origin, {"cxone-app.toml": MANIFEST.replace("Billing", "Billing 2")})
    commit_all(origin, "two")
    clone = tmp_path / "pc"
    git(tmp_path, "clone", "-q", "--filter=blob:none", f"file://{origin}", str(clone))
    trace = tmp_path / "trace"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    _code, _out, err = cli(capsys, monkeypatch, clone, "check", "--no-cache", "--base", "HEAD~1")
    assert "upload-pack" not in trace.read_text()
    assert "fetch" not in trace.read_text().replace("lazy fetching disabled", "")
    # The lifecycle checks say why they did not run instead of taking the file as missing.
    assert "skipped 6 checks (CX601-CX604, CX611-CX612): cxone-app.toml at " in err
    assert "in a partial clone, fetch it first: cxone-lint never fetches" in err


def _repo_with_secret(path: Path) -> None:
    git(path.parent, "init", "-q", str(path))
    write(path, {"creds.py": f'CLIENT_SECRET = "{SECRET}"\n'})
    commit_all(path)


def test_submodule_and_nested_repository_are_linted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sub = tmp_path / "sub"
    _repo_with_secret(sub)
    main = tmp_path / "main"
    git(tmp_path, "init", "-q", str(main))
    write(main, {"app.py": "x = 1\n"})
    commit_all(main)
    git(main, "submodule", "--quiet", "add", str(sub), "libs/sub")
    commit_all(main)
    _repo_with_secret(main / "nested")
    expected = [
        "libs/sub/creds.py:1:17: CX401 hard-coded CXone client secret in `CLIENT_SECRET`",
        "nested/creds.py:1:17: CX401 hard-coded CXone client secret in `CLIENT_SECRET`",
    ]
    for args in (["libs/sub", "nested"], []):
        code, out, err = cli(capsys, monkeypatch, main, "check", "--no-cache", *args)
        assert code == 1, err
        got = [line.split(" (fingerprint")[0] for line in out.splitlines() if "CX401" in line]
        assert got == expected


def test_submodule_not_checked_out_is_listed_as_not_analysed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sub = tmp_path / "sub"
    _repo_with_secret(sub)
    main = tmp_path / "main"
    git(tmp_path, "init", "-q", str(main))
    write(main, {"app.py": "x = 1\n"})
    commit_all(main)
    git(main, "submodule", "--quiet", "add", str(sub), "libs/sub")
    commit_all(main)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(main), str(clone))  # submodule not initialised
    _code, _out, err = cli(capsys, monkeypatch, clone, "check", "--no-cache")
    assert "cxone-lint: libs/sub: submodule or nested repository not checked out" in err
    code, _out, err = cli(capsys, monkeypatch, clone, "check", "--no-cache", "libs/sub")
    assert code == 2
    assert "cxone-lint: error: nothing was analysed for libs/sub" in err


def _tracked_but_gitignored_secret(project: Path) -> None:
    git(project.parent, "init", "-q", str(project))
    write(project, {"settings.py": f'CLIENT_SECRET = "{SECRET}"\n'})
    commit_all(project)
    write(project, {".gitignore": "settings.py\n"})
    commit_all(project)


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("chown") is None, reason="needs root")
def test_repository_owned_by_another_user_is_still_linted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dubious ownership (row 23): the tracked file is linted, .gitignore does not hide it."""
    project = tmp_path / "own"
    _tracked_but_gitignored_secret(project)
    os.system(f"chown -R nobody {project}")
    code, out, err = cli(capsys, monkeypatch, project, "check", "--no-cache")
    assert code == 1, err
    assert out.startswith("settings.py:1:17: CX401 hard-coded CXone client secret")
    assert (
        f"cxone-lint: note: the repository at {project.resolve()} belongs to another user "
        "(git would refuse it as dubious ownership)" in err
    )


def test_repository_git_refuses_is_linted_without_gitignore(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """git refuses the repository (an extension it does not know): said on stderr, and every
    file is linted, so .gitignore cannot hide a tracked file."""
    project = tmp_path / "own"
    _tracked_but_gitignored_secret(project)
    git(project, "config", "core.repositoryformatversion", "1")
    git(project, "config", "extensions.unknownToThisGit", "true")
    code, out, err = cli(capsys, monkeypatch, project, "check", "--no-cache")
    assert code == 1, err
    assert out.startswith("settings.py:1:17: CX401 hard-coded CXone client secret")
    assert f"cxone-lint: note: git cannot list the files of {project.resolve()} (" in err
    assert "every file is linted, .gitignore is not applied" in err


def test_every_git_call_goes_through_the_runner() -> None:
    """One hardened runner: no other module starts a process."""
    root = Path(__file__).resolve().parents[1]
    allowed = {"src/cxone_lint/run/git.py", "src/cxone_lint/testing.py"}  # testing: test repos
    offenders = [
        rel
        for top in ("src", "rules")
        for path in (root / top).rglob("*.py")
        if "subprocess" in path.read_text()
        and (rel := path.relative_to(root).as_posix()) not in allowed
    ]
    assert offenders == []
