"""MkDocs adapter: the theme's stylesheet without the rules no page uses (``schulerfolg.formats.theme_css``).

It runs after the build, once every page is written. ``--dirty`` builds rebuild only changed pages,
whose classes are not all the site's: there the stylesheet stays whole.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

from schulerfolg import buildcache
from schulerfolg.buildcache import BuildCache
from schulerfolg.formats.theme_css import UsedNames, slim

log = logging.getLogger("mkdocs.hooks.theme_css")
_build = {"dirty": False, "sheet": None, "used": UsedNames()}


# `mkdocs build --dirty` / `mkdocs serve --dirty`.
def on_startup(command, dirty, **kwargs) -> None:
    _build["dirty"] = dirty


# A new build: the theme's stylesheet among its files, no names yet.
def on_files(files, config, **kwargs):
    _build["used"] = UsedNames()
    _build["sheet"] = next((f for f in files if f.src_uri.startswith("assets/stylesheets/main.")
                            and f.src_uri.endswith(".min.css")), None)
    return files


# Every page of the docs.
def on_post_page(output: str, page, config, **kwargs) -> str:
    _build["used"].add_page(output)
    return output


# Theme pages without Markdown (404.html).
def on_post_template(output_content: str, template_name: str, config, **kwargs) -> str:
    _build["used"].add_page(output_content)
    return output_content


# All pages are written: now it is known what they use.
def on_post_build(config, **kwargs) -> None:
    sheet = _build["sheet"]
    if sheet is None:
        return
    if _build["dirty"]:
        shutil.copyfile(sheet.abs_src_path, sheet.abs_dest_path)  # a slimmer sheet of an earlier build may lack rules
        return
    cache = BuildCache.of(Path(config.config_file_path).parent).kind("theme-css")
    before, after = slim(Path(sheet.abs_src_path), Path(sheet.abs_dest_path), Path(config.site_dir), _build["used"], cache)
    log.info(f"Theme-Stylesheet: {before / 1000:.0f} KB → {after / 1000:.0f} KB, ohne ungenutzte Regeln")
