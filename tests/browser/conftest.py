"""Fixtures of the browser gates: the shared strict build of the sample site (sitebuild.py), served on
127.0.0.1, the same site with an external film, one Chromium, and the audit of every page.

Without Chromium or Java the tests are skipped on a developer's machine (with the command that installs
them) and fail in CI (CI=true): see ``tools.require``.
"""
from __future__ import annotations

import os

import pytest
from helpers import film_extern
from sitebuild import project_copy, strict_build

from . import tools
from .gates import audit_site, html_pages, page_cover, page_features

# Pages in the browser at once, per test process: on 2 cores three cost more CPU, one leaves a core idle at the end.
WORKERS = int(os.environ.get("BROWSER_GATES_WORKERS", "2"))

@pytest.fixture(scope="session")
def browser_tools():
    tools.require()


@pytest.fixture(scope="session")
def chromium(browser_tools):
    browser = tools.Chromium()
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def built_site():
    """The sample site from data/, docs/ and overrides/, the one shared strict build for its day."""
    try:
        return strict_build(tools.build_epoch())
    except AssertionError as e:
        pytest.fail(str(e), pytrace=False)


@pytest.fixture(scope="session")
def site_url(built_site):
    with tools.serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def site_report(chromium, built_site, site_url):
    """Every gate over every page of the sample site, run once; the gate tests read their part (they run in
    one process: their module is one xdist group): (the report, each page's features). axe runs on every page at
    desktop width and with gates.WIDTH_DEPENDENT at phone width; every rule at phone width on pages that together
    show every feature of all pages (gates.page_features, page_cover): the phone layout is the theme's."""
    features = {rel: page_features(built_site, rel) for rel in html_pages(built_site)}
    report = chromium.run(audit_site(chromium.browser, site_url, built_site, workers=WORKERS,
                                     phone=page_cover(features)))
    return report, features


def figures(report) -> str:
    """The line about the gates at the end of the run."""
    return (f"Browser-Gates: {len(report.pages)} Seiten geprüft, jede axe-Regel auch bei 360 px auf {len(report.phone)}, "
            f"in {report.seconds:.1f} s ({WORKERS} parallel), "
            f"{len(report.findings)} Befund(e)" + (f"; ausgenommen: {report.excluded}" if report.excluded else ""))


EXTERN = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"  # the film of the sample site, at a video platform


@pytest.fixture(scope="session")
def extern_site(tmp_path_factory, browser_tools):
    """The sample site once more, its film at a video platform (``modus: extern``): (site folder, URL).
    Its photos come from the repository's build cache, where they are named by content."""
    project = project_copy(tmp_path_factory.mktemp("extern"), link_cache=True)
    film_extern(project / "data", EXTERN)
    try:
        site = tools.build_site(project, project / "site")
    except tools.BuildFailed as e:
        pytest.fail(f"Mit film.modus: extern baut der Auftritt nicht:\n{e}", pytrace=False)
    with tools.serve(site) as url:
        yield site, url
