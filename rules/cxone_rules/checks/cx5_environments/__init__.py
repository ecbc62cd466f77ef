"""CX5xx: CXone hosts, areas and environments in code against the registration.

Reads typed facts: every CXone URL written in code or configuration (UrlUse, classified by
domain/hosts.py: area, environment, government, kind) and the requests for
cxone-configuration (DiscoveryCall).
"""
