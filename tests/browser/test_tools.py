"""The ground the browser gates stand on, checked without a browser."""
from __future__ import annotations

import pytest

from . import tools
from .gates import EXCLUDED, html_pages, page_url


@pytest.fixture
def no_chromium(monkeypatch):
    real = tools.shutil.which
    monkeypatch.setattr(tools.shutil, "which", lambda name: None if name.startswith("chromium") else real(name))


def test_missing_browser_fails_in_ci(no_chromium, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Chromium .*bash scripts/test"):
        tools.require()


def test_missing_browser_skips_with_install_hint_outside_ci(no_chromium, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium .*bash scripts/test"):
        tools.require()


def test_every_html_file_is_a_page_unless_excluded_with_a_reason(tmp_path):
    for rel in ["index.html", "404.html", "schulen/a/index.html", "admin/index.html", "assets/x.js"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    assert html_pages(tmp_path) == ["404.html", "index.html", "schulen/a/index.html"]
    assert all(len(reason) > 20 for reason in EXCLUDED.values())


def test_page_addresses_are_what_visitors_see():
    assert page_url("index.html") == "/"
    assert page_url("schulen/gs-ziebigk/index.html") == "/schulen/gs-ziebigk/"
    assert page_url("404.html") == "/404.html"


def test_server_serves_the_folder_on_localhost(tmp_path):
    import urllib.request

    (tmp_path / "a.vtt").write_text("WEBVTT\n", encoding="utf-8")
    with tools.serve(tmp_path) as url:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "a.vtt") as r:
            assert r.headers["Content-Type"] == "text/vtt" and r.read() == b"WEBVTT\n"
