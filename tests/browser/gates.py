"""Quality gates every page must pass where visitors meet it: in Chromium.

One function per gate. The tests of the real site and the self-tests that feed the gates deliberately
broken pages call the very same functions (``audit_site`` runs them all), so a gate that reports the
broken page is the gate that guards the site.
"""
from __future__ import annotations

import asyncio
import functools
import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from . import hints
from .tools import axe_source, vnu_jar

LOCAL_HOST = "127.0.0.1"

GATES = {
    "extern": "Anfragen an andere Hosts",
    "konsole": "Fehler in der Browser-Konsole",
    "http": "Fehlgeschlagene lokale Anfragen",
    "axe": "Barrierefreiheit (axe-core, WCAG 2.2 A/AA)",
    "links": "Interne Links und Sprungmarken",
    "breite": "Waagerechtes Scrollen bei 360×640",
    "sprunglink": "Sprunglink per Tastatur",
    "html": "Nu HTML Checker",
    "csp": "Verstöße gegen die Content-Security-Policy",
}

# Pages (or folders) the gates leave out, each with its reason. Nothing else is left out.
EXCLUDED: dict[str, str] = {
    "admin/": "Decap CMS, das Werkzeug der Redaktion: keine Seite für Besucher; Markup und Skript stammen von "
              "Decap, und es spricht mit GitHub, sobald sich jemand anmeldet.",
}

# EN 301 549 V4.1.1 adopts WCAG 2.2: its new A/AA rules (e.g. target-size) run beside 2.0 and 2.1.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# The rules whose verdict at phone width can hang on the length of a page's text (what wraps, what overflows in a
# box): at 360 px on every page. The others see the theme's phone layout, the same wherever the elements are.
WIDTH_DEPENDENT = ("target-size", "scrollable-region-focusable")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 640}


@dataclass(frozen=True, order=True)
class Finding:
    page: str  # the page's address on the site, e.g. /schulen/gs-ziebigk/
    gate: str  # a key of GATES
    rule: str  # what exactly: axe rule, blocked URL, HTTP status, dead target, checker message
    element: str  # where on the page: selector and/or HTML snippet
    hint: str  # what to do, in German


@dataclass
class Report:
    pages: list[str]  # through the checks on the files: Nu checker, links, local resources
    findings: list[Finding]
    seconds: float = 0.0
    excluded: dict[str, str] = field(default_factory=dict)
    in_browser: list[str] = field(default_factory=list)  # loaded in Chromium: every other gate
    phone: list[str] = field(default_factory=list)  # of those, every axe rule also at phone width

    def of(self, gate: str) -> list[Finding]:
        return [f for f in self.findings if f.gate == gate]


# --- pages ------------------------------------------------------------------------------------------

def html_pages(site: Path) -> list[str]:
    """Every generated HTML file, as a path relative to the site, minus the listed exclusions."""
    found = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return [p for p in found if not any(p == e or p.startswith(e) for e in EXCLUDED)]


def page_features(site: Path, rel: str) -> frozenset[tuple[str, ...]]:
    """What a page shows of a theme: its frame (language and section: the menu's state, the translated chrome),
    its chrome as a whole (the elements and classes outside the article: a page without a contents column or skip
    link is a chrome of its own), and each element and class of its article in its section (a section's own rules
    may style them)."""
    soup = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")
    sprache = soup.html.get("lang", "") if soup.html else ""
    abschnitt = rel.split("/")[0] if "/" in rel else ""
    article = soup.select_one("article")
    im_artikel = article.find_all(True) if article else []
    innen = {id(t) for t in im_artikel}
    chrome = frozenset(f"{t.name}.{c}" for t in (soup.body or soup).find_all(True) if id(t) not in innen
                       for c in t.get("class") or [""])
    return frozenset({("rahmen", sprache, abschnitt), ("chrome", chrome)}
                     | {(abschnitt, f"{t.name}.{c}") for t in im_artikel for c in t.get("class") or [""]})


