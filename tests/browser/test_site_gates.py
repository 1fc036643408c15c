"""Every page of the sample site passes every gate (see gates.py for what each gate checks)."""
from __future__ import annotations

import pytest

from .conftest import figures
from .gates import EXCLUDED, GATES, format_findings, html_pages

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("site_report")]  # one audit for all of them


def test_every_generated_page_is_checked(site_report, built_site, record_property):
    site_report, _ = site_report
    record_property("zusammenfassung", figures(site_report))
    on_disk = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    left_out = [p for p in on_disk if p not in site_report.pages]
    assert site_report.pages, "Der gebaute Auftritt enthält keine HTML-Seite."
    assert "index.html" in site_report.pages
    assert all(any(p.startswith(e) for e in EXCLUDED) for p in left_out), f"nicht geprüft: {left_out}"
    assert site_report.pages == html_pages(built_site) == site_report.in_browser


def test_axe_at_phone_width_sees_every_feature_of_every_page(site_report):
    """The pages on which every axe rule runs at 360 px too show every frame (language and section), chrome and
    element class of all pages (gates.page_features)."""
    site_report, features = site_report
    gezeigt = set().union(*(features[rel] for rel in site_report.phone))
    assert site_report.phone and all(f <= gezeigt for f in features.values())
    assert {f[1] for f in gezeigt if f[0] == "rahmen"} >= {"de", "ar", "fa-AF", "uk", "en"}


@pytest.mark.parametrize("gate", list(GATES))
def test_gate_holds_on_every_page(site_report, gate):
    site_report, _ = site_report
    findings = site_report.of(gate)
    if findings:
        pytest.fail(f"{len(site_report.pages)} Seiten geprüft.\n" + format_findings(findings), pytrace=False)
