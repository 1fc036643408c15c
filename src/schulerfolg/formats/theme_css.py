"""The theme's stylesheet without the rules no page of this site can use.

mkdocs-material ships one stylesheet for all its features (134 KB, 23 KB gzip). Every page waits for it
before its first paint, so on a phone with a slow connection it decides when text and photos appear;
our pages use about half of it. After the build, ``remove_unused`` leaves out the rules whose classes
appear neither in a page nor in a script, and with them the custom properties and keyframes only those
rules used.

What counts as used, in the manner of PurgeCSS (which needs Node; refreshcss 0.6 keeps or drops whole
selector lists and never custom properties):

- every class in a ``class="…"`` attribute of a page;
- every word in a string of a script – the theme's bundle, our scripts, inline scripts: classes a script
  adds later (search results, tables wrapped for scrolling, the shadow of the header) are named there.
  A word ending in ``-`` or ``_`` keeps every class it begins (`` `md-tag--${name}` ``).

A selector goes only when a class it requires is unused; classes inside ``:not()``, ``:is()`` … never
remove one, nor do elements, attributes or ids. A rule goes when none of its selectors is left.

KERN UX (overrides/assets/kern-ux/, 340 KB) goes through the same slimming, less ``KERN_LEFT_OUT``: its
rules for every element of the document, which would restyle mkdocs-material's layout, and its dark scheme.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2
from tinycss2.ast import (
    AtRule,
    Declaration,
    IdentToken,
    LiteralToken,
    QualifiedRule,
    WhitespaceToken,
)

from schulerfolg.buildcache import prune, write

_CLASS_ATTR = re.compile(r'class="([^"]*)"')  # a literal start is 4× faster; data-class="…" only keeps more
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S)
_STRING_WORDS = re.compile(r"(?<=[\"'`}])([\w -]+)(?=[\"'`$])")  # "md-tag", `md-tag--${…}`
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_GROUPS = {"media", "supports", "container", "layer"}  # at-rules that hold rules

# KERN's rules for the whole document (a font on every element but <i>, every <svg> a block, html and body)
# and its dark scheme: the site keeps Material's layout and is light only (color-scheme: light).
KERN_LEFT_OUT = frozenset({
    "*,*:before,*:after", "html", "body", "img,picture,video,canvas,svg", "*:not(i)",
    "[data-kern-theme=dark],.kern-dark", "@media (prefers-color-scheme: dark)",
})


# What is slimmed, with the cache kind of each (``BuildCache.kind``) and the rules it always leaves out: the
# theme's stylesheet (Zensical ships one per variant), then KERN UX's, then ours – last, because while the others
# are slimmed its var(--…) references keep the tokens it uses from them. The MkDocs hook (hooks/theme_css.py) and
# ``site.finish`` both go by this.
THEME_SHEET = ("theme-css", frozenset())
SHEETS = (("assets/kern-ux/kern.min.css", "kern-css", KERN_LEFT_OUT),
          ("assets/stylesheets/schulerfolg.css", "eigene-css", frozenset()))


class UsedNames:
    """Classes, script words and custom-property references of a site, gathered page by page."""

    def __init__(self) -> None:
        self.classes: set[str] = set()
        self.words: set[str] = set()
        self.var_refs: set[str] = set()
        self._scripts_seen: set[int] = set()

    def add_page(self, html: str) -> None:
        for value in set(_CLASS_ATTR.findall(html)):
            self.classes.update(value.split())
        for body in _INLINE_SCRIPT.findall(html):
            if body:
                self.add_script(body)
        if "var(--" in html:
            self.var_refs.update(_VAR.findall(html))

    def add_script(self, js: str) -> None:
        key = hash(js)  # the same inline scripts stand on every page
        if key not in self._scripts_seen:
            self._scripts_seen.add(key)
            words = {w for found in _STRING_WORDS.findall(js) for w in found.split()}
            self.words |= words
            self.var_refs.update(w for w in words if w.startswith("--"))

    def add_stylesheet(self, css: str) -> None:
        """Our own sheets set and use the theme's custom properties: those stay."""
        self.var_refs.update(_VAR.findall(css))

    def requires_all(self) -> _ClassTest:
        return _ClassTest(self.classes | self.words,
                          tuple(w for w in self.words if len(w) > 3 and w.endswith(("-", "_"))))


class _ClassTest:
    def __init__(self, names: set[str], prefixes: tuple[str, ...]) -> None:
        self._names, self._prefixes, self._cache = names, prefixes, {}

    def __call__(self, cls: str) -> bool:
        if cls in self._names:
            return True
        if cls not in self._cache:
            self._cache[cls] = cls.startswith(self._prefixes)
        return self._cache[cls]


def remove_unused(css: str, used: UsedNames, left_out: frozenset[str] = frozenset()) -> str:
    """``css`` (minified or not) without the rules, custom properties and keyframes nothing uses, and
    without the rules and at-rules whose selector or head is in ``left_out``."""
    is_used = used.requires_all()
    rules = [r for r in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
             if _head(r) not in left_out]
    tree = _select(rules, is_used)
    bodies = list(_bodies(tree))
    declarations = [d for body in bodies if not isinstance(body, str) for d in body]
    nested = {ref for body in bodies if isinstance(body, str) for ref in _VAR.findall(body)}
    refs = _referenced_properties(declarations, used.var_refs | nested)
    animations = {t.value for d in declarations if d.lower_name in ("animation", "animation-name")
                  for t in d.value if isinstance(t, IdentToken)}
    return _emit(tree, refs, animations)


