"""Rule packs used by the tests to exercise the engine the way a third-party pack does."""
