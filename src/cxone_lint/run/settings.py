"""Settings: `[tool.cxone-lint]` in pyproject.toml or a `cxone-lint.toml`, found upward.

Discovery starts at the working directory and walks up; the first `cxone-lint.toml`, or the first
`pyproject.toml` that has a `[tool.cxone-lint]` table, wins (closest wins, no merging: easier to
reason about than a cascade). Its directory is the project root; every glob in the settings is
relative to it. Without any settings file the root is the git top-level, else the working dir.

Unknown keys and bad values are errors (exit 2) naming the file, the key and what is allowed: a
typo must never switch a check off silently.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cxone_lint.api.diagnostics import Severity
from cxone_lint.api.errors import SettingsError
from cxone_lint.api.pack import Option
from cxone_lint.api.settings import Settings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SETTINGS_FILE = "cxone-lint.toml"
OUTPUT_FORMATS = ("concise", "full", "json", "sarif", "github", "gitlab", "junit")


# key -> (attribute, expected type, description of what is allowed)
ENGINE_KEYS: dict[str, tuple[str, Any, str]] = {
    "select": ("select", list, "a list of rule codes, prefixes or 'ALL'"),
    "extend-select": ("extend_select", list, "a list of rule codes or prefixes"),
    "ignore": ("ignore", list, "a list of rule codes or prefixes"),
    "per-file-ignores": ("per_file_ignores", dict, "a table of glob = [codes]"),
    "exclude": ("exclude", list, "a list of gitignore-style patterns"),
    "extend-exclude": ("extend_exclude", list, "a list of gitignore-style patterns"),
    "respect-gitignore": ("respect_gitignore", bool, "true or false"),
    "fail-on": ("fail_on", str, "one of info, warning, error"),
    "output-format": ("output_format", str, "one of " + ", ".join(OUTPUT_FORMATS)),
    "cache-dir": ("cache_dir", str, "a directory path"),
    "baseline": ("baseline", str, "a baseline file path"),
}


def find_root(start: Path, markers: Sequence[str]) -> Path | None:
    """The closest directory at or above `start` holding a settings file or a pack's root
    marker (for the CXone pack: the registration manifest)."""
    for directory in [start, *start.parents]:
        if (directory / SETTINGS_FILE).is_file() or any((directory / m).is_file() for m in markers):
            return directory
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _read_table(pyproject, inside_pyproject=True) is not None:
            return directory
    return None


def find_settings_file(start: Path) -> tuple[Path | None, dict[str, Any]]:
    """The closest settings file at or above `start`, with its cxone-lint table."""
    for directory in [start, *start.parents]:
        candidate = directory / SETTINGS_FILE
        if candidate.is_file():
            return candidate, _read_table(candidate, inside_pyproject=False)
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            table = _read_table(pyproject, inside_pyproject=True)
            if table is not None:
                return pyproject, table
    return None, {}


def _read_table(path: Path, *, inside_pyproject: bool) -> Any:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read settings: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: invalid TOML: {exc}") from None
    if inside_pyproject:
        tool = data.get("tool", {})
        return tool.get("cxone-lint") if isinstance(tool, dict) else None
    return data


def git_toplevel(start: Path) -> Path | None:
    from cxone_lint.run.git import find_repository

    repo = find_repository(start)
    return repo.top if repo is not None else None


def load_settings(
    start: Path,
    options: Sequence[Option] = (),
    config_file: Path | None = None,
    isolated: bool = False,
    markers: Sequence[str] = (),
) -> Settings:
    """Settings for a run that starts at `start` (the linted paths' common directory).

    The project root is the closest directory at or above `start` with a settings file or a
    root marker; failing that, the git top-level; failing that, `start`. Settings come from the
    closest settings file at or above the root (or `config_file`).
    """
    # Walked up by name, not by real path: `check linkdir/app.py`, where linkdir is a symlink
    # out of the project, still belongs to the project (whose root then refuses the file).
    start = Path(os.path.abspath(start))
    marked = None if config_file is not None else find_root(start, markers)
    table: dict[str, Any]
    if isolated:
        source, table = None, {}
    elif config_file is not None:
        if not config_file.is_file():
            raise SettingsError(f"{config_file}: settings file not found")
        source = config_file.resolve()
        table = _read_table(source, inside_pyproject=source.name == "pyproject.toml") or {}
    else:
        source, table = find_settings_file(marked or start)
        source = source.resolve() if source is not None else None
    if config_file is not None and source is not None:
        root = source.parent
    else:
        root = marked or (source.parent if source else None) or git_toplevel(start) or start
    settings = Settings(root=root.resolve(), source=source)
    apply_table(settings, table, options, str(source or "<defaults>"))
    return settings


def apply_table(
    settings: Settings, table: dict[str, Any], options: Sequence[Option], where: str
) -> None:
    if not isinstance(table, dict):
        raise SettingsError(f"{where}: [tool.cxone-lint] must be a table")
    by_name = {o.name: o for o in options}
    packs = {o.pack for o in options if o.pack}
    for key, value in table.items():
        if key in packs and isinstance(value, dict):
            # [tool.cxone-lint.<pack>]: that pack's options, and only those.
            own = [o for o in options if o.pack == key]
            _apply_options(settings, value, own, f"{where} [{key}]")
        elif key in ENGINE_KEYS:
            attr, expected, allowed = ENGINE_KEYS[key]
            if not isinstance(value, expected):
                raise SettingsError(f"{where}: '{key}' must be {allowed}, got {value!r}")
            if expected is list and not all(isinstance(v, str) for v in value):
                raise SettingsError(f"{where}: '{key}' must be {allowed}, got {value!r}")
            if key == "per-file-ignores":
                for glob, codes in value.items():
                    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
                        raise SettingsError(
                            f"{where}: 'per-file-ignores' entry {glob!r} must be a list of codes"
                        )
            if key == "fail-on":
                try:
                    value = Severity.parse(value)
                except ValueError:
                    raise SettingsError(
                        f"{where}: '{key}' must be {allowed}, got {value!r}"
                    ) from None
            if key == "output-format" and value not in OUTPUT_FORMATS:
                raise SettingsError(f"{where}: '{key}' must be {allowed}, got {value!r}")
            if key in ("cache-dir", "baseline"):
                # Settings come from the repository: they may never point a write outside it.
                from cxone_lint.run.writes import setting_path

                value = setting_path(settings.root, value, key, where)
            setattr(settings, attr, value)
        elif key in by_name:
            _apply_options(settings, {key: value}, [by_name[key]], where)
        else:
            known = sorted([*ENGINE_KEYS, *by_name, *packs])
            hint = _closest(key, known)
            raise SettingsError(
                f"{where}: unknown key '{key}' in [tool.cxone-lint]"
                + (f" (did you mean '{hint}'?)" if hint else "")
                + f"; allowed keys: {', '.join(known)}"
            )
    for option in options:
        settings.options.setdefault(option.name, option.default)


def _apply_options(
    settings: Settings, table: dict[str, Any], options: Sequence[Option], where: str
) -> None:
    """Pack options, typed: the value must have the declared type (and be one of the
    declared choices); an unknown key names the allowed ones."""
    by_name = {o.name: o for o in options}
    for key, value in table.items():
        option = by_name.get(key)
        if option is None:
            hint = _closest(key, sorted(by_name))
            raise SettingsError(
                f"{where}: unknown key '{key}'"
                + (f" (did you mean '{hint}'?)" if hint else "")
                + f"; allowed keys: {', '.join(sorted(by_name))}"
            )
        if not isinstance(value, option.type) or isinstance(value, bool) != (option.type is bool):
            raise SettingsError(f"{where}: '{key}' has the wrong type: {option.help}")
        if option.choices is not None and value not in option.choices:
            choices = ", ".join(map(str, option.choices))
            raise SettingsError(f"{where}: '{key}' must be one of {choices}, got {value!r}")
        if option.project_file and value:
            from cxone_lint.run.writes import setting_path

            setting_path(settings.root, str(value), key, where)  # inside the root, or an error
        settings.options[key] = value


def _closest(word: str, candidates: list[str]) -> str | None:
    import difflib

    match = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return match[0] if match else None
