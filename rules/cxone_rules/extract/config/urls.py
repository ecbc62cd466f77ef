"""CXone URLs written in configuration files (TOML, JSON, YAML, .env).

Extractor "cxone.config-urls". A deployment's settings often carry the issuer, an area host or a
token URL (`CXONE_ISSUER=https://cxone-gov.niceincontact.com` in `.env`, `api_base:` in YAML).
Facts: a `UrlUse` for every string value that is a CXone URL (its key path in `key`), from the
start to the end of the value. Credentials embedded in a URL (`https://user:pass@host`) are
never stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from cxone_lint.api.document import Document, PathKey
from cxone_lint.api.extractor import Extractor
from cxone_lint.api.facts import BATCH_KEY, Fact, Header, encode_batch
from cxone_rules.domain.hosts import classify_url, redact_url
from cxone_rules.extract.common import header
from cxone_rules.facts.kinds import UrlUse
from cxone_rules.facts.symstr import lit


class ConfigUrlExtractor(Extractor):
    name = "cxone.config-urls"
    kinds: ClassVar[frozenset[str]] = frozenset({"toml", "json", "yaml", "env", "ini"})
    # Every CXone host name contains one of these.
    prefilter: ClassVar[tuple[str, ...]] = ("incontact", "INCONTACT", "nicecxone", "NICECXONE")

    def extract_document(self, doc: Document) -> None:
        out: list[Fact] = []
        for path, value, at in located_values(doc):  # duplicates' hidden values too
            if not isinstance(value, str) or len(value) > 2000:
                continue
            text = value.strip()
            info = classify_url(text)
            if info is None or info.kind == "docs":
                continue
            out.append(
                UrlUse(
                    **at,
                    url=lit(redact_url(text)),
                    key=".".join(str(p) for p in path),
                )
            )
        self.facts = {BATCH_KEY: encode_batch(out, doc.kind)}


def located_values(doc: Document) -> Iterator[tuple[PathKey, Any, Header]]:
    """Every scalar with its path and header, then the values a later duplicate key hides
    (JSON and YAML keep the last one; readers disagree, so every value is checked), each
    with the header of where it starts."""
    for path, value in doc.leaves():
        yield path, value, value_header(doc, path)
    for path, value, where in doc.shadowed:
        at = header(where.line, where.column, where.line, where.column)
        for sub, leaf in Document(kind=doc.kind, data=value).leaves():
            yield (*path, *sub), leaf, at


def value_header(doc: Document, path: PathKey) -> Header:
    """The header of a fact about the value at `path`: from its start to its end (the
    start again when the parser does not tell the end)."""
    start = doc.position(path)
    end = doc.end_position(path) or start
    return header(start.line, start.column, end.line, end.column)
