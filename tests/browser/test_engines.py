"""Every gate of the MkDocs build (gates.py) on the hook-free project built by Zensical and by ProperDocs and
finished by ``nachbereiten`` (tests/engines.py): no foreign requests, no policy violations, axe, links, Nu
checker, skip link, 360 px. One build and one audit per engine per session."""
from __future__ import annotations

import pytest
from engines import ENGINES, EngineFailed, engine_build

from . import tools
from .conftest import WORKERS
from .gates import GATES, audit_site, format_findings, html_pages

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("engines")]


@pytest.fixture(scope="module", params=list(ENGINES))
def engine_report(request, chromium):
    try:
        site = engine_build(request.param, tools.build_epoch())
    except EngineFailed as e:
        pytest.fail(str(e), pytrace=False)
    with tools.serve(site) as url:
        return request.param, site, chromium.run(audit_site(chromium.browser, url, site, workers=WORKERS))


def test_every_page_of_the_engine_is_checked(engine_report, record_property):
    name, site, report = engine_report
    record_property(f"zusammenfassung-{name}", f"{name}: {len(report.pages)} Seiten geprüft in {report.seconds:.1f} s, "
                                               f"{len(report.findings)} Befund(e)")
    assert "index.html" in report.pages and report.pages == html_pages(site)


@pytest.mark.parametrize("gate", list(GATES))
def test_gate_holds_on_every_page_of_the_engine(engine_report, gate):
    name, _, report = engine_report
    findings = report.of(gate)
    if findings:
        pytest.fail(f"{name}: {len(report.pages)} Seiten geprüft.\n" + format_findings(findings), pytrace=False)
