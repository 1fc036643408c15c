"""PLUS+ deadlines as of a given day: which is next, which are past, and how to say it in German.

The site is static, so "today" is the build date (``buildinfo.build_date``, which honours
``SOURCE_DATE_EPOCH``). A deadline is the last day on which applications are accepted:
on the day itself it still counts as open ("bis einschließlich").
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from babel.dates import format_date

from .fields import slugify

if TYPE_CHECKING:
    from .models import Frist

LOCALE = "de_DE"


def datum_text(tag: datetime.date) -> str:
    """»Dienstag, 31. März 2026«: the weekday helps people plan."""
    return format_date(tag, format="full", locale=LOCALE)


def datum_kurz(tag: datetime.date) -> str:
    """»31. März 2026«."""
    return format_date(tag, format="long", locale=LOCALE)


def kennung(frist: Frist) -> str:
    """Stable name of a deadline from its day and title, e.g. »2026-03-31-antragsfrist-fruehjahr-2026«.

    It names the deadline's calendar file and makes its calendar UID, so it must not
    depend on anything but the data (never on order or build time).
    """
    slug = slugify(frist.titel)[:KENNUNG_LAENGE].rstrip("-") or "frist"
    return f"{frist.datum.isoformat()}-{slug}"


KENNUNG_LAENGE = 80  # of the title's part: a file name stays short however long the title (»ä« becomes »ae«)


@dataclass(frozen=True)
class FristAnzeige:
    """One deadline as the pages show it on ``heute``."""

    frist: Frist
    tage: int  # days from today to the deadline; 0 on the day, negative when past
    kennung: str

    @property
    def status(self) -> Literal["vorbei", "heute", "offen"]:
        return "vorbei" if self.tage < 0 else "heute" if self.tage == 0 else "offen"

    @property
    def vorbei(self) -> bool:
        return self.tage < 0

    @property
    def datum_text(self) -> str:
        return datum_text(self.frist.datum)

    @property
    def abstimmung_text(self) -> str | None:
        return datum_text(self.frist.abstimmung) if self.frist.abstimmung else None

    @property
    def hinweis(self) -> str:
        """How much time is left, in words."""
        if self.tage < 0:
            return "Die Frist ist abgelaufen."
        if self.tage == 0:
            return "Heute ist der letzte Tag."
        if self.tage == 1:
            return "Morgen ist der letzte Tag."
        return f"Noch {self.tage} Tage."


@dataclass(frozen=True)
class Fristenstand:
    """Every deadline in date order, as of ``heute``."""

    heute: datetime.date
    alle: tuple[FristAnzeige, ...]

    @property
    def kommende(self) -> tuple[FristAnzeige, ...]:
        return tuple(f for f in self.alle if not f.vorbei)

    @property
    def vergangene(self) -> tuple[FristAnzeige, ...]:
        return tuple(f for f in self.alle if f.vorbei)

    @property
    def naechste(self) -> FristAnzeige | None:
        kommende = self.kommende
        return kommende[0] if kommende else None

    @property
    def heute_text(self) -> str:
        return datum_kurz(self.heute)


def stand(fristen: Iterable[Frist], heute: datetime.date) -> Fristenstand:
    """The deadlines as of ``heute``, sorted by date (editors need not keep them in order)."""
    ordered = sorted(fristen, key=lambda f: (f.datum, f.titel))
    return Fristenstand(heute, tuple(FristAnzeige(f, (f.datum - heute).days, kennung(f)) for f in ordered))
