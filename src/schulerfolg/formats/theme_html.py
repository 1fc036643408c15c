"""Repairs of the theme's own markup that no template block reaches, on a finished page (str → str).

- mkdocs-material 9.8 writes ``autocomplete="off"`` on its two hidden checkboxes (drawer, search) so that
  Firefox does not restore them; HTML allows the attribute only on text-like inputs, and the Nu HTML
  checker reports it on every page. The attribute is removed.
- Its search panel is a ``role="dialog"`` without a name (axe rule aria-dialog-name); it gets one.
- It writes the writing direction on ``<body dir>`` only; ``<html>`` gets it too, so that the whole
  document – title, header, the browser's own scrollbars – is right-to-left on Arabic and Dari pages
  (from the branch gestalt's hooks/theme_html.py, issue 18).
- Zensical 0.0.x hides the drawer's overlay label with ``aria-hidden``, which HTML forbids on a label of a
  form control (Nu HTML checker); Material writes the same label without it, and so does the repair.
- Zensical 0.0.x reads the links of a page that is not its folder's index as relative to its Markdown file
  and puts one more ``../`` before them. At the root of an address the browser stops climbing; under a
  sub-path (``https://example.org/auftritt/``) such a link leads out of the site. ``links_within_root``
  cuts a relative address that climbs above the root back to the root (MkDocs writes none).
Markup that does not match exactly stays untouched. Zensical's templates are Material's, so the same
repairs serve its pages (``schulerfolg.site.finish``) and the MkDocs hook (hooks/theme_html.py).
"""
from __future__ import annotations

import re

_TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" '
                     r'id="__(?:drawer|search)") autocomplete="off">')
_OVERLAY = '<label class="md-overlay" for="__drawer" aria-hidden="true">'
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_HTML_TAG = re.compile(r'<html lang="([\w-]+)" class="no-js">')
_BODY_DIR = re.compile(r'<body dir="(ltr|rtl)"')


def repair(html: str) -> str:
    html = _TOGGLE.sub(r"\1>", html)
    html = html.replace(_OVERLAY, '<label class="md-overlay" for="__drawer">', 1)
    html = _direction_on_html(html)
    return html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Suche">', 1)


def _direction_on_html(html: str) -> str:
    body = _BODY_DIR.search(html)
    if body is None:
        return html
    return _HTML_TAG.sub(rf'<html lang="\1" dir="{body.group(1)}" class="no-js">', html, count=1)


# A relative address in an attribute that climbs (href, src, poster), and the candidates of a srcset.
_AUFSTIEG = re.compile(r'(\s(?:href|src|poster)=")((?:\.\./)+)')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)')
_IM_SRCSET = re.compile(r"(^|,\s*)((?:\.\./)+)")


def links_within_root(html: str, tiefe: int) -> str:
    """``html`` with no relative address climbing higher than the site's root; ``tiefe``: how many folders
    deep the page lies (``schulen/a/index.html``: 2)."""
    def kuerzen(m: re.Match[str]) -> str:
        return m.group(1) + ("../" * tiefe if m.group(2).count("../") > tiefe else m.group(2))

    html = _AUFSTIEG.sub(kuerzen, html)
    return _SRCSET.sub(lambda m: m.group(1) + _IM_SRCSET.sub(kuerzen, m.group(2)), html)
