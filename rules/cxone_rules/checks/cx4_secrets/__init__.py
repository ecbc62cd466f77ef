"""CX4xx secrets and transport: hard-coded credentials, credentials written out, TLS off,
plain http:// to CXone, and secret-holding config files that git does not ignore.

Rules read typed facts (SecretLiteral, Sink, TlsSetting, PlainHttpUrl) of code and of .env,
JSON, YAML and TOML files alike. A finding about a secret names its kind, where it is and a
fingerprint, never the value, and is marked sensitive so no reporter echoes the source line.
"""
