"""MkDocs adapter for the Elternratgeber: language switcher, "German is authoritative" note, contact panel.

Everything is decided in ``schulerfolg.eltern``; this file only hands it the page and the files.
Runs after hooks/data_pages.py, which has already checked the data.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from schulerfolg import eltern

_nw = None  # the office's data of the current build (read in on_files, never at import)


# Read the office's contact data once per build; without a repository there is nothing to edit.
def on_files(files, config, **kwargs):
    global _nw
    _nw = eltern.netzwerkstelle(Path(config.config_file_path).parent / "data")
    if not config.repo_url:
        for f in files:
            if f.src_uri.startswith(eltern.EIGENE_ORDNER):
                f.edit_uri = None
    return files


# Add the switcher, the note and the contact panel to every page of the guide.
def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    try:
        return eltern.aufbereiten(markdown, page.file.src_uri, page.meta,
                                  lambda path: files.get_file_from_path(path) is not None, _nw)
    except eltern.Fehler as e:
        raise PluginError(str(e)) from None
