"""The redaction policy: which source text an output may show, and how credentials are hidden.

cxone-lint never prints a secret value. Findings carry fingerprints, not values; what remains is
the source excerpt of `-o full`, parser messages, and facts that quote text (URLs). The rules:

- **A source line is withheld** when the file's own facts say it holds a secret
  (`Extractor.secret_lines`, recorded in phase one whatever rules run: deselecting CX403 or a
  per-file-ignore changes what is reported, never what is shown), when a finding at that line
  is marked sensitive, or when the line *looks* like it holds one (`looks_secret`: a long
  random-looking token, a password in a URL, a Basic or Bearer credential). In a file that did
  not parse, where no facts exist, a line that assigns a secret-like name is withheld too
  (`names_a_secret`).
- **A password in URL userinfo** (`https://user:pw@host`) is a secret: packs report it and
  keep URLs only as `redact_url` gives them (`https://***@host/...`), in messages and in the
  cache alike.
- **Parser messages** are scrubbed (`scrub`) of anything secret-looking before they become a
  finding: a parser may quote the token it stopped at.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

WITHHELD = "<line withheld: it may hold a secret>"

# Runs of the characters credentials are made of (base64, base64url, hex, JWT segments).
_TOKEN = re.compile(r"[A-Za-z0-9+/=_-]{16,}")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# scheme://user:password@ (the password is what matters; bounded repetitions keep it linear).
_USERINFO = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,30}://[^/?#@\s:]{0,256}:([^/?#@\s]{1,256})@")
_HEADER = re.compile(r"\b(?:Basic|Bearer)\s+([A-Za-z0-9+/=._~-]{8,})", re.IGNORECASE)
# In a file that did not parse: `client_secret = ...`, `"apiKey": ...`, `PASSWORD: ...`.
_SECRET_NAME = re.compile(  # matched against the lower-cased line
    r"(secret|passw|pwd|token|api[\W_]{0,2}key|private[\W_]{0,2}key|credential|auth)"
    r"[a-z0-9_-]{0,40}[\"']?\s{0,8}[:=]"
)
_PLACEHOLDER_PASSWORD = re.compile(r"^(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|<[^<>]*>|\*+|%s|\{[^{}]*\})$")


def _entropy(text: str) -> float:
    counts: dict[str, int] = {}
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def _random_looking(token: str) -> bool:
    """Upper, lower and digits mixed, and high entropy: how generated credentials look, and
    how identifiers, paths and words do not."""
    core = token.strip("=")
    if len(core) < 16 or _UUID.fullmatch(core):
        return False
    if not (
        any(c.islower() for c in core)
        and any(c.isupper() for c in core)
        and any(c.isdigit() for c in core)
    ):
        return False
    return _entropy(core) >= 3.5


def url_password(text: str) -> str | None:
    """The password of the first `scheme://user:password@` in `text` that is not a
    placeholder (`${DB_PASS}`, `<password>`, `***`), else None."""
    at = text.find("://")
    while at >= 0:
        # Only around each "://": the scheme is at most 31 characters before it.
        match = _USERINFO.search(text, max(0, at - 31), at + 520)
        if match is not None and not _PLACEHOLDER_PASSWORD.match(match.group(1)):
            return match.group(1)
        at = text.find("://", at + 3)
    return None


def redact_url(text: str) -> str:
    """`text` with the userinfo of every URL in it replaced by `***`."""
    if "://" not in text:
        return text
    return _USERINFO.sub(lambda m: m.group(0).split("://", 1)[0] + "://***@", text)


def looks_secret(line: str) -> bool:
    """Whether a line of source may hold a credential, judged from its text alone."""
    if url_password(line) is not None:
        return True
    if any(_random_looking(m.group(1)) or len(m.group(1)) >= 20 for m in _HEADER.finditer(line)):
        return True
    return any(_random_looking_run(m.group(0)) for m in _TOKEN.finditer(line))


def _random_looking_run(token: str) -> bool:
    """A run with `/` is judged piece by piece: a URL path (`/inContactAPI/services/v27`)
    mixes cases and digits too, but none of its segments looks generated."""
    if "/" not in token:
        return _random_looking(token)
    return any(_random_looking(piece) for piece in token.split("/"))


def names_a_secret(line: str) -> bool:
    """Whether a line assigns something to a secret-like name (for files that did not parse)."""
    return bool(_SECRET_NAME.search(line.lower()))


def may_show(line: str, number: int, withheld: Iterable[int] | set[int], parsed: bool) -> bool:
    """Whether `-o full` may echo source line `number` (1-based) with text `line`."""
    if number in withheld:
        return False
    if looks_secret(line):
        return False
    return parsed or not names_a_secret(line)


def scrub(message: str) -> str:
    """A message (a parser's) with every secret-looking piece replaced by `***`."""
    out = redact_url(message)
    out = _HEADER.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + "***", out)
    return _TOKEN.sub(lambda m: "***" if _random_looking_run(m.group(0)) else m.group(0), out)
