"""MkDocs adapter: the Content-Security-Policy in every page (``schulerfolg.formats.csp``).

Registered last in mkdocs.yml, so it sees each page as it is written. The web editor /admin/ is a file
of the plan, not a page: it keeps its own policy. Under ``mkdocs serve`` pages get no policy: MkDocs'
live reload adds an inline script to each page it serves, whose hash no build can know.
"""
from __future__ import annotations

from schulerfolg.formats.csp import ThemeScripts, with_policy

_build: dict = {"serve": False, "theme": None}


# `mkdocs serve` or `mkdocs build`.
def on_startup(command, **kwargs) -> None:
    _build["serve"] = command == "serve"


# The theme's own inline scripts, read from its templates (overrides/ first, then Material's).
def on_config(config, **kwargs):
    _build["theme"] = ThemeScripts.aus_vorlagen(config.theme.dirs)
    return config


# Every page of the docs; an external film's page may frame the platform's player (set by hooks/data_pages.py).
def on_post_page(output: str, page, config, **kwargs) -> str:
    if _build["serve"]:
        return output
    return with_policy(output, _build["theme"], getattr(page.file, "csp_rahmen", ()))


# Theme pages without Markdown (404.html).
def on_post_template(output_content: str, template_name: str, config, **kwargs) -> str:
    if _build["serve"] or not template_name.endswith(".html"):
        return output_content
    return with_policy(output_content, _build["theme"])
