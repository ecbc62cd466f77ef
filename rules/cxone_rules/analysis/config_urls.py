"""Old path of `cxone_rules.extract.config.urls` (the same module object)."""

import sys

import cxone_rules.extract.config.urls as _target

sys.modules[__name__] = _target
