"""MkDocs adapter: a social preview image (Open Graph) for every page, drawn by ``schulerfolg.formats.ogimage``.

Titles are known only once MkDocs has read every page, so the cards are made per page
while the theme renders it; ``overrides/main.html`` turns ``page.meta.og_image`` into
``og:``/``twitter:`` tags. Also logs how many images this build encoded.
"""
from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urljoin

from schulerfolg import buildcache
from schulerfolg.buildcache import BuildCache
from schulerfolg.formats import ogimage, plakat
from schulerfolg.media import images
from schulerfolg.site.escaping import klartext

log = logging.getLogger("mkdocs.hooks.og_images")
_rubriken: dict[str, str] = {}  # first URL segment → title of that section's index page
_karten = {"ordner": Path()}  # where this build keeps its cards


# Count this build's images from zero.
def on_pre_build(config, **kwargs) -> None:
    images.zaehler.reset()
    plakat.zaehler.reset()


# Remember the title of each section index, for the band of the cards below it.
def on_env(env, config, files, **kwargs):
    _karten["ordner"] = BuildCache.of(Path(config.config_file_path).parent).kind("og")
    _rubriken.clear()
    for f in files.documentation_pages():
        if f.page is not None and f.src_uri.endswith("/index.md") and f.src_uri.count("/") == 1:
            _rubriken[f.src_uri.split("/")[0]] = f.page.title or ""
    return env


# Draw (or take from the cache) the card of this page and tell the theme where it is.
def on_page_context(context, page, config, nav, **kwargs):
    teile = [t for t in page.url.split("/") if t]
    pfad = "og/" + ("/".join(teile) or "index") + ".png"
    # MkDocs holds titles as HTML; the card and its alt text (escaped by the theme) want the text itself.
    rubrik = klartext((page.parent.title if page.parent else None) or (_rubriken.get(teile[0]) if teile else None) or config.site_name)
    titel = klartext(page.title or config.site_name)
    karte = ogimage.card_file(titel, rubrik, ogimage.ABSENDER, _karten["ordner"])
    buildcache.link(karte, Path(config.site_dir) / pfad)
    if config.site_url:
        page.meta["og_image"] = urljoin(config.site_url, pfad)
        page.meta["og_image_alt"] = f"{rubrik}: {titel} – {ogimage.ABSENDER}"
    return context


# The figures the benchmark and editors look for: how many images were encoded and posters set, how many came from the cache.
def on_post_build(config, **kwargs) -> None:
    log.info(str(images.zaehler))
    log.info(str(plakat.zaehler))
