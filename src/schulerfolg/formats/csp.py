"""The Content-Security-Policy of the public pages (issue 16): the last wall behind escaping.

Should text from the data ever slip through unescaped, the browser refuses to run it: a missed escape
becomes a console error instead of script on a municipal site. A static site cannot send headers, so each
finished page carries its policy as a ``<meta http-equiv>``, the first element of its ``<head>``.

- Scripts come from the site itself. Inline, a script runs only if it is one of the theme's own: its
  sha256 hash is written into the policy. Which texts are the theme's own is read from the theme's
  templates, never from the page, so a script that a missed escape put into a page gets no hash.
- No ``'unsafe-inline'`` and no ``'unsafe-eval'``, not even for styles: the theme and our scripts set
  styles only through the CSSOM (``element.style``), which the policy does not restrict.
- Images, fonts, media, requests and workers only from the site; images also as ``data:`` URLs (the
  favicon and the theme's icons are such).
- One exception: the page that shows an external film behind its two-click placeholder may frame that
  platform's player (``frame_sources``). Which platform is decided by the checked data, through the plan
  (``Page.rahmen``), never by attributes in the page.

``with_policy`` works on a finished HTML page (str → str), so the MkDocs hook (hooks/csp.py) and a
build without hooks apply the same policy.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from schulerfolg.media.film import Video

# A value the theme writes into one of its scripts is a relative address of the site root
# (``__md_scope=new URL("../..",location)``): dots and slashes only, so nothing can break out of it.
_WERT_IM_SKRIPT = "[./]*"
_AUSDRUCK = re.compile(r"\{\{.*?\}\}", re.S)
_KOMMENTAR = re.compile(r"\{#.*?#\}", re.S)
# <script attributes>text</script>, the text up to the first "</script" (written out: twice as fast as ".*?").
_SKRIPT = re.compile(r"<script\b([^>]*)>([^<]*(?:<(?!/script)[^<]*)*)</script\s*>", re.I)
# <script type> values that make the browser run the text (a type such as application/json is data).
_AUSFUEHRBAR = re.compile(r"""\s*(?:(?:text|application)/(?:x-)?(?:java|ecma)script|module)?\s*""", re.I)
_TYP = re.compile(r"""(?<![\w-])type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_QUELLE = re.compile(r"(?<![\w-])src\s*=", re.I)
_KOPF = re.compile(r"\A\s*(?:<!doctype[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<html\b[^>]*>\s*)?<head\b[^>]*>", re.I | re.S)
_HERKUNFT = re.compile(r"https://[a-z0-9.-]+")


@dataclass(frozen=True)
class ThemeScripts:
    """The inline scripts the theme's templates can write, each as a pattern of its exact text."""

    muster: tuple[re.Pattern[str], ...]

    @classmethod
    def aus_vorlagen(cls, ordner: Iterable[Path]) -> ThemeScripts:
        """Every inline script in the templates under ``ordner`` (overrides/ and the theme's own folders).
        A script whose text depends on a Jinja statement (``{% … %}``) is left out: its text is unknown
        before rendering, and a script without hash is refused by the browser rather than trusted."""
        muster: dict[str, re.Pattern[str]] = {}
        for vorlage in _vorlagen(ordner):
            quelltext = vorlage.read_text(encoding="utf-8")
            if "<script" not in quelltext:
                continue
            for attribute, text in _SKRIPT.findall(_KOMMENTAR.sub("", _browsertext(quelltext))):
                if _ausfuehrbar(attribute) and not _QUELLE.search(attribute) and "{%" not in text:
                    regex = _WERT_IM_SKRIPT.join(re.escape(teil) for teil in _AUSDRUCK.split(text))
                    muster.setdefault(regex, re.compile(regex))
        return cls(tuple(muster.values()))

    def eigene(self, text: str) -> bool:
        return any(m.fullmatch(text) for m in self.muster)

    def hashes(self, html: str) -> list[str]:
        """CSP sources (``'sha256-…'``) of the page's inline scripts that are the theme's own, each once."""
        found: dict[str, None] = {}
        for _, text in _SKRIPT.findall(html):
            text = _browsertext(text)
            if self.eigene(text):
                found[_sha256(text)] = None
        return list(found)


def policy(hashes: Iterable[str] = (), rahmen: Iterable[str] = (), styles: Iterable[str] = ()) -> str:
    """The policy of one page: the theme's inline scripts by hash, the origins it may frame, and the
    stylesheets the engine's own script writes into a <style> (by hash; Zensical's search dialog)."""
    rahmen = list(rahmen)
    for herkunft in rahmen:
        if not _HERKUNFT.fullmatch(herkunft):
            raise ValueError(f"not an https origin for frame-src: {herkunft!r}")
    regeln = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *hashes],
        "style-src": ["'self'", *styles],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    if rahmen:
        regeln["frame-src"] = rahmen
    return as_text(regeln)


def as_text(regeln: dict[str, list[str]]) -> str:
    """A policy as the header and the meta tag write it: ``directive source …; …``."""
    return "; ".join(" ".join([name, *werte]) for name, werte in regeln.items())


def with_policy(html: str, theme: ThemeScripts, rahmen: Iterable[str] = (), styles: Iterable[str] = ()) -> str:
    """The finished page with its policy as the first element of <head>."""
    kopf = _KOPF.match(html)
    if kopf is None:
        raise ValueError("the page does not start with <head>: no place for its Content-Security-Policy")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(theme.hashes(html), rahmen, styles)}">'
    return html[:kopf.end()] + meta + html[kopf.end():]


def frame_sources(video: Video | None) -> tuple[str, ...]:
    """The origin of the platform's player, for the page that shows ``video`` behind its placeholder."""
    if video is None or video.plattform is None:
        return ()
    teile = urlsplit(video.plattform.einbettung)
    return (f"{teile.scheme}://{teile.hostname}",)


def _vorlagen(ordner: Iterable[Path]) -> Iterator[Path]:
    """The HTML templates under each folder; hidden folders (Material's 10,000 icons in .icons/) are skipped."""
    for folder in ordner:
        for wurzel, unterordner, namen in os.walk(folder):
            unterordner[:] = sorted(u for u in unterordner if not u.startswith("."))
            yield from (Path(wurzel) / n for n in sorted(namen) if n.endswith(".html"))


def _browsertext(text: str) -> str:
    """The text as the browser's HTML parser hands it on: line ends as LF, NUL as U+FFFD."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


def _ausfuehrbar(attribute: str) -> bool:
    typ = _TYP.search(attribute)
    return typ is None or bool(_AUSFUEHRBAR.fullmatch(next(g for g in typ.groups() if g is not None)))


def style_hash(css: str) -> str:
    """The CSP source of one exact stylesheet text."""
    return _sha256(css)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"