def page_cover(features: dict[str, frozenset[tuple[str, ...]]]) -> list[str]:
    """Few pages that together show every feature of all of them (greedy set cover, ties by path): pages whose
    features another chosen page shows too differ only in the data's text."""
    offen = set().union(*features.values()) if features else set()
    gewaehlt = []
    while offen:
        beste = max(sorted(features), key=lambda rel: len(features[rel] & offen))
        gewaehlt.append(beste)
        offen -= features[beste]
    return sorted(gewaehlt)


def page_url(rel: str) -> str:
    """``schulen/a/index.html`` -> ``/schulen/a/``: the address a visitor sees."""
    if rel == "index.html" or rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return "/" + rel


def format_findings(findings: list[Finding], pages_shown: int = 6) -> str:
    """Findings by gate; the same finding on many pages (a theme-wide mistake) is printed once with its pages."""
    if not findings:
        return "keine Befunde"
    out = []
    by_gate: dict[str, list[Finding]] = defaultdict(list)
    for f in sorted(set(findings)):
        by_gate[f.gate].append(f)
    for gate, items in sorted(by_gate.items(), key=lambda kv: list(GATES).index(kv[0]) if kv[0] in GATES else 99):
        out.append(f"{GATES.get(gate, gate)}: {len(items)} Befund(e) auf {len({f.page for f in items})} Seite(n)")
        same: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
        for f in items:
            same[f.rule, _LINE.sub("", f.element), f.hint].append(f)
        for (rule, element, hint), group in sorted(same.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            lines: dict[str, list[str]] = defaultdict(list)  # page -> lines in its HTML, if known
            for f in group:
                lines[f.page] += [m.group(1)] if (m := _LINE.match(f.element)) else []
            pages = [f"{p} (Zeile {', '.join(n)})" if n else p for p, n in lines.items()]
            more = f" … und {len(pages) - pages_shown} weitere" if len(pages) > pages_shown else ""
            out.append(f"  [{rule}] {element}")
            out.append(f"    → {hint}")
            out.append(f"    auf {len(pages)} Seite(n): {', '.join(pages[:pages_shown])}{more}")
    return "\n".join(out)


_LINE = re.compile(r"^Zeile (\d+): ")


# --- static gates: links and anchors, resources from other hosts ---------------------------------

@dataclass
class _Parsed:
    ids: set[str]
    links: list[tuple[str, int, str]]  # href, line, snippet
    resources: list[tuple[str, int, str]]  # absolute URL that loads by itself, line, snippet


_BASE = "http://site.invalid/"
# The site under a sub-path, as a city's server may publish it: a relative link that climbs above the root
# leaves it there (at the root of an address, the browser just stops climbing).
_UNTERPFAD = "/auftritt/"
# <link rel> values that make the browser contact the host by themselves.
_LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "prefetch",
                 "preconnect", "dns-prefetch", "prerender", "manifest"}
_SRC_ATTRS = {"img": ("src", "srcset"), "source": ("src", "srcset"), "script": ("src",), "iframe": ("src",),
              "frame": ("src",), "embed": ("src",), "video": ("src", "poster"), "audio": ("src",),
              "track": ("src",), "input": ("src",), "object": ("data",), "image": ("href", "xlink:href")}


def _snippet(tag) -> str:
    opening = str(tag).split(">", 1)[0] + ">"
    text = " ".join(tag.get_text(" ", strip=True).split())[:60]
    return f"{opening}{text}" if text else opening


