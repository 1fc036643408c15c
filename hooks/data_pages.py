"""MkDocs adapter: check the data, then hand MkDocs the pages the core plans.

All logic lives in the ``schulerfolg`` package; this file only translates.
MkDocs loads hooks once per ``mkdocs serve``, so data is loaded per build, never at import.
Under ``mkdocs serve`` broken data does not stop the server: every page shows the problems instead.
"""
from __future__ import annotations

import gc
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from schulerfolg import buildcache, hookbuild
from schulerfolg.buildcache import BuildCache
from schulerfolg.load import load
from schulerfolg.problem import report
from schulerfolg.site.build import build
from schulerfolg.site.chrome import theme_extra
from schulerfolg.site.render import prepare, template_cache

log = logging.getLogger("mkdocs.hooks.data_pages")
_serve = False  # running under »mkdocs serve«
_ergebnis = None  # this build's loaded data (read in on_config, never at import)
_cache: BuildCache | None = None  # this build's cache (see schulerfolg.buildcache.BuildCache.of)
_seiten: list[str] = []  # pages of the last good build: while the data is broken they show the problems


# Remember whether this is the live preview.
def on_startup(*, command: str, **kwargs) -> None:
    global _serve
    _serve = command == "serve"


# Read and check the data; a broken preview lowers link checks, as its pages are missing on purpose.
def on_config(config, **kwargs):
    global _ergebnis, _cache
    gc.unfreeze()  # the last build's data may go now (see on_files)
    buildcache.new_build()
    prepare()
    root = Path(config.config_file_path).parent
    _cache = BuildCache.of(root)
    _ergebnis = load(root / "data", cache=_cache)  # verdicts on unchanged files are kept
    if _serve and _ergebnis.problems:
        config.validation.links.not_found = config.validation.links.anchors = logging.INFO
        config.validation.nav.not_found = logging.INFO
    return config


# The theme's templates, like ours, are compiled once and then taken from the cache in later builds.
def on_env(env, config, files, **kwargs):
    env.bytecode_cache = template_cache()
    return env


# Last of all hooks (the theme sheet is cached after the pages): one note if the cache could not be written.
@event_priority(-100)
def on_post_build(config, **kwargs) -> None:
    if hinweis := buildcache.note():
        log.info(hinweis)


# Check the data and add every planned page and file to the build.
def on_files(files: Files, config, **kwargs) -> Files:
    if not config.repo_url:  # without a repository there is nothing to edit: no "edit" links, no warnings
        for f in files.documentation_pages():
            f.edit_uri = None
    result = _ergebnis  # read in on_config of this build
    if result.problems:
        if _serve:
            return _fehlerseiten(files, config, result.problems)
        raise PluginError("Die Daten enthalten Fehler:\n" + report(result.problems))
    config.extra.update(theme_extra(result.daten))
    site = build(result.daten, result.befunde, _cache, site_url=config.site_url)  # photos: encoded only when changed
    _seiten[:] = [page.path for page in site.pages]
    for out in hookbuild.outputs(site, _cache, edit_links=bool(config.repo_url)):
        _add(files, config, out)
    # Data, plan and pages live until the build ends. Python's cycle collector would walk them again on
    # each of its many runs while MkDocs converts the pages; frozen, it leaves them alone (1,000 schools:
    # Markdown conversion 19.0 s → 14.8 s CPU, as without hooks). The next build unfreezes them.
    gc.freeze()
    return files


class _AusDemCache(File):
    """A photo, vCard, calendar or poster from .cache/: linked into the site, not copied (see schulerfolg.buildcache)."""

    def copy_file(self, dirty: bool = False) -> None:
        if not (dirty and not self.is_modified()):
            buildcache.link(Path(self.abs_src_path), Path(self.abs_dest_path))


# The problem page at every address an editor may be looking at; the server keeps running.
def _fehlerseiten(files: Files, config, problems) -> Files:
    for p in problems:
        log.info("Datenfehler: %s", p)
    hand = [f.src_uri for f in files.documentation_pages() if not f.generated_by]
    for out in hookbuild.problem_outputs(problems, _seiten, config.nav, hand):
        _add(files, config, out)
    return files


# One output of the core as a MkDocs file; a generated file wins over a hand-written one at the same path.
def _add(files: Files, config, out: hookbuild.Output) -> None:
    if out.source is None:
        f = File.generated(config, out.path, content=out.content)
    else:
        f = (_AusDemCache if out.linked else File).generated(config, out.path, abs_src_path=str(out.source))
    f.csp_rahmen = out.rahmen  # for hooks/csp.py: from the checked data, never from the page's HTML
    old = files.get_file_from_path(f.src_uri)
    if old is not None:
        files.remove(old)
    f.edit_uri = out.edit  # relative to edit_uri, which points into docs/
    files.append(f)
