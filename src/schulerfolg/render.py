"""Markdown from templates. Data are HTML-escaped by default; Markdown fields go through ``md``."""
from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

import jinja2
import markdown as md_lib
from markupsafe import Markup

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
    env.filters["md"] = markdown_html
    # t(text): a name or title as Markdown text. A function, not a template macro: it is called 30,000
    # times at 1,000 schools, and a macro call costs ten times as much.
    env.globals["t"] = md_escape
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


_MARKDOWN_ZEICHEN = str.maketrans({c: "\\" + c for c in "\\`*_[]"})


def md_escape(text):
    """Markdown's own signs in a name or title as plain characters (»Anna_Maria« stays text); HTML is
    escaped afterwards by autoescape, as for any value. One pass instead of six ``replace`` filters."""
    escaped = str(text).translate(_MARKDOWN_ZEICHEN)
    return Markup(escaped) if hasattr(text, "__html__") else escaped


def markdown_html(text: str | None) -> Markup:
    """An editor's Markdown as HTML (raw HTML was already refused by the check)."""
    if not text:
        return Markup("")
    return Markup(_html(text))


# A project or a carrier's text appears on several pages (overview, school, carrier): converted once.
@lru_cache(maxsize=8192)
def _html(text: str) -> str:
    converter = _converter()
    converter.reset()
    return converter.convert(text)


@cache
def _converter() -> md_lib.Markdown:
    """One converter for all texts: setting one up costs more than converting a short text."""
    return md_lib.Markdown(extensions=["sane_lists"], output_format="html")


def render(page: Page, ctx: Context) -> str:
    template = environment().get_template(page.template)
    return template.render(page=page, daten=ctx.daten, today=ctx.today, **page.context)
