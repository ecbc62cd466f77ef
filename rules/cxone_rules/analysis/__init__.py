"""See the package docstring of cxone_rules."""