@functools.lru_cache(maxsize=4096)
def _parse(path: Path) -> _Parsed:
    soup = BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"), "html.parser")
    ids = {t["id"] for t in soup.find_all(id=True)} | {t["name"] for t in soup.find_all("a", attrs={"name": True})}
    links = [(a["href"], a.sourceline or 0, _snippet(a)) for a in soup.find_all("a", href=True)]
    resources = []
    for tag in soup.find_all(list(_SRC_ATTRS) + ["link"]):
        if tag.name == "link":
            if not _LOADING_RELS & {r.lower() for r in tag.get("rel", [])}:
                continue
            values = [tag.get("href", "")]
        else:
            values = [tag.get(a, "") for a in _SRC_ATTRS[tag.name] if a != "srcset"]
        urls = [v.strip() for v in values]
        if tag.get("srcset"):  # "a.jpg 480w, b.jpg 960w"
            urls += [c.strip().split(" ")[0] for c in tag["srcset"].split(",")]
        for url in urls:
            if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                resources.append((url, tag.sourceline or 0, _snippet(tag)))
    return _Parsed(ids, links, resources)


def check_links(site: Path, pages: list[str]) -> list[Finding]:
    """Every internal <a href> points at a file of the site, every #fragment at an id or name there."""
    def parse(rel: str) -> _Parsed:
        return _parse(site / rel)

    findings = []
    for rel in pages:
        here = urljoin(_BASE, page_url(rel).lstrip("/"))
        for href, line, snippet in parse(rel).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue  # mailto:, tel:, other sites: not ours to resolve
            where = f"Zeile {line}: {snippet}"
            unterpfad = urljoin(_UNTERPFAD + page_url(rel).lstrip("/"), href)
            if not href.startswith("/") and not urlsplit(unterpfad).path.startswith(_UNTERPFAD):
                findings.append(Finding(page_url(rel), "links", "ueber-wurzel", where, hints.UEBER_WURZEL))
                continue
            target = urlsplit(urljoin(here, href))
            path = unquote(target.path)
            resolved = _resolve(site, path)
            if resolved is None:
                findings.append(Finding(page_url(rel), "links", "ziel-fehlt", where,
                                        hints.ZIEL_FEHLT.format(target=path)))
                continue
            fragment = unquote(target.fragment)
            if not fragment or fragment == "top" or not resolved.endswith(".html"):
                continue
            if fragment not in parse(resolved).ids:
                findings.append(Finding(page_url(rel), "links", "anker-fehlt", where,
                                        hints.ANKER_FEHLT.format(fragment=fragment, target=page_url(resolved))))
    return findings


def _resolve(site: Path, path: str) -> str | None:
    """The file a server hands out for ``path`` (directories mean their index.html), relative to the site."""
    rel = path.lstrip("/")
    if ".." in Path(rel).parts:
        return None
    candidates = [rel + "index.html"] if rel.endswith("/") or rel == "" else [rel, rel + "/index.html"]
    for c in candidates:
        if (site / c).is_file():
            return c
    return None


def check_static_resources(site: Path, pages: list[str]) -> list[Finding]:
    """Markup that makes the browser contact another host by itself (also lazy images below the fold)."""
    findings = []
    for rel in pages:
        for url, line, snippet in _parse(site / rel).resources:
            host = urlsplit(url).hostname or url
            if host != LOCAL_HOST:
                findings.append(Finding(page_url(rel), "extern", url, f"Zeile {line}: {snippet}",
                                        hints.EXTERN.format(host=host)))
    return findings


# --- Nu HTML checker --------------------------------------------------------------------------------

