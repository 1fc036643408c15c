"""MkDocs adapter: repairs of mkdocs-material's own markup that no template block reaches.

- Material 9.8 writes ``autocomplete="off"`` on its two hidden checkboxes (drawer, search) so that
  Firefox does not restore them; HTML allows the attribute only on text-like inputs, and the Nu HTML
  checker reports it on every page. The attribute is removed.
- Its search panel is a ``role="dialog"`` without a name (axe rule aria-dialog-name); it gets one.
- It writes the writing direction on ``<body dir>`` only; ``<html>`` gets it too, so that the whole
  document – title, header, the browser's own scrollbars – is right-to-left on Arabic and Dari pages.
Markup that does not match exactly stays untouched.
"""
from __future__ import annotations

import re

_TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" '
                     r'id="__(?:drawer|search)") autocomplete="off">')
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_HTML_TAG = re.compile(r'<html lang="([\w-]+)" class="no-js">')
_BODY_DIR = re.compile(r'<body dir="(ltr|rtl)"')


# Every page of the docs.
def on_post_page(output: str, page, config, **kwargs) -> str:
    return _valid(output)


# Theme pages without Markdown (404.html).
def on_post_template(output_content: str, template_name: str, config, **kwargs) -> str:
    return _valid(output_content)


def _valid(html: str) -> str:
    html = _TOGGLE.sub(r"\1>", html)
    html = _direction_on_html(html)
    return html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Suche">', 1)


def _direction_on_html(html: str) -> str:
    body = _BODY_DIR.search(html)
    if body is None:
        return html
    return _HTML_TAG.sub(rf'<html lang="\1" dir="{body.group(1)}" class="no-js">', html, count=1)
