"""The rendering discipline (escaping.py): each kind of value has one way into each output, and no Markdown
parser ever reads a value from the data. The hostile-data corpus (test_feindliche_daten.py) runs the whole
site; these tests pin the functions it relies on."""
from __future__ import annotations

import re
import string
import typing
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from schulerfolg.data import models
from schulerfolg.data.fields import Art, Text
from schulerfolg.data.markdown import markdown_problem
from schulerfolg.site import escaping, render
from schulerfolg.site.render import environment

TEMPLATES = Path(render.__file__).parent / "templates"
MKDOCS_EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in
                     yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["markdown_extensions"]]
# Characters attackers and careless editors use: Markdown, HTML, attribute syntax, quotes, entities, YAML.
HOSTILE = st.text(alphabet=string.ascii_letters[:6] + " \n<>&\"'`{}[]()!#*_:=;/\\|-.~%", max_size=80)


# --- restricted Markdown ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](&#106;avascript:alert(1))",
    "[x](java\tscript:alert(1))", "[x](vbscript:msgbox(1))", "[x](data:text/html,<script>alert(1)</script>)",
    "[x](file:///etc/passwd)", "[x](//tracker.example/)", "<javascript:alert(1)>",
    "[x][r]\n\n[r]: javascript:alert(1)", "![.](https://tracker.example/pixel.gif)",
])
def test_unsafe_links_and_images_never_become_links_or_loads(text):
    html = escaping.markdown_html(text)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("img") is None
    for a in soup.find_all("a"):
        assert escaping.link_erlaubt(a["href"]) and not a["href"].startswith("//"), html
    # The check refuses it in German, or it is plain text (markdown-it reads »java\tscript:« as no link at all).
    assert markdown_problem(text) is not None or soup.find("a") is None


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "a <b onmouseover=alert(1)>b</b>", "<!-- x -->",
                                  "Text { onfocus=alert(1) autofocus }", "**fett** {: .x onclick=y }"])
def test_raw_html_and_attribute_syntax_stay_text(text):
    soup = BeautifulSoup(escaping.markdown_html(text), "html.parser")
    assert not soup.find_all(lambda tag: any(a.startswith("on") for a in tag.attrs))
    assert not soup.find_all(["script", "b", "img"])
    assert "{" not in text or "{" in soup.get_text()


def test_what_editors_write_comes_out_as_meant():
    html = escaping.markdown_html("**fett** und *kursiv*, [Web](https://example.org/a_b?x=1&y=2), "
                                  "[Fristen](/plus/#frist), [Mail](mailto:a@example.org), [Tel](tel:+49340)\n\n"
                                  "- eins\n- zwei\n\n1. a\n2. b\n\n> Zitat", basis="../../")
    soup = BeautifulSoup(html, "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == [
        "https://example.org/a_b?x=1&y=2", "../../plus/#frist", "mailto:a@example.org", "tel:+49340"]
    assert {t.name for t in soup.find_all(True)} == {"p", "strong", "em", "a", "ul", "ol", "li", "blockquote"}


