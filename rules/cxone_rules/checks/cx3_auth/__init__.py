"""CX3xx: how the code authenticates with CXone, against the registration and what CXone supports.

Every rule reads typed facts (facts/kinds.py: TokenRequest, AuthorizeRequest, GrantValue,
RedirectUri, JwtEncode, UrlUse), linked across files, through the project views of
facts/profile.py; rules that compare with the registration read the manifest and say they were
skipped when there is none.
"""