async def check_html(site: Path, pages: list[str]) -> list[Finding]:
    """All pages through vnu.jar in one Java call; every error is a finding."""
    if not pages:
        return []
    proc = await asyncio.create_subprocess_exec(
        # One short run: the quick compiler alone and one GC thread take half the CPU of Java's defaults.
        "java", "-Xss1m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(vnu_jar()),
        "--errors-only", "--format", "json", "--exit-zero-always",
        *[str(site / rel) for rel in pages],
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await proc.communicate()
    try:
        messages = json.loads(err or out)["messages"]
    except (ValueError, KeyError) as e:
        raise RuntimeError(f"vnu.jar lieferte kein JSON ({e}):\n{(err or out)[:2000]!r}") from e
    by_file = {(site / rel).resolve(): rel for rel in pages}
    findings = []
    for m in messages:
        if m.get("type") not in ("error", "non-document-error"):
            continue
        url = m.get("url", "")
        rel = by_file.get(Path(unquote(urlsplit(url).path)).resolve(), url)
        line = m.get("lastLine", 0)
        extract = " ".join((m.get("extract") or "").split())
        findings.append(Finding(page_url(rel), "html", m.get("message", "?"), f"Zeile {line}: {extract}",
                                hints.HTML))
    return findings


# --- browser gates ----------------------------------------------------------------------------------

_JS_HELPERS = r"""
const cssPath = (el) => {
  const parts = [];
  while (el && el.nodeType === 1 && parts.length < 4) {
    if (el.id) { parts.unshift(el.localName + '#' + CSS.escape(el.id)); break; }
    parts.unshift(el.localName + [...el.classList].slice(0, 2).map(c => '.' + CSS.escape(c)).join(''));
    el = el.parentElement;
  }
  return parts.join(' > ');
};
const snippet = (el) => {
  const h = el.outerHTML, opening = h.slice(0, h.indexOf('>') + 1);
  const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60);
  return opening.length > 200 ? opening.slice(0, 200) + '…' : opening + text;
};
"""

_JS_OVERFLOW = "() => {" + _JS_HELPERS + r"""
  const root = document.scrollingElement, cw = root.clientWidth, sw = root.scrollWidth;
  if (sw <= cw) return null;
  const rtl = getComputedStyle(document.documentElement).direction === 'rtl';  // ar, fa overflow to the left
  const sticksOut = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && (r.right > cw + 1 || (rtl && r.left < -1));
  };
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    return false;
  };
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!sticksOut(el) || clipped(el)) continue;
    const p = el.parentElement;
    if (p && p !== document.body && sticksOut(p)) continue;  // report the outermost element that sticks out
    culprits.push(cssPath(el) + ' ' + snippet(el));
    if (culprits.length >= 3) break;
  }
  return {sw, cw, culprits};
}"""

_JS_FOCUSED = "() => {" + _JS_HELPERS + r"""
  const a = document.activeElement;
  if (!a || a === document.body || a === document.documentElement) return null;
  const r = a.getBoundingClientRect();
  return {tag: a.localName, href: a.getAttribute('href'), text: (a.innerText || a.textContent || '').trim(),
          where: cssPath(a) + ' ' + snippet(a),
          visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth};
}"""

_JS_SKIP_TARGET = "(id) => {" + _JS_HELPERS + r"""
  const t = document.getElementById(id) || document.getElementsByName(id)[0];
  if (!t) return {problem: 'gibt es nicht'};
  if (!(t.closest('main, [role=main]') || t.querySelector('main, [role=main]'))) return {problem: 'liegt nicht im Hauptinhalt (<main>)'};
  const r = t.getBoundingClientRect(), root = document.scrollingElement;
  const atEnd = root.scrollTop + innerHeight >= root.scrollHeight - 1;  // a short page cannot scroll further
  if (r.top < -1 || r.top >= innerHeight || (r.top > innerHeight / 2 && !atEnd))
    return {problem: 'wird nicht an den Anfang des Bildschirms gerollt'};
  return {problem: null};
}"""

_JS_FOCUS_AFTER = r"""(id) => {
  const t = document.getElementById(id) || document.getElementsByName(id)[0], a = document.activeElement;
  if (!a || a === document.body) return true;  // nothing focusable left after the target
  return a === t || t.contains(a) || !!(t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""

_JS_EAGER = "() => document.querySelectorAll('[loading=lazy]').forEach(e => e.loading = 'eager')"
_JS_REST = "() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }"
_JS_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"

# Before any script of the page: each violation of its Content-Security-Policy, as the browser reports it.
_JS_CSP_RECORD = r"""
window.__sfCsp = [];
document.addEventListener('securitypolicyviolation', e => window.__sfCsp.push(
  {directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber}), true);
"""
_JS_CSP_SEEN = "() => window.__sfCsp || []"


def guard_requests(context, page_of, record):
    """Let requests to the test server through; abort every other one and ``record`` it as a finding.
    ``page_of()`` names the page that is being checked when the request happens."""

    async def route(r):
        url = r.request.url
        host = urlsplit(url).hostname
        if host == LOCAL_HOST:  # not expected: the pattern below already lets these pass in the browser
            await r.continue_()
            return
        record(Finding(page_of(), "extern", url, f"Anfrage ({r.request.resource_type})",
                       hints.EXTERN.format(host=host)))
        await r.abort("blockedbyclient")

    async def websocket(ws):
        host = urlsplit(ws.url).hostname
        if host == LOCAL_HOST:
            ws.connect_to_server()
            return
        record(Finding(page_of(), "extern", ws.url, "WebSocket", hints.EXTERN.format(host=host)))
        await ws.close()

    return context.route(_NOT_LOCAL, route), context.route_web_socket("**/*", websocket)


# Matched inside the browser driver, so requests to the test server never make the round trip to Python.
_NOT_LOCAL = re.compile(r"^(?!https?://127\.0\.0\.1[:/])")


async def new_context(browser, **options):
    """A fresh profile as a first-time visitor has it; service workers off so routing sees every request."""
    return await browser.new_context(**{"viewport": DESKTOP, "locale": "de-DE", "service_workers": "block", **options})


class Visitor:
    """A visitor who goes from page to page in one browser profile: the theme's script, sheets and fonts come from
    its HTTP cache after the first page, as they do for anyone who follows a link. Before each page its storage
    is empty and its window as wide as a desktop's, as on a first visit; what a page asked for or started is over
    before the next one (it leaves for about:blank), and an answer to a request of an earlier page is no finding
    of this one. A page that does not load, or a check that raises, ends the profile: the next page gets a
    fresh one."""

    def __init__(self, browser) -> None:
        self.browser, self.context, self.page, self.quiet, self.cdp = browser, None, None, None, None
        self.where = ""  # the page being checked: every finding is its
        self.found: list[Finding] = []
        self.failed_urls: set[str] = set()
        self.csp_messages: list[str] = []
        self.leaving = False

    async def _open(self) -> None:
        self.context = await new_context(self.browser)
        await asyncio.gather(*guard_requests(self.context, lambda: self.where, self._record))
        await self.context.add_init_script(_JS_CSP_RECORD)
        self.page = page = await self.context.new_page()
        page.set_default_timeout(60_000)  # generous for a busy machine; a page that hangs still fails
        page.on("console", lambda m: _console(m, self.where, self.found, self.csp_messages))
        page.on("pageerror", lambda e: self.found.append(Finding(self.where, "konsole", "pageerror",
                                                                 str(e).splitlines()[0][:300], hints.KONSOLE)))
        page.on("response", self._response)
        page.on("requestfailed", self._request_failed)
        self.quiet = _Quiet(page)
        self.cdp = await self.context.new_cdp_session(page)

    def _record(self, finding: Finding) -> None:
        self.found.append(finding)

    def _response(self, response) -> None:
        if response.request in self.quiet.seen:  # not an earlier page's
            _response(response, self.where, self.found, self.failed_urls)

    def _request_failed(self, request) -> None:
        if request not in self.quiet.seen or (self.leaving and "ERR_ABORTED" in (request.failure or "")):
            return  # an earlier page's, or cancelled because the visitor leaves the page
        _request_failed(request, self.where, self.found, self.failed_urls)

    async def _forget(self, origin: str) -> None:
        """Storage, cookies and the like of the site, as a first visitor has none (the HTTP cache stays)."""
        await self.cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": _STORAGE})

    async def close(self) -> None:
        if self.context is not None:
            await self.context.close()
        self.context = self.page = self.cdp = None

    async def check(self, base_url: str, rel: str, axe: str, phone: bool = True) -> list[Finding]:
        """Load one page and run every browser gate on it (``phone``: every axe rule also at phone width, else
        only WIDTH_DEPENDENT)."""
        if self.context is None:
            await self._open()
        url, self.where = urljoin(base_url, page_url(rel).lstrip("/")), page_url(rel)
        self.found, self.failed_urls, self.csp_messages, self.leaving = [], set(), [], False
        page, found = self.page, self.found
        self.quiet.reset()
        try:
            await page.set_viewport_size(DESKTOP)
            try:
                await page.goto(url, wait_until="load")
                await page.evaluate(_JS_EAGER)
                await self.quiet.wait()
            except Exception as e:  # a page that does not load fails every gate below; say so once
                found.append(Finding(self.where, "http", "laden", url, hints.LADEN.format(error=str(e).splitlines()[0])))
                await self.close()
                return found
            axe_desktop = await check_axe(page, self.where, axe)  # resting state: nothing focused yet
            found += await check_skip_link(page, self.where)
            await page.evaluate(_JS_REST)
            await page.set_viewport_size(PHONE)
            await page.evaluate(_JS_FRAME)
            found += await check_width(page, self.where)
            # Colours do not change with the width, and color-contrast is 95 % of axe's time: once is enough.
            axe_phone = await (check_axe(page, self.where, axe, without=("color-contrast",)) if phone
                               else check_axe(page, self.where, axe, only=WIDTH_DEPENDENT))
            found += axe_desktop + [replace(f, element=f.element + " [nur bei 360 px]") for f in axe_phone
                                    if f not in axe_desktop]
            await self.quiet.wait()  # images the phone layout picks from srcset
            found += check_csp(await page.evaluate(_JS_CSP_SEEN), self.csp_messages, self.where, url)
            await page.evaluate(_JS_FORGET)
            self.leaving = True
            await page.goto("about:blank")
            await self._forget(f"{urlsplit(url).scheme}://{urlsplit(url).netloc}")
        except BaseException:
            await self.close()
            raise
        # A blocked or failing request also shows up as "Failed to load resource" in the console; the gate that
        # blocked it reports it already.
        blocked = {f.rule for f in found if f.gate == "extern"} | {f.element for f in found if f.gate == "http"}
        return [f for f in found if not (f.gate == "konsole" and f.rule == "console.error" and f.element in blocked)]


_JS_FORGET = "() => sessionStorage.clear()"  # the tab's own: about:blank and the next page keep it
_STORAGE = "cookies,local_storage,indexeddb,websql,cache_storage,service_workers,file_systems,shader_cache"


class _Quiet:
    """Waits until the page has no request in flight and starts none for a moment: like Playwright's
    "networkidle", without its fixed half second per wait. ``seen``: the requests since the last ``reset``."""

    def __init__(self, page, calm: float = 0.15, limit: float = 15.0) -> None:
        self.seen: set = set()
        self.inflight: set = set()
        self.calm, self.limit = calm, limit
        page.on("request", self._start)
        page.on("requestfinished", self._end)
        page.on("requestfailed", self._end)

    def reset(self) -> None:
        self.seen, self.inflight = set(), set()

    def _start(self, request) -> None:
        self.seen.add(request)
        self.inflight.add(request)

    def _end(self, request) -> None:
        self.inflight.discard(request)

    async def wait(self) -> None:
        deadline = time.monotonic() + self.limit
        while time.monotonic() < deadline:
            started = len(self.seen)
            await asyncio.sleep(self.calm)
            if not self.inflight and len(self.seen) == started:
                return


def _console(msg, where, found, csp_messages) -> None:
    if msg.type != "error":
        return
    # Chromium's words for a violation: "Refused to … Content Security Policy directive …" until 2025,
    # now "Executing inline script violates the following Content Security Policy directive …".
    if "Content Security Policy" in msg.text:
        csp_messages.append(msg.text[:300])
        return
    location = msg.location or {}
    source = location.get("url", "")
    if msg.text.startswith("Failed to load resource") and source:
        found.append(Finding(where, "konsole", "console.error", source, hints.KONSOLE))  # filtered if reported elsewhere
        return
    at = f" ({source}:{location.get('lineNumber', 0) + 1})" if source else ""
    found.append(Finding(where, "konsole", "console.error", msg.text[:300] + at, hints.KONSOLE))


def _response(response, where, found, failed_urls) -> None:
    if response.status >= 400 and urlsplit(response.url).hostname == LOCAL_HOST:
        failed_urls.add(response.url)
        path = urlsplit(response.url).path
        found.append(Finding(where, "http", str(response.status), response.url,
                             hints.HTTP.format(path=path, status=response.status)))


def _request_failed(request, where, found, failed_urls) -> None:
    error = request.failure or ""
    if urlsplit(request.url).hostname != LOCAL_HOST or request.url in failed_urls:
        return
    if "ERR_ABORTED" in error and request.resource_type == "media":
        return  # Chromium cancels media downloads it does not need yet; a missing file shows as 404 above
    found.append(Finding(where, "http", error or "fehlgeschlagen", request.url,
                         hints.HTTP.format(path=urlsplit(request.url).path, status=error)))


def check_csp(events: list[dict], messages: list[str], where: str, url: str) -> list[Finding]:
    """Every violation of the page's Content-Security-Policy: what was blocked, by which directive, where.
    The browser reports each violation of the page twice, as an event (``_JS_CSP_RECORD``) and in the
    console. The console alone also hears frames, workers and directives a <meta> policy ignores, so its
    messages become findings when there are more of them than events."""
    findings = []
    for e in events:
        here = e["source"].split("#")[0] == url.split("#")[0]
        where_in_page = f"Zeile {e['line']}: " if here and e["line"] else ""
        source = f" ({e['source']}:{e['line']})" if e["source"] and not here else ""
        findings.append(Finding(where, "csp", e["directive"], f"{where_in_page}blockiert: {e['blocked']}{source}",
                                hints.CSP.format(directive=e["directive"])))
    if len(messages) > len(events):
        findings += [Finding(where, "csp", "konsole", m, hints.CSP.format(directive="siehe Meldung")) for m in messages]
    return findings


async def check_axe(page, where: str, axe: str, within: str | None = None, without: tuple[str, ...] = (),
                    only: tuple[str, ...] = ()) -> list[Finding]:
    """axe-core (packaged copy) with the WCAG 2.0/2.1/2.2 A and AA rules over the page (or the part ``within``
    selects), less the rules ``without`` (or just the rules ``only``); every violating element is a finding."""
    if not await page.evaluate("() => typeof window.axe === 'object'"):
        await page.evaluate(axe)
    result = await page.evaluate(
        "([tags, within, without, only]) => axe.run(within || document, {runOnly: only.length ?"
        " {type: 'rule', values: only} : {type: 'tag', values: tags},"
        " rules: Object.fromEntries(without.map(r => [r, {enabled: false}])), resultTypes: ['violations']})",
        [AXE_TAGS, within, list(without), list(only)])
    findings = []
    for v in result["violations"]:
        hint = hints.AXE.get(v["id"]) or hints.AXE_FALLBACK.format(help=v["help"])
        for node in v["nodes"]:
            target = " ".join(json.dumps(t, ensure_ascii=False) if not isinstance(t, str) else t for t in node["target"])
            detail = _contrast(node) if v["id"] == "color-contrast" else ""
            html = " ".join(node["html"].split())
            findings.append(Finding(where, "axe", v["id"], f"{target} {html[:200]}{detail}",
                                    f"{hint} ({v['helpUrl'].split('?')[0]})"))
    return findings


def _contrast(node) -> str:
    for check in node.get("any", []):
        d = check.get("data") or {}
        if isinstance(d, dict) and "contrastRatio" in d:
            return (f" — Kontrast {d['contrastRatio']}:1 statt {d.get('expectedContrastRatio', '4.5:1')}"
                    f" ({d.get('fgColor')} auf {d.get('bgColor')})")
    return ""


async def check_width(page, where: str) -> list[Finding]:
    """At the current (phone) viewport the page must not scroll sideways."""
    over = await page.evaluate(_JS_OVERFLOW)
    if over is None:
        return []
    culprits = "; ".join(over["culprits"]) or "(kein einzelnes Element gefunden)"
    return [Finding(where, "breite", "waagerechtes-scrollen", f"scrollWidth {over['sw']} > {over['cw']}: {culprits}",
                    hints.BREITE.format(width=over["sw"]))]


async def check_skip_link(page, where: str) -> list[Finding]:
    """From the top of the page, Tab reaches the skip link first; Enter brings the main content to the top
    and the next Tab continues there."""
    await page.keyboard.press("Tab")
    first = await page.evaluate(_JS_FOCUSED)
    href = (first or {}).get("href") or ""
    # Recognised by what it does, not by its words: the Elternratgeber pages speak uk, ar, fa, en.
    if not first or first["tag"] != "a" or len(href) < 2 or not href.startswith("#") or not first["text"]:
        got = first["where"] if first else "kein Element (Tab erreicht nichts)"
        return [Finding(where, "sprunglink", "erster-tab-stopp", f"erster Tab-Stopp: {got}", hints.SPRUNGLINK_FEHLT)]
    findings = []
    if not first["visible"]:
        findings.append(Finding(where, "sprunglink", "unsichtbar", first["where"], hints.SPRUNGLINK_UNSICHTBAR))
    target = unquote(href[1:])
    await page.keyboard.press("Enter")
    await page.evaluate(_JS_FRAME)
    problem = (await page.evaluate(_JS_SKIP_TARGET, target))["problem"]
    if problem is None:
        await page.keyboard.press("Tab")
        if not await page.evaluate(_JS_FOCUS_AFTER, target):
            problem = "übernimmt den Fokus nicht (der nächste Tab-Stopp liegt davor)"
    if problem:
        findings.append(Finding(where, "sprunglink", "ziel", first["where"],
                                hints.SPRUNGLINK_ZIEL.format(href=href, problem=problem)))
    return findings


# --- the whole site -----------------------------------------------------------------------------------

async def audit_site(browser, base_url: str, site: Path, pages: list[str] | None = None,
                     workers: int = 3, in_browser: list[str] | None = None, phone: list[str] | None = None) -> Report:
    """Every gate over every page: a few pages at a time in the browser while vnu and the link check run.
    ``in_browser``: the pages that go through the browser's gates (all of ``pages`` if not given);
    ``phone``: those of them on which every axe rule runs at phone width too (all of them if not given)."""
    pages = html_pages(site) if pages is None else pages
    in_browser = list(pages) if in_browser is None else in_browser
    phone = list(in_browser) if phone is None else [rel for rel in in_browser if rel in phone]
    started = time.monotonic()
    axe = axe_source()
    html = asyncio.ensure_future(check_html(site, pages))
    static = asyncio.ensure_future(asyncio.to_thread(lambda: check_links(site, pages)
                                                     + check_static_resources(site, pages)))
    queue = list(in_browser)
    found: list[Finding] = []

    async def worker():
        visitor = Visitor(browser)
        try:
            while queue:
                rel = queue.pop(0)
                found.extend(await visitor.check(base_url, rel, axe, rel in phone))
        finally:
            await visitor.close()

    await asyncio.gather(*(worker() for _ in range(max(1, workers))))
    found += await static
    found += await html
    return Report(pages, _merge(found), time.monotonic() - started, dict(EXCLUDED), list(in_browser), phone)


def _merge(found: list[Finding]) -> list[Finding]:
    """One finding per thing: a resource seen in the markup and requested by the browser is reported once,
    with the markup that caused it."""
    in_markup = {(f.page, f.rule) for f in found if f.gate == "extern" and f.element.startswith("Zeile ")}
    return sorted({f for f in found
                   if not (f.gate == "extern" and not f.element.startswith("Zeile ") and (f.page, f.rule) in in_markup)})
