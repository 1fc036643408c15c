"""School social work: what it is, then the people by school form and school, as exhibition panels with their
contact cards – and the same list filtered by language and by district, as pages of their own.

Parents know their school, their district and their language, not a first name. The filter is a bar of links
to generated pages (``schulsozialarbeit/sprache/<code>/``, ``schulsozialarbeit/stadtteil/<slug>/``): it works
without JavaScript, each page is small and can be bookmarked, and the link check and the sitemap see them like
every other page.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from schulerfolg.data.daten import Daten
from schulerfolg.data.fields import slugify, sprachnamen
from schulerfolg.data.models import Fachkraft, Schule, Schulform
from schulerfolg.formats.vcard import vcard, vcard_key

from ..pages import Asset, Context, Page, Recipe
from . import panels
from .schulen import sortkey

FACHKRAEFTE = "data/fachkraefte.yml"
ORDNER = "schulsozialarbeit"
DEUTSCH = "de"  # every social worker speaks it; the filter is for families looking for their own language


@dataclass(frozen=True)
class Schulgruppe:
    """One school with the people the page shows there: ``tafeln`` as panels, ``verweise`` (people who also
    work at a school further up the page) as a link to their panel there."""

    schule: Schule
    tafeln: tuple[Fachkraft, ...]
    verweise: tuple[Fachkraft, ...]


@dataclass(frozen=True)
class Filter:
    """One entry of the filter bar: its label (and the language's own name) and the page it leads to."""

    name: str
    pfad: str  # the page inside docs/, e.g. "schulsozialarbeit/sprache/ar.md"
    lang: str | None = None  # the language's code, for lang= on its own name
    eigenname: str | None = None  # the language's name in its own script: »العربية«
    rtl: bool = False

    @property
    def url(self) -> str:
        return self.pfad.removesuffix(".md") + "/"


def fachkraefte(ctx: Context) -> Iterator[Page]:
    daten = ctx.daten
    sprachen, stadtteile = sprachfilter(daten), stadtteilfilter(daten)
    leiste = {"sprachen": sprachen, "stadtteile": stadtteile, "alle": f"{ORDNER}/"}
    gemeinsam = {**panels.kontext(ctx), "leiste": leiste, "nw": daten.netzwerkstelle,
                 "schulen_mit_fachkraft": schulen_mit_fachkraft(daten)}
    yield Page(f"{ORDNER}/index.md", "fachkraefte.md.j2", {
        **gemeinsam, "gruppen": nach_schule(daten), "filter": None}, source=FACHKRAEFTE)
    for code, f in zip(filtersprachen(daten), sprachen):
        yield Page(f.pfad, "fachkraefte.md.j2", {
            **gemeinsam, "gruppen": nach_schule(daten, person=lambda p, code=code: code in p.sprachen),
            "filter": f, "art": "sprache"}, source=FACHKRAEFTE)
    for name, f in zip(filterstadtteile(daten), stadtteile):
        yield Page(f.pfad, "fachkraefte.md.j2", {
            **gemeinsam, "gruppen": nach_schule(daten, schule=lambda s, name=name: s.stadtteil == name),
            "filter": f, "art": "stadtteil"}, source=FACHKRAEFTE)


def nach_schule(daten: Daten, schule: Callable[[Schule], bool] = lambda s: True,
                person: Callable[[Fachkraft], bool] = lambda p: True) -> list[tuple[Schulform, list[Schulgruppe]]]:
    """The people who pass ``person``, at the schools that pass ``schule``: by school form (in the order of the
    enum), then by school name. A person at two schools gets a panel at the first and a link at the next, so
    every panel (and its id) is on the page once."""
    gezeigt: set[str] = set()
    result = []
    for form in Schulform:
        gruppen = []
        for s in sorted((s for s in daten.schulen if s.schulform == form and schule(s)), key=lambda s: sortkey(s.name)):
            leute = [p for p in daten.fachkraefte_an(s.id) if person(p)]
            if not leute:
                continue
            gruppen.append(Schulgruppe(s, tuple(p for p in leute if p.id not in gezeigt),
                                       tuple(p for p in leute if p.id in gezeigt)))
            gezeigt.update(p.id for p in leute)
        if gruppen:
            result.append((form, gruppen))
    return result


def schulen_mit_fachkraft(daten: Daten) -> int:
    return len({sid for fachkraft in daten.fachkraefte for sid in fachkraft.schulen})


def filtersprachen(daten: Daten) -> list[str]:
    """Every language besides German that a social worker speaks, by its German name."""
    codes = {code for p in daten.fachkraefte for code in p.sprachen} - {DEUTSCH}
    return sorted(codes, key=lambda code: sortkey(sprachnamen()[code]))


def filterstadtteile(daten: Daten) -> list[str]:
    """Every district with a school that has school social work, alphabetical."""
    return sorted({s.stadtteil for s in daten.schulen if s.stadtteil and daten.fachkraefte_an(s.id)}, key=sortkey)


def sprachfilter(daten: Daten) -> list[Filter]:
    namen = sprachnamen()
    return [Filter(namen[code], f"{ORDNER}/sprache/{code}.md", code, *_eigenname(code)) for code in filtersprachen(daten)]


def stadtteilfilter(daten: Daten) -> list[Filter]:
    return [Filter(name, f"{ORDNER}/stadtteil/{slug}.md")
            for name, slug in zip(filterstadtteile(daten), _eindeutig(slugify(n) for n in filterstadtteile(daten)))]


def _eindeutig(slugs: Iterable[str]) -> list[str]:
    """Each district its own address, even when two names make the same slug (»Süd«, »Sued«) or none."""
    seen: set[str] = set()
    out = []
    for slug in slugs:
        slug = slug or "stadtteil"
        kandidat, n = slug, 2
        while kandidat in seen:
            kandidat, n = f"{slug}-{n}", n + 1
        seen.add(kandidat)
        out.append(kandidat)
    return out


def _eigenname(code: str) -> tuple[str | None, bool]:
    """A language's name in its own script (CLDR, via Babel) and whether it is written right to left."""
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return None, False
    return locale.get_display_name(code), locale.text_direction == "rtl"


def visitenkarten(ctx: Context) -> Iterator[Asset]:
    """Each card is made only when the person's data or the code that writes cards changed (vcard.py)."""
    daten = ctx.daten
    for fachkraft in daten.fachkraefte:
        yield Asset(panels.visitenkarte(fachkraft), recipe=Recipe("vcards", vcard_key(fachkraft, daten), "vcf",
                                                                  lambda fachkraft=fachkraft: vcard(fachkraft, daten)))
