"""Old path of `cxone_rules.domain.hosts` (the same module object), kept while rule modules
still import it."""

import sys

from cxone_rules.domain import hosts as _hosts

sys.modules[__name__] = _hosts
