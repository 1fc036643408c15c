"""The restricted Markdown editors write (``fields.Art.MARKDOWN``): what it may contain, and what the check
refuses, in German, so that nothing is dropped silently when the site renders it (site.escaping).

Parsed with markdown-it-py, made for untrusted input: raw HTML off, no images, no headings, links only to
http(s), mailto, tel and pages of this site; nh3 (Ammonia) then keeps only these tags, attributes and schemes.
"""
from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

# What editors' Markdown may become. Headings would break the page's outline, tables and images are off.
TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr"}
ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
SCHEMES = {"http", "https", "mailto", "tel"}
_OFF = ["image", "html_inline", "html_block", "heading", "lheading"]


def link_erlaubt(href: str) -> bool:
    """A link target editors may write: http(s), mailto, tel, or a page of this site (»/plus/«, »#frist«)."""
    if href.startswith("//"):
        return False  # a foreign host without a scheme
    scheme = urlsplit(href).scheme
    if scheme:
        return scheme.lower() in SCHEMES
    return href.startswith(("/", "#"))


@cache
def renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).disable(_OFF)
    md.validateLink = link_erlaubt  # markdown-it has decoded entities (»&#106;avascript:«) by then
    return md


@cache
def _pruefer() -> MarkdownIt:
    """Parses as an editor meant it (HTML and images on), so the check can name what is not allowed."""
    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda href: True
    return md


def markdown_problem(text: str) -> str | None:
    """What in an editor's Markdown the site would not publish, in German; None when all is fine."""
    for token in _tokens(_pruefer().parse(text)):
        if token.type in ("html_inline", "html_block"):
            tag = token.content.strip().splitlines()[0] if token.content.strip() else token.content
            return (f"HTML wie »{tag[:40]}« ist hier nicht erlaubt. Verwenden Sie Markdown, z. B. **fett** "
                    "oder [Linktext](https://…).")
        if token.type == "image":
            return ("Bilder sind in diesem Text nicht möglich: Sie würden von fremden Servern geladen. "
                    "Schreiben Sie stattdessen einen Link, z. B. [Foto ansehen](https://…).")
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if not link_erlaubt(href):
                return (f"Der Link »{href[:60]}« ist nicht erlaubt. Links führen zu Webseiten (https://…), "
                        "E-Mail-Adressen (mailto:…), Telefonnummern (tel:…) oder Seiten dieser Website "
                        "(mit »/« am Anfang, z. B. /plus/).")
        if token.type == "heading_open":
            return (f"Überschriften (»{'#' * int(token.tag[1])} …«) sind in diesem Text nicht möglich; die Seite "
                    "hat ihre eigenen. Schreiben Sie den Satz ohne »#« am Anfang oder heben Sie ihn **fett** hervor.")
    return None


def _tokens(tokens):
    for token in tokens:
        yield token
        if token.children:
            yield from _tokens(token.children)


