"""Posters from the data (issue 21): one A4 notice per school with school social work, for its corridor, with a QR
code to the school's page; one A3 exhibition panel per social worker, with crop marks for the print shop; and
the editors' page that lists them all with how to print and hang them.

The HTML comes from the site's templates (``plakate/``) at planning time – cheap, and exactly what decides a
poster's bytes, so it is the poster's key in the build cache. WeasyPrint sets a poster only when that key is new
(formats/plakat.py): warm builds set none.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

from schulerfolg.data.buildinfo import site_adresse
from schulerfolg.data.fields import sprachnamen
from schulerfolg.data.models import Fachkraft, Schule
from schulerfolg.formats import plakat
from schulerfolg.media import images

from ..pages import Asset, Context, Page, Recipe
from ..render import environment

SCHULEN = "data/schulen.yml"
QR = "qr.svg"  # the QR code's address inside a poster's HTML
VORLAGEN = ("plakate/aushang.html.j2", "plakate/tafel.html.j2", "plakate/plakat.css", "partials/bild.html.j2",
            "partials/sprechzeiten.html.j2")


def aushang_pfad(schule: Schule) -> str:
    """The school's notice, beside its page: /schulen/<id>/aushang.pdf."""
    return f"schulen/{schule.id}/aushang.pdf"


def aushang(ctx: Context, schule: Schule) -> str | None:
    """The notice of ``schule`` if the build makes one: the school has school social work, and the data lies in
    a project whose look and address the poster takes (mkdocs.yml, the theme's stylesheet)."""
    return aushang_pfad(schule) if ctx.daten.fachkraefte_an(schule.id) and _im_projekt(ctx) else None


def _im_projekt(ctx: Context) -> bool:
    root = ctx.daten.data_dir.parent
    return (root / "mkdocs.yml").is_file() and (root / plakat.STYLESHEET).is_file()


def tafel_pfad(fachkraft: Fachkraft) -> str:
    return f"tafeln/{fachkraft.id}-a3.pdf"


def plakate(ctx: Context) -> Iterator[Page | Asset]:
    daten = ctx.daten
    root = daten.data_dir.parent
    if not _im_projekt(ctx):  # data checked or planned on its own, outside a site project
        return
    adresse = site_adresse(root)
    gemeinsam = {"daten": daten, "bilder": ctx.bilder, "sprachnamen": sprachnamen(), "basis": "",
                 "adresse": adresse}
    basis = (plakat.version(), _vorlagen_version(), plakat.gestaltung(root).schluessel)
    aushaenge, tafeln = [], []
    for schule in daten.schulen:
        leute = daten.fachkraefte_an(schule.id)
        if not leute:
            continue
        url = f"{adresse}schulen/{schule.id}/"
        html = _html("plakate/aushang.html.j2", gemeinsam, schule=schule, fachkraefte=leute, url=url, qr=QR)
        aushaenge.append((schule, aushang_pfad(schule)))
        yield _plakat(aushang_pfad(schule), html, leute, ctx, root, basis, {QR: partial(plakat.qr_svg, url)})
    for fachkraft in daten.fachkraefte:
        html = _html("plakate/tafel.html.j2", gemeinsam, fachkraft=fachkraft)
        tafeln.append((fachkraft, tafel_pfad(fachkraft)))
        yield _plakat(tafel_pfad(fachkraft), html, [fachkraft], ctx, root, basis, {})
    yield Page("redaktion/aushaenge.md", "redaktion/aushaenge.md.j2", {"aushaenge": aushaenge, "tafeln": tafeln},
               source=SCHULEN)


def _html(vorlage: str, gemeinsam: dict, **kontext) -> str:
    return environment().get_template(vorlage).render(**gemeinsam, **kontext)


def _plakat(pfad: str, html: str, leute: list[Fachkraft], ctx: Context, root: Path, basis: tuple[str, ...],
            dateien: dict) -> Asset:
    """A poster, set only when the build cache lacks its key: its HTML (names, hours, the QR code's address,
    photo addresses, which carry the photo's content key), the site's look and the code. The QR code and the
    photos are made only then (``dateien``: address in the HTML → its bytes)."""
    gestaltung = plakat.gestaltung(root)
    css = environment().loader.get_source(environment(), "plakate/plakat.css")[0]
    bilder = dict(dateien)
    for f in leute:
        bild = ctx.bilder[f.id]
        if isinstance(bild, images.Bild):
            bilder[bild.jpeg.pfad] = partial(lambda b: images.encode(b.auftrag)[b.jpeg.pfad], bild)
    key = (*basis, html)
    return Asset(pfad, recipe=Recipe("plakate", key, "pdf", lambda: plakat.pdf(html, gestaltung, css, bilder),
                                     zaehler=plakat.zaehler))


def _vorlagen_version() -> str:
    env = environment()
    return "\0".join(env.loader.get_source(env, v)[0] for v in VORLAGEN)
