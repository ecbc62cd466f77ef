"""CX2xx: the API user, from the lifecycle's "Deploy your app to production: create an API user".

A back-end app authenticates as a CXone user (the owner of its access key); that user's role,
permissions and attributes are the app's. The manifest's `[api_user]` table (or
`[apps.api_user]` in a monorepo) states them so they can be checked before deploying.
"""
