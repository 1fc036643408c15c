"""MkDocs adapter: check the data, then hand MkDocs the pages the core plans.

All logic lives in the ``schulerfolg`` package; this file only translates.
MkDocs loads hooks once per ``mkdocs serve``, so data is loaded per build, never at import.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from schulerfolg.load import load
from schulerfolg.plan import Context, plan
from schulerfolg.problem import format_count
from schulerfolg.render import render


# Check the data and add every planned page and file to the build.
def on_files(files: Files, config, **kwargs) -> Files:
    root = Path(config.config_file_path).parent
    result = load(root / "data")
    if result.problems:
        raise PluginError("Die Daten enthalten Fehler:\n" + "\n".join(map(str, result.problems))
                          + "\n" + format_count(result.problems))
    config.extra["beispieldaten"] = result.daten.netzwerkstelle.beispieldaten  # theme shows the notice on every page
    site = plan(result.daten, cache_dir=root / ".cache" / "bilder")  # photos are encoded only when they change
    ctx = Context(result.daten, site.today)
    for page in site.pages:
        edit = f"../{page.source}" if page.source and config.repo_url else None
        _replace(files, File.generated(config, page.path, content=render(page, ctx)), edit)
    for asset in site.assets:
        if asset.source is not None:
            f = File.generated(config, asset.path, abs_src_path=str(asset.source))
        else:
            f = File.generated(config, asset.path, content=asset.content)
        _replace(files, f, None)
    return files


# A generated file wins over a hand-written one at the same path; "edit" points at its YAML.
def _replace(files: Files, f: File, edit_uri: str | None) -> None:
    old = files.get_file_from_path(f.src_uri)
    if old is not None:
        files.remove(old)
    f.edit_uri = edit_uri  # relative to edit_uri, which points into docs/
    files.append(f)
