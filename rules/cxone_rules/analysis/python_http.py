"""Old path of `cxone_rules.extract.python.http` (the same module object)."""

import sys

import cxone_rules.extract.python.http as _target

sys.modules[__name__] = _target
