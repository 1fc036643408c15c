"""Core of the Schulerfolg Dessau-Roßlau site generator.

Data in ``data/*.yml`` → checked models → planned pages → rendered Markdown.
This package never imports MkDocs: ``hooks/`` adapts it to MkDocs, and
``python -m schulerfolg generate DIR`` writes the same pages to a folder.
"""
