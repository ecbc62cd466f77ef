"""Which string literals the tree-sitter languages lower for the semantic extractors.

Lowering every string of a file would cost most of a run on bundles; each language's candidate
query (`extract/<language>/lower.py`) lowers only the strings this pattern matches (tree-sitter's
`#match?`), so the pattern must name everything `semantics.py` and `runtime.py` look for in a
string: URLs, OAuth vocabulary, JWT- and Basic-key-shaped literals, and the query-string keys
that carry a credential or a tenant (CX908, CX505). One pattern for every language, built from
the same key list the checks use, so a key added there is found in every language.
"""

from __future__ import annotations

from cxone_rules.domain import secrets as sx

_QUERY_KEYS = "|".join(sorted(sx.QUERY_CREDENTIAL_KEYS | {"tenantid", "tenant_id"}))

STRING_RE = (
    r"://|grant_type|response_type|eyJ|[Bb]asic |cxone-configuration|access_token=|"
    r"^.[A-Za-z0-9+/_-]{12,}={0,2}.$|"
    rf"(?i:[?&]({_QUERY_KEYS})=)|"
    r"post_logout_redirect_uri"
)
