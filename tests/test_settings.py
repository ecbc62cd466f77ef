"""Settings discovery and validation: closest file wins; unknown keys and bad values exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxone_lint.api.diagnostics import Severity
from cxone_lint.cli.main import main
from cxone_lint.run.settings import SettingsError, load_settings


def test_pyproject_table_found_from_subdirectory(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.cxone-lint]\nignore = ["LINT010"]\nfail-on = "error"\n'
        'per-file-ignores = {"tests/**" = ["CX4"]}\n'
    )
    sub = tmp_path / "src" / "pkg"
    sub.mkdir(parents=True)
    s = load_settings(sub)
    assert s.root == tmp_path.resolve()
    assert s.ignore == ["LINT010"]
    assert s.fail_on is Severity.ERROR
    assert s.per_file_ignores == {"tests/**": ["CX4"]}


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "cxone-lint.toml").write_text('select = ["CX1"]\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    s = load_settings(inner)
    assert s.source == tmp_path.resolve() / "cxone-lint.toml"
    assert s.select == ["CX1"]


def test_closest_settings_file_wins(tmp_path: Path) -> None:
    (tmp_path / "cxone-lint.toml").write_text('select = ["CX1"]\n')
    inner = tmp_path / "svc"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[tool.cxone-lint]\nselect = ["CX4"]\n')
    assert load_settings(inner).select == ["CX4"]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('selct = ["CX1"]', "unknown key 'selct' in [tool.cxone-lint] (did you mean 'select'?)"),
        ('fail-on = "fatal"', "'fail-on' must be one of info, warning, error, got 'fatal'"),
        ("select = 3", "'select' must be a list of rule codes, prefixes or 'ALL', got 3"),
        ('output-format = "xml"', "'output-format' must be one of concise, full, json"),
        ('per-file-ignores = {"a" = "CX1"}', "'per-file-ignores' entry 'a' must be a list"),
    ],
)
def test_bad_settings_name_file_key_and_allowed(tmp_path: Path, table: str, message: str) -> None:
    path = tmp_path / "cxone-lint.toml"
    path.write_text(table + "\n")
    with pytest.raises(SettingsError) as info:
        load_settings(tmp_path)
    assert str(path.resolve()) in str(info.value)
    assert message in str(info.value)


def test_bad_settings_exit_2_through_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cxone-lint]\nignor = ["CX1"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["check", "."]) == 2
    err = capsys.readouterr().err
    assert (
        "pyproject.toml: unknown key 'ignor' in [tool.cxone-lint] (did you mean 'ignore'?)" in err
    )


def test_broken_settings_toml_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cxone-lint.toml").write_text("select = [\n")
    monkeypatch.chdir(tmp_path)
    assert main(["."]) == 2
    assert "cxone-lint.toml: invalid TOML" in capsys.readouterr().err


def test_unknown_selector_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--isolated", "--select", "CX9999,nope", "."]) == 2
    assert "unknown rule selector(s): CX9999, nope" in capsys.readouterr().err
