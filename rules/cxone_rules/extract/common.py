"""What every extractor does the same way, whatever its language: file traits from the text,
vocabulary words kept safe, the header of a fact from a range."""

from __future__ import annotations

import re

from cxone_lint.api.facts import Header
from cxone_rules.domain import oauth
from cxone_rules.domain import secrets as sx
from cxone_rules.domain.hosts import AREA_RE, CLUSTER_RE, ENV_LABELS, classify_url
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


# The scope words facts keep as written: the legacy Central API groups and the OpenID Connect
# scopes. Any other word is withheld (a scope string is free text a secret could be put in).
SCOPE_WORD_RE = re.compile(
    r"(?i)(realtime(data)?|admin|agent|authentication|reporting|patron|custom)api"
    r"|openid|offline_access|profile|email"
)


def scope_sym(text: str | None) -> SymStr | None:
    """A token request's `scope` as facts keep it: its vocabulary words, the others (and a
    value not known at all) as holes; None when no scope is sent."""
    if text is None:
        return None
    words = [w for w in re.split(r"[\s,]+", text) if w]
    out = SymStr(())
    for i, w in enumerate(words):
        piece = lit(w) if UNKNOWN not in w and SCOPE_WORD_RE.fullmatch(w) else hole("redacted")
        out = out + (lit(" ") + piece if i else piece)
    return out if words else hole("unknown")


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


NUMBER_RE = re.compile(r"^-?\d{1,12}(\.\d{1,6})?$")


def is_safe_value(text: str | None) -> bool:
    """Text a fact may keep of a constant, a .env value or a configuration value: a URL (or
    URL path, or CXone host), a word of the OAuth/TLS vocabulary (grant types, auth methods,
    PKCE methods, flags), a number, or an area or cluster code. Nothing else is kept, so no
    secret ever reaches a fact whatever name it is bound to."""
    if text is None:
        return False
    return (
        text in oauth.VOCABULARY
        or bool(NUMBER_RE.match(text))
        or bool(AREA_RE.match(text) or CLUSTER_RE.match(text))
        or is_url_like(text)
    )


def safe_sym(text: str | None) -> SymStr | None:
    """`text` as a symbolic string when facts may keep it (`is_safe_value`), else None."""
    return lit(text) if text is not None and is_safe_value(text) else None


HOST_PIECE_RE = re.compile(r"^[a-z0-9]([a-z0-9.-]{0,62}[a-z0-9])?$")
URL_PATH_RE = re.compile(r"^/[A-Za-z0-9._~/-]{0,200}$")


def is_host_piece(text: str | None) -> bool:
    """A value that may go into a URL a fact keeps (`f"https://api-{area}.{domain}"`): an area
    or cluster code, an environment label, a domain, a URL or a path. Nothing that could be a
    credential: a password in `https://{user}:{password}@host` is none of these. A path
    (`/incontactapi/services/v27.0`) is kept too: it ends the host it follows."""
    if not text:
        return False
    if URL_PATH_RE.match(text):
        return True
    if AREA_RE.match(text) or CLUSTER_RE.match(text) or text in ENV_LABELS:
        return True
    if "." in text and HOST_PIECE_RE.match(text) and classify_url(text) is not None:
        return True
    return "://" in text and is_url_like(text)
