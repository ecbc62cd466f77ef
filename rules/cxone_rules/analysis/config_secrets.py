"""Old path of `cxone_rules.extract.config.secrets` (the same module object)."""

import sys

import cxone_rules.extract.config.secrets as _target

sys.modules[__name__] = _target
