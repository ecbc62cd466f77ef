"""Old path of `cxone_rules.facts.profile` (the same module object)."""

import sys

import cxone_rules.facts.profile as _target

sys.modules[__name__] = _target
