"""Subcommands other than the core `rule`/`rules`, one module each."""
