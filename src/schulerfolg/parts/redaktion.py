"""For the editors: the field reference (made from the models) and the web editor at /admin/."""
from __future__ import annotations

from collections.abc import Iterator

from .. import decap, feldreferenz
from ..plan import Asset, Context, Page, part


@part
def feldreferenz_seite(ctx: Context) -> Iterator[Page]:
    f = feldreferenz
    yield Page("redaktion/felder.md", "redaktion/felder.md.j2", {
        "dateien": f.dateien(), "gruppen": f.gruppen, "anker": f.anker,
        "format_text": f.format_text, "yaml_value": f.yaml_value, "vorlage": f.vorlage,
    })


@part
def web_editor(ctx: Context) -> Iterator[Asset]:
    """/admin/: Decap CMS with a configuration made from the models, served from this site."""
    from ..render import environment

    page = environment().get_template("admin/index.html.j2").render(
        site_name="Schulerfolg für Dessau-Roßlau", version=decap.VERSION)
    yield Asset("admin/index.html", content=page.encode("utf-8"))
    yield Asset("admin/config.yml", content=decap.config_yaml(ctx.daten.root, decap.Einstellungen.aus_umgebung()).encode("utf-8"))
    for name, path in decap.bundle():
        yield Asset(f"admin/{name}", source=path)
