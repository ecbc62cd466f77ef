"""CX5xx: CXone hosts, areas and environments in code against the registration.

Reads the "urls" and "config_calls" facts of the cxone.http extractor: every CXone URL written
in the code, classified by domain/hosts.py (area, environment, government, kind).
"""
