"""Languages the engine reads: parsers, comment syntax, positions (no product knowledge)."""
