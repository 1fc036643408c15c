"""MkDocs adapter: the theme's, KERN UX's and our stylesheet without the rules no page uses
(``schulerfolg.formats.theme_css``).

It runs after the build, once every page is written. ``--dirty`` builds rebuild only changed pages,
whose classes are not all the site's: there the stylesheet stays whole.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

from schulerfolg.buildcache import BuildCache
from schulerfolg.formats.theme_css import SHEETS, THEME_SHEET, UsedNames, slim

log = logging.getLogger("mkdocs.hooks.theme_css")
_build = {"dirty": False, "sheets": [], "used": UsedNames()}


# `mkdocs build --dirty` / `mkdocs serve --dirty`.
def on_startup(command, dirty, **kwargs) -> None:
    _build["dirty"] = dirty


# A new build: the stylesheets to slim among its files (theme_css.SHEETS), no names yet.
def on_files(files, config, **kwargs):
    _build["used"] = UsedNames()
    theme = next((f for f in files if f.src_uri.startswith("assets/stylesheets/main.")
                  and f.src_uri.endswith(".min.css")), None)
    sheets = [(theme, *THEME_SHEET)] + [(files.get_file_from_path(pfad), kind, left_out)
                                        for pfad, kind, left_out in SHEETS]
    _build["sheets"] = [sheet for sheet in sheets if sheet[0] is not None]
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
    for sheet, name, left_out in _build["sheets"]:
        if _build["dirty"] and not left_out:
            shutil.copyfile(sheet.abs_src_path, sheet.abs_dest_path)  # a slimmer sheet of an earlier build may lack rules
            continue
        cache = BuildCache.of(Path(config.config_file_path).parent).kind(name)
        used = _every_kern_class() if _build["dirty"] else _build["used"]  # KERN's whole-document rules stay out
        before, after = slim(Path(sheet.abs_src_path), Path(sheet.abs_dest_path), Path(config.site_dir), used,
                             cache, left_out)
        log.info(f"Stylesheet {sheet.src_uri}: {before / 1000:.0f} KB → {after / 1000:.0f} KB, ohne ungenutzte Regeln")


# A script word ending in "-" keeps every class it begins: all of KERN's components.
def _every_kern_class() -> UsedNames:
    used = UsedNames()
    used.add_script('"kern-"')
    return used
