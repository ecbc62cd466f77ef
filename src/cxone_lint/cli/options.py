"""What every subcommand's command line shares: the parser (usage errors are exit 2, with "did
you mean" for a mistyped option or choice), the options that mean the same everywhere, and the
suggestion helper used for commands and rule selectors too.

One vocabulary across subcommands: `--output-format/-o FORMAT` chooses a format, `--output
FILE` names the file written, `markdown` is spelled out (`md` accepted), `--config FILE` and
`--isolated` choose the settings.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

EXIT_ERROR = 2

# Spellings accepted for a format, mapped to the one the tool uses.
FORMAT_ALIASES = {"md": "markdown"}


def _distance(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions, swaps of neighbours)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            row.append(cost)
        prev2, prev = prev, row
    return prev[-1]


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate `word` most likely meant: the fewest edits (case aside), at most a third
    of the word's length; on a tie, the candidate of the same length (`rulez` -> `rules`)."""
    pool = list(dict.fromkeys(candidates))
    if not pool or not word:
        return None
    prefixed = [c for c in pool if len(word) >= 3 and c.lower().startswith(word.lower())]
    if len(prefixed) == 1:  # `--unsafe` -> `--unsafe-fixes`
        return prefixed[0]
    limit = max(1, len(word) // 3)
    scored = sorted((_distance(word.lower(), c.lower()), abs(len(c) - len(word)), c) for c in pool)
    best_distance, _, best = scored[0]
    return best if best_distance <= limit else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean X?)' or ''."""
    hint = closest(word, candidates)
    return f" (did you mean {hint!r}?)" if hint and hint != word else ""


class Parser(argparse.ArgumentParser):
    """argparse with exit 2 and one `cxone-lint: error:` line for every usage error, and no
    abbreviated options (`--unsafe` silently meaning `--unsafe-fixes` is a guess)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> None:  # type: ignore[override]
        # One line saying what is wrong and where to look, not the whole usage block.
        print(f"cxone-lint: error: {message}{self._suggestion(message)}", file=sys.stderr)
        print(f"Run `{self.prog} --help` for the options.", file=sys.stderr)
        raise SystemExit(EXIT_ERROR)

    def _suggestion(self, message: str) -> str:
        # Plain string handling (no regular expression over what the user typed).
        prefix = "unrecognized arguments: "
        if message.startswith(prefix):
            options = [s for a in self._actions for s in a.option_strings if s.startswith("--")]
            for word in message[len(prefix) :].split():
                if word.startswith("-"):
                    hint = did_you_mean(word.split("=", 1)[0], options)
                    if hint:
                        return hint
            return ""
        _, sep, tail = message.partition("invalid choice: '")
        if sep and " (choose from " in tail:
            word, _, rest = tail.partition("' (choose from ")
            choices = [c.strip().strip("'") for c in rest.removesuffix(")").split(",")]
            return did_you_mean(word, choices)
        return ""


def examples(*lines: str) -> str:
    """An `examples:` block for a parser's epilog: 'command  # what it does' lines."""
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def add_settings(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="settings file (default: the closest cxone-lint.toml or pyproject.toml with "
        "[tool.cxone-lint], from the working directory upward); its directory is the "
        "project root",
    )
    p.add_argument("--isolated", action="store_true", help="ignore every settings file")
    p.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="say on stderr which project root and settings file the run uses",
    )


def add_selection(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--select",
        metavar="CODES",
        help="comma-separated codes, prefixes (CX4), names or ALL; replaces the settings",
    )
    p.add_argument("--extend-select", metavar="CODES", help="comma-separated codes to add")
    p.add_argument("--ignore", metavar="CODES", help="comma-separated codes or prefixes to drop")


def add_run(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.add_argument("--jobs", "-j", type=int, help="worker processes (default: all cores)")


def format_choice(allowed: Sequence[str]) -> Callable[[str], str]:
    """An argparse `type` that maps aliases (`md`) and names the allowed formats on error."""

    def parse(text: str) -> str:
        name = FORMAT_ALIASES.get(text, text)
        if name not in allowed:
            raise argparse.ArgumentTypeError(
                f"unknown format {text!r}{did_you_mean(text, allowed)}; "
                f"allowed: {', '.join(allowed)}"
            )
        return name

    parse.__name__ = "format"
    return parse
