"""CX005-CX006: the registration manifest itself: wrong types, misplaced tables, unknown keys.

A manifest that does not parse at all is reported by the engine as LINT001 (on the parser's
line); every rule that reads the manifest is then listed as skipped.
"""
