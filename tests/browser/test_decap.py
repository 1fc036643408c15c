"""Decap CMS itself at /admin/, in Chromium: the real bundle under the page's real policy reads the generated
configuration, edits and publishes a change through a stand-in of GitHub, needs every relaxation of its policy,
and the page without an editor is plain and accessible (tests/test_decap.py checks the configuration itself)."""
from __future__ import annotations

import asyncio
import json
import shutil
import time
from pathlib import Path

import pytest
import yaml
from github_attrappe import API as GITHUB_API
from github_attrappe import GitHub
from helpers import TODAY

from schulerfolg.data.feldreferenz import dateien
from schulerfolg.data.yamlsource import parse
from schulerfolg.formats import decap
from schulerfolg.formats.decap import Settings, backend
from schulerfolg.load import load
from schulerfolg.site.plan import plan
from schulerfolg.site.render import environment

from . import gates, tools

pytestmark = pytest.mark.browser

GITHUB = Settings("https://github.com/stadt-dessau/schulerfolg", auth_url="https://anmeldung.dessau-rosslau.de")

# --- Decap itself, in Chromium -------------------------------------------------------------------------
# The real bundle under the page's real policy. GitHub is the stand-in of github_attrappe.py: every request
# for api.github.com is answered in the browser driver after Chromium has checked it against the policy,
# so a host the policy lacks fails as it would for an editor, and nothing leaves the machine.

REPO = "stadt-dessau/schulerfolg"


def _admin(folder: Path, policy: str | None = None) -> None:
    """/admin/ as the build publishes it for the GitHub repository, optionally under another policy."""
    b = backend(GITHUB)
    admin = folder / "admin"
    admin.mkdir(parents=True)
    (admin / "index.html").write_text(environment().get_template("admin/index.html.j2").render(
        site_name="Test", version=decap.VERSION, eingerichtet=True, csp=policy or decap.policy(b)),
        encoding="utf-8")
    (admin / "config.yml").write_text(decap.config_yaml(b), encoding="utf-8")
    for name, path in decap.bundle():
        (admin / name).write_bytes(path.read_bytes())


class _Sitzung:
    """One Chromium page on /admin/ with what the test looks at: every request, every CSP violation,
    the console; logged in to the stand-in GitHub ``gh`` when given (Decap keeps the token in storage)."""

    def __init__(self, page, gh: GitHub | None):
        self.page, self.gh = page, gh
        self.requests: list[str] = []
        self.blocked: list[str] = []  # by the policy, before anything left the browser
        self.violations: list[str] = []
        self.console: list[str] = []

    @classmethod
    async def oeffnen(cls, context, url: str, gh: GitHub | None = None) -> _Sitzung:
        page = await context.new_page()
        page.set_default_timeout(60_000)  # generous for a busy machine
        s = cls(page, gh)
        page.on("request", lambda r: s.requests.append(r.url))
        page.on("requestfailed", lambda r: r.failure == "csp" and s.blocked.append(r.url))
        page.on("console", lambda m: s.console.append(m.text))
        page.on("pageerror", lambda e: s.console.append(f"pageerror: {e}"))
        page.on("dialog", lambda d: asyncio.ensure_future(d.accept()))  # »Wirklich veröffentlichen?«
        await page.expose_function("meldeVerstoss", lambda v: s.violations.append(v))
        await page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => window.meldeVerstoss("
            "`${e.effectiveDirective} ${e.blockedURI}`), true);")
        if gh is not None:
            await page.route(GITHUB_API + "/**", s._github)
            await page.add_init_script("localStorage.setItem('decap-cms-user', JSON.stringify("
                                       f"{{token: 'test', backendName: 'github', login: '{gh.login}'}}));")
        await page.goto(url)
        return s

    async def _github(self, route) -> None:
        status, body = self.gh.antwort(route.request.method, route.request.url, route.request.post_data)
        headers = {"access-control-allow-origin": "*"}
        if body is not None:
            headers["content-type"] = "application/json; charset=utf-8"
        await route.fulfill(status=status, headers=headers, body=json.dumps(body) if body is not None else "")

    async def eintrag(self, sammlung: str, name: str):
        """Open the file of ``sammlung`` afresh and unfold the list entry called ``name``."""
        admin = self.page.url.split("#")[0]
        await self.page.goto("about:blank")  # a new start of Decap: after publishing it shows stale entries
        await self.page.goto(admin + f"#/collections/{sammlung}/entries/{sammlung}")
        title = self.page.get_by_text(name, exact=True).first
        await title.wait_for()
        await title.locator("xpath=ancestor::div[.//button[contains(@class,'TopBarButton')]][1]"
                            "//button[contains(@class,'TopBarButton')]").first.click()

    def fremde_anfragen(self, base: str) -> list[str]:
        """Requests that went to another host than the site and the (stood-in) API."""
        return [u for u in self.requests if u not in self.blocked
                and not u.startswith((base, "blob:", "data:", GITHUB_API + "/"))]


