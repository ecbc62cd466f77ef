"""Extractors: one folder per language (python/, config/), turning a file into typed facts."""
