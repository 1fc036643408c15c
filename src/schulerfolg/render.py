"""Pages from templates. Every value is escaped by autoescape; each kind of value has its one filter
(escaping.py): ``md`` for editors' Markdown, ``front_matter`` for the page's front matter, ``tel`` and
``mailto`` for link targets."""
from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

import jinja2

from . import escaping
from .fields import tel_uri
from .film import video_fuer
from .images import bild_fuer
from .plan import Context, Page


@cache
def environment() -> jinja2.Environment:
    """Compiled once per process: templates are reused by every page of every build."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("schulerfolg", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # no stat() of the template file at every include (44,000 at 1,000 schools); see prepare()
    )
    env.filters["md"] = _md
    env.filters["front_matter"] = escaping.front_matter
    env.filters["mailto"] = escaping.mailto
    env.filters["tel"] = lru_cache(maxsize=4096)(tel_uri)  # a number appears on several pages
    env.globals.update(bild_fuer=bild_fuer, video_fuer=video_fuer)  # partials/bild.html.j2, partials/film.html.j2
    return env


def prepare(cache_folder: Path) -> None:
    """At the start of a build: templates are looked up afresh (one edited under »mkdocs serve« counts),
    compiled ones come from ``cache_folder``."""
    env = environment()
    env.cache.clear()
    env.bytecode_cache = template_cache(cache_folder)


def template_cache(folder: Path) -> jinja2.BytecodeCache:
    """Compiled templates kept in ``folder`` between builds (checked against each template's source).
    Every build is a new process, which would otherwise compile all templates again (0.2–0.3 s)."""
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


@jinja2.pass_context
def _md(context: jinja2.runtime.Context, text: str | None):
    """Editors' Markdown as HTML; links to pages of the site are made relative to this page."""
    return escaping.markdown_html(text, context.get("site_root", ""))


def render(page: Page, ctx: Context) -> str:
    template = environment().get_template(page.template)
    return template.render(page=page, daten=ctx.daten, today=ctx.today, site_root=page.site_root, **page.context)
