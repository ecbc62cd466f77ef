"""CX6xx update and delete: the registration manifest compared with its version at a git revision.

The seed's "Update Your App" table says which registration details can change. The application
identifier (client_id), the tenant identifier, the application type and the authentication
method cannot: a change there is not an update, it is a different registration. Deleting is a
two-step process: disable first (revertible), then delete.

The base revision comes from `--base REF` (`ctx.inputs["base"]`), or, inside a pre-commit hook
(`PRE_COMMIT=1` in the environment), from `PRE_COMMIT_FROM_REF` when pre-commit runs over a
range, else `HEAD`: the manifest on disk (the staged one, since pre-commit stashes unstaged
changes) is compared with the last commit. The old manifest is read with `git show REV:path`,
never checked out. Without a base these rules have nothing to compare and report nothing; the
review report lists them as not checked.
"""

# Imported from here by the review report.
from cxone_rules.checks.cx6_lifecycle._common import requested_base

__all__ = ["requested_base"]
