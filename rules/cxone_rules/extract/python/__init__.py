"""Python extractors (libcst): HTTP/OAuth calls, secrets, and the static value resolver."""
