"""CX9xx: the integration's own HTTP surface. The small servers integrations run for browsers
and other systems: CORS that lets any site read answers that carry or use CXone tokens, tokens
handed to callers, routes that spend the server's token for anyone, all interfaces, sessions
keyed by what the client sends, credentials in URLs.

Rules read HttpRoute, CorsPolicy, ListenAddress, SessionKey and QueryCredential facts, and
follow a route's calls into helpers of other files (checks/_runtime.py).
"""
