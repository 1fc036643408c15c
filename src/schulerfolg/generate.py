"""Write every planned page and file to a folder: the site's sources without MkDocs' hooks.

The folder can be merged with docs/ and built by any MkDocs-compatible tool
(MkDocs without hooks, ProperDocs, Zensical) — see the editors' handbook.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from schulerfolg.buildcache import BuildCache
from schulerfolg.data.daten import Daten
from schulerfolg.data.yamlsource import DUMPER
from schulerfolg.findings.store import Befunde
from schulerfolg.site import finish
from schulerfolg.site.build import Site, build
from schulerfolg.site.chrome import theme_extra


def generate(daten: Daten, folder: Path, cache: BuildCache | None = None, befunde: Befunde | None = None) -> list[Path]:
    return _write_site(build(daten, befunde or Befunde(None), cache), folder)


def _write_site(site: Site, folder: Path) -> list[Path]:
    written = []
    for page in site.pages:
        written.append(_write(folder / page.path, site.markdown(page).encode("utf-8")))
    for asset in site.files:
        target = folder / asset.path
        if asset.source is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(asset.source, target)
            written.append(target)
        else:
            written.append(_write(target, asset.content or b""))
    return written


def _write(path: Path, content: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


# Top-level keys of mkdocs.yml that only MkDocs' hooks use: a tool that ignores hooks must not see them.
_NUR_MIT_HOOKS = ("hooks", "watch")
_EDIT_BUTTON = re.compile(r"\s*-\s*content\.action\.edit\s*(#.*)?$")


def projekt(root: Path, daten: Daten, folder: Path, cache: BuildCache | None = None,
            befunde: Befunde | None = None) -> list[Path]:
    """A complete site project in ``folder`` that needs no hooks: ``docs/`` merged with every generated
    page and file, ``overrides/``, ``mkdocs.yml`` without ``hooks:``, and what ``python -m schulerfolg
    nachbereiten`` needs to finish the built site as the hooks do (``site.finish``). Generated files win
    over hand-written ones at the same path, as in the hook."""
    marker = folder / ".schulerfolg-projekt"  # only a folder written here before is ever emptied
    if folder.exists() and any(folder.iterdir()):
        if not marker.is_file():
            raise FileExistsError(f"{folder} ist nicht leer. Wählen Sie einen neuen Ordner.")
        shutil.rmtree(folder)
    shutil.copytree(root / "docs", folder / "docs")
    marker.write_text("von »python -m schulerfolg generate --projekt« geschrieben\n", encoding="utf-8")
    if (root / "overrides").is_dir():
        shutil.copytree(root / "overrides", folder / "overrides")
    site = build(daten, befunde or Befunde(None), cache)
    written = _write_site(site, folder / "docs")
    manifest = finish.write_manifest(folder, site.pages)
    config = folder / "mkdocs.yml"
    config.write_text(ohne_hooks((root / "mkdocs.yml").read_text(encoding="utf-8")) + extra_yaml(daten),
                      encoding="utf-8")
    return [config, manifest, *written]


def extra_yaml(daten: Daten) -> str:
    """What hooks/data_pages.py hands the theme (example-data notice, header and footer), as mkdocs.yml's
    ``extra:`` for a build without hooks; written by the YAML emitter, so values from the data stay text."""
    extra = theme_extra(daten)
    return "\n" + yaml.dump({"extra": extra}, Dumper=DUMPER, allow_unicode=True, sort_keys=False)


def ohne_hooks(config: str) -> str:
    """mkdocs.yml without the keys only hooks need, and without edit links or their button (the pages are
    generated)."""
    out, skipping = [], False
    for line in config.splitlines(keepends=True):
        key = line.split(":", 1)[0] if line[:1].isalpha() else None
        if key is not None:
            skipping = key in _NUR_MIT_HOOKS
            if key == "edit_uri":
                line = 'edit_uri: ""  # erzeugte Seiten haben keine Quelldatei in docs/\n'
        # Zensical draws the edit button even with edit_uri "" (as »//schulen/a.md«, a link to a host »schulen«).
        if not skipping and not _EDIT_BUTTON.match(line):
            out.append(line)
    return "".join(out)
