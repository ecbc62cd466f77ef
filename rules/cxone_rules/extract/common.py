"""What every extractor does the same way, whatever its language: file traits from the text,
vocabulary words kept safe, the header of a fact from a range."""

from __future__ import annotations

import re

from cxone_lint.api.facts import Header
from cxone_rules.domain import secrets as sx
from cxone_rules.domain.hosts import classify_url
from cxone_rules.facts.kinds import FILE_START, FileTraits
from cxone_rules.facts.symstr import UNKNOWN, SymStr, hole, lit
from cxone_rules.facts.symstr import word_of as word_of  # the inverse of word_sym

# Words that name NICE CXone / inContact unambiguously.
CXONE_WORDS = ("incontact", "nicecxone", "nice cxone", "nice_cxone", "nice-cxone")


def file_traits(text: str) -> FileTraits:
    lowered = text.lower()
    return FileTraits(
        **FILE_START,
        cxone_named=any(w in lowered for w in CXONE_WORDS),
        # The bare word "cxone" is also Checkmarx One's name: weak evidence only.
        cxone_word="cxone" in lowered,
        mentions_checkmarx="checkmarx" in lowered,
        checkmarx_code=sx.is_checkmarx(text),
        client_assertion="client_assertion" in text,
    )


# Values stored as vocabulary are words only (grant types, response types, methods,
# algorithms); anything else is withheld, so a secret can never slip into facts.
WORD_RE = re.compile(r"^[A-Za-z0-9_.:\- ]{1,80}$")


def word(text: str | None) -> str | None:
    """A vocabulary word as is; "other" for anything else; None for None."""
    if text is None:
        return None
    if UNKNOWN in text or not WORD_RE.match(text):
        return "other"
    if text.startswith("urn:") or re.fullmatch(
        r"[a-z_ ]{1,40}|S256|plain|[A-Z]{2}\d{3}|EdDSA", text
    ):
        return text
    return "other"


def word_sym(text: str | None) -> SymStr | None:
    """`word(text)` as a symbolic string: the word, or a redacted hole for "other"."""
    w = word(text)
    if w is None:
        return None
    return hole("redacted") if w == "other" else lit(w)


def header(line: int, column: int, end_line: int, end_column: int) -> Header:
    return Header(line=line, column=column, end_line=end_line, end_column=end_column)


# A URL path: short word-like segments. Base64 secrets may start with "/" but carry "+", "="
# or long runs, so they never pass.
PATH_RE = re.compile(r"^(/[A-Za-z0-9._~%{}\ufffc-]{1,40})+/?$")


def is_url_like(text: str | None) -> bool:
    """URLs and URL paths, the only resolved text kept in facts (never a secret)."""
    if not text or len(text) > 2000:
        return False
    if any(c.isspace() for c in text):
        return False
    if "://" in text:
        return True
    if text.startswith("/"):
        return bool(PATH_RE.match(text.split("?", 1)[0])) and "+" not in text
    return classify_url(text) is not None