def _head(rule) -> str:
    if isinstance(rule, QualifiedRule):
        return tinycss2.serialize(rule.prelude).strip()
    if isinstance(rule, AtRule):
        return f"@{rule.lower_at_keyword} {tinycss2.serialize(rule.prelude).strip()}"
    return ""


def slim(source: Path, target: Path, site_dir: Path, used: UsedNames, cache_dir: Path | None = None,
         left_out: frozenset[str] = frozenset()) -> tuple[int, int]:
    """Write ``source`` without unused rules to ``target``; the site's scripts and other stylesheets
    count as users. With ``cache_dir``, the result for the same sheet, names and code is taken from there
    (most builds change no class; reading the sheet costs about 0.2 s). Returns the sizes before and after."""
    for js in site_dir.glob("assets/javascripts/**/*.js"):
        if not {"lunr", "workers"} & set(js.relative_to(site_dir).parts):  # search workers never touch the page
            used.add_script(js.read_text(encoding="utf-8"))
    for sheet in site_dir.rglob("*.css"):
        if sheet.resolve() != target.resolve():
            used.add_stylesheet(sheet.read_text(encoding="utf-8"))
    css = source.read_text(encoding="utf-8")
    cached = cache_dir / f"{_key(css, used, left_out)}.css" if cache_dir else None
    if cached is not None and cached.is_file():
        out = cached.read_text(encoding="utf-8")
    else:
        out = remove_unused(css, used, left_out)
        if cached is not None:
            write(cached, out.encode())
            prune(cached)  # only the latest result is worth keeping
    target.write_text(out, encoding="utf-8")
    return len(css.encode()), len(out.encode())


def _key(css: str, used: UsedNames, left_out: frozenset[str]) -> str:
    h = hashlib.sha256(Path(__file__).read_bytes())  # new rules of selection, new results
    for part in (css, *sorted(left_out), "\0", *sorted(used.classes), "\0", *sorted(used.words), "\0",
                 *sorted(used.var_refs)):
        h.update(part.encode())
        h.update(b"\n")
    return h.hexdigest()[:20]


# ---------------------------------------------------------------- selection

def _select(rules: Iterable, is_used) -> list:
    """The rules still needed, as (selector text, declarations | None) or (at-rule head, [children])
    or (None, node kept as it is)."""
    out = []
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            kept = [s for s in _selectors(rule.prelude) if all(is_used(c) for c in _required_classes(s))]
            if kept:
                out.append((",".join(tinycss2.serialize(s) for s in kept), _content(rule)))
        elif isinstance(rule, AtRule) and rule.lower_at_keyword in _GROUPS and rule.content is not None:
            inner = _select(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                            is_used)
            if inner:
                out.append(("@" + rule.at_keyword + tinycss2.serialize(rule.prelude), inner))
        else:
            out.append((None, rule))
    return out


def _selectors(prelude: list) -> Iterable[list]:
    current: list = []
    for token in prelude + [LiteralToken(0, 0, ",")]:
        if isinstance(token, LiteralToken) and token.value == ",":
            while current and isinstance(current[0], WhitespaceToken):
                current.pop(0)
            while current and isinstance(current[-1], WhitespaceToken):
                current.pop()
            if current:
                yield current
            current = []
        else:
            current.append(token)


def _required_classes(selector: list) -> Iterable[str]:
    """Classes at the top level of a selector; those in :not(…), :is(…) are functions' arguments."""
    after_dot = False
    for token in selector:
        if after_dot and isinstance(token, IdentToken):
            yield token.value
        after_dot = isinstance(token, LiteralToken) and token.value == "."


def _content(rule: QualifiedRule) -> list[Declaration] | str:
    """The declarations of a rule; nested rules (CSS nesting) keep the block as it is."""
    items = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
    if all(isinstance(i, Declaration) for i in items):
        return items
    return tinycss2.serialize(rule.content)


def _bodies(tree: list) -> Iterable[list[Declaration] | str]:
    for head, body in tree:
        if head is not None and head.startswith("@"):
            yield from _bodies(body)
        elif head is not None:
            yield body


def _referenced_properties(declarations: list[Declaration], outside: set[str]) -> set[str]:
    """Custom properties read by a kept declaration, by our sheets or scripts – and those these read."""
    defined: dict[str, set[str]] = {}
    refs = set(outside)
    for d in declarations:
        found = _VAR.findall(tinycss2.serialize(d.value))
        if d.name.startswith("--"):
            defined.setdefault(d.name, set()).update(found)
        else:
            refs.update(found)
    todo = list(refs)
    while todo:
        for name in defined.get(todo.pop(), ()):
            if name not in refs:
                refs.add(name)
                todo.append(name)
    return refs


# ---------------------------------------------------------------- output

def _emit(tree: list, refs: set[str], animations: set[str]) -> str:
    out = []
    for head, body in tree:
        if head is None:
            if isinstance(body, AtRule) and body.lower_at_keyword.endswith("keyframes") \
                    and tinycss2.serialize(body.prelude).strip() not in animations:
                continue
            out.append(tinycss2.serialize([body]))
        elif head.startswith("@"):
            inner = _emit(body, refs, animations)
            if inner:
                out.append(f"{head}{{{inner}}}")
        elif isinstance(body, str):
            out.append(f"{head}{{{body}}}")
        else:
            kept = [_declaration(d) for d in body if not d.name.startswith("--") or d.name in refs]
            if kept:
                out.append(f"{head}{{{';'.join(kept)}}}")
    return "".join(out)


def _declaration(d: Declaration) -> str:
    return f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}"
