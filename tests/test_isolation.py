"""Isolation: a crashing rule or extractor costs only its own findings, and hostile input is only
ever read (no import or execution of project code, no network, no writes outside the cache).

Crashes are driven through the real command line (`cxone_lint.cli.main`) with an extra rule pack
registered by monkeypatching the entry-point lookup, exactly where a third-party pack plugs in.
Hostile-input checks run the installed console script in a subprocess.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import libcst as cst
import pytest

from cxone_lint.api.context import ProjectContext
from cxone_lint.api.diagnostics import Diagnostic, Position
from cxone_lint.api.extractor import Extractor
from cxone_lint.api.pack import RulePack
from cxone_lint.api.python import PythonExtractor
from cxone_lint.api.rule import Rule
from cxone_lint.cli.main import main
from cxone_lint.report import FORMATS
from cxone_lint.run import registry as registry_mod
from tests.packs.acme import PACK as ACME

BIN = Path(sys.executable).parent
CLI = shutil.which("cxone-lint", path=str(BIN)) or "cxone-lint"

_DOC = """{summary}

## What it does
Test rule.

## Why
Test rule.

## Example
None.

## Fix safety
No fix.

## References
- https://example.com/test
"""


class CrashingRule(Rule):
    __doc__ = _DOC.format(summary="Crashes on purpose")
    code = "BOOM101"
    name = "crashes-always"
    summary = "Crashes on purpose"

    def check(self, ctx: ProjectContext) -> Iterator[Diagnostic]:
        yield self.report("a.py", Position(1, 1), "first finding is lost with the crash")
        raise KeyError("client_secret")


class HealthyRule(Rule):
    """Registered in the same pack after the crashing one: it must still run."""

    __doc__ = _DOC.format(summary="Reports every Python file")
    code = "BOOM102"
    name = "reports-every-file"
    summary = "Reports every Python file"

    def check(self, ctx: ProjectContext) -> Iterator[Diagnostic]:
        for rel, result in sorted(ctx.files.items()):
            if result.kind == "python":
                yield self.report(rel, Position(1, 1), "seen")


class CrashingPythonExtractor(PythonExtractor):
    name = "boom.python"
    prefilter = ("explode",)

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == "explode":
            raise ValueError("extractor bug")
        self.facts["names"] = self.facts.get("names", 0) + 1


class CrashingConfigExtractor(Extractor):
    name = "boom.config"
    kinds = frozenset({"toml"})

    def extract_document(self, doc: Any) -> None:
        raise TypeError("config extractor bug")


BOOM = RulePack("boom", "1.0", [CrashingRule, HealthyRule])
# Extractors only; its rules (none) do not matter, its extractors run for every selection.
BOOM_EXTRACT = RulePack(
    "boom-extract", "1.0", [], extractors=[CrashingPythonExtractor, CrashingConfigExtractor]
)


def register(monkeypatch: pytest.MonkeyPatch, *packs: RulePack) -> None:
    """Register packs as if installed, next to whatever packs really are installed."""
    real = registry_mod.entry_points

    class _EntryPoint:
        def __init__(self, pack: RulePack) -> None:
            self.name, self.value, self._pack = f"zz-{pack.name}", f"tests:{pack.name}", pack

        def load(self) -> RulePack:
            return self._pack

    def fake(group: str) -> list[Any]:
        return [*real(group=group), *(_EntryPoint(p) for p in packs)]

    monkeypatch.setattr(registry_mod, "entry_points", fake)


@pytest.fixture
def with_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    register(monkeypatch, ACME, BOOM)


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def _json_findings(out: str) -> list[tuple[str, str, int]]:
    found = json.loads(out)["findings"]
    return sorted((f["code"], f["path"], f["location"]["line"]) for f in found)


def test_crashing_rule_costs_only_its_own_findings(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    with_packs: None,
) -> None:
    (tmp_path / "a.py").write_text("import pdb\npdb.set_trace()\n")
    (tmp_path / "x.toml").write_text('owner = "nobody"\n')
    monkeypatch.chdir(tmp_path)
    code, out, err = _cli(
        ["check", "--isolated", "--no-cache", "--select", "ACME,BOOM", "-o", "json"], capsys
    )
    assert code == 2
    assert "Traceback" not in err
    assert _json_findings(out) == [
        ("ACME101", "a.py", 2),
        ("ACME201", "x.toml", 1),
        ("BOOM102", "a.py", 1),
        ("LINT003", "a.py", 1),
    ]
    (crash,) = [f for f in json.loads(out)["findings"] if f["code"] == "LINT003"]
    assert crash["message"].startswith("BOOM101 (crashes-always) crashed: KeyError at ")
    # The exception's text (here a key name) is not echoed: it could hold file contents.
    assert "client_secret" not in out + err


def test_internal_error_is_reported_even_when_not_selected(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    with_packs: None,
) -> None:
    """`--select BOOM101` must not hide that BOOM101 crashed: a crash is never a clean pass."""
    (tmp_path / "a.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = _cli(
        ["check", "--isolated", "--no-cache", "--select", "BOOM101", "-o", "json"], capsys
    )
    assert _json_findings(out) == [("LINT003", "a.py", 1)]
    assert code == 2


def test_crashing_extractors_are_isolated_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An extractor that raises on one file: that file gets LINT003 naming the extractor, the
    other extractors still produce facts for it, and every other file is analysed."""
    (tmp_path / "a.py").write_text("import pdb\nexplode = 1\npdb.set_trace()\n")
    (tmp_path / "b.py").write_text("import pdb\npdb.set_trace()\n")
    (tmp_path / "x.toml").write_text('owner = "nobody"\n')
    register(monkeypatch, ACME, BOOM, BOOM_EXTRACT)
    monkeypatch.chdir(tmp_path)
    code, out, err = _cli(
        ["check", "--isolated", "--no-cache", "--select", "ACME,BOOM102", "-o", "json"], capsys
    )
    assert "Traceback" not in err
    assert _json_findings(out) == [
        ("ACME101", "a.py", 3),
        ("ACME101", "b.py", 2),
        ("ACME201", "x.toml", 1),
        ("BOOM102", "a.py", 1),
        ("BOOM102", "b.py", 1),
        ("LINT003", "a.py", 1),
        ("LINT003", "x.toml", 1),
    ]
    found = json.loads(out)["findings"]
    messages = {f["path"]: f["message"] for f in found if f["code"] == "LINT003"}
    assert messages["a.py"].startswith("extractor 'boom.python' crashed on this file: ValueError")
    assert messages["x.toml"].startswith("extractor 'boom.config' crashed on this file: TypeError")
    assert code == 2


