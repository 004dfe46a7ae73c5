"""Advice to forces: the guidance library matched to a case, the directory of each force's hate
crime lead, and the outcome report that shows which responses lead to which outcomes.

The hub gives expert advice to local forces and spreads what works through their hate crime
leads (docs/ADVICE.md). Notes are Markdown files with TOML front matter (``library/``), read
and checked in one way (:mod:`graph.advice.notes`); matching a case to notes is pure
(:mod:`graph.advice.matching`); the directory and the notes a case carried live in the graph
(:mod:`graph.advice.store`).
"""