def _im_browser(chromium, site: Path, gh: GitHub | None, schritte):
    """Serve ``site``, open /admin/ in a fresh profile of the session's Chromium and run ``schritte(sitzung)``;
    returns (sitzung, base URL)."""

    async def run(base: str):
        context = await chromium.browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            s = await _Sitzung.oeffnen(context, base + "admin/", gh)
            await schritte(s)
            return s
        finally:
            await context.close()

    with tools.serve(site) as base:
        return chromium.run(run(base)), base


def test_decap_accepts_the_configuration_and_loads_nothing_from_elsewhere(tmp_path, chromium):
    """The real bundle reads the generated config under the page's policy: no »Config Errors«, no
    violation, a German login button, and before login no request leaves the site."""
    _admin(tmp_path)

    async def schritte(s: _Sitzung):
        await s.page.get_by_role("button", name="Mit GitHub einloggen").wait_for()

    s, base = _im_browser(chromium, tmp_path, None, schritte)
    assert not [line for line in s.console if "Config Errors" in line or "pageerror" in line], s.console
    assert s.violations == []
    assert [u for u in s.requests if not u.startswith(base)] == []


BOESES_MARKDOWN = (
    'Text <img src="https://tracker.example/p.gif" onerror="window.angriff=1"> <script>window.angriff=2</script>\n'
    '[Link](javascript:window.angriff=3) ![Bild](https://tracker.example/b.gif)\n\n'
    '<iframe src="https://tracker.example/"></iframe> <b onmouseover="window.angriff=4">fett</b>')


def test_a_change_saved_in_decap_passes_the_check_and_gets_the_header(tmp_path, data_copy, chromium):
    """Round trip through the real editor under the published policy, with GitHub stood in: the editor
    opens a carrier whose description holds hostile Markdown (nothing of it runs or loads, in either
    mode of the Markdown field), changes a phone number, saves it as a pull request, sets it ready and
    publishes. The file Decap writes has the header made from the model and passes the check."""
    site = tmp_path / "site"
    _admin(site)
    repo = tmp_path / "repo"
    shutil.copytree(data_copy, repo)
    traeger = yaml.safe_load((repo / "traeger.yml").read_text(encoding="utf-8"))
    traeger["traeger"][0]["beschreibung"] = BOESES_MARKDOWN
    (repo / "traeger.yml").write_text(yaml.safe_dump(traeger, allow_unicode=True, sort_keys=False), encoding="utf-8")
    gh = GitHub.mit_ordner(REPO, repo, "data")

    async def schritte(s: _Sitzung):
        page = s.page
        await s.eintrag("fachkraefte", "Anna Musterfrau")
        phone = page.get_by_label("Telefon (optional)").first
        assert await phone.input_value() == "0340 204-1234"
        await phone.fill("0340 204-9999")
        await page.get_by_role("button", name="Speichern").first.click()
        await page.get_by_text("Änderungen gespeichert").first.wait_for()
        await page.get_by_role("button", name="Status: Entwurf").first.click()
        await page.get_by_text("Abgeschlossen").first.click()
        await page.get_by_role("button", name="Status: Abgeschlossen").first.wait_for()
        await page.get_by_role("button", name="Veröffentlichen").first.click()
        await page.get_by_text("Jetzt veröffentlichen").first.click()
        await page.get_by_text("Beitrag veröffentlicht").first.wait_for()  # merged, branch deleted

        await s.eintrag("traeger", "KIEZ e.V.")
        rich = page.locator("[data-slate-editor]").filter(has_text="fett").first
        await rich.wait_for()  # Decap's rich-text view: raw HTML stays text, the link gets no target
        assert "<script>" in await rich.inner_text() and await rich.locator("a[href]").count() == 0
        mode = page.get_by_role("switch").first  # the field's »Rich Text | Markdown« switch
        await mode.click()
        await page.locator("[contenteditable]").filter(has_text="](javascript:").first.wait_for()  # raw, as text
        await mode.click()
        await page.locator("[data-slate-editor]").filter(has_text="fett").first.wait_for()
        assert await page.evaluate("window.angriff") is None
        assert await page.locator("iframe, script:not([src]), [onerror], [onmouseover]").count() == 0
        assert await page.get_by_role("button", name="Vorschau", exact=True).count() == 0  # no preview pane

    s, base = _im_browser(chromium, site, gh, schritte)
    # The rich-text view shows a Markdown image as <img>: only the policy keeps the foreign host away.
    assert set(s.violations) == {"img-src https://tracker.example/b.gif"}
    assert gh.unbekannt == []
    assert s.fremde_anfragen(base) == []
    assert [p["state"] for p in gh.pulls] == ["closed"] and gh.pulls[0]["head"]["ref"].startswith("cms/")
    assert list(gh.refs) == ["main"]  # the editor's branch is deleted after the merge
    written = gh.datei("data/fachkraefte.yml")
    before = (data_copy / "fachkraefte.yml").read_text(encoding="utf-8")
    (datei,) = [d for d in dateien() if d.name == "fachkraefte.yml"]
    header = ["#" + (" " + line if line else "") for line in decap.kopf(datei).split("\\n")]
    assert [line.rstrip() for line in written.splitlines()[: len(header) + 1]] == header + ["fachkraefte:"]
    assert before.splitlines()[0] == header[0]  # still tied to its schema
    # Read as the check reads (YAML 1.2 scalars): Decap writes »bis: 13:30« unquoted, which PyYAML's YAML 1.1
    # would take for the sexagesimal number 810.
    expected = parse(before, "data/fachkraefte.yml").data
    expected["fachkraefte"][0]["telefon"] = "0340 204-9999"
    assert parse(written, "data/fachkraefte.yml").data == expected  # only the phone changed; no empty photo
    (data_copy / "fachkraefte.yml").write_text(written, encoding="utf-8")
    assert load(data_copy).problems == []


