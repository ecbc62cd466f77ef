"""CX8xx: running in production. How the integration lives with its tokens once deployed:
bearers frozen into long-lived sessions, a token per call or per item, caches that ignore
`expires_in`, expiry checks the wrong way round or without a margin, refreshes that go to the
wrong place or without client authentication, the legacy `resource_server_base_uri` with the
current token service, and OpenID Connect in user apps (id_token verification, state, nonce).

Rules read TokenUse, CodeBlock, LoopCall, CallbackCheck and ConfigRead facts with the token and
authorize requests (checks/_runtime.py joins them across files).
"""
