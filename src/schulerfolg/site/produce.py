"""The step after planning: each file the plan describes by a recipe is made, or taken from the build cache.

Photos are encoded, contact cards and calendars written, films copied without their metadata – each only when
the build cache has no file under its key. Without a cache (``cache=None``) every file is made in memory.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from schulerfolg import buildcache
from schulerfolg.buildcache import BuildCache

from .pages import Asset


def produce(assets: Iterable[Asset], cache: BuildCache | None) -> list[Asset]:
    """The plan's files with every recipe followed: each has bytes (``content``) or a file (``source``)."""
    return [_made(asset, cache) if asset.recipe is not None else asset for asset in assets]


def _made(asset: Asset, cache: BuildCache | None) -> Asset:
    recipe = asset.recipe
    if cache is None:
        _count(recipe, neu=1)
        return Asset(asset.path, content=recipe.make())
    path = buildcache.path_for(cache.kind(recipe.folder), recipe.key, recipe.suffix)
    if path.is_file():
        _count(recipe, zwischengespeichert=1)
    else:
        path = buildcache.write(path, recipe.make())  # an unwritable cache: a temporary folder
        _count(recipe, neu=1)
    return Asset(asset.path, source=path)


def _count(recipe, neu: int = 0, zwischengespeichert: int = 0) -> None:
    if recipe.zaehler is not None:
        recipe.zaehler.neu += neu
        recipe.zaehler.zwischengespeichert += zwischengespeichert


def groessen(assets: Iterable[Asset]) -> Mapping[str, int]:
    """Each produced file's size in bytes, for pages that name it (»Kalenderdatei … (ICS, 2 KB)«)."""
    return {a.path: len(a.content) if a.content is not None else a.source.stat().st_size for a in assets}
