"""Pages from templates. Every value is escaped by autoescape; each kind of value has its one filter
(escaping.py): ``md`` for editors' Markdown, ``front_matter`` for the page's front matter, ``tel`` and
``mailto`` for link targets; ``datum`` and ``dateigroesse`` say a date and a size in German, ``rufnummer`` a phone
number (DIN 5008), ``sprechzeiten`` office hours in a page's language.

A template gets its page's complete context (the parts work it out) and calls no function of the pipeline."""
from __future__ import annotations

import tempfile
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path

import jinja2

from schulerfolg import buildcache
from schulerfolg.data.daten import Daten
from schulerfolg.data import sprechzeiten
from schulerfolg.data.fields import tel_uri, telefon_text
from schulerfolg.data.fristen import datum_kurz
from schulerfolg.findings.forms import dateigroesse

from . import escaping
from .pages import Page


@cache
def environment() -> jinja2.Environment:
    """Compiled once per process: templates are reused by every page of every build."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("schulerfolg", "site/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # no stat() of the template file at every include (44,000 at 1,000 schools); see prepare()
    )
    env.filters["md"] = _md
    env.filters["front_matter"] = escaping.front_matter
    env.filters["mailto"] = escaping.mailto
    env.filters["tel"] = lru_cache(maxsize=4096)(tel_uri)  # a number appears on several pages
    env.filters["rufnummer"] = lru_cache(maxsize=4096)(telefon_text)  # the one way a number is written (DIN 5008)
    env.filters["sprechzeiten"] = sprechzeiten.zeilen
    env.filters["nach_vereinbarung"] = sprechzeiten.nach_vereinbarung
    env.filters["sprechzeiten_text"] = sprechzeiten.als_text
    env.filters["datum"] = datum_kurz
    env.filters["von_hier"] = _von_hier
    env.filters["dateigroesse"] = dateigroesse
    return env


def prepare() -> None:
    """At the start of a build: templates are looked up afresh (one edited under »mkdocs serve« counts),
    compiled ones come from ``template_cache``."""
    env = environment()
    env.cache.clear()
    env.bytecode_cache = template_cache()


def template_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates (ours and the theme's) kept between builds, checked against each template's source.

    Every build is a new process, which would otherwise compile all templates again: 0.2–0.3 s CPU of the 1.8 s
    a warm build of the sample site takes (six builds each way), so of every rebuild under »mkdocs serve« too.
    Worth keeping, but never in the checkout: Jinja reads these files with pickle and marshal, so one planted by
    a pull request would run as code. They live in Jinja's own folder for this user in the system's temporary
    folder, which Jinja creates with mode 0700 and refuses when it is a link or belongs to someone else (its fix
    of CVE-2014-1402 and CVE-2014-0012). Their names carry ``_VORLAGEN_FASSUNG``: the options of
    ``environment()`` change the compiled code, not the source."""
    try:
        return _Vorlagenablage(pattern=f"__schulerfolg_{_VORLAGEN_FASSUNG[:16]}_%s.cache")
    except (OSError, RuntimeError):  # no temporary folder, or not a safe one: compiled anew
        buildcache.note_failure(Path(tempfile.gettempdir()), "der Ordner für übersetzte Vorlagen ist nicht sicher nutzbar")
        return None


class _Vorlagenablage(jinja2.FileSystemBytecodeCache):
    """What cannot be read is compiled again, what cannot be written is not kept: never a failed build."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged file (pickle, marshal, I/O): compile the template
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as fehler:
            buildcache.note_failure(Path(self.directory), buildcache.reason(fehler))


# Besides a template's source, what decides its compiled code: the options of environment() (this module),
# Jinja, and MkDocs for the theme's environment.
_VORLAGEN_FASSUNG = buildcache.fingerprint(Path(__file__), bibliotheken=("jinja2", "mkdocs"))


@jinja2.pass_context
def _md(context: jinja2.runtime.Context, text: str | None):
    """Editors' Markdown as HTML; links to pages of the site are made relative to this page."""
    return escaping.markdown_html(text, context.get("basis", ""))


@jinja2.pass_context
def _von_hier(context: jinja2.runtime.Context, ziel: str) -> str:
    """A file's address inside the site (»plus/fristen.ics«) as seen from this page (»../plus/fristen.ics« on
    plus/): up to the root first, as every generated link. Zensical reads the links of a page that is not a
    folder's index as relative to its Markdown file and puts one more »../« before them; the root absorbs it, a
    path down from the page (»aushang.pdf«) it would break."""
    return context["basis"] + ziel


def render(page: Page, daten: Daten, groessen: Mapping[str, int] | None = None) -> str:
    """The page's Markdown. ``groessen``: the size of each produced file (``produce.groessen``), for pages that
    name one."""
    template = environment().get_template(page.template)
    return template.render(page=page, daten=daten, basis=page.basis, groessen=groessen or {}, **page.context)
