"""Old path of `cxone_rules.domain.secrets` (the same module object)."""

import sys

import cxone_rules.domain.secrets as _target

sys.modules[__name__] = _target