@pytest.mark.parametrize("directive, source", [
    ("script-src", "'unsafe-eval'"),  # Ajv compiles the schema of Decap's configuration with new Function
    ("style-src", "'unsafe-inline'"),  # emotion writes <style> elements
    ("img-src", "blob:"),  # photos come from the API and are shown as blob: URLs
    ("connect-src", "https://api.github.com"),
])
def test_every_relaxation_of_the_policy_is_needed(tmp_path, data_copy, directive, source, chromium):
    """Without any one of the sources the policy allows beyond the site itself, Decap runs into it on the
    way to a person's entry. When a new Decap no longer needs one, this test says which to drop."""
    policy = decap.policy(backend(GITHUB))
    weaker = policy.replace(f"{directive} 'self' {source}", f"{directive} 'self'")
    assert weaker != policy
    _admin(tmp_path, weaker)
    gh = GitHub.mit_ordner(REPO, data_copy, "data")

    async def schritte(s: _Sitzung):
        await s.page.goto(s.page.url.split("#")[0] + "#/collections/fachkraefte/entries/fachkraefte")
        deadline = time.monotonic() + 60
        while not [v for v in s.violations if v.startswith(directive)] and time.monotonic() < deadline:
            await asyncio.sleep(0.1)

    s, _ = _im_browser(chromium, tmp_path, gh, schritte)
    assert [v for v in s.violations if v.startswith(directive)], (weaker, s.violations)


def test_the_page_without_editor_is_plain_and_accessible(tmp_path, monkeypatch, chromium, daten):
    """/admin/ of a build without repository: no script, no request elsewhere, no violation of its policy,
    and axe (WCAG 2.1 A/AA) finds nothing."""
    for name in ("REPO_URL", "DECAP_AUTH_URL", "DECAP_GITLAB_APP_ID"):
        monkeypatch.delenv(name, raising=False)
    for asset in plan(daten, TODAY).assets:
        if asset.path.startswith("admin/"):
            (tmp_path / asset.path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / asset.path).write_bytes(asset.content)
    (tmp_path / "assets" / "images").mkdir(parents=True)
    (tmp_path / "assets" / "images" / "favicon.png").write_bytes(b"\x89PNG")  # the theme's, in a real build

    found = {}

    async def schritte(s: _Sitzung):
        await s.page.get_by_role("heading", name="Der Web-Editor ist nicht eingerichtet").wait_for()
        found["axe"] = await gates.check_axe(s.page, "/admin/", tools.axe_source())
        found["skripte"] = await s.page.locator("script").count()

    s, base = _im_browser(chromium, tmp_path, None, schritte)
    assert found == {"axe": [], "skripte": 0}
    assert s.violations == [] and [line for line in s.console if "pageerror" in line] == []
    assert [u for u in s.requests if not u.startswith(base)] == []
