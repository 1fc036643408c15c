"""Write every planned page and file to a folder: the site's sources without MkDocs' hooks.

The folder can be merged with docs/ and built by any MkDocs-compatible tool
(MkDocs without hooks, ProperDocs, Zensical) — see the editors' handbook.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .daten import Daten
from .plan import Context, plan
from .render import render


def generate(daten: Daten, folder: Path, cache_dir: Path | None = None) -> list[Path]:
    site = plan(daten, cache_dir=cache_dir)
    ctx = Context(daten, site.today, cache_dir)
    written = []
    for page in site.pages:
        written.append(_write(folder / page.path, render(page, ctx).encode("utf-8")))
    for asset in site.assets:
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
