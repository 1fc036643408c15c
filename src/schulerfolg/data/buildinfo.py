"""Facts about the build itself that pages may depend on."""
from __future__ import annotations

import datetime
import os
from functools import cache
from pathlib import Path

import yaml


def build_date() -> datetime.date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` so that a rebuild gives the same site."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()


@cache
def mkdocs_config(root: Path) -> dict:
    """The project's mkdocs.yml as plain values: ``!ENV [NAME, "default"]`` as MkDocs reads it (the environment
    wins), other tags (``!!python/name …``) as nothing."""
    class _Lader(yaml.SafeLoader):
        pass

    def env(loader: yaml.SafeLoader, node: yaml.Node) -> str:
        *namen, vorgabe = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node), ""]
        return next((os.environ[n] for n in namen if os.environ.get(n)), vorgabe)

    _Lader.add_constructor("!ENV", env)
    _Lader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((Path(root) / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Lader) or {}


def site_adresse(root: Path) -> str:
    """The site's public address, as MkDocs has it: ``site_url`` of the project's mkdocs.yml. For addresses
    printed on paper (the posters' QR codes), where a relative link cannot work. Ends in »/«."""
    adresse = str(mkdocs_config(root).get("site_url") or "")
    return adresse if adresse.endswith("/") else adresse + "/"


def site_name(root: Path) -> str:
    """``site_name`` of the project's mkdocs.yml: what the engines put after each page's title."""
    return str(mkdocs_config(root).get("site_name") or "")
