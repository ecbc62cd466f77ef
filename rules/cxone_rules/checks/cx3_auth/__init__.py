"""CX3xx: how the code authenticates with CXone, against the registration and what CXone supports.

Every rule reads the facts of the "cxone.http" extractor (analysis/python_http.py) and the
project summary (analysis/profile.py); rules that compare with the registration read the
manifest and say they were skipped when there is none.
"""
