"""The result cache: hits never change findings, unchanged files are never parsed again,
changes are always seen, a broken cache is ignored, concurrent runs never corrupt it, and it
never holds a secret."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

from cxone_lint.api.context import FileResult
from cxone_lint.api.results import RunResult
from cxone_lint.api.settings import Settings
from cxone_lint.cli.main import main
from cxone_lint.run import cache as cache_mod
from cxone_lint.run.cache import CACHEDIR_TAG, Cache, analyse_cached, cache_key
from cxone_lint.run.engine import Engine, RunOptions
from cxone_lint.run.registry import load_registry
from cxone_lint.run.settings import load_settings
from cxone_lint.run.workspace import SourceFile
from cxone_lint.testing import findings, write_project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REGISTRY = load_registry()
EXTRACTORS = [e for p in REGISTRY.packs for e in p.extractors]
TOKEN_URL = '"https://cxone.niceincontact.com/auth/token"'
PROJECT = {
    "auth.py": f"import requests\nURL = {TOKEN_URL}\nrequests.post(URL, data={{}})\n",
    "broken.py": f"URL = {TOKEN_URL}\nx = (\n",
    "plain.py": "def f():\n    return 1\n",
    "conf.json": '{"client_id": }',
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    write_project(root, PROJECT)
    return root


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file phase one analyses (in-process runs), by relative path."""
    import cxone_lint.run.parallel as parallel

    seen: list[str] = []
    real = parallel.analyse_file

    def counting(source, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(source.rel)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(parallel, "analyse_file", counting)
    return seen


def lint(root: Path, use_cache: bool = True, select: tuple[str, ...] = ("ALL",)) -> RunResult:
    settings = load_settings(root, REGISTRY.options, isolated=True)
    engine = Engine(settings, REGISTRY, REGISTRY.select(list(select), [], []))
    return engine.run(RunOptions(use_cache=use_cache, jobs=1))


def report(result: RunResult) -> list[dict]:
    return [d.to_json() for d in result.diagnostics]


def cache_files(root: Path) -> list[Path]:
    return sorted((root / ".cxone_lint_cache" / f"v{cache_mod.CACHE_FORMAT}").glob("*.json"))


def newest(root: Path) -> Path:
    # One file per configuration; the newest is this run's (editing the tool's own source
    # during a test run also starts a new one, by design).
    return max(cache_files(root), key=lambda p: p.stat().st_mtime_ns)


def test_warm_run_parses_nothing_and_reports_the_same(project: Path, parses: list[str]) -> None:
    cold = lint(project)
    assert sorted(parses) == sorted(PROJECT)
    assert findings(cold, "CX001") == [("CX001", "broken.py", 2), ("CX001", "conf.json", 1)]
    parses.clear()
    warm = lint(project)
    assert parses == []
    assert report(warm) == report(cold)
    assert {rel: r.to_json() for rel, r in warm.files.items()} == {
        rel: r.to_json() for rel, r in cold.files.items()
    }


def test_cache_directory_layout(project: Path) -> None:
    lint(project)
    directory = project / ".cxone_lint_cache"
    assert (
        (directory / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert (directory / ".gitignore").read_text().splitlines()[-1] == "*"
    data = newest(project)
    payload = json.loads(data.read_text())
    assert payload["format"] == "cxone-lint-cache"
    assert sorted(payload["entries"]) == sorted(PROJECT)


def test_changed_file_is_analysed_again(project: Path, parses: list[str]) -> None:
    lint(project)
    parses.clear()
    (project / "broken.py").write_text(f"URL = {TOKEN_URL}\nx = ()\n")
    result = lint(project)
    assert parses == ["broken.py"]
    assert findings(result, "CX001") == [("CX001", "conf.json", 1)]


def test_same_size_same_mtime_rewrite_is_still_seen(
    project: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stat signatures are trusted even for files written just now (the racy-clean guard off):
    # the rewrite below keeps size and mtime, and only ctime/inode tell it apart.
    monkeypatch.setattr(cache_mod, "RACY_SECONDS", 0.0)
    lint(project)
    target = project / "broken.py"
    before = target.stat()
    target.write_text(target.read_text().replace("x = (", "x = 1"))
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert target.stat().st_size == before.st_size
    parses.clear()
    result = lint(project)
    assert parses == ["broken.py"]
    assert findings(result, "CX001") == [("CX001", "conf.json", 1)]


def test_stat_hit_does_not_read_the_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_mod, "RACY_SECONDS", 0.0)
    lint(project)
    settings = load_settings(project, REGISTRY.options, isolated=True)
    key = cache_key(settings, REGISTRY.packs, EXTRACTORS, True)
    cache = Cache(project / ".cxone_lint_cache", key)
    sources = [SourceFile(project / rel, rel, kind) for rel, kind in _kinds()]
    for source in sources:
        hit, data = cache.lookup(source)
        assert hit is not None and data is None
    assert cache.stat_hits == len(sources)


def test_new_mtime_same_content_is_a_hit_without_parsing(project: Path, parses: list[str]) -> None:
    # A CI checkout: every file gets a new mtime; the content hash still matches.
    lint(project)
    for rel in PROJECT:
        os.utime(project / rel, (1_000_000_000, 1_000_000_000))
    parses.clear()
    lint(project)
    assert parses == []


def test_no_cache_neither_reads_nor_writes(project: Path, parses: list[str]) -> None:
    lint(project, use_cache=False)
    assert not (project / ".cxone_lint_cache").exists()
    lint(project)
    parses.clear()
    lint(project, use_cache=False)
    assert sorted(parses) == sorted(PROJECT)


def test_other_settings_share_the_facts(project: Path, parses: list[str]) -> None:
    """Another selection or rule option never re-parses a file: facts depend on content only."""
    first = lint(project)
    (project / "cxone-lint.toml").write_text(
        'ignore = ["CX7"]\nservice-account-patterns = ["^robot-"]\n'
    )
    settings = load_settings(project, REGISTRY.options)
    engine = Engine(settings, REGISTRY, REGISTRY.select(["ALL"], [], settings.ignore))
    parses.clear()
    second = engine.run(RunOptions(use_cache=True, jobs=1))
    assert parses == ["cxone-lint.toml"]  # the one new file; nothing else is parsed again
    assert len(cache_files(project)) == 1
    assert [d.code for d in second.active] == [
        d.code for d in first.active if not d.code.startswith("CX7")
    ]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b"\x00\xff garbage",
        b"[]",
        b'{"format": "cxone-lint-cache", "version": 1, "key": "other", "entries": {}}',
        b'{"format": "someone-else", "version": 1}',
        "entries",
    ],
)
def test_corrupt_or_foreign_cache_is_ignored(
    project: Path, parses: list[str], damage: bytes | str
) -> None:
    cold = lint(project)
    data = newest(project)
    if damage == "entries":  # a valid file whose entries are nonsense
        payload = json.loads(data.read_text())
        payload["entries"] = {
            "auth.py": {"d": "x", "s": None, "r": {"rel": "auth.py"}},
            "broken.py": "nonsense",
            "plain.py": {"d": payload["entries"]["plain.py"]["d"], "s": [1], "r": None},
        }
        data.write_text(json.dumps(payload))
    else:
        assert isinstance(damage, bytes)
        data.write_bytes(damage)
    parses.clear()
    again = lint(project)
    assert report(again) == report(cold)
    assert {"auth.py", "broken.py", "plain.py"} <= set(parses)
    json.loads(data.read_text())  # the next write repaired it


def test_unwritable_cache_directory_is_not_an_error(project: Path) -> None:
    (project / ".cxone_lint_cache").write_text("a file where the directory should be")
    assert findings(lint(project), "CX001") == [
        ("CX001", "broken.py", 2),
        ("CX001", "conf.json", 1),
    ]


def test_deleted_files_are_pruned_by_a_whole_project_run(project: Path) -> None:
    lint(project)
    (project / "plain.py").unlink()
    lint(project)
    data = newest(project)
    assert "plain.py" not in json.loads(data.read_text())["entries"]


def test_a_run_on_some_files_keeps_the_others(project: Path, parses: list[str]) -> None:
    lint(project)
    settings = load_settings(project, REGISTRY.options, isolated=True)
    engine = Engine(settings, REGISTRY, REGISTRY.select(["ALL"], [], []))
    engine.run(RunOptions(paths=[project / "auth.py"], use_cache=True, jobs=1))
    data = newest(project)
    assert sorted(json.loads(data.read_text())["entries"]) == sorted(PROJECT)


def _kinds() -> list[tuple[str, str]]:
    return [(rel, "json" if rel.endswith(".json") else "python") for rel in sorted(PROJECT)]


def _hammer(args: tuple[str, int]) -> None:
    root, seed = args
    root_path = Path(root)
    settings = Settings(root=root_path)
    key = cache_key(settings, REGISTRY.packs, EXTRACTORS, True)
    for round_ in range(15):
        cache = Cache(root_path / ".cxone_lint_cache", key)
        sources = [SourceFile(root_path / rel, rel, kind) for rel, kind in _kinds()]
        analyse_cached(sources, EXTRACTORS, cache, True, 1, prune=(seed + round_) % 2 == 0)


def test_concurrent_runs_never_corrupt_the_cache(project: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(4) as pool:
        pool.map(_hammer, [(str(project), seed) for seed in range(8)])
    data = newest(project)
    entries = json.loads(data.read_text())["entries"]
    assert sorted(entries) == sorted(PROJECT)
    for rel, entry in entries.items():
        assert FileResult.from_json(entry["r"]).rel == rel
    assert not list((project / ".cxone_lint_cache" / f"v{cache_mod.CACHE_FORMAT}").glob("*.tmp"))


def test_cache_clean_command(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project)
    lint(project)
    assert (project / ".cxone_lint_cache").is_dir()
    assert main(["cache", "clean", "--isolated"]) == 0
    assert not (project / ".cxone_lint_cache").exists()
    assert "Removed" in capsys.readouterr().out
    assert main(["cache", "clean", "--isolated"]) == 0
    assert "No cache" in capsys.readouterr().out


def test_cache_clean_refuses_a_directory_that_is_not_a_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project)
    (project / "cxone-lint.toml").write_text('cache-dir = "keep"\n')
    (project / "keep").mkdir()
    (project / "keep" / "precious.txt").write_text("not a cache")
    assert main(["cache", "clean"]) == 2
    assert (project / "keep" / "precious.txt").exists()
    assert "CACHEDIR.TAG" in capsys.readouterr().err
    (project / "keep" / "CACHEDIR.TAG").write_text(CACHEDIR_TAG)
    assert main(["cache", "clean"]) == 0
    assert not (project / "keep").exists()


def test_cli_no_cache_flag(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project)
    main(["check", "--isolated", "--no-cache", "."])
    assert not (project / ".cxone_lint_cache").exists()
    main(["check", "--isolated", "."])
    assert (project / ".cxone_lint_cache" / "CACHEDIR.TAG").exists()


# Values from the secrets-leak fixture that are secrets: none may reach the cache.
SECRETS = (
    "SvPF7w-Wrrv3blOn-TnQmmMyfvIOkgpHNaTtrJ9q",
    "+ApdZdZZB3EwcTvdRspZ5ekobnL+N775klxCuZDaTP+FV7LoM32lpj9JMUYQ7Cg=",
    "hT4#vQ9zLm2xWp7rK8sN",
    "QXBwQFZlbmRvcjo0NjAwMTIz",
    "r3HNoloXdzMEOTV6Qyic89_q8yvm-yGjpGOUoGmt5kI",
    "bw5MbayB8zxn6qBLh1NL8Xd23LET6PAU0ZW_L8iM5iQ",
)


def test_the_cache_never_holds_a_secret(tmp_path: Path) -> None:
    root = tmp_path / "leak"
    shutil.copytree(FIXTURES / "secrets-leak", root)
    # A comment holding a secret in a file the tokenizer reads (it has a suppression).
    settings_py = root / "callback_scheduler" / "settings.py"
    settings_py.write_text(
        settings_py.read_text()
        + f"# rotated on Monday, old value was {SECRETS[0]}\n"
        + "X = 1  # noqa: CX999 -- not ours\n"
    )
    planted = root / "planted.py"
    planted.write_text(f'CXONE_CLIENT_SECRET = "{SECRETS[0]}"\nURL = {TOKEN_URL}\n')
    result = lint(root)
    sensitive = {d.path for d in result.active if d.sensitive}
    assert {"callback_scheduler/settings.py", ".env", "config/cxone.json"} <= sensitive
    stored = b"".join(
        p.read_bytes() for p in (root / ".cxone_lint_cache").rglob("*") if p.is_file()
    )
    assert stored
    for secret in SECRETS:
        assert secret.encode() not in stored, f"a secret reached the cache: {secret[:4]}..."
    for secret in SECRETS:  # the JSON escaping of '+' and '/' must not hide one either
        assert json.dumps(secret)[1:-1].encode() not in stored
