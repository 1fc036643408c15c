"""MkDocs adapter: repairs of the theme's own markup that no template block reaches
(``schulerfolg.formats.theme_html``; other engines get them from ``python -m schulerfolg nachbereiten``)."""
from __future__ import annotations

from schulerfolg.formats.theme_html import repair


# Every page of the docs.
def on_post_page(output: str, page, config, **kwargs) -> str:
    return repair(output)


# Theme pages without Markdown (404.html).
def on_post_template(output_content: str, template_name: str, config, **kwargs) -> str:
    return repair(output_content)
