"""Core of the Schulerfolg Dessau-Roßlau site generator.

The package shows its pipeline as stages, each a folder, imports pointing only down (``haus.py``):
data → findings → media → formats → site, with the command line, ``generate``, the live preview and ``load`` on
top, and the build cache's layout and the Problem value at the bottom. It never imports MkDocs: ``hooks/``
adapts it to MkDocs, and ``python -m schulerfolg generate --projekt DIR`` writes the same site for other engines.
"""
