"""MkDocs adapter: a social preview image (Open Graph) for every page (``schulerfolg.site.finish.og_card``).

Each page gets its card once MkDocs has rendered it: the card is drawn from the page's title and its section
(``schulerfolg.formats.ogimage``), and its ``og:``/``twitter:`` tags go into <head>. Other engines get the same
from ``python -m schulerfolg nachbereiten``. Also logs how many images this build encoded.
"""
from __future__ import annotations

import logging
from pathlib import Path

from schulerfolg.buildcache import BuildCache
from schulerfolg.formats import plakat
from schulerfolg.media import images
from schulerfolg.site import finish
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
            # MkDocs holds titles as HTML; the card wants the text itself.
            _rubriken[f.src_uri.split("/")[0]] = klartext(f.page.title or "")
    return env


# Draw (or take from the cache) the card of this page and name it in the page's <head>.
def on_post_page(output: str, page, config, **kwargs) -> str:
    rubrik = finish.rubrik(page.url, _rubriken, config.site_name)
    return finish.og_card(output, page.url, rubrik, config.site_name, _karten["ordner"], Path(config.site_dir))


# The figures the benchmark and editors look for: how many images were encoded and posters set, how many came from the cache.
def on_post_build(config, **kwargs) -> None:
    log.info(str(images.zaehler))
    log.info(str(plakat.zaehler))
