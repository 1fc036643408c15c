"""Fixtures of the browser gates: the sample site built once per session, served on 127.0.0.1,
one Chromium, and the audit of every page.

Without Chromium or Java the tests are skipped on a developer's machine (with the command that installs
them) and fail in CI (CI=true): see ``tools.require``.
"""
from __future__ import annotations

import datetime
import os

import pytest

from schulerfolg.load import load

from . import tools
from .gates import audit_site

WORKERS = int(os.environ.get("BROWSER_GATES_WORKERS", "3"))  # pages in the browser at once; the machine has 2 cores

_figures = pytest.StashKey[list]()


def pytest_configure(config):
    config.stash[_figures] = []


@pytest.fixture(scope="session")
def browser_tools():
    tools.require()


@pytest.fixture(scope="session")
def chromium(browser_tools):
    browser = tools.Chromium()
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The sample site from data/, docs/ and overrides/, built once with --strict."""
    try:
        return tools.build_site(tools.REPO, tmp_path_factory.mktemp("site") / "site")
    except tools.BuildFailed as e:
        pytest.fail(str(e), pytrace=False)


@pytest.fixture(scope="session")
def site_url(built_site):
    with tools.serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def site_report(request, chromium, built_site, site_url):
    """Every gate over every page of the sample site, run once; the gate tests read their part."""
    report = chromium.run(audit_site(chromium.browser, site_url, built_site, workers=WORKERS))
    request.config.stash[_figures].append(
        f"Browser-Gates: {len(report.pages)} Seiten geprüft in {report.seconds:.1f} s "
        f"({WORKERS} parallel), {len(report.findings)} Befund(e)"
        + (f"; ausgenommen: {report.excluded}" if report.excluded else ""))
    return report


def pytest_terminal_summary(terminalreporter, config):
    for line in config.stash.get(_figures, []):
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def daten():
    """The sample data as the built site has them (checked on the site's build date)."""
    today = datetime.datetime.fromtimestamp(int(tools.BUILD_EPOCH), datetime.timezone.utc).date()
    result = load(tools.REPO / "data", today)
    if result.problems:
        pytest.fail("Die Beispieldaten enthalten Fehler:\n" + "\n".join(map(str, result.problems)), pytrace=False)
    return result.daten
