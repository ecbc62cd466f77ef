"""Old module paths of the extractors, the secret classification and the project profile, kept
while rule modules still import them: each `cxone_rules.analysis.X` is the same module object
as its new home. Removed once no rule imports them."""
