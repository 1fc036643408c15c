"""PLUS+ deadlines as of a build date: the day before, on and after a deadline, none left, none at all.

The deadline day itself still counts as open ("bis einschließlich"). Pages are rendered
from the core (plan + render), without MkDocs; tests/test_plus_site.py builds the real site.
"""
from __future__ import annotations

import dataclasses
import datetime

import pytest
from bs4 import BeautifulSoup

from schulerfolg.data import buildinfo
from schulerfolg.data.fristen import datum_text, kennung, stand
from schulerfolg.data.models import Frist, Plus
from schulerfolg.site import plan as plan_module
from schulerfolg.site.pages import Asset, Context, Page
from schulerfolg.site.parts import start
from schulerfolg.site.parts.plus import plus as plus_part
from schulerfolg.site.plan import plan
from schulerfolg.site.produce import groessen, produce
from schulerfolg.site.render import environment, render

D = datetime.date
FRUEHJAHR = Frist(datum=D(2026, 3, 31), titel="Antragsfrist Frühjahr 2026")
HERBST = Frist(datum=D(2026, 9, 30), titel="Antragsfrist Herbst 2026")


@pytest.mark.parametrize("heute, status, tage, hinweis", [
    (D(2026, 3, 30), "offen", 1, "Morgen ist der letzte Tag."),
    (D(2026, 3, 31), "heute", 0, "Heute ist der letzte Tag."),
    (D(2026, 3, 20), "offen", 11, "Noch 11 Tage."),
])
def test_a_deadline_is_open_up_to_and_including_its_day(heute, status, tage, hinweis):
    s = stand([HERBST, FRUEHJAHR], heute)
    assert s.naechste.frist == FRUEHJAHR
    assert (s.naechste.status, s.naechste.tage, s.naechste.hinweis) == (status, tage, hinweis)
    assert s.vergangene == ()


def test_the_day_after_a_deadline_it_is_past_and_the_next_one_counts():
    s = stand([FRUEHJAHR, HERBST], D(2026, 4, 1))
    assert s.naechste.frist == HERBST
    assert [f.frist for f in s.vergangene] == [FRUEHJAHR]
    assert s.vergangene[0].vorbei and s.vergangene[0].status == "vorbei"
    assert s.vergangene[0].hinweis == "Die Frist ist abgelaufen."


def test_when_every_deadline_is_past_there_is_no_next_one():
    s = stand([FRUEHJAHR, HERBST], D(2026, 10, 1))
    assert s.naechste is None
    assert s.kommende == ()
    assert [f.frist for f in s.vergangene] == [FRUEHJAHR, HERBST]


def test_without_deadlines_nothing_is_next():
    s = stand([], D(2026, 1, 1))
    assert s.naechste is None and s.alle == ()


def test_deadlines_are_sorted_by_date_whatever_order_the_editor_used():
    assert [f.frist for f in stand([HERBST, FRUEHJAHR], D(2026, 1, 1)).alle] == [FRUEHJAHR, HERBST]


def test_dates_and_amounts_are_german():
    assert datum_text(D(2026, 3, 31)) == "Dienstag, 31. März 2026"
    assert Plus(hoechstbetrag=2000).hoechstbetrag_text == "2.000\u00a0€"
    assert Plus(hoechstbetrag=12500).hoechstbetrag_text == "12.500\u00a0€"


def test_a_deadline_name_comes_from_its_day_and_title_only():
    assert kennung(FRUEHJAHR) == "2026-03-31-antragsfrist-fruehjahr-2026"
    assert kennung(Frist(datum=D(2026, 3, 31), titel="Antragsfrist Frühjahr 2026", beschreibung="x")) == kennung(FRUEHJAHR)


def _plus_page(daten, heute: datetime.date) -> BeautifulSoup:
    """The PLUS+ page for the build date ``heute``, with the sizes of its calendar files."""
    teile = list(plus_part(Context(daten, heute)))
    page = next(p for p in teile if isinstance(p, Page))
    text = render(page, daten, groessen(produce([a for a in teile if isinstance(a, Asset)], None)))
    body = text.split("---", 2)[2]  # after the front matter
    return BeautifulSoup(markdown_html_full(body), "html.parser")


def markdown_html_full(text: str) -> str:
    import markdown

    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "def_list", "admonition", "pymdownx.details"])


