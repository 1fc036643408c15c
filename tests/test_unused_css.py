"""The theme's stylesheet without unused rules (issue 9): what stays and what goes.

In Chromium, tests/browser/test_theme_css.py checks that the real site looks the same with either sheet.
"""
from __future__ import annotations

import gzip
from pathlib import Path

import material
import pytest
import tinycss2

from schulerfolg.formats.theme_css import UsedNames, remove_unused, slim

CSS = """
:root{--used:red;--only-for-gone:url("data:x");--chain:var(--deep);--deep:4px;--ours:blue;--set-by-script:0}
.kept{color:var(--used);margin:var(--chain)}
.gone{background:var(--only-for-gone)}
.kept .gone,.kept>a{padding:0}
.kept:not(.gone){border:0}
a:is(.gone){outline:0}
@media screen and (min-width:60em){.gone{color:red}}
@media print{.kept{display:none}}
@keyframes spin{to{transform:rotate(1turn)}}
@keyframes fade{to{opacity:0}}
.gone{animation:fade 1s}
.kept{animation:spin 1s infinite!important}
.md-tag--new{color:green}
.md-tag-old{color:green}
[data-md-toggle=search]:checked~.kept{opacity:1}
@page{margin:25mm}
"""


def used_in_site(site_dir: Path) -> UsedNames:
    """The names of every page of a built site, as the hook gathers them page by page."""
    used = UsedNames()
    for page in site_dir.rglob("*.html"):
        used.add_page(page.read_text(encoding="utf-8"))
    return used


def _used(page="", script="", sheet="") -> UsedNames:
    used = UsedNames()
    used.add_page(page)
    used.add_script(script)
    used.add_stylesheet(sheet)
    return used


def _rules(css: str) -> list[str]:
    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        head = tinycss2.serialize(rule.prelude).strip()
        out.append(f"@{rule.at_keyword} {head}".strip() if rule.type == "at-rule" else head)
    return out


def test_rules_for_classes_no_page_has_go_with_what_only_they_used():
    out = remove_unused(CSS, _used('<div class="kept other">'))
    assert _rules(out) == [":root", ".kept", ".kept>a", ".kept:not(.gone)", "a:is(.gone)", "@media print",
                           "@keyframes spin", ".kept", "[data-md-toggle=search]:checked~.kept", "@page"]
    assert "--only-for-gone" not in out and "fade" not in out and "min-width:60em" not in out
    assert "--used:red" in out and "--chain:var(--deep)" in out and "--deep:4px" in out  # read through --chain
    assert "--ours" not in out and "--set-by-script" not in out
    assert "animation:spin 1s infinite!important" in out


def test_a_class_named_in_a_script_stays_and_a_prefix_keeps_what_it_begins():
    script = 'x("li",{class:"gone"});const t=`md-tag--${name}`'
    out = remove_unused(CSS, _used(script=script))
    assert ".gone{" in out and "--only-for-gone" in out and "@keyframes fade" in out
    assert ".md-tag--new" in out and ".md-tag-old" not in out


def test_inline_scripts_of_a_page_count_as_scripts():
    out = remove_unused(CSS, _used('<html class="no-js"><script>html.classList.add("kept")</script>'))
    assert ".kept{" in out


def test_custom_properties_our_own_sheets_or_pages_read_stay():
    out = remove_unused(CSS, _used('<p class="kept" style="color: var(--set-by-script)">',
                                   sheet=".x{color:var(--ours)}"))
    assert "--ours:blue" in out and "--set-by-script:0" in out


def test_the_themes_whole_stylesheet_reads_and_shrinks_for_a_plain_page(tmp_path):
    original = next((Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css"))
    site = tmp_path / "site"
    (site / "assets/stylesheets").mkdir(parents=True)
    (site / "index.html").write_text('<body><div class="md-container"><main class="md-main">'
                                     '<article class="md-content md-typeset"><h1>Hallo</h1></article>', "utf-8")
    target = site / "assets/stylesheets" / original.name
    before, after = slim(original, target, site, used_in_site(site))
    text = target.read_text("utf-8")
    assert before == original.stat().st_size and after == len(text.encode())
    assert ".md-typeset h1{" in text and ".md-main{" in text and ".md-search__input" not in text
    assert len(gzip.compress(text.encode())) < len(gzip.compress(original.read_bytes())) / 2
    assert not [r for r in tinycss2.parse_stylesheet(text) if r.type == "error"]


def test_a_build_with_the_same_names_takes_the_sheet_from_the_cache(tmp_path, monkeypatch):
    import schulerfolg.formats.theme_css as unused_css

    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / "assets/stylesheets").mkdir(parents=True)
    source = tmp_path / "main.css"
    source.write_text(".md-a{color:red}.md-b{color:blue}", "utf-8")
    target = site / "assets/stylesheets/main.css"

    def build(classes: str) -> str:
        (site / "index.html").write_text(f'<p class="{classes}">', "utf-8")
        slim(source, target, site, used_in_site(site), cache)
        return target.read_text("utf-8")

    assert build("md-a") == ".md-a{color:red}"
    monkeypatch.setattr(unused_css, "remove_unused", lambda css, used: pytest.fail("computed again"))
    assert build("md-a") == ".md-a{color:red}"  # same names: from the cache
    monkeypatch.undo()
    assert build("md-b") == ".md-b{color:blue}"  # a new class: computed, and the old result is gone
    assert len(list(cache.glob("*.css"))) == 1
