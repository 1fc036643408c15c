"""The one way out for every kind of value (``fields.Art``) into every kind of output.

Everything in data/ may be wrong or hostile, so no value reaches a page by accident:

- **HTML text and attributes**: the page templates autoescape every value (render.py). Page bodies are
  HTML, not Markdown: no Markdown parser ever reads a value from the data, so ``{ onfocus=… }``, ``](…)``
  or ``*`` in a name stay the characters they are.
- **Restricted Markdown** (``Art.MARKDOWN``): ``markdown_html`` renders it with markdown-it-py, raw HTML
  off, no images, links only to http(s), mailto, tel and pages of this site; nh3 (Ammonia) then keeps
  only an allowlist of tags, attributes and schemes – a second wall. ``markdown_problem`` tells an editor
  in German what the check refuses, so that nothing is dropped silently.
- **Front matter and meta tags**: ``front_matter`` writes YAML with PyYAML's emitter. The theme prints
  ``page.title`` and ``page.meta`` into HTML without escaping (MkDocs treats titles as HTML), so their
  text values are HTML-escaped first; overrides/main.html never un-escapes them.
- **Link targets**: ``Art.URL`` is http(s) only (fields.py) and goes into ``href`` through autoescape;
  ``mailto`` and ``fields.tel_uri`` build the other two schemes.
- **JSON** in a page: Jinja's ``tojson`` (escapes ``<``, ``>``, ``&``, ``'``). **vCard** and **iCalendar**:
  vobject and icalendar escape their own syntax (vcard.py, ical.py). **Decap's config**: the YAML emitter
  (decap.py). **Open Graph images**: text drawn as pixels (ogimage.py).
"""
from __future__ import annotations

import html
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import quote

import nh3
import yaml
from markupsafe import Markup, escape

from schulerfolg.data.markdown import ATTRIBUTES, SCHEMES, TAGS, link_erlaubt, renderer
from schulerfolg.data.yamlsource import DUMPER


def markdown_html(text: str | None, basis: str = "") -> Markup:
    """An editor's Markdown as safe HTML. Links to pages of the site (»/plus/«) are made relative to the
    page (``basis``, e.g. »../../«), so the site works under any address."""
    if not text:
        return Markup("")
    return Markup(_markdown_html(text, basis))


@lru_cache(maxsize=8192)  # a project or a carrier's text appears on several pages
def _markdown_html(text: str, basis: str) -> str:
    rendered = renderer().render(text)
    return nh3.clean(rendered, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES,
                     attribute_filter=lambda tag, attr, value: _seitenlink(value, basis) if attr == "href" else value,
                     link_rel=None)


def _seitenlink(href: str, basis: str) -> str | None:
    if not link_erlaubt(href):
        return None  # nh3 drops the attribute: the text stays, the link goes
    if href.startswith("/"):
        return (basis or "./") + href.lstrip("/")
    return href


def mailto(adresse: str) -> str:
    """``mailto:`` target of a checked address; characters that mean something in a mailto URL are encoded."""
    return "mailto:" + quote(adresse, safe="@.+-_")


def meta_text(value: Any) -> str:
    """A text for a page's title or meta tags: one line, HTML-escaped (the theme prints it as it is)."""
    if isinstance(value, Markup):
        return str(value)
    return str(escape(" ".join(str(value).split())))


def front_matter(meta: Mapping[str, Any]) -> Markup:
    """The YAML front matter of a generated page. Texts are escaped by ``meta_text``; everything is
    written by the YAML emitter, so no value can end the block or add a key."""
    clean = {key: _meta_wert(value) for key, value in meta.items() if value is not None}
    body = yaml.dump(clean, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=10**9) if clean else ""
    return Markup("---\n" + body + "---\n")


def _meta_wert(value: Any) -> Any:
    if isinstance(value, str):
        return meta_text(value)
    if isinstance(value, Mapping):
        return {k: _meta_wert(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_meta_wert(v) for v in value]
    return value


def klartext(value: str) -> str:
    """The reader's text of a title the theme holds as HTML (``page.title``): for pixels, files, alt texts."""
    return html.unescape(re.sub(r"<[^<>]*>", "", value))
