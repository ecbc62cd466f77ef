"""CX7xx CXexchange review readiness: what a technical reviewer will ask for before listing.

NICE publishes no checklist for the CXexchange technical review, so these rules stay few and
precise: things that are certainly wrong for an app about to be reviewed and listed, decided
from the manifest, the project's files and its suppression comments. They are off by default
(they are noise in a pre-commit hook) and switched on by `cxone-lint review`, or by selecting
`CX7` explicitly. What only a person can confirm is listed by the review report instead
(`cxone_rules.commands.review.stages`).
"""
