"""The review-readiness report: a checklist per lifecycle stage, built from a run's findings and
the stages, code mapping and manual checks a rule pack describes (see `model`)."""
