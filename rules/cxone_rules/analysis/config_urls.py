"""CXone URLs written in configuration files (TOML, JSON, YAML, .env).

Extractor "cxone.config-urls". A deployment's settings often carry the issuer, an area host or a
token URL (`CXONE_ISSUER=https://cxone-gov.niceincontact.com` in `.env`, `api_base:` in YAML).
Facts: {"urls": [{"line", "col", "key", "url", "host", "kind", "area", "government",
"environment", "path_kind", "cluster"}]}: every string value that is a CXone URL, classified by
hosts.py. Credentials embedded in a URL (`https://user:pass@host`) are never stored.
"""

from __future__ import annotations

from typing import Any, ClassVar

from cxone_lint.api.extractor import Extractor
from cxone_rules.domain.hosts import classify_url, redact_url


class ConfigUrlExtractor(Extractor):
    name = "cxone.config-urls"
    kinds: ClassVar[frozenset[str]] = frozenset({"toml", "json", "yaml", "env"})
    # Every CXone host name contains one of these.
    prefilter: ClassVar[tuple[str, ...]] = ("incontact", "INCONTACT", "nicecxone", "NICECXONE")

    def extract_document(self, doc: Any) -> None:
        urls: list[dict[str, Any]] = []
        for path, value in doc.leaves():
            if not isinstance(value, str) or len(value) > 2000:
                continue
            text = value.strip()
            info = classify_url(text)
            if info is None or info.kind == "docs":
                continue
            pos = doc.position(path)
            urls.append(
                {
                    "line": pos.line,
                    "col": pos.column,
                    "key": ".".join(str(p) for p in path),
                    "url": redact_url(text),
                    **info.to_json(),
                }
            )
        self.facts = {"urls": urls}