# -- hostile input: read, never run -------------------------------------------------------------


def _marker_module(marker: Path, name: str) -> str:
    return (
        "import pathlib\n"
        f"pathlib.Path({str(marker)!r}).joinpath({name!r}).write_text('ran')\n"
        "import os\n"
        f"os.system('touch {marker}/{name}.system')\n"
    )


# Names a Python process might import from its working directory or a project: the standard
# library modules the tool itself uses, its own dependencies, and files tools execute by design.
HOSTILE_MODULES = (
    "argparse",
    "json",
    "tomllib",
    "tokenize",
    "libcst",
    "pathspec",
    "yaml",
    "jwt",
    "dotenv",
    "conftest",
    "setup",
    "sitecustomize",
    "usercustomize",
    "cxone_rules",
    "__main__",
)


def _hostile_project(root: Path, marker: Path) -> None:
    root.mkdir()
    marker.mkdir()
    for name in HOSTILE_MODULES:
        (root / f"{name}.py").write_text(_marker_module(marker, name))
    pkg = root / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(_marker_module(marker, "pkg"))
    (root / "app.py").write_text(
        "import requests\nimport pkg\n"
        'TOKEN_URL = "https://cxone.niceincontact.com/auth/token"\n'
        "requests.post(TOKEN_URL, data={'grant_type': 'password'}, verify=False)\n"
    )
    # A .pth file is executed by `site` only inside site directories; it must stay inert here.
    (root / "evil.pth").write_text(f"import os; os.system('touch {marker}/pth')\n")
    (root / "cxone-app.toml").write_text('[app]\nname = "Hostile"\ntype = "backend"\n')


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def _hostile_run(tmp_path: Path, how: str, env_text: str) -> list[str]:
    root, marker = tmp_path / "proj", tmp_path / "markers"
    _hostile_project(root, marker)
    # A repository's own config can name commands git runs (core.fsmonitor on every index
    # read): the tool's git calls must not run them.
    _git(root, "init", "-q")
    _git(root, "config", "core.fsmonitor", f"touch {marker}/fsmonitor; false")
    (root / ".env").write_text(env_text)
    _git(root, "add", "-A")
    _git(root, "-c", "core.fsmonitor=false", "commit", "-qm", "hostile")
    (marker / "fsmonitor").unlink(missing_ok=True)
    cmd = [CLI] if how == "console-script" else [sys.executable, "-m", "cxone_lint"]
    proc = subprocess.run(
        [*cmd, "check", "--select", "ALL", "--no-cache", "-o", "json", "--base", "HEAD"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), proc.stderr
    json.loads(proc.stdout)
    return sorted(p.name for p in marker.iterdir())


@pytest.mark.parametrize("how", ["console-script", "python-m"])
def test_project_code_is_never_imported_or_run(tmp_path: Path, how: str) -> None:
    assert _hostile_run(tmp_path, how, "CXONE_CLIENT_ID=abc\n") == []


def test_secrets_file_check_runs_no_repository_command(tmp_path: Path) -> None:
    """CX409 asks git whether a .env holding a secret is tracked: that git call must not run
    the repository's fsmonitor command either."""
    secret = "".join(
        secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        for _ in range(40)
    )
    assert _hostile_run(tmp_path, "console-script", f"CXONE_CLIENT_SECRET={secret}\n") == []


# -- no network ---------------------------------------------------------------------------------

SOCKET_GUARD = '''
"""Loaded through PYTHONPATH by every Python process of the test: any attempt to reach the
network is recorded in a file and refused."""
import os
import socket

_LOG = os.environ["CXONE_LINT_NET_LOG"]


def _refuse(what):
    def guard(*args, **kwargs):
        with open(_LOG, "a") as fh:
            fh.write(f"{what} {args!r}\\n")
        raise OSError(f"network blocked by the test: {what}")

    return guard


_real_connect, _real_connect_ex = socket.socket.connect, socket.socket.connect_ex


def _connect(self, address, *a):
    if self.family == socket.AF_UNIX:  # local IPC (multiprocessing) is not network
        return _real_connect(self, address, *a)
    return _refuse("connect")(address)


def _connect_ex(self, address, *a):
    if self.family == socket.AF_UNIX:
        return _real_connect_ex(self, address, *a)
    return _refuse("connect_ex")(address)


socket.socket.connect = _connect
socket.socket.connect_ex = _connect_ex
socket.socket.sendto = _refuse("sendto")
for _name in (
    "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "create_connection"
):
    setattr(socket, _name, _refuse(_name))
'''


def _jwt_like() -> str:
    import jwt

    return jwt.encode(
        {"iss": "https://cxone.niceincontact.com", "sub": "user:1", "aud": "x"},
        secrets.token_hex(16),
        algorithm="HS256",
    )


def _network_project(root: Path, files: int = 60) -> None:
    """Enough files to use worker processes; URLs everywhere a careless rule might fetch."""
    root.mkdir()
    (root / "cxone-app.toml").write_text(
        '[app]\nname = "Net"\ntype = "backend"\ntenancy = "single"\n'
        'jwks_endpoint = "https://jwks.example.invalid/keys"\n'
        'auth_method = "client_secret_basic"\nenvironments = ["na1"]\n'
    )
    (root / ".env").write_text(f"CXONE_TOKEN={_jwt_like()}\n")
    (root / "conf.json").write_text('{"$schema": "https://json-schema.example.invalid/s.json"}\n')
    (root / "ci.yaml").write_text("url: https://na1.nice-incontact.com/inContactAPI\n")
    for i in range(files):
        (root / f"m{i:03}.py").write_text(
            "import requests\n"
            'ISSUER = "https://cxone.niceincontact.com"\n'
            "def token(cid, secret):\n"
            "    r = requests.get(ISSUER + '/.well-known/openid-configuration', timeout=5)\n"
            "    return requests.post(r.json()['token_endpoint'], auth=(cid, secret),\n"
            "                         data={'grant_type': 'client_credentials'})\n"
        )


def test_runs_with_the_network_blocked(tmp_path: Path) -> None:
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SOCKET_GUARD)
    log = tmp_path / "net.log"
    root = tmp_path / "proj"
    _network_project(root)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(guard), os.environ.get("PYTHONPATH", "")]),
        "CXONE_LINT_NET_LOG": str(log),
    }
    # The guard itself must work, or this test proves nothing.
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('192.0.2.1', 80))"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert "network blocked by the test" in probe.stderr
    log.unlink()
    for extra in ([], ["--no-cache"]):
        proc = subprocess.run(
            [CLI, "check", "--isolated", "--select", "ALL", "--jobs", "2", "-o", "json", *extra],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert "Traceback" not in proc.stderr, proc.stderr
        assert proc.returncode in (0, 1), proc.stderr
        report = json.loads(proc.stdout)
        assert report["files"]["seen"] == 64
        assert not log.exists(), log.read_text()


@pytest.mark.skipif(shutil.which("unshare") is None, reason="unshare(1) not installed")
def test_runs_in_a_network_namespace_without_interfaces(tmp_path: Path) -> None:
    """Where the kernel allows it (root, or user namespaces), run with no network at all."""
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        pytest.skip("network namespaces not permitted here")
    root = tmp_path / "proj"
    _network_project(root, files=5)
    proc = subprocess.run(
        ["unshare", "-n", CLI, "check", "--isolated", "--select", "ALL", "-o", "json"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), proc.stderr
    assert json.loads(proc.stdout)["files"]["seen"] == 9


# -- no writes outside the cache ----------------------------------------------------------------


def _snapshot(root: Path) -> dict[str, tuple[Any, ...]]:
    """Every path under root (git's own files included) with type, size, mode, mtime, hash."""
    out: dict[str, tuple[Any, ...]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in [*dirnames, *filenames]:
            full = Path(dirpath) / name
            st = full.lstat()
            rel = full.relative_to(root).as_posix()
            if full.is_symlink() or full.is_dir():
                out[rel] = ("dir" if full.is_dir() else "link", st.st_mode)
            else:
                digest = hashlib.sha256(full.read_bytes()).hexdigest()
                out[rel] = ("file", st.st_size, st.st_mode, st.st_mtime_ns, digest)
    out["."] = ("dir", root.stat().st_mode, root.stat().st_mtime_ns)
    return out


def _changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


@pytest.mark.parametrize("in_git", [False, True], ids=["plain", "git"])
def test_no_writes_outside_the_cache(tmp_path: Path, in_git: bool) -> None:
    root = tmp_path / "proj"
    _network_project(root, files=50)
    (root / "bad.py").write_text("def f(:\n")
    (root / "noqa.py").write_text("x = 1  # noqa: CX999\n")
    if in_git:
        _git(root, "init", "-q")
        _git(root, "add", "-A")
        _git(root, "commit", "-qm", "start")
        (root / "untracked.py").write_text("y = 2\n")
    outputs = [a for name in FORMATS for a in ("-o", name)]
    before = _snapshot(root)
    for extra in ([], [], ["--statistics", "--show-suppressed", "--base", "HEAD"]):
        if extra and not in_git:
            extra = extra[:2]
        proc = subprocess.run(
            [CLI, "check", "--isolated", "--select", "ALL", *outputs, *extra],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert "Traceback" not in proc.stderr, proc.stderr
        assert proc.returncode in (0, 1), proc.stderr
    after = _snapshot(root)
    changed = [p for p in _changed(before, after) if p.split("/")[0] != ".cxone_lint_cache"]
    # Creating the cache directory changes the root directory's own mtime, and nothing else.
    assert changed in ([], ["."]), changed
    if changed == ["."]:
        assert (root / ".cxone_lint_cache").is_dir()
