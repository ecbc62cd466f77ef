"""`python -m cxone_lint`: the same as the `cxone-lint` command."""

import os
import sys

# `python -m` puts the working directory first on sys.path. That directory is usually the project
# being linted, whose modules (an `argparse.py`, a `json.py`) would then shadow the standard
# library and run: the tool must never import or execute the code it checks.
if sys.path and os.path.abspath(sys.path[0] or os.curdir) == os.getcwd():
    del sys.path[0]

from cxone_lint.cli.main import main

raise SystemExit(main())
