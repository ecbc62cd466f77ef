"""Configuration-file extractors (.env, JSON, YAML, TOML): CXone URLs and secrets."""