@pytest.mark.parametrize("text, fragment", [
    ("<b>x</b>", "HTML wie »<b>«"),
    ("![Foto](https://example.org/a.jpg)", "Bilder sind in diesem Text nicht möglich"),
    ("[x](javascript:alert(1))", "Der Link »javascript:alert(1)« ist nicht erlaubt"),
    ("# Titel", "Überschriften (»# …«)"),
    ("[x](plus/)", "Der Link »plus/« ist nicht erlaubt"),
])
def test_the_check_names_what_it_refuses(text, fragment):
    assert fragment in markdown_problem(text)


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
def test_any_markdown_yields_only_allowed_tags_attributes_and_targets(text):
    soup = BeautifulSoup(escaping.markdown_html(text, "../"), "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in escaping.TAGS
        assert set(tag.attrs) <= escaping.ATTRIBUTES.get(tag.name, set())
        if tag.name == "a" and tag.has_attr("href"):  # »[]()« leaves an <a> without a target: no link at all
            assert escaping.link_erlaubt(tag["href"]) or tag["href"].startswith("../")


def test_thirty_thousand_brackets_render_at_once():
    """Pathological input that made Python-Markdown take minutes: markdown-it is linear here."""
    for text in ("[" * 30_000, "*a" * 15_000, "> " * 5_000 + "x", "- " * 5_000 + "x"):
        markdown_problem(text)
        assert escaping.markdown_html(text)


# --- front matter, meta tags, link targets -----------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "description", "x"]), HOSTILE, min_size=1))
def test_front_matter_keeps_its_keys_and_escaped_values(meta):
    text = str(escaping.front_matter(meta))
    assert text.startswith("---\n") and text.endswith("---\n")
    loaded = yaml.safe_load(text[4:-4])
    assert loaded == {k: escaping.meta_text(v) for k, v in meta.items()}
    for value in loaded.values():
        assert not re.search(r"[<>\"']", value)  # printed by the theme as it is, in text and attributes


def test_meta_text_is_one_escaped_line():
    assert escaping.meta_text('a "b"\n<script>  &amp;') == "a &#34;b&#34; &lt;script&gt; &amp;amp;"


def test_klartext_gives_the_reader_s_text_of_a_title():
    assert escaping.klartext("A &amp; B &lt;c&gt; <code>d</code>") == "A & B <c> d"


@pytest.mark.parametrize("adresse, ziel", [
    ("anna@example.org", "mailto:anna@example.org"),
    ("o'brien?cc=x@example.org", "mailto:o%27brien%3Fcc%3Dx@example.org"),
])
def test_mailto_encodes_what_means_something_in_a_mailto_url(adresse, ziel):
    assert escaping.mailto(adresse) == ziel


# --- the templates -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seiten(sample_site):
    return {p.path: sample_site.markdown(p) for p in sample_site.pages if not p.source or not p.source.startswith("docs/")}


def test_markdown_leaves_every_generated_page_body_untouched(seiten):
    """The body of every page the core writes is one block of HTML, which Python-Markdown (and so MkDocs,
    ProperDocs and Zensical) passes through as it is: no value from the data is ever read as Markdown."""
    assert len(seiten) > 30
    for path, text in seiten.items():
        body = text.split("---\n", 2)[2]
        converted = markdown.markdown(body, extensions=MKDOCS_EXTENSIONS)
        assert _normal(converted) == _normal(body), path


def _normal(html: str) -> str:
    return re.sub(r"\s+", " ", str(BeautifulSoup(html, "html.parser"))).strip()


def test_every_generated_page_has_a_title_in_its_front_matter(seiten):
    for path, text in seiten.items():
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        assert meta.get("title"), path


def test_no_template_marks_anything_safe():
    """Autoescape is the rule; nothing in a template opts out of it."""
    templates = sorted(TEMPLATES.rglob("*.j2"))
    assert len(templates) > 20, TEMPLATES
    for template in templates:
        code = re.sub(r"\{#.*?#\}", "", template.read_text(encoding="utf-8"), flags=re.S)
        assert not re.search(r"\|\s*safe\b|Markup\(|autoescape\s+false", code), template
    assert environment().autoescape is True


# --- every text field has a kind ---------------------------------------------------------------------------

def test_every_text_field_of_the_data_has_one_kind():
    kinds = [kind for model in models.DATEIEN.values() for _, found in models.text_felder(model) for kind in found]
    assert set(kinds) == set(Art)
    assert len(kinds) == sum(1 for model in models.DATEIEN.values() for _ in models.text_felder(model))


def test_a_text_field_without_a_kind_is_refused(monkeypatch):
    class Neu(BaseModel):
        name: Text
        frei: str | None = None  # a plain str: which escaping would it get?

    monkeypatch.setitem(models.DATEIEN, "neu.yml", Neu)
    with pytest.raises(TypeError, match=r"Neu\.frei: a text field needs exactly one kind"):
        models._jedes_textfeld_hat_eine_art()
    assert typing.get_args(Text)[-1] is Art.TEXT
