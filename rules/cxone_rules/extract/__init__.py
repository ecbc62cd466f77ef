"""Extractors: one folder per language, turning a file into typed facts.

python/ (libcst) and config/ (documents) have their own extractors; the tree-sitter languages
(javascript/, php/, powershell/) share one lowered form and one analysis: `ir.py` (the IR),
`evaluate.py` (symbolic values), `semantics.py` (what the code does with CXone) and
`facts_out.py` (the typed facts it emits), each language folder adding its lowering and library
tables; `run.py` is the run PHP and PowerShell share (one grammar, one batch per file).
"""
