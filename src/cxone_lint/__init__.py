"""cxone-lint: the engine. It knows linting (files, rules, suppressions, reports), not CXone."""

__version__ = "0.1.0"
