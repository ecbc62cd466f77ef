"""Typed facts, symbolic strings, the linker and the project profile."""
