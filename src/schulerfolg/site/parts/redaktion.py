"""For the editors: the field reference (made from the models) and the web editor at /admin/."""
from __future__ import annotations

from collections.abc import Iterator

from schulerfolg.data.feldreferenz import referenz
from schulerfolg.formats import decap

from ..pages import Asset, Context, Page
from ..render import environment


def feldreferenz(ctx: Context) -> Iterator[Page]:
    yield Page("redaktion/felder.md", "redaktion/felder.md.j2", {"referenz": referenz()})


def web_editor(ctx: Context) -> Iterator[Asset]:
    """/admin/: Decap CMS with a configuration made from the models, served from this site; while it could
    not save (no repository or no login set up), only a page that says so, and no Decap at all."""
    backend = decap.backend(decap.Settings.from_env())
    page = environment().get_template("admin/index.html.j2").render(
        site_name="Schulerfolg für Dessau-Roßlau", version=decap.VERSION, eingerichtet=backend is not None,
        csp=decap.policy(backend))
    yield Asset("admin/index.html", content=page.encode("utf-8"))
    if backend is None:
        return
    yield Asset("admin/config.yml", content=decap.config_yaml(backend).encode("utf-8"))
    for name, path in decap.bundle():
        yield Asset(f"admin/{name}", source=path)
