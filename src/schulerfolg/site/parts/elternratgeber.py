"""The Elternratgeber in five languages and the pages in Leichter Sprache, from their Markdown in docs/.

The pages are written by hand; this part publishes each with its language switcher, the note on
translations and the contact panel (``site.eltern``). A planned page replaces the file of
the same name in docs/, in the MkDocs hook and in ``generate --projekt`` alike.
"""
from __future__ import annotations

from collections.abc import Iterator

from .. import eltern
from ..pages import Context, Page

ORDNER = ("eltern", "leichte-sprache")  # hand-written pages inside docs/ that this part prepares


def elternratgeber(ctx: Context) -> Iterator[Page]:
    docs = ctx.daten.data_dir.parent / "docs"  # the project's layout: docs/ beside data/
    for ordner in ORDNER:
        for datei in sorted((docs / ordner).rglob("*.md")):
            rel = datei.relative_to(docs).as_posix()
            text = eltern.prepare(datei.read_text(encoding="utf-8"), rel,
                                      lambda p: (docs / p).is_file(), ctx.daten.netzwerkstelle)
            yield Page(rel, "eltern/seite.md.j2", {"text": text}, source=f"docs/{rel}")
