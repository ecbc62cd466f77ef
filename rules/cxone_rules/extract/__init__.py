"""Extraction for the tree-sitter languages: one IR, one evaluator, one semantic extractor.

`ir.py` (the lowered form), `evaluate.py` (symbolic values), `semantics.py` (what the code
does with CXone), `facts_out.py` (the fact records), and one folder per language with its
lowering and library tables (`javascript/`).
"""
