"""What a rule reports: positions, severities, fixes and the diagnostic itself.

Everything here is plain data that serialises to JSON, so diagnostics can be cached,
compared in tests and written by every reporter without knowing which rule made them.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field, replace
from typing import Any


class Severity(enum.IntEnum):
    """Ordered so that `--fail-on` can compare: a finding fails the run when >= the threshold."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            allowed = ", ".join(s.name.lower() for s in cls)
            raise ValueError(f"unknown severity {text!r} (allowed: {allowed})") from None

    def __str__(self) -> str:
        return self.name.lower()


class Applicability(enum.Enum):
    """Whether a fix may be applied without asking (ruff's split): `--fix` applies safe fixes,
    `--unsafe-fixes` also applies unsafe ones; display-only fixes are shown but never applied."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


@dataclass(frozen=True, order=True)
class Position:
    """1-based line, 1-based column counted in characters (what editors and SARIF expect)."""

    line: int
    column: int = 1

    def to_json(self) -> dict[str, int]:
        return {"line": self.line, "column": self.column}


@dataclass(frozen=True)
class Edit:
    """Replace the text between `start` and `end` (exclusive) of one file with `content`."""

    path: str
    start: Position
    end: Position
    content: str

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "start": self.start.to_json(),
            "end": self.end.to_json(),
            "content": self.content,
        }


@dataclass(frozen=True)
class Fix:
    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    def to_json(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "applicability": self.applicability.value,
            "edits": [e.to_json() for e in self.edits],
        }


@dataclass(frozen=True)
class Related:
    """Another place a finding is about (SARIF `relatedLocations`): the code line that reads
    a configuration value the finding points at, the other uses of one hard-coded host."""

    path: str
    start: Position
    end: Position | None = None
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "location": self.start.to_json(),
            "end_location": (self.end or self.start).to_json(),
            "message": self.message,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Related:
        return cls(
            path=data["path"],
            start=Position(**data["location"]),
            end=Position(**data["end_location"]),
            message=data.get("message", ""),
        )


@dataclass(frozen=True)
class Diagnostic:
    """One finding. `path` is relative to the project root with forward slashes.

    `key` identifies the finding independently of its line (a secret's fingerprint, the manifest
    key it is about, ...); baselines and SARIF fingerprints are built from it so they survive
    code moving around. It must never contain a secret value.
    """

    code: str
    message: str
    path: str
    start: Position
    end: Position | None = None
    severity: Severity = Severity.WARNING
    fix: Fix | None = None
    hint: str | None = None
    key: str | None = None
    rule_name: str = ""
    # True when the source at this location holds a secret: reporters never echo that line.
    sensitive: bool = False
    # Set by the engine when a suppression comment or the baseline hid this finding.
    suppressed: str | None = None
    # Other places the finding is about, in the order the rule gives them.
    related: tuple[Related, ...] = ()

    @property
    def line(self) -> int:
        return self.start.line

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.start.line, self.start.column, self.code, self.message)

    def fingerprint(self) -> str:
        """Stable across line moves: code + path + key (or message when a rule gives no key)."""
        basis = f"{self.code}\0{self.path}\0{self.key or self.message}"
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]

    def with_(self, **changes: Any) -> Diagnostic:
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        end = self.end or self.start
        return {
            "code": self.code,
            "name": self.rule_name,
            "severity": str(self.severity),
            "message": self.message,
            "path": self.path,
            "location": self.start.to_json(),
            "end_location": end.to_json(),
            "hint": self.hint,
            "fix": self.fix.to_json() if self.fix else None,
            "fingerprint": self.fingerprint(),
            "key": self.key,
            "sensitive": self.sensitive,
            "suppressed": self.suppressed,
            "related": [r.to_json() for r in self.related],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Diagnostic:
        fix = None
        if data.get("fix"):
            f = data["fix"]
            fix = Fix(
                message=f["message"],
                applicability=Applicability(f["applicability"]),
                edits=tuple(
                    Edit(
                        path=e["path"],
                        start=Position(**e["start"]),
                        end=Position(**e["end"]),
                        content=e["content"],
                    )
                    for e in f["edits"]
                ),
            )
        return cls(
            code=data["code"],
            message=data["message"],
            path=data["path"],
            start=Position(**data["location"]),
            end=Position(**data["end_location"]),
            severity=Severity.parse(data["severity"]),
            fix=fix,
            hint=data.get("hint"),
            key=data.get("key"),
            rule_name=data.get("name", ""),
            sensitive=data.get("sensitive", False),
            suppressed=data.get("suppressed"),
            related=tuple(Related.from_json(r) for r in data.get("related", ())),
        )


@dataclass
class SkippedCheck:
    """A check that could not run, and why (no manifest, say). Shown to the user, never silent."""

    code: str
    reason: str


@dataclass
class RunStats:
    files_seen: int = 0
    files_analysed: int = 0
    files_skipped: dict[str, str] = field(default_factory=dict)
    cache_hits: int = 0
    # Paths named on the command line that gave nothing to analyse: the run fails (exit 2).
    unmatched: list[str] = field(default_factory=list)
    # What the user must be told about the run itself (git refused the repository, the cache
    # was not used), printed on stderr.
    notes: list[str] = field(default_factory=list)

    @property
    def files_checked(self) -> int:
        """Files read and judged: analysed, or read and found to hold nothing a rule uses."""
        return self.files_analysed + sum(
            1 for why in self.files_skipped.values() if why == "not-relevant"
        )
