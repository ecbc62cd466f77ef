"""Old path of `cxone_rules.extract.python.values` (the same module object)."""

import sys

import cxone_rules.extract.python.values as _target

sys.modules[__name__] = _target