def _frist_section(soup: BeautifulSoup) -> str:
    return soup.find(id="fristen").find_next("div").get_text(" ", strip=True)


@pytest.mark.parametrize("heute, erwartet", [
    (D(2026, 3, 30), "bis einschließlich Dienstag, 31. März 2026"),
    (D(2026, 3, 31), "bis einschließlich Dienstag, 31. März 2026"),
    (D(2026, 4, 1), "bis einschließlich Mittwoch, 30. September 2026"),
])
def test_plus_page_names_the_next_deadline_for_the_build_date(daten, heute, erwartet):
    soup = _plus_page(daten, heute)
    assert erwartet in _frist_section(soup)
    assert erwartet in soup.find("dl").get_text(" ", strip=True)


def test_plus_page_marks_past_deadlines_as_past(daten):
    soup = _plus_page(daten, D(2026, 4, 1))
    items = soup.select("li.sf-frist")
    assert [("(abgelaufen)" in li.get_text()) for li in items] == [True, False, False]
    assert "sf-frist--vorbei" in items[0]["class"]
    assert items[0].find("a", href=lambda h: h and h.endswith(".ics")) is None  # nothing to remind of
    assert [a["href"] for li in items[1:] for a in li.find_all("a")] == [  # from /plus/, up to the root first
        "../plus/fristen/2026-09-30-antragsfrist-herbst-2026.ics", "../plus/fristen/2027-03-31-antragsfrist-fruehjahr-2027.ics"]


def test_plus_page_says_when_new_dates_come_when_none_is_left(daten):
    soup = _plus_page(daten, D(2027, 4, 1))
    section = _frist_section(soup)
    assert "Zurzeit ist keine Antragsfrist offen." in section
    assert "im Dezember" in section  # from neue_fristen in data/plus.yml
    assert len(soup.select("li.sf-frist--vorbei")) == len(daten.plus.fristen)


def test_plus_page_shows_amount_from_data_not_from_the_template(daten):
    changed = daten.plus.model_copy(update={"hoechstbetrag": 2500})
    text = _plus_page(dataclasses.replace(daten, plus=changed), D(2026, 1, 1)).get_text(" ")
    assert "2.500\u00a0€" in text and "2.000" not in text


def _partial(daten, heute: datetime.date, basis: str) -> BeautifulSoup:
    """The start page's deadline box, with the context the start page gets on the build date ``heute``."""
    seite = next(start.start(Context(daten, heute)))
    html = environment().get_template("partials/naechste-frist.html.j2").render(daten=daten, basis=basis, **seite.context)
    return BeautifulSoup(markdown_html_full(html), "html.parser")


def test_start_page_partial_shows_the_next_deadline_and_its_calendar_file(daten):
    soup = _partial(daten, D(2026, 9, 30), basis="../")
    text = soup.get_text(" ", strip=True)
    assert "bis einschließlich Mittwoch, 30. September 2026" in text
    assert "Heute ist der letzte Tag." in text
    assert "Bis zu 2.000\u00a0€" in text
    assert [a["href"] for a in soup.find_all("a")] == [
        "../plus/", "../plus/#formulare", "../plus/fristen/2026-09-30-antragsfrist-herbst-2026.ics"]


def test_start_page_partial_without_deadlines_left_says_when_new_ones_come(daten):
    soup = _partial(daten, D(2027, 4, 1), basis="")
    text = soup.get_text(" ", strip=True)
    assert "Zurzeit ist keine Antragsfrist offen." in text and "im Dezember" in text
    assert [a["href"] for a in soup.find_all("a")] == ["plus/", "plus/#formulare"]


def test_build_date_follows_source_date_epoch(monkeypatch, daten):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2026, 4, 1, 12, tzinfo=datetime.timezone.utc).timestamp())))
    assert buildinfo.build_date() == D(2026, 4, 1)
    monkeypatch.setattr(plan_module, "PARTS", [plus_part])  # only PLUS+: the photos need not be encoded here
    site = plan(daten)  # no date given: the build date
    assert site.today == D(2026, 4, 1)
    page = next(p for p in site.pages if p.path == "plus/index.md")
    assert page.context["stand"].naechste.frist.datum == D(2026, 9, 30)
